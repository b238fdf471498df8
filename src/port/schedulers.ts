import type { ArgSpec, ScheduleTarget, SchedulerCall, SchedulerSpec } from '@optim-mirror/torch';
import { compileLambda, literalValue, type Call, type Expr, type Lambda } from '../python';
import { schedulerCall } from '../python/schedulerCall';
import { PortInputError, at, oneLine, readingPython } from './errors';
import { lambdaText } from './lambdaText';
import { torchLibrary } from './library';
import type { OptimizerStatement, SchedulerStatement } from './read';

/**
 * The scheduler statements read into what the port prints and runs: one node per construction,
 * with its arguments bound to torch's names as torch binds them, and the one the training loop
 * steps. A scheduler may be built from earlier named ones (`warmup = LinearLR(...)`, then
 * `SequentialLR(opt, schedulers=[warmup, decay], milestones=[5])`), as PyTorch code often writes
 * it; each is printed and built as its own constant, in the order written, as torch builds them
 * (each takes its initial step on the optimizer when built).
 *
 * Before anything is printed the whole schedule, the named ones put in place, is checked by
 * @optim-mirror/torch's buildScheduler on torch's rule for the optimizer: what torch refuses (an
 * unknown argument, a missing T_max, a momentum schedule on an optimizer without momentum) is a
 * PortInputError.
 */

/** A value of a scheduler argument, as printed and as run. */
export type PlanValue =
  | number
  | string
  | boolean
  | null
  | PlanValue[]
  | SchedulerNode
  | { kind: 'ref'; name: string }
  | { kind: 'lambda'; expr: Lambda; fn: (...args: number[]) => number; text: string };

/** A scheduler's construction. */
export interface SchedulerNode {
  kind: 'scheduler';
  className: string;
  spec: SchedulerSpec;
  /** The arguments given, bound to the spec, in the spec's order. */
  args: Array<{ arg: ArgSpec; value: PlanValue; text: string }>;
  /** The optimizer as the call names it first or by keyword (`optimizer`), or null. */
  optimizerText: string | null;
  call: Call;
}

/** A scheduler statement: the constant it becomes. */
export interface SchedulerDefinition {
  statement: SchedulerStatement;
  /** Its name in the printed TypeScript (the Python name, or `scheduler`). */
  name: string;
  node: SchedulerNode;
}

export interface SchedulePlan {
  definitions: SchedulerDefinition[];
  /** The scheduler the loop steps: the one no other is built from. */
  stepped: SchedulerDefinition;
  /** The whole schedule as one call (named schedulers in place), as buildScheduler takes it. */
  call: SchedulerCall;
  /** ReduceLROnPlateau steps with a metric. */
  plateau: boolean;
}

/** Every scheduler's spec, by name. */
function specs(): Readonly<Record<string, SchedulerSpec>> {
  return torchLibrary().SCHEDULER_SPECS;
}

function isSchedulerCall(expr: Expr): expr is Call {
  return expr.kind === 'Call' && Object.prototype.hasOwnProperty.call(specs(), expr.callee.split('.').pop() ?? '');
}

/** `expr` with every name of an earlier scheduler replaced by its construction (for buildScheduler). */
function inlined(expr: Expr, earlier: ReadonlyMap<string, Call>): Expr {
  switch (expr.kind) {
    case 'Name':
      return earlier.get(expr.name) ?? expr;
    case 'List':
    case 'Tuple':
      return { ...expr, elements: expr.elements.map((e) => inlined(e, earlier)) };
    case 'Call':
      return {
        ...expr,
        args: expr.args.map((e) => inlined(e, earlier)),
        kwargs: expr.kwargs.map((k) => ({ ...k, value: inlined(k.value, earlier) })),
      };
    default:
      return expr;
  }
}

/** The names of earlier schedulers `expr` refers to. */
function references(expr: Expr, earlier: ReadonlySet<string>, found: string[] = []): string[] {
  if (expr.kind === 'Name' && earlier.has(expr.name)) found.push(expr.name);
  if (expr.kind === 'List' || expr.kind === 'Tuple') expr.elements.forEach((e) => references(e, earlier, found));
  if (expr.kind === 'Call') {
    expr.args.forEach((e) => references(e, earlier, found));
    expr.kwargs.forEach((k) => references(k.value, earlier, found));
  }
  return found;
}

interface Context {
  optimizer: OptimizerStatement;
  earlier: ReadonlySet<string>;
}

/** The optimizer placeholder must name the optimizer built above, when that has a name. */
function checkOptimizer(expr: Expr, owner: string, context: Context): void {
  if (expr.kind === 'None') return;
  const name = expr.kind === 'Name' ? expr.name : null;
  const expected = context.optimizer.target;
  if (name === null || context.earlier.has(name) || (expected !== null && name !== expected)) {
    const wanted = expected === null ? 'the optimizer' : `'${expected}', the optimizer built above`;
    throw new PortInputError(`${owner}: its optimizer "${oneLine(expr.span.text)}" ${at(expr.span)} is not ${wanted}`);
  }
}

function planValue(expr: Expr, arg: ArgSpec, context: Context): PlanValue {
  if (expr.kind === 'Name' && context.earlier.has(expr.name)) return { kind: 'ref', name: expr.name };
  if (isSchedulerCall(expr)) return nodeOf(expr, context);
  if (expr.kind === 'Lambda') {
    // Translated now, so that a lambda TypeScript cannot say is refused before anything is printed.
    return { kind: 'lambda', expr, fn: readingPython(() => compileLambda(expr)), text: lambdaText(expr) };
  }
  if (expr.kind === 'List' || expr.kind === 'Tuple') {
    const values = expr.elements.map((e) => planValue(e, arg, context));
    // torch takes a list of one value per param group where this library takes the value.
    return 'perGroup' in arg && arg.perGroup === true && values.length === 1 ? values[0] : values;
  }
  return readingPython(() => literalValue(expr));
}

/** One scheduler construction, bound as torch binds it (the call has been checked already). */
function nodeOf(call: Call, context: Context): SchedulerNode {
  const className = call.callee.split('.').pop() ?? call.callee;
  const spec = specs()[className];
  const positional = [...call.args];
  let optimizerText: string | null = null;
  if (spec.optimizerAt === 0 && positional.length > 0) {
    const first = positional[0];
    const isPlaceholder = first.kind === 'None' || (first.kind === 'Name' && !context.earlier.has(first.name));
    if (isPlaceholder) {
      checkOptimizer(first, className, context);
      optimizerText = oneLine(first.span.text);
      positional.shift();
    }
  }
  const args: SchedulerNode['args'] = [];
  const bind = (arg: ArgSpec, expr: Expr): void => {
    if (arg.kind === 'optimizer') checkOptimizer(expr, className, context);
    args.push({ arg, value: planValue(expr, arg, context), text: oneLine(expr.span.text) });
  };
  positional.forEach((expr, i) => bind(spec.args[i], expr));
  for (const keyword of call.kwargs) {
    if (keyword.name === 'optimizer' && spec.optimizerAt === 0) {
      checkOptimizer(keyword.value, className, context);
      optimizerText = oneLine(keyword.value.span.text);
      continue;
    }
    const arg = spec.args.find((a) => a.torch === keyword.name);
    if (arg === undefined) throw new Error(`${className} has no argument ${keyword.name}`);
    bind(arg, keyword.value);
  }
  args.sort((a, b) => spec.args.indexOf(a.arg) - spec.args.indexOf(b.arg));
  return { kind: 'scheduler', className, spec, args, optimizerText, call };
}

/**
 * The scheduler statements planned, or null when there are none. `target`: torch's rule for the
 * optimizer, on which the schedule is checked (a fresh one each call: building moves its lr).
 */
export function planSchedule(
  statements: readonly SchedulerStatement[],
  optimizer: OptimizerStatement,
  target: () => ScheduleTarget,
): SchedulePlan | null {
  if (statements.length === 0) return null;
  const earlierCalls = new Map<string, Call>();
  const definitions: SchedulerDefinition[] = [];
  const used = new Set<string>();
  for (const statement of statements) {
    const earlier = new Set(earlierCalls.keys());
    const call = inlined(statement.call, earlierCalls) as Call;
    // Check the whole call as torch would before reading it any further.
    try {
      torchLibrary().buildScheduler(
        readingPython(() => schedulerCall(call)),
        target(),
      );
    } catch (error) {
      if (error instanceof PortInputError) throw error;
      const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      throw new PortInputError(`${message} ${at(statement.call.span)}`);
    }
    references(statement.call, earlier).forEach((name) => used.add(name));
    const node = nodeOf(statement.call, { optimizer, earlier });
    definitions.push({ statement, name: statement.target ?? 'scheduler', node });
    if (statement.target !== null) earlierCalls.set(statement.target, call);
  }
  const stepped = definitions.filter((d) => d.statement.target === null || !used.has(d.statement.target));
  if (stepped.length > 1) {
    const list = stepped.map((d) => `${d.node.className} ${at(d.statement.call.span)}`).join(' and ');
    throw new PortInputError(
      `two schedulers step the optimizer (${list}): build them into one, e.g. ChainedScheduler([a, b]) or SequentialLR(...)`,
    );
  }
  const last = stepped[0];
  const call = readingPython(() => schedulerCall(inlined(last.statement.call, earlierCalls)));
  return { definitions, stepped: last, call, plateau: last.node.className === 'ReduceLROnPlateau' };
}
