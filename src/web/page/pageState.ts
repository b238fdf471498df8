import { TRAIN_SPEC } from '../../cli/trainOptions';
import type { RunName } from '../../config';

/**
 * Everything the page shows, as text the way the command line takes it: the URL holds exactly
 * this (only what differs from the defaults), so a link reproduces a run.
 */

/**
 * The command line's flags the page sets for every optimizer alike, by their flag names (a flag
 * left out takes the command line's default). Each only where `train` has it: the page follows
 * the command line's flags as they are.
 */
const SHARED_CANDIDATES = [
  'objective',
  'x0',
  'iterations',
  'clip-grad-norm',
  'clip-grad-value',
  'scheduler',
  'noise',
  'seed',
  'lang',
] as const;
export type SharedFlag = (typeof SHARED_CANDIDATES)[number];
const TRAIN_FLAGS = new Set(TRAIN_SPEC.flags.map((flag) => flag.name));
export const SHARED_FLAGS: readonly SharedFlag[] = SHARED_CANDIDATES.filter((flag) => TRAIN_FLAGS.has(flag));

/**
 * TF.js's backends in the page: cpu (plain JavaScript, bit for bit the command line's) or webgl
 * (the GPU; see backend.ts).
 */
export type PageBackendName = 'cpu' | 'webgl';
export const PAGE_BACKENDS: readonly PageBackendName[] = ['cpu', 'webgl'];

/** A hyperparameter as the command line takes it: a number's text, a pair's "0.9,0.999", a switch's true. */
export type FlagText = string | true;

export interface PageState {
  /** Shared flags that were given. */
  shared: Partial<Record<SharedFlag, string>>;
  /** The optimizers ticked, by their --optimizer names, in the registry's order. */
  optimizers: string[];
  /** Each optimizer's hyperparameter flags that were given (kept for optimizers not ticked too). */
  hyperparameters: Record<string, Record<string, FlagText>>;
  backend: PageBackendName;
  /** Draw torch.optim's rule (the `pytorch` run) beside TF.js's. */
  pytorch: boolean;
  /** Iterations per animation frame. */
  speed: number;
  /** Whose rows the table shows, and which of its runs. */
  table: string;
  run: RunName;
}

/** The page keeps every row of every run (table, exports): past this many a page's memory runs short. */
export const PAGE_MAX_ITERATIONS = 10_000;

/** Iterations per frame the speed slider offers. */
export const SPEEDS: readonly number[] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

export const DEFAULT_STATE: PageState = {
  shared: {},
  optimizers: ['sgd'],
  hyperparameters: {},
  backend: 'cpu',
  pytorch: false,
  speed: 1,
  table: 'sgd',
  run: 'tfjs',
};

export function copyState(state: PageState): PageState {
  return {
    ...state,
    shared: { ...state.shared },
    optimizers: [...state.optimizers],
    hyperparameters: Object.fromEntries(
      Object.entries(state.hyperparameters).map(([name, flags]) => [name, { ...flags }]),
    ),
  };
}
