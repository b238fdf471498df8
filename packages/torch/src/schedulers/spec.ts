/**
 * Scheduler arguments as torch.optim.lr_scheduler spells them: for each scheduler, its arguments in
 * torch's positional order (the optimizer left out), their defaults, which are required, the values
 * accepted and, in one line, why others are refused. The scheduler classes check their options with
 * these specs, and `buildScheduler` checks a torch-style call with them, so a command line or a
 * code port refuses the same mistakes in the same words as the library.
 */

/** A learning-rate lambda, scale function or any other function of numbers a torch argument takes. */
export type Lambda = (...args: number[]) => number;

/**
 * One argument value of a torch-style call: what a command line or a Python parser produces.
 * A nested call (`SequentialLR(schedulers=[LinearLR(...), ...])`) is a `SchedulerCall`.
 */
export type SchedulerValue = number | string | boolean | null | SchedulerValue[] | SchedulerCall | Lambda;

/** `StepLR(optimizer, 10, gamma=0.5)` as data. */
export interface SchedulerCall {
  name: string;
  positional: SchedulerValue[];
  keyword: Record<string, SchedulerValue>;
}

/** The numbers an argument accepts: in words, with why the rest are refused, and as a check. */
export interface ArgDomain {
  /** "must be > 0" */
  words: string;
  /** Why, in a few words: what torch does with the others ("torch raises ZeroDivisionError"). */
  why: string;
  accepts(value: number): boolean;
}

interface ArgBase {
  /** torch's name, e.g. `step_size`. */
  torch: string;
  /** This library's name, e.g. `stepSize`. */
  name: string;
  /** What it does, in one line. */
  doc: string;
  /** No default: torch raises TypeError when it is missing. */
  required?: boolean;
  /** Not passed to the scheduler class: accepted for code written for torch, and checked. */
  torchOnly?: boolean;
}

/** A float; `perGroup`: torch also takes a list with one value per param group (one here). */
export interface NumberArg extends ArgBase {
  kind: 'number';
  default?: number | null;
  nullable?: boolean;
  domain?: ArgDomain;
  perGroup?: boolean;
}
export interface IntegerArg extends ArgBase {
  kind: 'integer';
  default?: number | null;
  nullable?: boolean;
  domain?: ArgDomain;
}
export interface BooleanArg extends ArgBase {
  kind: 'boolean';
  default?: boolean;
}
export interface ChoiceArg extends ArgBase {
  kind: 'choice';
  choices: readonly string[];
  default?: string;
  /** Why another string is refused. */
  why: string;
}
/** A list of integers (milestones). */
export interface IntegersArg extends ArgBase {
  kind: 'integers';
  /** Every item in this domain. */
  domain: ArgDomain;
}
/** A function (lr_lambda, scale_fn); `perGroup`: or a list of one. */
export interface FunctionArg extends ArgBase {
  kind: 'function';
  default?: null;
  nullable?: boolean;
  perGroup?: boolean;
}
/** A list of schedulers built on the same optimizer. */
export interface SchedulersArg extends ArgBase {
  kind: 'schedulers';
}
/** The optimizer where torch takes it later than first (ChainedScheduler's `optimizer=None`). */
export interface OptimizerArg extends ArgBase {
  kind: 'optimizer';
  default?: null;
}
export type ArgSpec =
  NumberArg | IntegerArg | BooleanArg | ChoiceArg | IntegersArg | FunctionArg | SchedulersArg | OptimizerArg;

/** A rule across arguments, with each argument named as the caller spells it. */
export interface ArgRule {
  involves: readonly string[];
  /** The arguments by this library's name, defaults filled in. */
  violated(args: Readonly<Record<string, unknown>>): boolean;
  message(name: (arg: string) => string): string;
}

/** What a caller may know about the run: how many times `step()` will be called. */
export interface RunContext {
  iterations?: number;
}

export interface SchedulerSpec {
  /** torch's class name. */
  name: string;
  /** torch's rule, in one line (its docstring formula). */
  rule: string;
  /** The arguments in torch's positional order, the optimizer left out (`optimizerAt` says where it goes). */
  args: readonly ArgSpec[];
  /** Where torch takes the optimizer among the positionals: 0, or none (ChainedScheduler's is an argument). */
  optimizerAt: 0 | null;
  rules: readonly ArgRule[];
  /** Rules that need to know the run (OneCycleLR's total_steps against the iterations). */
  runRules?: ReadonlyArray<
    (args: Readonly<Record<string, unknown>>, context: RunContext, name: (arg: string) => string) => string | null
  >;
}

// ---------------------------------------------------------------------------------------------
// Domains

export const POSITIVE: ArgDomain = { words: 'must be > 0', why: 'torch divides by it', accepts: (v) => v > 0 };
export const NON_NEGATIVE: ArgDomain = {
  words: 'must be ≥ 0',
  why: 'a negative learning rate or momentum climbs the loss',
  accepts: (v) => v >= 0,
};
export const POSITIVE_GAMMA: ArgDomain = {
  words: 'must be > 0',
  why: 'torch accepts it, but a gamma ≤ 0 zeroes the lr or flips its sign: refused here',
  accepts: (v) => v > 0,
};
export const POSITIVE_INTEGER: ArgDomain = {
  words: 'must be an integer ≥ 1',
  why: 'torch divides by it',
  accepts: (v) => Number.isInteger(v) && v >= 1,
};
export const NON_NEGATIVE_INTEGER: ArgDomain = {
  words: 'must be an integer ≥ 0',
  why: 'it counts steps',
  accepts: (v) => Number.isInteger(v) && v >= 0,
};
export const ANY_NUMBER: ArgDomain = { words: 'must be a finite number', why: 'it is a number', accepts: () => true };
export const LAST_EPOCH: ArgDomain = {
  words: 'must be -1',
  why: 'resuming a schedule from a checkpoint is not supported here (torch needs initial_lr in the param groups)',
  accepts: (v) => v === -1,
};

/** `last_epoch` and `verbose`, as torch 1.13 takes them after a scheduler's own arguments. */
export const LAST_EPOCH_ARG: IntegerArg = {
  kind: 'integer',
  torch: 'last_epoch',
  name: 'lastEpoch',
  default: -1,
  domain: LAST_EPOCH,
  doc: 'the index of the last epoch when resuming (-1: start)',
  torchOnly: true,
};
export const VERBOSE_ARG: BooleanArg = {
  kind: 'boolean',
  torch: 'verbose',
  name: 'verbose',
  default: false,
  doc: 'torch prints each change (deprecated in 2.2, then removed): accepted and ignored here',
  torchOnly: true,
};

// ---------------------------------------------------------------------------------------------
// Spelling: the library names arguments `stepSize`, a torch-style call `step_size`. An error
// raised while `buildScheduler` constructs a scheduler names them as the call did. The scope is
// synchronous (construction never awaits), so a module variable is enough.

let torchSpelling = false;

/** Runs `build` with errors naming arguments as torch does. */
export function withTorchSpelling<T>(build: () => T): T {
  const before = torchSpelling;
  torchSpelling = true;
  try {
    return build();
  } finally {
    torchSpelling = before;
  }
}

/** The name of an argument as the current caller spells it. */
export function spell(spec: SchedulerSpec, name: string): string {
  if (!torchSpelling) return name;
  return spec.args.find((arg) => arg.name === name)?.torch ?? name;
}

// ---------------------------------------------------------------------------------------------
// Checks

/** A value for messages, as Python would print it. */
export function show(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (typeof value === 'object') return 'name' in value ? `${String(value.name)}(...)` : 'an object';
  return typeof value === 'number' || typeof value === 'bigint' ? String(value) : typeof value;
}

function numberProblem(value: unknown, integer: boolean, domain: ArgDomain | undefined, name: string): string | null {
  const got = `, got ${show(value)}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return `${name} must be ${integer ? 'an integer' : 'a finite number'}${got}`;
  }
  if (integer && !Number.isInteger(value)) return `${name} must be an integer${got}`;
  if (domain && !domain.accepts(value)) return `${name} ${domain.words}${got} (${domain.why})`;
  return null;
}

/**
 * Why `value` is not a valid value of this argument, or null. `isScheduler` tells a scheduler
 * object from anything else (the spec module does not know the classes).
 */
export function argumentProblem(
  arg: ArgSpec,
  value: unknown,
  name: string,
  isScheduler: (value: unknown) => boolean,
): string | null {
  if (value === null || value === undefined) {
    const nullable = 'nullable' in arg && arg.nullable === true;
    return nullable || arg.kind === 'optimizer' ? null : `${name} must not be None`;
  }
  const got = `, got ${show(value)}`;
  switch (arg.kind) {
    case 'number':
    case 'integer':
      return numberProblem(value, arg.kind === 'integer', arg.domain, name);
    case 'boolean':
      return typeof value === 'boolean' ? null : `${name} must be True or False${got}`;
    case 'choice':
      return typeof value === 'string' && arg.choices.includes(value)
        ? null
        : `${name} must be one of ${arg.choices.map((c) => `'${c}'`).join(', ')}${got} (${arg.why})`;
    case 'integers': {
      if (!Array.isArray(value)) return `${name} must be a list of integers${got}`;
      for (const item of value as unknown[]) {
        const problem = numberProblem(item, true, arg.domain, `each of ${name}`);
        if (problem) return problem;
      }
      return null;
    }
    case 'function':
      return typeof value === 'function' ? null : `${name} must be a function${got}`;
    case 'schedulers':
      if (!Array.isArray(value) || !(value as unknown[]).every(isScheduler)) {
        return `${name} must be a list of schedulers${got}`;
      }
      return value.length > 0 ? null : `${name} must hold at least one scheduler (torch raises ValueError)`;
    case 'optimizer':
      return null;
  }
}

/** A `[x]` given for a per-group argument, as x (TF.js optimizers have one param group). */
export function unwrapPerGroup(arg: ArgSpec, value: unknown, name: string): unknown {
  if (!('perGroup' in arg) || arg.perGroup !== true || !Array.isArray(value)) return value;
  if (value.length !== 1) {
    throw new Error(`${name} must be one value, or a list of one (one param group), got ${show(value)}`);
  }
  return value[0] as unknown;
}

/**
 * The options of a scheduler class checked against its spec, defaults filled in; an Error naming
 * the argument and the rule when one is wrong, as torch raises ValueError or TypeError.
 */
export function resolveArguments<O extends object>(
  spec: SchedulerSpec,
  given: O,
  isScheduler: (value: unknown) => boolean,
): Required<O> {
  const entries = given as Readonly<Record<string, unknown>>;
  const own = spec.args.filter((arg) => arg.torchOnly !== true);
  for (const key of Object.keys(entries)) {
    if (!own.some((arg) => arg.name === key)) {
      throw new Error(
        `${spec.name}: unknown option ${spell(spec, key)} (it takes ${own.map((a) => spell(spec, a.name)).join(', ')})`,
      );
    }
  }
  const resolved: Record<string, unknown> = {};
  for (const arg of own) {
    const name = spell(spec, arg.name);
    const value = entries[arg.name];
    if (value === undefined && arg.required === true) throw new Error(`${spec.name}: ${name} is required`);
    const filled = value === undefined ? ('default' in arg ? arg.default : null) : value;
    const problem = argumentProblem(arg, filled, name, isScheduler);
    if (problem) throw new Error(`${spec.name}: ${problem}`);
    resolved[arg.name] = filled ?? null;
  }
  for (const rule of spec.rules) {
    if (rule.violated(resolved)) throw new Error(`${spec.name}: ${rule.message((arg) => spell(spec, arg))}`);
  }
  // Every key of O is an argument of the spec, checked above against its kind (a test checks that
  // each spec names exactly its class's options), so the record is an O with nothing missing.
  return resolved as Required<O>;
}
