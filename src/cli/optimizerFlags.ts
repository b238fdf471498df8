import type { TorchResume } from '../config';
import type { FlagSpec, FlagValues } from './flags';
import { parseFloat32Number, parseNumberList } from './numbers';
import { UsageError } from './usageError';
import type {
  HyperparameterFlag,
  OptimizerDefinition,
  ResolvedOptimizer,
  TakenFlag,
  Value,
} from '../optimizers/optimizer';
import { OPTIMIZER_NAMES, OPTIMIZERS, optimizerNamed, TF_TRAIN_OPTIMIZERS } from '../optimizers/registry';
import { TORCH_OPTIMIZERS } from '../optimizers/torch';

/**
 * `--optimizer` and the hyperparameter flags. tf.train optimizers take TF.js's names (`--beta1`,
 * `--epsilon`, `--decay`), `torch.*` optimizers torch.optim's (`--betas`, `--eps`,
 * `--weight-decay`): spell a hyperparameter as the library you port from spells it.
 */

function describeValue(value: Value): string {
  return typeof value === 'object' ? value.join(',') : String(value);
}

/** Every flag name any optimizer takes, once, in the order they first appear. */
function hyperparameterFlagNames(): string[] {
  return [...new Set(OPTIMIZERS.flatMap((optimizer) => optimizer.flags.map((flag) => flag.flag)))];
}

function takers(flag: string, among: readonly OptimizerDefinition[] = OPTIMIZERS): OptimizerDefinition[] {
  return among.filter((optimizer) => optimizer.flags.some((f) => f.flag === flag));
}

function flagOf(optimizer: OptimizerDefinition, flag: string): TakenFlag | undefined {
  return optimizer.flags.find((f) => f.flag === flag);
}

/** The help of one flag: what it means, and each optimizer's default ("adam 0.9, adamax 0.9"). */
function hyperparameterHelp(flag: string): FlagSpec {
  const takenBy = takers(flag);
  const first = flagOf(takenBy[0], flag);
  const meanings = [...new Set(takenBy.map((optimizer) => flagOf(optimizer, flag)?.meaning))];
  // Optimizers grouped by their default: "0.1 (sgd, adam), 0.001 (torch.sgd)".
  const byDefault = new Map<string, string[]>();
  for (const optimizer of takenBy) {
    const value = describeValue(optimizer.defaults.tfjs[flagOf(optimizer, flag)?.key ?? '']);
    byDefault.set(value, [...(byDefault.get(value) ?? []), optimizer.name]);
  }
  const defaults = [...byDefault].map(([value, names]) => `${value} (${names.join(', ')})`);
  const value = first?.kind === 'boolean' ? undefined : first?.kind === 'pair' ? 'B1,B2' : 'N';
  const meaning = meanings.length === 1 ? meanings[0] : meanings.join('; or ');
  return { name: flag, value, help: `${meaning}; default: ${defaults.join(', ')}` };
}

/** The `--optimizer` flag and every hyperparameter flag, for `train`'s help and parser. */
export function optimizerFlagSpecs(): FlagSpec[] {
  return [
    {
      name: 'optimizer',
      value: 'NAME',
      help: `${OPTIMIZER_NAMES.join(', ')} (default sgd); a comma list compares them (Compare.png); all is tf.train's seven, torch.all the nine torch.* ones`,
    },
    ...hyperparameterFlagNames().map(hyperparameterHelp),
  ];
}

/** `--optimizer`: one name, a comma list, `all` or `torch.all`. */
export function parseOptimizers(text: string): OptimizerDefinition[] {
  const chosen = text.split(',').flatMap((part) => {
    const name = part.trim();
    if (name === 'all') return [...TF_TRAIN_OPTIMIZERS];
    if (name === 'torch.all') return [...TORCH_OPTIMIZERS];
    const optimizer = optimizerNamed(name);
    if (optimizer === undefined)
      throw new UsageError(`--optimizer must be one of ${OPTIMIZER_NAMES.join(', ')}, all, torch.all, got "${name}"`);
    return [optimizer];
  });
  const repeated = chosen.find((optimizer, i) => chosen.indexOf(optimizer) !== i);
  if (repeated) throw new UsageError(`--optimizer names ${repeated.name} twice`);
  return chosen;
}

function parseValue(flag: HyperparameterFlag, raw: string | true): Value {
  if (flag.kind === 'boolean') return true;
  const text = typeof raw === 'string' ? raw : '';
  if (flag.kind === 'number') return parseFloat32Number(flag.flag, text);
  const pair = parseNumberList(flag.flag, text);
  if (pair.length !== 2) throw new UsageError(`--${flag.flag} must be two numbers like 0.9,0.999, got "${text}"`);
  return [pair[0], pair[1]];
}

function domainProblem(flag: HyperparameterFlag, value: Value, raw: string | true): string | null {
  if (flag.domain === undefined || typeof value === 'boolean') return null;
  const numbers = typeof value === 'number' ? [value] : value;
  if (numbers.every((v) => flag.domain?.accepts(v))) return null;
  const words =
    typeof value === 'number'
      ? flag.domain.words
      : `must be two numbers that each ${flag.domain.words.replace(/^must /, '')}`;
  return `--${flag.flag} ${words}, got "${String(raw)}"`;
}

/**
 * The hyperparameter flags given, checked against the chosen optimizers (one of them must take
 * each, in one meaning) and each one's domain, then every optimizer resolved with them.
 */
export function resolveOptimizers(
  values: FlagValues,
  optimizers: readonly OptimizerDefinition[],
  resume?: TorchResume,
): ResolvedOptimizer[] {
  const given = new Map<string, Value>();
  for (const name of hyperparameterFlagNames()) {
    const raw = values[name];
    if (raw === undefined) continue;
    const takenBy = takers(name, optimizers);
    if (takenBy.length === 0) throw new UsageError(notTaken(name, optimizers));
    const flags = takenBy.map((optimizer) => flagOf(optimizer, name)).filter((f): f is TakenFlag => f !== undefined);
    const meanings = new Set(flags.map((f) => f.meaning));
    if (meanings.size > 1) {
      const each = takenBy.map((optimizer, i) => `${flags[i].meaning} to ${optimizer.name}`).join(' and ');
      throw new UsageError(`--${name} means ${each}: compare them in separate runs`);
    }
    const value = parseValue(flags[0], raw);
    for (const flag of flags) {
      const problem = domainProblem(flag, value, raw);
      if (problem) throw new UsageError(problem);
    }
    given.set(name, value);
  }
  return optimizers.map((optimizer) => {
    const own = new Map([...given].filter(([flag]) => optimizer.flags.some((f) => f.flag === flag)));
    const resolved = optimizer.resolve(own, resume);
    if (typeof resolved === 'string') throw new UsageError(resolved);
    return resolved;
  });
}

/** Why no chosen optimizer takes `flag`, with what they do take (and the other vocabulary's word for it). */
function notTaken(flag: string, optimizers: readonly OptimizerDefinition[]): string {
  if (optimizers.length > 1)
    return `--${flag} applies to none of --optimizer ${optimizers.map((o) => o.name).join(',')}`;
  const [optimizer] = optimizers;
  const takes = optimizer.flags.map((f) => `--${f.flag}`).join(', ');
  const vocabulary =
    optimizer.vocabulary === 'torch'
      ? "torch.* optimizers take torch.optim's argument names"
      : "tf.train optimizers take TF.js's argument names";
  return `--${flag} does not apply to --optimizer ${optimizer.name} (it takes ${takes}; ${vocabulary})`;
}
