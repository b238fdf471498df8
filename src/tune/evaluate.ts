import type { ScheduleTarget } from '@optim-mirror/torch/reference';
import type { Objective } from '../objectives/objective';
import type { TrainingRule } from '../optimizers/rule';
import { addNoise, type NoiseSource } from '../run/noise';

/** Where the search judges a learning rate: how far above the minimum each run ends. */
export interface StartOutcome {
  /** The loss at x after the last step, or null when the run stopped being finite. */
  finalLoss: number | null;
  /**
   * Σ over the iterations of the gap to the minimum, max(0, L − L*), with the final loss's: how
   * fast the loss came down. Breaks ties between learning rates that end equally low.
   */
  area: number;
  /** Steps until the gap first fell to 1e-6 of the start's (0 when it starts at the minimum), or null. */
  steps: number | null;
}

/** A schedule's step, after every optimizer step but the last (ReduceLROnPlateau reads that iteration's loss). */
export type ScheduleStepper = (loss: number) => void;

export interface RunSetup {
  objective: Objective;
  /** L* for this dimension: the gaps are L − L*. */
  minimum: number;
  iterations: number;
  /** Clips the gradient in place before each step (torch.nn.utils semantics), or null. */
  clip: ((grad: Float64Array) => void) | null;
  /** This start's noise, or null. */
  noise: NoiseSource | null;
  /** A schedule on the rule's target, or null. */
  schedule: ((target: ScheduleTarget) => ScheduleStepper) | null;
}

function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/**
 * One Float64 run of a rule from one start, as the `manual` run of a training takes it (loss and
 * analytic gradient, noise, clipping, the step, the schedule), keeping only what the search
 * judges: no rows, no TF.js. A run whose x, loss or gradient stops being finite has diverged.
 */
export function runFromStart(rule: TrainingRule, start: readonly number[], setup: RunSetup): StartOutcome {
  const { objective, minimum, iterations, clip, noise } = setup;
  const x = Float64Array.from(start);
  const grad = new Float64Array(x.length);
  const step = setup.schedule ? setup.schedule(rule.schedule) : null;
  let startGap = 0;
  let area = 0;
  let steps: number | null = null;
  const diverged: StartOutcome = { finalLoss: null, area: Infinity, steps: null };
  for (let t = 0; t < iterations; t++) {
    const loss = objective.value(x);
    if (!Number.isFinite(loss)) return diverged;
    objective.gradient(x, grad);
    if (!allFinite(grad)) return diverged;
    const gap = Math.max(0, loss - minimum);
    if (t === 0) startGap = gap;
    area += gap;
    if (steps === null && gap <= 1e-6 * startGap) steps = t;
    if (noise) addNoise(grad, noise(x.length), 'float64');
    clip?.(grad);
    rule.step(x, grad);
    if (step && t < iterations - 1) step(loss);
  }
  const finalLoss = objective.value(x);
  if (!Number.isFinite(finalLoss) || !allFinite(x)) return diverged;
  const finalGap = Math.max(0, finalLoss - minimum);
  if (steps === null && finalGap <= 1e-6 * startGap) steps = iterations;
  return { finalLoss, area: area + finalGap, steps };
}
