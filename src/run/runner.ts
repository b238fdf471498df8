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

/**
 * Runs several trainers side by side for `iterations` steps: each evaluates, is recorded (x before
 * its step, the loss and gradient there) and observed, then steps; a run stops at its first value
 * that is not finite. Side by side, so comparisons need no run's full history in memory. Now and
 * then it yields to the event loop, so that Ctrl-C is heard during long runs.
 */
export async function runLockstep<K extends string>(
  trainers: Record<K, Trainer>,
  iterations: number,
  { observe, onIteration }: LockstepOptions<K> = {},
): Promise<Record<K, RunHistory>> {
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
  let lastYield = performance.now();
  for (let iteration = 1; iteration <= iterations && live.length > 0; iteration++) {
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
    const states: Partial<Record<K, RunState>> = {};
    for (const name of live) {
      const history = histories[name];
      const state = trainers[name].evaluate();
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
  }
  for (const name of live) {
    const last = trainers[name].parameters();
    if (allFinite(last)) histories[name].finalX = kept(last, histories[name].summarized);
    else histories[name].diverged = { iteration: iterations + 1 };
  }
  return histories;
}

/** One trainer alone: its history. */
export async function runTrainer(trainer: Trainer, iterations: number): Promise<RunHistory> {
  return (await runLockstep({ run: trainer }, iterations)).run;
}
