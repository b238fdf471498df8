import type { Precision, Row, RunHistory } from './history';

/** One training run's engine: where it is, what the loss and gradient are there, and one step. */
export interface Trainer {
  readonly precision: Precision;
  /** Loss and gradient at the current parameters (forward and backward). */
  evaluate(): { x: ArrayLike<number>; loss: number; grad: ArrayLike<number> };
  /** Applies the update with the gradient of the last `evaluate`. */
  step(): void;
  parameters(): ArrayLike<number>;
}

function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/** Runs `iterations` steps and records each row before its step, stopping at divergence. */
export function runTrainer(trainer: Trainer, iterations: number, onIteration: () => void = () => {}): RunHistory {
  const rows: Row[] = [];
  let finalX = Array.from(trainer.parameters());
  for (let iteration = 1; iteration <= iterations; iteration++) {
    const { x, loss, grad } = trainer.evaluate();
    if (allFinite(x)) finalX = Array.from(x);
    if (!allFinite(x) || !Number.isFinite(loss) || !allFinite(grad)) {
      return { precision: trainer.precision, rows, finalX, diverged: { iteration } };
    }
    rows.push({ iteration, x: Array.from(x), loss, grad: Array.from(grad) });
    trainer.step();
    onIteration();
  }
  const last = trainer.parameters();
  if (!allFinite(last)) {
    return { precision: trainer.precision, rows, finalX, diverged: { iteration: iterations + 1 } };
  }
  return { precision: trainer.precision, rows, finalX: Array.from(last), diverged: null };
}
