import type { TrainConfig } from './config';
import { OBJECTIVES } from './objectives/registry';
import { OPTIMIZER_RULES } from './optimizers/registry';
import { float32, float64 } from './optimizers/rule';
import { diffRuns, type RunDiff } from './report/diff';
import type { RunHistory } from './run/history';
import { manualTrainer } from './run/manualTrainer';
import { runTrainer } from './run/runner';
import { loadBackend, type BackendName } from './tfjs/backend';
import { TFJS_LOSSES } from './tfjs/objectives';
import { createTfjsOptimizer } from './tfjs/optimizers';
import { tfjsTrainer } from './tfjs/tfjsTrainer';

export interface TrainRuns {
  /** Float64 mirror of TF.js's rule: the hand-written loop. */
  manual: RunHistory;
  /** The real tf.train optimizer, float32. */
  tfjs: RunHistory;
  /** The mirror again with every TF.js kernel's output rounded to float32: TF.js replayed. */
  manual32: RunHistory;
}

export interface TrainResult {
  config: TrainConfig;
  backend: BackendName;
  /** The one stderr line about the backend. */
  backendDescription: string;
  runs: TrainRuns;
  diff: RunDiff;
}

/** Runs one configuration every way and compares; prints and writes nothing. */
export async function train(config: TrainConfig): Promise<TrainResult> {
  const objective = OBJECTIVES[config.objective];
  const rules = OPTIMIZER_RULES[config.optimizer];
  const hp = config.hyperparameters;

  const manual = runTrainer(manualTrainer(objective, rules.tfjs(hp, float64), config.x0, 'float64'), config.iterations);
  const manual32 = runTrainer(manualTrainer(objective, rules.tfjs(hp, float32), config.x0, 'float32'), config.iterations);

  const backend = await loadBackend(config.backend);
  const trainer = tfjsTrainer(backend.tf, TFJS_LOSSES[config.objective], createTfjsOptimizer(backend.tf, config.optimizer, hp), config.x0);
  let tfjs: RunHistory;
  try {
    tfjs = runTrainer(trainer, config.iterations);
  } finally {
    trainer.dispose();
  }

  return {
    config,
    backend: backend.name,
    backendDescription: backend.description,
    runs: { manual, tfjs, manual32 },
    diff: diffRuns(manual, tfjs, manual32),
  };
}

/** 3 when a run diverged, else 1 when TF.js left the float32 tolerance, else 0. */
export function exitCodeFor(result: TrainResult): 0 | 1 | 3 {
  const { manual, tfjs } = result.runs;
  if (manual.diverged || tfjs.diverged) return 3;
  return result.diff.withinTolerance ? 0 : 1;
}
