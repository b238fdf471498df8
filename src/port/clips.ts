import { literalValue, type Expr } from '../python';
import { bindArguments } from './bind';
import { PortInputError, at, oneLine, readingPython } from './errors';
import type { ClipStatement } from './read';
import { CLIP_SIGNATURES, type ClipSignature } from './signatures';

/**
 * torch.nn.utils.clip_grad_norm_ / clip_grad_value_ calls read as torch reads them, for
 * @optim-mirror/torch's clipGradNorm / clipGradValue, which clip every gradient of the step
 * together as torch does (TF.js has no clipping across variables).
 */

export interface ClipArgument {
  name: string;
  given: boolean;
  /** As written, on one line; null when not given. */
  text: string | null;
  value: number | boolean | string | null;
  torchDefault: number | boolean | null | undefined;
}

export type ClipPlan = {
  statement: ClipStatement;
  signature: ClipSignature;
  arguments: ClipArgument[];
} & (
  | { fn: 'clip_grad_norm_'; maxNorm: number; normType: number; errorIfNonfinite: boolean }
  | { fn: 'clip_grad_value_'; clipValue: number }
);

const DEFAULTS: Readonly<Record<string, number | boolean | null>> = {
  norm_type: 2,
  error_if_nonfinite: false,
  foreach: null,
};

function positive(fn: string, name: string, expr: Expr, infinityAllowed: boolean): number {
  const value = readingPython(() => literalValue(expr));
  const ok =
    typeof value === 'number' && value > 0 && (Number.isFinite(value) || (infinityAllowed && value === Infinity));
  if (ok) return value;
  const rule = infinityAllowed ? "a number > 0 or float('inf')" : 'a finite number > 0';
  throw new PortInputError(`${fn}: ${name} must be ${rule}, got ${oneLine(expr.span.text)} ${at(expr.span)}`);
}

function flag(fn: string, name: string, expr: Expr, noneAllowed: boolean): boolean | null {
  const value = readingPython(() => literalValue(expr));
  if (typeof value === 'boolean' || (noneAllowed && value === null)) return value;
  throw new PortInputError(`${fn}: ${name} must be True or False, got ${oneLine(expr.span.text)} ${at(expr.span)}`);
}

export function readClip(statement: ClipStatement): ClipPlan {
  const signature = CLIP_SIGNATURES.find((s) => s.torch === statement.fn);
  if (signature === undefined) throw new Error(`no signature for ${statement.fn}`);
  const fn = signature.torch;
  const bound = bindArguments(statement.call, {
    name: fn,
    positional: signature.positional,
    keywordOnly: signature.switches.map((s) => s.torch),
    required: signature.required,
  });
  const values = new Map<string, number | boolean | null>();
  const read = (name: string, expr: Expr): number | boolean | string | null => {
    switch (name) {
      case 'parameters':
        return oneLine(expr.span.text);
      case 'max_norm':
        return positive(fn, name, expr, false);
      case 'norm_type':
        return positive(fn, name, expr, true);
      case 'clip_value':
        return positive(fn, name, expr, false);
      case 'error_if_nonfinite':
        return flag(fn, name, expr, false);
      default:
        return flag(fn, name, expr, true);
    }
  };
  const names = [...signature.positional, ...signature.switches.map((s) => s.torch)];
  const args: ClipArgument[] = names.map((name) => {
    const given = bound.get(name);
    const value = given === undefined ? (DEFAULTS[name] ?? null) : read(name, given.expr);
    if (typeof value !== 'string') values.set(name, value);
    return {
      name,
      given: given !== undefined,
      text: given === undefined ? null : oneLine(given.expr.span.text),
      value,
      torchDefault: name in DEFAULTS ? DEFAULTS[name] : undefined,
    };
  });
  const number = (name: string): number => Number(values.get(name));
  if (fn === 'clip_grad_norm_') {
    return {
      statement,
      signature,
      arguments: args,
      fn,
      maxNorm: number('max_norm'),
      normType: number('norm_type'),
      errorIfNonfinite: values.get('error_if_nonfinite') === true,
    };
  }
  return { statement, signature, arguments: args, fn, clipValue: number('clip_value') };
}
