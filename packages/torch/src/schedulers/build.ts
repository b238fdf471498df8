import { CHAINED_SCHEDULER_SPEC, ChainedScheduler } from './chainedScheduler';
import { CONSTANT_LR_SPEC, ConstantLR } from './constantLR';
import { COSINE_ANNEALING_LR_SPEC, CosineAnnealingLR } from './cosineAnnealingLR';
import { COSINE_ANNEALING_WARM_RESTARTS_SPEC, CosineAnnealingWarmRestarts } from './cosineAnnealingWarmRestarts';
import { CYCLIC_LR_SPEC, CyclicLR } from './cyclicLR';
import { EXPONENTIAL_LR_SPEC, ExponentialLR } from './exponentialLR';
import { LAMBDA_LR_SPEC, LambdaLR } from './lambdaLR';
import { LINEAR_LR_SPEC, LinearLR } from './linearLR';
import { MULTI_STEP_LR_SPEC, MultiStepLR } from './multiStepLR';
import { MULTIPLICATIVE_LR_SPEC, MultiplicativeLR } from './multiplicativeLR';
import { ONE_CYCLE_LR_SPEC, OneCycleLR } from './oneCycleLR';
import { POLYNOMIAL_LR_SPEC, PolynomialLR } from './polynomialLR';
import { REDUCE_LR_ON_PLATEAU_SPEC, ReduceLROnPlateau } from './reduceLROnPlateau';
import { LRScheduler } from './scheduler';
import { SEQUENTIAL_LR_SPEC, SequentialLR } from './sequentialLR';
import {
  argumentProblem,
  show,
  unwrapPerGroup,
  withTorchSpelling,
  type ArgSpec,
  type RunContext,
  type SchedulerCall,
  type SchedulerSpec,
  type SchedulerValue,
} from './spec';
import { STEP_LR_SPEC, StepLR } from './stepLR';
import type { Schedulable } from './target';

/** Any scheduler: ReduceLROnPlateau steps with a metric, the others without. */
export type Scheduler = LRScheduler | ReduceLROnPlateau;

/** Every scheduler's spec, by torch's class name, in torch's `__all__` order. */
export const SCHEDULER_SPECS = {
  LambdaLR: LAMBDA_LR_SPEC,
  MultiplicativeLR: MULTIPLICATIVE_LR_SPEC,
  StepLR: STEP_LR_SPEC,
  MultiStepLR: MULTI_STEP_LR_SPEC,
  ConstantLR: CONSTANT_LR_SPEC,
  LinearLR: LINEAR_LR_SPEC,
  ExponentialLR: EXPONENTIAL_LR_SPEC,
  SequentialLR: SEQUENTIAL_LR_SPEC,
  CosineAnnealingLR: COSINE_ANNEALING_LR_SPEC,
  ChainedScheduler: CHAINED_SCHEDULER_SPEC,
  ReduceLROnPlateau: REDUCE_LR_ON_PLATEAU_SPEC,
  CyclicLR: CYCLIC_LR_SPEC,
  CosineAnnealingWarmRestarts: COSINE_ANNEALING_WARM_RESTARTS_SPEC,
  OneCycleLR: ONE_CYCLE_LR_SPEC,
  PolynomialLR: POLYNOMIAL_LR_SPEC,
} as const satisfies Record<string, SchedulerSpec>;

export type SchedulerName = keyof typeof SCHEDULER_SPECS;
export const SCHEDULER_NAMES = Object.keys(SCHEDULER_SPECS) as SchedulerName[];

function isSchedulerName(name: string): name is SchedulerName {
  return Object.prototype.hasOwnProperty.call(SCHEDULER_SPECS, name);
}

/** A scheduler class whose constructor takes (optimizer, options). */
type SchedulerClass<O> = new (optimizer: Schedulable, options: O) => Scheduler;

function construct<O>(Class: SchedulerClass<O>): (optimizer: Schedulable, args: Record<string, unknown>) => Scheduler {
  // The arguments have just been checked against the class's spec, and its constructor checks
  // them again: the record is an O.
  return (optimizer, args) => new Class(optimizer, args as O);
}

function isLRScheduler(value: unknown): value is LRScheduler {
  return value instanceof LRScheduler;
}

const FACTORIES: Record<SchedulerName, (optimizer: Schedulable, args: Record<string, unknown>) => Scheduler> = {
  LambdaLR: construct(LambdaLR),
  MultiplicativeLR: construct(MultiplicativeLR),
  StepLR: construct(StepLR),
  MultiStepLR: construct(MultiStepLR),
  ConstantLR: construct(ConstantLR),
  LinearLR: construct(LinearLR),
  ExponentialLR: construct(ExponentialLR),
  SequentialLR: construct(SequentialLR),
  CosineAnnealingLR: construct(CosineAnnealingLR),
  ChainedScheduler: (optimizer, args) => {
    const schedulers: unknown[] = Array.isArray(args.schedulers) ? args.schedulers : [];
    if (!schedulers.every(isLRScheduler)) throw new Error('ChainedScheduler: schedulers must be a list of schedulers');
    return new ChainedScheduler(schedulers, optimizer);
  },
  ReduceLROnPlateau: construct(ReduceLROnPlateau),
  CyclicLR: construct(CyclicLR),
  CosineAnnealingWarmRestarts: construct(CosineAnnealingWarmRestarts),
  OneCycleLR: construct(OneCycleLR),
  PolynomialLR: construct(PolynomialLR),
};

// ---------------------------------------------------------------------------------------------
// Checking a call, as Python binds arguments: nothing is built until the whole call (nested calls
// included) has been checked, so a mistake leaves the optimizer as it was.

/** A call checked: its spec, and its arguments in Python's evaluation order (nested calls checked too). */
interface Plan {
  spec: SchedulerSpec;
  name: SchedulerName;
  values: Array<{ arg: ArgSpec; value: unknown; nested: Plan[] | null }>;
}

export function isSchedulerCall(value: unknown): value is SchedulerCall {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const call = value as Partial<SchedulerCall>;
  return (
    typeof call.name === 'string' &&
    Array.isArray(call.positional) &&
    typeof call.keyword === 'object' &&
    call.keyword !== null
  );
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

function suggestion(given: string, known: readonly string[], alias: (name: string) => string = (n) => n): string {
  const lower = given.toLowerCase().replace(/_/g, '');
  const match =
    known.find((name) => alias(name).toLowerCase().replace(/_/g, '') === lower) ??
    known.find((name) => distance(name.toLowerCase(), given.toLowerCase()) <= 2);
  return match === undefined ? '' : ` (did you mean '${match}'?)`;
}

/**
 * Whether the first positional stands for the optimizer: None, or a Python name such as
 * `optimizer`, `opt` or `self.optimizer` (a parser gives an identifier as its text). Where the
 * scheduler's first argument is itself a string (ReduceLROnPlateau's mode), its choices are not
 * taken for the optimizer.
 */
function isOptimizerPlaceholder(value: SchedulerValue, first: ArgSpec | undefined): boolean {
  if (value === null) return true;
  if (typeof value !== 'string' || !/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(value)) return false;
  return !(first?.kind === 'choice' && first.choices.includes(value));
}

function checkCall(call: SchedulerCall, context: RunContext): Plan {
  if (!isSchedulerName(call.name)) {
    throw new Error(
      `unknown scheduler '${call.name}'${suggestion(call.name, SCHEDULER_NAMES)}: torch.optim.lr_scheduler has ${SCHEDULER_NAMES.join(', ')}`,
    );
  }
  const name = call.name;
  const spec: SchedulerSpec = SCHEDULER_SPECS[name];
  const fail: (message: string) => never = (message) => {
    throw new Error(`${name}: ${message}`);
  };
  const positional = [...call.positional];
  const keyword = { ...call.keyword };
  let optimizerGiven = false;
  if (spec.optimizerAt === 0 && positional.length > 0 && isOptimizerPlaceholder(positional[0], spec.args[0])) {
    positional.shift();
    optimizerGiven = true;
  }
  if (spec.optimizerAt === 0 && 'optimizer' in keyword) {
    if (optimizerGiven) fail("got multiple values for argument 'optimizer'");
    delete keyword.optimizer;
  }
  if (positional.length > spec.args.length) {
    const names = spec.args.map((arg) => arg.torch).join(', ');
    const after = spec.optimizerAt === 0 ? ' after the optimizer' : '';
    fail(`takes at most ${spec.args.length} positional arguments${after} (${names}), got ${positional.length}`);
  }
  // Python binds positionals first, then keywords, and evaluates them in that order.
  const bound = new Map<string, { arg: ArgSpec; value: SchedulerValue }>();
  positional.forEach((value, i) => bound.set(spec.args[i].torch, { arg: spec.args[i], value }));
  for (const [key, value] of Object.entries(keyword)) {
    const arg = spec.args.find((a) => a.torch === key);
    if (arg === undefined) {
      const known = spec.args.map((a) => a.torch);
      const hint = suggestion(key, known);
      fail(`got an unexpected keyword argument '${key}'${hint || ` (it takes ${known.join(', ')})`}`);
    }
    if (bound.has(key)) fail(`got multiple values for argument '${key}'`);
    bound.set(key, { arg, value });
  }
  const missing = spec.args.filter((arg) => arg.required === true && !bound.has(arg.torch)).map((a) => `'${a.torch}'`);
  if (missing.length > 0) fail(`missing required argument${missing.length > 1 ? 's' : ''} ${missing.join(' and ')}`);

  const values: Plan['values'] = [];
  const resolved: Record<string, unknown> = {};
  for (const arg of spec.args) resolved[arg.name] = 'default' in arg ? arg.default : null;
  for (const { arg, value } of bound.values()) {
    let nested: Plan[] | null = null;
    if (arg.kind === 'schedulers' && Array.isArray(value) && value.every(isSchedulerCall)) {
      nested = value.map((inner, i) => {
        try {
          return checkCall(inner, {});
        } catch (error) {
          return fail(`${arg.torch}[${i}]: ${error instanceof Error ? error.message : String(error)}`);
        }
      });
    }
    let plain: unknown = value;
    try {
      plain = unwrapPerGroup(arg, value, arg.torch);
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
    const problem = argumentProblem(arg, plain, arg.torch, isSchedulerCall);
    if (problem) fail(problem);
    values.push({ arg, value: plain, nested });
    resolved[arg.name] = plain;
  }
  const torchName = (camel: string): string => spec.args.find((arg) => arg.name === camel)?.torch ?? camel;
  for (const rule of spec.rules) if (rule.violated(resolved)) fail(rule.message(torchName));
  for (const rule of spec.runRules ?? []) {
    const problem = rule(resolved, context, torchName);
    if (problem) fail(problem);
  }
  return { spec, name, values };
}

function build(plan: Plan, optimizer: Schedulable): Scheduler {
  const args: Record<string, unknown> = {};
  for (const { arg, value, nested } of plan.values) {
    // Nested schedulers are built here, in argument order, before the scheduler that takes them:
    // each takes its initial step on the optimizer, as in torch.
    const built = nested === null ? value : nested.map((inner) => build(inner, optimizer));
    if (arg.torchOnly !== true) args[arg.name] = built;
  }
  return withTorchSpelling(() => FACTORIES[plan.name](optimizer, args));
}

/**
 * Checks a torch-style call without building anything: an Error in one line naming the scheduler,
 * the argument and the rule, as Python or torch would refuse it. `context.iterations`: the number
 * of times the run will call step(), when known (OneCycleLR's total_steps must cover it).
 */
export function checkSchedulerCall(call: SchedulerCall, context: RunContext = {}): void {
  checkCall(call, context);
}

/**
 * The scheduler a torch-style call describes, built on `optimizer`: `StepLR(optimizer, 10,
 * gamma=0.5)` is `{ name: 'StepLR', positional: ['optimizer', 10], keyword: { gamma: 0.5 } }`. The
 * optimizer may stand first among the positionals (None or a name; it is ignored: the scheduler
 * drives `optimizer`), arguments go by torch's names, nested calls (SequentialLR's and
 * ChainedScheduler's schedulers) are built in argument order on the same optimizer, and lambdas are
 * JavaScript functions. `last_epoch` (only -1) and `verbose` are accepted and dropped.
 */
export function buildScheduler(call: SchedulerCall, optimizer: Schedulable, context: RunContext = {}): Scheduler {
  if (!isSchedulerCall(call))
    throw new Error(`buildScheduler: a call { name, positional, keyword } was expected, got ${show(call)}`);
  return build(checkCall(call, context), optimizer);
}
