import type { OptionSpec } from '@optim-mirror/torch/reference';
import { literalValue, type Expr, type LiteralValue } from '../python';
import { bindArguments } from './bind';
import { PortInputError, at, oneLine, readingPython } from './errors';
import type { OptimizerStatement } from './read';
import {
  NOT_IN_1_13,
  optionOf,
  signatureOf,
  type KernelSwitch,
  type OptimizerSignature,
  type TorchOptimizerName,
} from './signatures';

/**
 * The optimizer's construction read as torch reads it: every argument bound to its name, given or
 * defaulted, each value checked against the domain and rules torch enforces (the library's
 * OptionSpecs), in torch's spelling.
 */

export type OptionValue = number | boolean | readonly [number, number];
export type SwitchValue = boolean | null;

interface ArgumentBase {
  /** torch's name. */
  name: string;
  given: boolean;
  /** The Python source as written, on one line; null when not given. */
  text: string | null;
}

/** `params`: the parameters, taken as written (not evaluated). */
export interface ParamsArgument extends ArgumentBase {
  kind: 'params';
  text: string;
}
/** An option of the rule: lr, betas, weight_decay… */
export interface OptionArgument extends ArgumentBase {
  kind: 'option';
  /** The library's option name (camelCase). */
  key: string;
  spec: OptionSpec;
  value: OptionValue;
  torchDefault: OptionValue;
  /** Only PyTorch 2.x takes it (NAdam's maximize). */
  onlyIn2x: boolean;
}
/** A kernel switch: foreach, capturable, differentiable, fused, decoupled_weight_decay. */
export interface SwitchArgument extends ArgumentBase {
  kind: 'switch';
  value: SwitchValue;
  torchDefault: SwitchValue;
  since: KernelSwitch['since'];
}
export type TorchArgument = ParamsArgument | OptionArgument | SwitchArgument;

export interface OptimizerCall {
  statement: OptimizerStatement;
  /** The class as written. */
  writtenClass: TorchOptimizerName;
  /** The rule that computes it: AdamW for Adam(decoupled_weight_decay=True), else the class written. */
  className: TorchOptimizerName;
  /** Every option of that rule, by the library's names: as given, else torch's default. */
  options: Record<string, OptionValue>;
  /** Every argument of the class written, in its signature's order. */
  arguments: TorchArgument[];
}

function show(value: LiteralValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return `(${value.map(show).join(', ')})`;
  return typeof value === 'string' ? `'${value}'` : String(value);
}

function optionValue(className: string, name: string, spec: OptionSpec, expr: Expr): OptionValue {
  const value = readingPython(() => literalValue(expr));
  const where = at(expr.span);
  const fail = (rule: string): never => {
    throw new PortInputError(`${className}: ${name} ${rule}, got ${show(value)} ${where}`);
  };
  switch (spec.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? value : fail('must be True or False');
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail('must be a finite number');
      return spec.domain.accepts(value) ? value : fail(spec.domain.words);
    case 'pair': {
      const [first, second]: LiteralValue[] = Array.isArray(value) && value.length === 2 ? value : [];
      const pair: readonly [number, number] =
        typeof first === 'number' && typeof second === 'number' && Number.isFinite(first) && Number.isFinite(second)
          ? [first, second]
          : fail('must be two finite numbers');
      return pair.every((v) => spec.domain.accepts(v))
        ? pair
        : fail(`must be two numbers, each ${spec.domain.words.replace(/^must be /, '')}`);
    }
  }
}

function switchValue(className: string, switchArg: KernelSwitch, expr: Expr): SwitchValue {
  const value = readingPython(() => literalValue(expr));
  if (typeof value === 'boolean' || (value === null && switchArg.default === null)) return value;
  const allowed = switchArg.default === null ? 'None, True or False' : 'True or False';
  throw new PortInputError(`${className}: ${switchArg.torch} must be ${allowed}, got ${show(value)} ${at(expr.span)}`);
}

/** The optimizer statement read: a PortInputError naming the argument for anything torch would refuse. */
export function readOptimizerCall(statement: OptimizerStatement): OptimizerCall {
  const writtenClass = statement.className;
  const signature: OptimizerSignature = signatureOf(writtenClass);
  const bound = bindArguments(statement.call, {
    name: writtenClass,
    positional: ['params', ...signature.positional],
    keywordOnly: [...signature.keywordOnly, ...signature.switches.map((s) => s.torch)],
    required: ['params'],
  });
  const paramsExpr = bound.get('params');
  if (paramsExpr === undefined) throw new Error('params is required');
  const args: TorchArgument[] = [
    { kind: 'params', name: 'params', given: true, text: oneLine(paramsExpr.expr.span.text) },
  ];
  const options: Record<string, OptionValue> = {};
  for (const name of [...signature.positional, ...signature.keywordOnly]) {
    const option = optionOf(signature, name);
    if (option === null) throw new Error(`${writtenClass} has no option ${name}`);
    const given = bound.get(name);
    const torchDefault = option.spec.default;
    const value = given === undefined ? torchDefault : optionValue(writtenClass, name, option.spec, given.expr);
    options[option.key] = value;
    args.push({
      kind: 'option',
      name,
      key: option.key,
      spec: option.spec,
      given: given !== undefined,
      text: given === undefined ? null : oneLine(given.expr.span.text),
      value,
      torchDefault,
      onlyIn2x: NOT_IN_1_13[writtenClass]?.includes(name) === true,
    });
  }
  for (const switchArg of signature.switches) {
    const given = bound.get(switchArg.torch);
    args.push({
      kind: 'switch',
      name: switchArg.torch,
      given: given !== undefined,
      text: given === undefined ? null : oneLine(given.expr.span.text),
      value: given === undefined ? switchArg.default : switchValue(writtenClass, switchArg, given.expr),
      torchDefault: switchArg.default,
      since: switchArg.since,
    });
  }
  const problem = signature.rule.rules.find((rule) => rule.violated(options as never));
  if (problem) {
    const torchName = (key: string): string =>
      Object.entries<OptionSpec>(signature.rule.options).find(([k]) => k === key)?.[1].torch ?? key;
    throw new PortInputError(`${writtenClass}: ${problem.message(torchName)} ${at(statement.call.span)}`);
  }
  const decoupled = args.find((a) => a.kind === 'switch' && a.name === 'decoupled_weight_decay');
  let className = writtenClass;
  if (decoupled?.kind === 'switch' && decoupled.value === true && options.weightDecay !== 0) {
    if (writtenClass !== 'Adam') {
      throw new PortInputError(
        `${writtenClass}: decoupled_weight_decay=True (${writtenClass}W, PyTorch 2.x) is not in @optim-mirror/torch ${at(statement.call.span)}`,
      );
    }
    // Adam with decoupled weight decay is AdamW's rule, with the weight decay as given (Adam's default 0).
    className = 'AdamW';
  }
  return { statement, writtenClass, className, options, arguments: args };
}
