import type { Call, Expr, Lambda } from '../python';
import { PortInputError, at } from './errors';

/**
 * A Python lambda as a TypeScript arrow function of numbers: `lambda epoch: 0.95 ** epoch` is
 * `(epoch: number) => 0.95 ** epoch`. The subset is the one the project's lambdas understand
 * (src/python/evaluate.ts), translated to what gives the same numbers on JavaScript's doubles:
 *
 * - `//` is Math.floor(a / b) and `%` is a − b·Math.floor(a / b) (Python floors; JavaScript's %
 *   truncates): exact for the integers schedules count in, within an ulp for floats;
 * - comparisons and `not` give 1 or 0, as a Python bool counts in arithmetic; a number's truth is
 *   `!== 0` (Python's: NaN is true, as `NaN !== 0`); `and`/`or` give an operand, as Python's do;
 * - abs, min, max, int, float, math.floor/ceil/cos/sin/exp/sqrt/log and math's constants map to
 *   Math. round() (half to even in Python) has no Math counterpart and is refused by name.
 *
 * What Python raises (a division by zero, a negative number to a fractional power) gives Infinity
 * or NaN in JavaScript instead; a schedule that divides by zero is broken in both.
 */

const CONSTANTS: Readonly<Record<string, string>> = {
  'math.pi': 'Math.PI',
  'math.e': 'Math.E',
  'math.tau': '(2 * Math.PI)',
  'math.inf': 'Infinity',
  'math.nan': 'NaN',
};

const FUNCTIONS: Readonly<Record<string, string>> = {
  abs: 'Math.abs',
  min: 'Math.min',
  max: 'Math.max',
  int: 'Math.trunc',
  'math.floor': 'Math.floor',
  'math.ceil': 'Math.ceil',
  'math.cos': 'Math.cos',
  'math.sin': 'Math.sin',
  'math.exp': 'Math.exp',
  'math.sqrt': 'Math.sqrt',
};

/** A number literal as JavaScript writes it. */
function numberText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  return String(value);
}

class Translator {
  constructor(private readonly params: readonly string[]) {}

  /** An expression whose value is a number. */
  number(expr: Expr): string {
    switch (expr.kind) {
      case 'Number':
        return numberText(expr.value);
      case 'Bool':
        return expr.value ? '1' : '0';
      case 'Name':
        if (this.params.includes(expr.name)) return expr.name;
        if (CONSTANTS[expr.name] !== undefined) return CONSTANTS[expr.name];
        throw new PortInputError(`unknown name ${expr.name} ${at(expr.span)} in a lambda`);
      case 'UnaryOp':
        if (expr.op === 'not') return `(${this.truth(expr.operand)} ? 0 : 1)`;
        return `(${expr.op}${this.number(expr.operand)})`;
      case 'BinaryOp': {
        const [a, b] = [this.number(expr.left), this.number(expr.right)];
        if (expr.op === '//') return `Math.floor(${a} / ${b})`;
        if (expr.op === '%') return `(${a} - ${b} * Math.floor(${a} / ${b}))`;
        return `(${a} ${expr.op} ${b})`;
      }
      case 'Compare':
      case 'BoolOp':
        if (expr.kind === 'BoolOp') {
          const [first, ...rest] = expr.values.map((v) => this.number(v));
          // Python's `a and b` is a when a is false, else b; `a or b` is a when a is true, else b.
          return rest.reduce(
            (left, right) =>
              expr.op === 'and' ? `(${left} !== 0 ? ${right} : ${left})` : `(${left} !== 0 ? ${left} : ${right})`,
            first,
          );
        }
        return `(${this.truth(expr)} ? 1 : 0)`;
      case 'IfExp':
        return `(${this.truth(expr.test)} ? ${this.number(expr.body)} : ${this.number(expr.orelse)})`;
      case 'Call':
        return this.call(expr);
      default:
        throw new PortInputError(`${expr.span.text} ${at(expr.span)} is not a number in a lambda`);
    }
  }

  /** An expression whose value is a boolean: Python's truth of it. */
  truth(expr: Expr): string {
    if (expr.kind === 'Compare') {
      const operands = [expr.left, ...expr.comparators].map((e) => this.number(e));
      const links = expr.ops.map((op, i) => {
        const js = op === '==' ? '===' : op === '!=' ? '!==' : op;
        return `${operands[i]} ${js} ${operands[i + 1]}`;
      });
      return links.length === 1 ? links[0] : `(${links.join(' && ')})`;
    }
    if (expr.kind === 'UnaryOp' && expr.op === 'not') return `!${this.truth(expr.operand)}`;
    return `${this.number(expr)} !== 0`;
  }

  private call(call: Call): string {
    if (call.kwargs.length > 0)
      throw new PortInputError(`${call.callee}() takes no keyword arguments ${at(call.span)}`);
    const [first] = call.args;
    if (call.callee === 'float' && first?.kind === 'String') {
      // float('inf') and the like: the number the string names (the reader has checked it is one).
      const text = first.value.trim().toLowerCase().replace(/^\+/, '');
      if (/^-?inf(inity)?$/.test(text)) return text.startsWith('-') ? '-Infinity' : 'Infinity';
      if (/^-?nan$/.test(text)) return 'NaN';
      return numberText(Number(text.replace(/_/g, '')));
    }
    const args = call.args.map((a) => this.number(a));
    if (call.callee === 'float') return args.length === 0 ? '0' : args[0];
    if (call.callee === 'math.log')
      return args.length === 2 ? `(Math.log(${args[0]}) / Math.log(${args[1]}))` : `Math.log(${args[0]})`;
    const fn = FUNCTIONS[call.callee];
    if (fn === undefined) {
      const why = call.callee === 'round' ? ': Python rounds half to even, Math.round half up' : '';
      throw new PortInputError(`${call.callee}() ${at(call.calleeSpan)} is not translated to TypeScript${why}`);
    }
    return `${fn}(${args.join(', ')})`;
  }
}

/** `lambda epoch: …` as `(epoch: number) => …`. */
export function lambdaText(lambda: Lambda): string {
  const translator = new Translator(lambda.params);
  const params = lambda.params.map((p) => `${p}: number`).join(', ');
  const body = translator.number(lambda.body);
  // One pair of outer brackets is noise: `(epoch: number) => (0.95 ** epoch)`.
  return `(${params}) => ${enclosed(body) ? body.slice(1, -1) : body}`;
}

/** Whether `text` is one bracketed group: its first bracket closes at its last character. */
function enclosed(text: string): boolean {
  if (!text.startsWith('(')) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    if (depth === 0) return i === text.length - 1;
  }
  return false;
}
