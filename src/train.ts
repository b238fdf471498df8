import { RUN_NAMES, type TrainConfig } from './config';
import { OBJECTIVES } from './objectives/registry';
import { diffAccumulator, type RunDiff } from './report/diff';
import { parityAccumulator, type RuleComparison } from './report/parity';
import type { RunHistory } from './run/history';
import { referenceClip } from './run/clip';
import { manualTrainer } from './run/manualTrainer';
import { runLockstep } from './run/runner';
import { loadBackend, type BackendName } from './tfjs/backend';
import { TFJS_LOSSES } from './tfjs/objectives';
import { tfjsClip } from './tfjs/clip';
import { tfjsTrainer } from './tfjs/tfjsTrainer';

export interface TrainRuns {
  /** Float64 mirror of TF.js's rule: the hand-written loop. */
  manual: RunHistory;
  /** The real tf.train optimizer, float32. */
  tfjs: RunHistory;
  /** The mirror again with every TF.js kernel's output rounded to float32: TF.js replayed. */
  manual32: RunHistory;
  /** torch.optim's rule in Float64, with torch.optim's defaults for what the flags leave open. */
  pytorch: RunHistory;
}

export interface TrainResult {
  config: TrainConfig;
  backend: BackendName;
  /** The one stderr line about the backend. */
  backendDescription: string;
  runs: TrainRuns;
  /** TF.js against its Float64 mirror. */
  diff: RunDiff;
  /** TF.js's rule (the Float64 mirror) against PyTorch's, for this run. */
  parity: RuleComparison;
}

/** Runs per training (manual, manual32, pytorch, tfjs): `train` ticks `onIteration` this many times per iteration. */
export const RUNS_PER_TRAINING = 4;

/** Runs one configuration every way, side by side, and compares; prints and writes nothing. */
export async function train(config: TrainConfig, onIteration: () => void = () => {}): Promise<TrainResult> {
  const objective = OBJECTIVES[config.objective];
  const { optimizer, clip, x0 } = config;
  const backend = await loadBackend(config.backend, x0.length);
  const tfjs = tfjsTrainer(
    backend.tf,
    TFJS_LOSSES[config.objective],
    optimizer.createTfjs(backend),
    x0,
    tfjsClip(clip, backend),
  );
  const diff = diffAccumulator(objective.lossTerms(x0.length));
  const parity = parityAccumulator(optimizer);
  try {
    const runs = await runLockstep(
      {
        manual: manualTrainer(
          objective,
          optimizer.manualRule('float64'),
          x0,
          'float64',
          referenceClip(clip, 'float64'),
        ),
        tfjs,
        manual32: manualTrainer(
          objective,
          optimizer.manualRule('float32'),
          x0,
          'float32',
          referenceClip(clip, 'float32'),
        ),
        pytorch: manualTrainer(objective, optimizer.pytorchRule(), x0, 'float64', referenceClip(clip, 'float64')),
      },
      config.iterations,
      {
        observe(iteration, { manual, tfjs: tfjsState, manual32, pytorch }) {
          if (manual && tfjsState && manual32) diff.observe(iteration, manual, tfjsState, manual32);
          if (manual && pytorch) parity.observe(manual, pytorch);
        },
        onIteration,
      },
    );
    return {
      config,
      backend: backend.name,
      backendDescription: backend.description,
      runs,
      diff: diff.result(),
      parity: parity.result(),
    };
  } finally {
    tfjs.dispose();
  }
}

/** 3 when any run diverged, else 1 when TF.js left the float32 tolerance, else 0. */
export function exitCodeFor(result: TrainResult): 0 | 1 | 3 {
  if (RUN_NAMES.some((name) => result.runs[name].diverged)) return 3;
  return result.diff.withinTolerance ? 0 : 1;
}
