import { parseStatements, type Call, type Statement } from '../python';
import { didYouMean } from './bind';
import { PortInputError, at, readingPython } from './errors';
import { torchLibrary } from './library';
import { CLIP_SIGNATURES, OPTIMIZER_NAMES, UNPORTED_OPTIMIZERS, type TorchOptimizerName } from './signatures';

/**
 * The pasted lines sorted into what the port translates: the optimizer's construction, the
 * scheduler's (one, possibly built from earlier named ones) and the clipping calls, each with its
 * statement so messages and comments can quote it. Names are accepted with the prefixes PyTorch
 * code writes: `torch.optim.` or `optim.` (or none) for optimizers, also `lr_scheduler.` for
 * schedulers, `torch.nn.utils.` or `nn.utils.` for clipping.
 */

export interface PortedStatement {
  statement: Statement;
  call: Call;
  /** What the statement assigns to (`opt = …`), or null. */
  target: string | null;
}

export interface OptimizerStatement extends PortedStatement {
  className: TorchOptimizerName;
}
export interface SchedulerStatement extends PortedStatement {
  className: string;
}
export interface ClipStatement extends PortedStatement {
  fn: 'clip_grad_norm_' | 'clip_grad_value_';
}

export interface PortStatements {
  optimizer: OptimizerStatement;
  /** In the order written. */
  schedulers: SchedulerStatement[];
  clips: ClipStatement[];
}

const OPTIMIZER_PREFIXES = ['', 'optim.', 'torch.optim.'];
const SCHEDULER_PREFIXES = ['lr_scheduler.', 'optim.lr_scheduler.', 'torch.optim.lr_scheduler.'];
const CLIP_PREFIXES = ['', 'nn.utils.', 'torch.nn.utils.'];
const CLIP_NAMES = CLIP_SIGNATURES.map((s) => s.torch);

type Kind =
  | { kind: 'optimizer'; className: TorchOptimizerName }
  | { kind: 'scheduler'; className: string }
  | { kind: 'clip'; fn: ClipStatement['fn'] };

function withoutPrefix(callee: string, prefixes: readonly string[]): string | null {
  // Longest prefix first: `torch.optim.lr_scheduler.X` is not `torch.optim.` + `lr_scheduler.X`.
  const prefix = [...prefixes].sort((a, b) => b.length - a.length).find((p) => callee.startsWith(p));
  if (prefix === undefined) return null;
  const rest = callee.slice(prefix.length);
  return rest.includes('.') ? null : rest;
}

const KNOWN_FORMS =
  'port reads torch.optim optimizers (torch.optim.AdamW(...)), torch.optim.lr_scheduler schedulers and torch.nn.utils.clip_grad_norm_ / clip_grad_value_';

function classify(call: Call): Kind {
  const { callee } = call;
  const { SCHEDULER_NAMES } = torchLibrary();
  const schedulerName = withoutPrefix(callee, SCHEDULER_PREFIXES);
  if (schedulerName !== null) {
    if ((SCHEDULER_NAMES as readonly string[]).includes(schedulerName))
      return { kind: 'scheduler', className: schedulerName };
    throw new PortInputError(
      `unknown scheduler '${callee}' ${at(call.calleeSpan)}${didYouMean(schedulerName, SCHEDULER_NAMES)} (known: ${SCHEDULER_NAMES.join(', ')})`,
    );
  }
  const bare = withoutPrefix(callee, OPTIMIZER_PREFIXES);
  if (bare !== null && (OPTIMIZER_NAMES as readonly string[]).includes(bare)) {
    return { kind: 'optimizer', className: bare as TorchOptimizerName };
  }
  if (bare !== null && !callee.includes('.') && (SCHEDULER_NAMES as readonly string[]).includes(bare)) {
    return { kind: 'scheduler', className: bare };
  }
  const clipName = withoutPrefix(callee, CLIP_PREFIXES);
  if (clipName !== null && (CLIP_NAMES as readonly string[]).includes(clipName)) {
    return { kind: 'clip', fn: clipName as ClipStatement['fn'] };
  }
  if (bare !== null && callee.includes('.')) {
    // torch.optim.X or optim.X that is not one of the nine.
    const why = UNPORTED_OPTIMIZERS[bare] === undefined ? '' : `: ${UNPORTED_OPTIMIZERS[bare]}`;
    throw new PortInputError(
      `unknown optimizer '${callee}' ${at(call.calleeSpan)}${why}${why ? '' : didYouMean(bare, OPTIMIZER_NAMES)} (known: ${OPTIMIZER_NAMES.join(', ')})`,
    );
  }
  if (/\.(step|zero_grad|backward)$/.test(callee)) {
    throw new PortInputError(
      `'${callee}()' ${at(call.calleeSpan)} is a training-loop call: give only the lines that build the optimizer, its scheduler and the clipping (the printed trainStep shows where each step goes)`,
    );
  }
  const hint = didYouMean(callee.split('.').pop() ?? callee, [...OPTIMIZER_NAMES, ...SCHEDULER_NAMES, ...CLIP_NAMES]);
  throw new PortInputError(`unknown call '${callee}' ${at(call.calleeSpan)}${hint}: ${KNOWN_FORMS}`);
}

/** The statements of `source`, sorted; a PortInputError for anything else, or a missing optimizer. */
export function readStatements(source: string): PortStatements {
  const statements = readingPython(() => parseStatements(source));
  const sorted = statements.map((statement) => {
    const { value, target } = statement;
    if (value.kind !== 'Call') {
      throw new PortInputError(`not a call: "${statement.text}" ${at(statement.span)}: ${KNOWN_FORMS}`);
    }
    return { statement, call: value, target, kind: classify(value) };
  });
  const optimizers = sorted.filter((s) => s.kind.kind === 'optimizer');
  if (optimizers.length === 0) {
    throw new PortInputError(
      'no optimizer in the code given: port needs the torch.optim call, e.g. torch.optim.SGD(model.parameters(), lr=0.1)',
    );
  }
  if (optimizers.length > 1) {
    throw new PortInputError(
      `a second optimizer ${at(optimizers[1].call.span)}: port translates one optimizer (and its scheduler and clipping) at a time`,
    );
  }
  const first = optimizers[0];
  const { kind: firstKind, ...firstPorted } = first;
  if (firstKind.kind !== 'optimizer') throw new Error('not an optimizer');
  const optimizer: OptimizerStatement = { ...firstPorted, className: firstKind.className };
  const schedulers: SchedulerStatement[] = [];
  const clips: ClipStatement[] = [];
  for (const [i, { kind, ...ported }] of sorted.entries()) {
    if (kind.kind === 'scheduler') {
      if (i < sorted.indexOf(first)) {
        throw new PortInputError(`${kind.className} ${at(ported.call.span)} comes before the optimizer it schedules`);
      }
      schedulers.push({ ...ported, className: kind.className });
    } else if (kind.kind === 'clip') {
      clips.push({ ...ported, fn: kind.fn });
    }
  }
  return { optimizer, schedulers, clips };
}
