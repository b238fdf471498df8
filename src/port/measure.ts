import type * as TfCore from '@tensorflow/tfjs-core';
import { referenceClipGradNorm, referenceClipGradValue } from '@optim-mirror/torch/reference';
import { OBJECTIVES, type ObjectiveName } from '../objectives/registry';
import { referenceRule } from '../optimizers/rule';
import { float32BoundRatio, rowScaledDifference } from '../parity/measure';
import type { Precision } from '../run/history';
import { manualTrainer } from '../run/manualTrainer';
import { lockstep, type Trainer } from '../run/runner';
import { scheduled, type Backend } from '../run/training';
import { TFJS_LOSSES } from '../tfjs/objectives';
import { tfjsTrainer } from '../tfjs/tfjsTrainer';
import { buildSchedule } from './buildSchedule';
import { torchLibrary } from './library';
import { referenceOptimizer, type PortPlan } from './plan';
import { optimizerText, tfTrainText } from './render';
import { createTfjsOptimizer, tfjsClips } from './tfjsPort';

/**
 * (c): the TF.js code the port prints, run on TF.js's cpu backend, against torch.optim's rule in
 * float64 (@optim-mirror/torch's reference, which reproduces real torch float64 traces to 5e-14),
 * with the same schedule and clipping, on two objectives.
 *
 * The bound is the one docs/parity.md holds the library to against real PyTorch: per number (x,
 * loss, gradient) and row, |tfjs − t64| ≤ 4·max over earlier rows of |t32 − t64| + 8·2⁻²⁴·max|row|,
 * where t32 is torch's rule run in float32 (the library's float32 reference, in torch's kernel
 * order, fed TF.js's float32 gradients): how far float32 alone takes torch's own run from its
 * float64 path. The factor 4 allows a second float32 implementation whose roundings fall
 * elsewhere, the 8 ulps of the row the rows where torch's float32 run happens to be exact. A
 * ratio of at most 1 is what float32 explains; a different rule (a misplaced ε, float32 β powers)
 * shows as a ratio far above it.
 */

export const MEASURE_STEPS = 100;

export const BOUND_RULE =
  "|tfjs − t64| ≤ 4·max over earlier rows of |t32 − t64| + 8·2⁻²⁴·max|row|, per number (x, loss, gradient) and row; t64, t32: torch's rule in float64 and float32 (@optim-mirror/torch's reference)";

/**
 * The two objectives: a round bowl (Σx², curvature 2) and a tilted, coupled one (Booth's, Hessian
 * eigenvalues 2 and 18), both from their usual start. Plain gradient descent is stable on them up
 * to lr 1 and 0.11, so the learning rates people train with do not blow them up (on Rosenbrock
 * from (−1.5, 2), curvature 1902, SGD diverges from lr 1e-3 on).
 */
export const MEASURED_OBJECTIVES: readonly ObjectiveName[] = ['sphere', 'booth'];

export interface MeasuredRun {
  objective: ObjectiveName;
  x0: number[];
  /** The TF.js optimizer run, as printed. */
  optimizer: string;
  /** The port's choice, or a tf.train call measured beside it. */
  chosen: boolean;
  steps: number;
  /** Largest |tfjs − t64| of x, relative to the row's largest |x| (t64). */
  maxRelX: number;
  /** The same for torch's float32 run: what float32 alone does. */
  float32RelX: number;
  /** Largest |tfjs − t64| over the bound above: at most 1 holds. */
  boundRatio: number;
  withinBound: boolean;
  /**
   * The first iteration with a value that is not finite, per run (null: none): TF.js, and torch's
   * rule in float32 and float64. float32 overflows sooner than float64, so TF.js diverging is
   * explained when torch's float32 run diverges too; rows are compared while all are finite.
   */
  diverged: { tfjs: number | null; torch32: number | null; torch64: number | null };
  finalX: { tfjs: number[]; torch: number[] };
}

export interface Measurement {
  backend: string;
  steps: number;
  bound: string;
  runs: MeasuredRun[];
  /** Every chosen run within the bound. */
  withinBound: boolean;
}

/** As many steps as the schedule allows, up to MEASURE_STEPS (OneCycleLR's total_steps may be fewer). */
export function measuredSteps(plan: PortPlan): number {
  if (plan.schedule === null) return MEASURE_STEPS;
  const { checkSchedulerCall } = torchLibrary();
  for (let steps = MEASURE_STEPS; steps > 1; steps--) {
    try {
      checkSchedulerCall(plan.schedule.call, { iterations: steps });
      return steps;
    } catch {
      // fewer steps
    }
  }
  return 1;
}

function referenceClips(plan: PortPlan, precision: Precision): ((grad: Float64Array) => void) | null {
  if (plan.clips.length === 0) return null;
  return (grad) => {
    for (const clip of plan.clips) {
      if (clip.fn === 'clip_grad_norm_') referenceClipGradNorm([grad], clip.maxNorm, clip.normType, precision);
      else referenceClipGradValue([grad], clip.clipValue, precision);
    }
  };
}

function referenceTrainer(plan: PortPlan, objective: ObjectiveName, x0: number[], precision: Precision): Trainer {
  const rule = referenceRule(referenceOptimizer(plan.optimizer, precision), plan.optimizer.className);
  const trainer = manualTrainer(OBJECTIVES[objective], rule, x0, precision, referenceClips(plan, precision));
  if (plan.schedule === null) return trainer;
  return scheduled(trainer, buildSchedule(plan.schedule, rule.schedule), torchLibrary().ReduceLROnPlateau);
}

function measureOne(
  plan: PortPlan,
  backend: Backend,
  objective: ObjectiveName,
  steps: number,
  candidate: { optimizer: () => TfCore.Optimizer; text: string; chosen: boolean },
): MeasuredRun {
  const x0 = [...OBJECTIVES[objective].defaultX0];
  const optimizer = candidate.optimizer();
  const target = backend.torch.scheduleTarget(optimizer);
  const tfjs = tfjsTrainer(backend.tf, TFJS_LOSSES[objective], optimizer, x0, {
    clip: tfjsClips(plan, backend),
    learningRate: () => target.getLr(),
  });
  try {
    const trainers: Record<'tfjs' | 't64' | 't32', Trainer> = {
      tfjs:
        plan.schedule === null
          ? tfjs
          : scheduled(tfjs, buildSchedule(plan.schedule, optimizer), backend.torch.ReduceLROnPlateau),
      t64: referenceTrainer(plan, objective, x0, 'float64'),
      t32: referenceTrainer(plan, objective, x0, 'float32'),
    };
    const runs = lockstep(trainers, steps);
    while (runs.advance());
    const { tfjs: t, t64, t32 } = runs.histories;
    const boundRatio = float32BoundRatio(t.rows, t64.rows, t32.rows);
    const diverged = {
      tfjs: t.diverged?.iteration ?? null,
      torch32: t32.diverged?.iteration ?? null,
      torch64: t64.diverged?.iteration ?? null,
    };
    return {
      objective,
      x0,
      optimizer: candidate.text,
      chosen: candidate.chosen,
      steps,
      maxRelX: rowScaledDifference(t.rows, t64.rows, true),
      float32RelX: rowScaledDifference(t32.rows, t64.rows, true),
      boundRatio,
      withinBound: boundRatio <= 1 && (diverged.tfjs === null) === (diverged.torch32 === null),
      diverged,
      finalX: { tfjs: t.finalX, torch: t64.finalX },
    };
  } finally {
    tfjs.dispose();
  }
}

/** Runs the chosen TF.js optimizer (and a tf.train alternative, when there is one) on each objective. */
export function measurePort(plan: PortPlan, backend: Backend): Measurement {
  const steps = measuredSteps(plan);
  const { choice, optimizer } = plan;
  const candidates = [
    { optimizer: () => createTfjsOptimizer(plan, backend), text: optimizerText(choice, optimizer), chosen: true },
  ];
  if (choice.kind === 'library' && choice.alternative !== null) {
    const call = choice.alternative.call;
    candidates.push({
      optimizer: () => createTfjsOptimizer({ ...plan, choice: { kind: 'tf.train', call } }, backend),
      text: tfTrainText(call, optimizer),
      chosen: false,
    });
  }
  const runs = candidates.flatMap((candidate) =>
    MEASURED_OBJECTIVES.map((objective) => measureOne(plan, backend, objective, steps, candidate)),
  );
  return {
    backend: backend.name,
    steps,
    bound: BOUND_RULE,
    runs,
    withinBound: runs.every((run) => !run.chosen || run.withinBound),
  };
}
