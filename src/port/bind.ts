import type { Call, Expr } from '../python';
import { PortInputError, at } from './errors';

/** A function's parameters as Python binds a call to them. */
export interface Parameters {
  /** For messages: `SGD`, `clip_grad_norm_`. */
  name: string;
  /** Bound by position, in order (then by keyword too). */
  positional: readonly string[];
  /** Bound by keyword only. */
  keywordOnly: readonly string[];
  required: readonly string[];
}

/** An argument as given: its expression, and whether it came by keyword. */
export interface GivenArgument {
  expr: Expr;
  keyword: boolean;
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** ` (did you mean 'x'?)` for a near miss among `known`, else ''. */
export function didYouMean(given: string, known: readonly string[]): string {
  const plain = (s: string): string => s.toLowerCase().replace(/_/g, '');
  const match =
    known.find((name) => plain(name) === plain(given)) ??
    known.find((name) => distance(name.toLowerCase(), given.toLowerCase()) <= 2);
  return match === undefined ? '' : ` (did you mean '${match}'?)`;
}

/**
 * The arguments of `call` by parameter name, bound as Python binds them: positionals in order,
 * then keywords; too many positionals, an unknown or repeated keyword and a missing required
 * argument are a PortInputError naming the function and the argument, as Python's TypeError does.
 */
export function bindArguments(call: Call, parameters: Parameters): Map<string, GivenArgument> {
  const { name, positional, keywordOnly, required } = parameters;
  const bound = new Map<string, GivenArgument>();
  if (call.args.length > positional.length) {
    const extra = call.args[positional.length];
    throw new PortInputError(
      `${name}: takes at most ${positional.length} positional arguments (${positional.join(', ')}), got ${call.args.length}; the one ${at(extra.span)} must go by keyword`,
    );
  }
  call.args.forEach((expr, i) => bound.set(positional[i], { expr, keyword: false }));
  const known = [...positional, ...keywordOnly];
  for (const keyword of call.kwargs) {
    if (!known.includes(keyword.name)) {
      const hint = didYouMean(keyword.name, known) || ` (it takes ${known.join(', ')})`;
      throw new PortInputError(`${name}: unexpected keyword argument '${keyword.name}' ${at(keyword.span)}${hint}`);
    }
    if (bound.has(keyword.name)) {
      throw new PortInputError(`${name}: got multiple values for argument '${keyword.name}' ${at(keyword.span)}`);
    }
    bound.set(keyword.name, { expr: keyword.value, keyword: true });
  }
  const missing = required.filter((parameter) => !bound.has(parameter));
  if (missing.length > 0) {
    const list = missing.map((m) => `'${m}'`).join(' and ');
    throw new PortInputError(
      `${name}: missing required argument${missing.length > 1 ? 's' : ''} ${list} ${at(call.span)}`,
    );
  }
  return bound;
}
