import { runInThisContext } from 'node:vm';
import * as ts from 'typescript';
import { compileLambda, parseExpression, type Lambda } from '../../src/python';
import { lambdaText } from '../../src/port/lambdaText';

/**
 * A lambda the port prints computes what the Python reader computes (src/python's own arithmetic,
 * Python's semantics) at the epochs and steps a schedule passes it: the same double, to the bit.
 */

function translated(source: string): { text: string; fn: (...args: number[]) => number } {
  const text = lambdaText(parseExpression(source) as Lambda);
  const js = ts.transpileModule(`module.exports = ${text};`, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const module = { exports: {} as unknown };
  (runInThisContext(`(function (module) {\n${js}\n})`) as (m: typeof module) => void)(module);
  return { text, fn: module.exports as (...args: number[]) => number };
}

test.each([
  ['lambda epoch: 0.95 ** epoch', '(epoch: number) => 0.95 ** epoch'],
  ['lambda e: 0.97 ** (e // 10)', '(e: number) => 0.97 ** Math.floor(e / 10)'],
  ['lambda step: min(1.0, (step + 1) / 100)', '(step: number) => Math.min(1, ((step + 1) / 100))'],
  ['lambda s: 1.0 if s < 10 else 0.1', '(s: number) => s < 10 ? 1 : 0.1'],
  ['lambda s: 0.5 * (1 + math.cos(math.pi * s / 50))', '(s: number) => 0.5 * (1 + Math.cos(((Math.PI * s) / 50)))'],
])('%s is printed as %s', (source, text) => {
  expect(translated(source).text).toBe(text);
});

test.each([
  'lambda epoch: 0.95 ** epoch',
  'lambda e: 0.97 ** (e // 10)',
  'lambda e: (e % 7) / 7 - (e // 3) % 2',
  'lambda step: min(1.0, (step + 1) / 100)',
  'lambda s: max(0.1, 1 - s / 80, 0.2)',
  'lambda s: 1.0 if s < 10 else 0.1 if s < 40 else 0.01',
  'lambda s: (s > 5 and s < 30) * 0.5 + (s >= 30 or 0.25)',
  'lambda s: not s % 5',
  'lambda s: 0 < s <= 20',
  'lambda s: 0.5 * (1 + math.cos(math.pi * s / 50))',
  'lambda s: math.exp(-s / 20) + math.log(s + 1, 2) / 10 + math.sqrt(s) / 100',
  'lambda s: abs(s - 25) / 25 + int(s / 7) + math.floor(s / 3) - math.ceil(s / 4) + float(s)',
  "lambda s: min(float('inf'), math.tau * s)",
  'lambda s: -s ** 2 / 100 + (-2) ** (s % 3)',
])('%s: the same number as Python at every epoch 0…120', (source) => {
  const python = compileLambda(parseExpression(source));
  const { fn } = translated(source);
  for (let epoch = 0; epoch <= 120; epoch++) expect(fn(epoch)).toBe(python(epoch));
});

test('round() has no Math counterpart (Python rounds half to even): refused by name', () => {
  expect(() => translated('lambda s: round(s / 10)')).toThrow(/^round\(\) at 1:11 is not translated to TypeScript/);
});
