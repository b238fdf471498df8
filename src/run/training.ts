import type * as TfCore from '@tensorflow/tfjs-core';
import type { Scheduler, ScheduleTarget, SchedulerCall, TorchOptimizer } from '@optim-mirror/torch';
import { RUN_NAMES, type RunName, type TrainConfig } from '../config';
import { OBJECTIVES } from '../objectives/registry';
import type { TfjsContext } from '../optimizers/optimizer';
import { diffAccumulator, type RunDiff } from '../report/diff';
import { parityAccumulator, type RuleComparison } from '../report/parity';
import { replayCaveat } from '../report/sinCosBackends';
import type { BackendName } from '../tfjs/backend';
import { tfjsClip } from '../tfjs/clip';
import { TFJS_LOSSES } from '../tfjs/objectives';
import { tfjsTrainer } from '../tfjs/tfjsTrainer';
import { referenceClip } from './clip';
import type { RunHistory } from './history';
import { manualTrainer } from './manualTrainer';
import { noiseSource } from './noise';
import { lockstep, runToEnd, type Lockstep, type Trainer } from './runner';

/**
 * One training, the four runs side by side, on the TF.js it is given: the engine the command line
 * runs (after loading a backend in Node) and a page runs (with the browser's). Prints and writes
 * nothing.
 */

export type TrainRuns = Record<RunName, RunHistory>;

/** A TF.js with its backend loaded, as `train` runs on it. */
export interface Backend extends TfjsContext {
  name: BackendName;
  /** One line about the backend, for stderr. */
  description: string;
}

export interface TrainResult {
  config: TrainConfig;
  backend: BackendName;
  /** The one stderr line about the backend. */
  backendDescription: string;
  /** manual: the Float64 mirror of the TF.js run's rule; tfjs: the TF.js optimizer (float32);
   *  manual32: the mirror with every TF.js kernel rounded to float32; pytorch: torch.optim's rule in Float64. */
  runs: TrainRuns;
  /** TF.js against its Float64 mirror. */
  diff: RunDiff;
  /** TF.js's rule (the Float64 mirror) against PyTorch's, for this run. */
  parity: RuleComparison;
}

/** Runs per training (manual, manual32, pytorch, tfjs): a training ticks `onIteration` this many times per iteration. */
export const RUNS_PER_TRAINING = 4;

/**
 * A trainer whose learning rate (and momentum or β1) a schedule moves after every step, as
 * `scheduler.step()` follows `optimizer.step()` in a PyTorch loop; ReduceLROnPlateau steps with the
 * loss of that iteration. The schedule's step is taken when the next iteration begins, so none
 * follows the last step: its learning rate would never be used (and OneCycleLR's linear anneal
 * takes it below 0 there, which the library's optimizers refuse).
 */
export function scheduled(
  trainer: Trainer,
  scheduler: Scheduler,
  plateau: TfjsContext['torch']['ReduceLROnPlateau'],
): Trainer {
  let loss = NaN;
  let stepped = false;
  return {
    ...trainer,
    evaluate() {
      if (stepped) {
        if (scheduler instanceof plateau) scheduler.step(loss);
        else scheduler.step();
        stepped = false;
      }
      const state = trainer.evaluate();
      loss = state.loss;
      return state;
    },
    step() {
      trainer.step();
      stepped = true;
    },
  };
}

/**
 * A schedule as a plain stepper on a target, for runs that drive their own loop (--tune's search):
 * call it after every optimizer step but the last, with that iteration's loss (which only
 * ReduceLROnPlateau reads), as `scheduled` does above.
 */
export function scheduleStepper(
  torch: TfjsContext['torch'],
  call: SchedulerCall,
  iterations: number,
): (target: ScheduleTarget) => (loss: number) => void {
  return (target) => {
    const scheduler = torch.buildScheduler(call, target, { iterations });
    return (loss) => {
      if (scheduler instanceof torch.ReduceLROnPlateau) scheduler.step(loss);
      else scheduler.step();
    };
  };
}

/** A running training: advance it (all at once, or a step per frame), then take its result. */
export interface Training {
  readonly lockstep: Lockstep<RunName>;
  /**
   * Settles once every run is ready to step: at once, or (`--resume-torch`) when the TF.js
   * optimizer holds the file's state, which tf.Optimizer's setWeights gives asynchronously. Advance
   * the lockstep only after it.
   */
  readonly ready: Promise<void>;
  /** The result, once the lockstep is done. */
  result(): TrainResult;
  /** Frees the TF.js run's tensors. */
  dispose(): void;
}

/** Builds the four runs of a config, each with its schedule, on the TF.js given. */
export function startTraining(config: TrainConfig, backend: Backend, onIteration: () => void = () => {}): Training {
  const objective = OBJECTIVES[config.objective];
  const { optimizer, clip, x0, scheduler } = config;
  const { torch } = backend;
  const tfjsOptimizer: TfCore.Optimizer = optimizer.createTfjs(backend);
  const tfjsTarget = torch.scheduleTarget(tfjsOptimizer);
  // Each run draws its own noise from the same stream: the same numbers, in the same order.
  const noise = () => noiseSource(config.noise, 0);
  const tfjs = tfjsTrainer(backend.tf, TFJS_LOSSES[config.objective], tfjsOptimizer, x0, {
    clip: tfjsClip(clip, backend),
    learningRate: () => tfjsTarget.getLr(),
    noise: noise(),
  });
  const manual = optimizer.manualRule('float64');
  const manual32 = optimizer.manualRule('float32');
  const pytorch = optimizer.pytorchRule();
  const trainers: Record<RunName, Trainer> = {
    manual: manualTrainer(objective, manual, x0, 'float64', referenceClip(clip, 'float64'), noise()),
    tfjs,
    manual32: manualTrainer(objective, manual32, x0, 'float32', referenceClip(clip, 'float32'), noise()),
    pytorch: manualTrainer(objective, pytorch, x0, 'float64', referenceClip(clip, 'float64'), noise()),
  };
  // The state before the schedule, as PyTorch loads a state_dict before building its scheduler: a
  // schedule that sets momentum or β1 when built must not meet the file's check of the options.
  const ready = config.resume
    ? torch.fromTorchStateDict(tfjsOptimizer as TorchOptimizer<{ lr: number }>, config.resume.json, [tfjs.variable], {
        assignParameters: false,
      })
    : Promise.resolve();
  if (scheduler !== null) {
    const targets: Record<RunName, ScheduleTarget> = {
      manual: manual.schedule,
      tfjs: tfjsTarget,
      manual32: manual32.schedule,
      pytorch: pytorch.schedule,
    };
    for (const name of RUN_NAMES) {
      const built = torch.buildScheduler(scheduler.call, targets[name], { iterations: config.iterations });
      trainers[name] = scheduled(trainers[name], built, torch.ReduceLROnPlateau);
    }
  }
  const diff = diffAccumulator(objective.lossTerms(x0.length));
  const parity = parityAccumulator(optimizer);
  const runs = lockstep(trainers, config.iterations, {
    observe(iteration, { manual: m, tfjs: t, manual32: m32, pytorch: p }) {
      if (m && t && m32) diff.observe(iteration, m, t, m32);
      if (m && p) parity.observe(m, p);
    },
    onIteration,
  });
  return {
    lockstep: runs,
    ready,
    result: () => ({
      config,
      backend: backend.name,
      backendDescription: backend.description,
      runs: runs.histories,
      diff: { ...diff.result(), replayCaveat: replayCaveat(config.objective, backend.name) },
      parity: parity.result(),
    }),
    dispose: () => tfjs.dispose(),
  };
}

/** The whole training at once, yielding to the event loop now and then. */
export async function runTraining(
  config: TrainConfig,
  backend: Backend,
  onIteration?: () => void,
): Promise<TrainResult> {
  const training = startTraining(config, backend, onIteration);
  try {
    await training.ready;
    await runToEnd(training.lockstep);
    return training.result();
  } finally {
    training.dispose();
  }
}

/**
 * 3 when any run diverged, else 1 when TF.js left the float32 tolerance (where the verdict is
 * conclusive on this backend), else 0.
 */
export function exitCodeFor(result: TrainResult): 0 | 1 | 3 {
  if (RUN_NAMES.some((name) => result.runs[name].diverged)) return 3;
  return result.diff.withinTolerance || result.diff.replayCaveat !== null ? 0 : 1;
}
