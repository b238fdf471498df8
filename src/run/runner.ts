import { NUMPY_EDGE_ITEMS, NUMPY_THRESHOLD } from '../numpyPrintOptions';
import { yieldToEventLoop } from '../cli/interrupt';
import type { Precision, Row, RunHistory } from './history';

/** Where a run is at one iteration, before its step. */
export interface RunState {
  x: ArrayLike<number>;
  loss: number;
  grad: ArrayLike<number>;
}

/** One training run's engine: where it is, what the loss and gradient are there, and one step. */
export interface Trainer {
  readonly precision: Precision;
  /** Loss and gradient at the current parameters (forward and backward). */
  evaluate(): RunState;
  /** Applies the update with the gradient of the last `evaluate`. */
  step(): void;
  /** The learning rate the next step uses (a schedule may change it after each step). */
  learningRate(): number;
  parameters(): ArrayLike<number>;
}

function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

function norm(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * values[i];
  return Math.sqrt(sum);
}

/** The whole vector, or NumPy's edge items when the run is summarized. */
function kept(values: ArrayLike<number>, summarized: boolean): number[] {
  if (!summarized) return Array.from(values);
  const leading = Array.from({ length: NUMPY_EDGE_ITEMS }, (_, i) => values[i]);
  return [
    ...leading,
    ...Array.from({ length: NUMPY_EDGE_ITEMS }, (_, i) => values[values.length - NUMPY_EDGE_ITEMS + i]),
  ];
}

export interface LockstepOptions<K extends string> {
  /** Sees every run that is still finite, each iteration, before the steps. */
  observe?: (iteration: number, states: Partial<Record<K, RunState>>) => void;
  /** Called once per run and iteration, for progress. */
  onIteration?: () => void;
}

/** How long the runner computes before it lets the event loop run (an interrupt, a progress bar). */
const YIELD_EVERY_MS = 20;

/** Several runs advanced together, one iteration at a time: the command line's loop and a page's animation alike. */
export interface Lockstep<K extends string> {
  /** No iteration left: every one done, or every run stopped at a value that is not finite. */
  readonly done: boolean;
  /** The iteration the next `advance` runs, from 1. */
  readonly iteration: number;
  /** Runs one iteration of every run still going; false (and nothing done) once `done`. */
  advance(): boolean;
  /** The histories so far; whole once `done`. */
  readonly histories: Record<K, RunHistory>;
}

/**
 * Several trainers side by side for `iterations` steps: each evaluates, is recorded (x before its
 * step, the loss, the gradient and the learning rate of the step) and observed, then steps; a run
 * stops at its first value that is not finite. Side by side, so comparisons need no run's full
 * history in memory.
 */
export function lockstep<K extends string>(
  trainers: Record<K, Trainer>,
  iterations: number,
  { observe, onIteration }: LockstepOptions<K> = {},
): Lockstep<K> {
  const names = Object.keys(trainers) as K[];
  const histories = {} as Record<K, RunHistory>;
  for (const name of names) {
    const start = trainers[name].parameters();
    const summarized = start.length > NUMPY_THRESHOLD;
    // finalX is the last x that was all finite: none yet, if even the start is not (a float32 overflow).
    const finalX = allFinite(start) ? kept(start, summarized) : [];
    histories[name] = {
      precision: trainers[name].precision,
      dimension: start.length,
      summarized,
      rows: [],
      finalX,
      diverged: null,
    };
  }
  let live = [...names];
  let iteration = 1;
  const finish = (): void => {
    for (const name of live) {
      const last = trainers[name].parameters();
      if (allFinite(last)) histories[name].finalX = kept(last, histories[name].summarized);
      else histories[name].diverged = { iteration: iterations + 1 };
    }
    live = [];
  };
  return {
    get done() {
      return iteration > iterations || live.length === 0;
    },
    get iteration() {
      return iteration;
    },
    histories,
    advance() {
      if (this.done) return false;
      const states: Partial<Record<K, RunState>> = {};
      for (const name of live) {
        const history = histories[name];
        const trainer = trainers[name];
        const state = trainer.evaluate();
        if (allFinite(state.x)) history.finalX = kept(state.x, history.summarized);
        if (!allFinite(state.x) || !Number.isFinite(state.loss) || !allFinite(state.grad)) {
          history.diverged = { iteration };
          continue;
        }
        const row: Row = {
          iteration,
          x: kept(state.x, history.summarized),
          loss: state.loss,
          grad: kept(state.grad, history.summarized),
          lr: trainer.learningRate(),
        };
        if (history.summarized) Object.assign(row, { xNorm: norm(state.x), gradNorm: norm(state.grad) });
        history.rows.push(row);
        states[name] = state;
      }
      observe?.(iteration, states);
      live = live.filter((name) => histories[name].diverged === null);
      for (const name of live) {
        trainers[name].step();
        onIteration?.();
      }
      iteration++;
      if (iteration > iterations) finish();
      return true;
    },
  };
}

/**
 * `lockstep` to the end, yielding to the event loop now and then, so that Ctrl-C is heard during
 * long runs (and a page stays responsive).
 */
export async function runLockstep<K extends string>(
  trainers: Record<K, Trainer>,
  iterations: number,
  options: LockstepOptions<K> = {},
): Promise<Record<K, RunHistory>> {
  const runs = lockstep(trainers, iterations, options);
  await runToEnd(runs);
  return runs.histories;
}

/** Advances a lockstep to its end, yielding to the event loop every few milliseconds. */
export async function runToEnd<K extends string>(runs: Lockstep<K>): Promise<void> {
  let lastYield = performance.now();
  while (runs.advance()) {
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  }
}

/** One trainer alone: its history. */
export async function runTrainer(trainer: Trainer, iterations: number): Promise<RunHistory> {
  return (await runLockstep({ run: trainer }, iterations)).run;
}
