import { parseTrainArgs } from '../cli/trainOptions';
import { renderTrainOutputs } from '../output';
import { runTraining } from '../run/training';
import { loadBackend } from '../tfjs/backend';
import { tuneAll, tunedConfigs } from '../tune/tune';

/**
 * The tuning case of `npm run bench -- --cases tune`: `train --tune` on a 2-D objective, tf.train's
 * seven optimizers, budget 40, 3 starts, 500 iterations. The benchmark times the real command end
 * to end in a process of its own; this file times its phases in one process, to say where the
 * time goes.
 */
export const TUNE_CASE_FLAGS = [
  '--tune',
  '--optimizer',
  'all',
  '--objective',
  'rosenbrock',
  '--starts',
  '3',
  '--tune-budget',
  '40',
  '--iterations',
  '500',
  '--backend',
  'cpu',
];

export interface TunePhases {
  /** The Float64 search: 7 × ≤ 40 learning rates × 3 starts × 500 steps. */
  searchMs: number;
  /** Float64 steps the search took. */
  searchSteps: number;
  /** Loading TF.js and its cpu backend. */
  loadMs: number;
  /** The TF.js confirmation: each optimizer's four runs at its best lr. */
  confirmMs: number;
  /** Compare.png, Trajectory.png and Sensitivity.png, drawn and encoded. */
  chartsMs: number;
}

export async function measureTunePhases(): Promise<TunePhases> {
  const configs = parseTrainArgs(TUNE_CASE_FLAGS);
  let start = performance.now();
  const lap = (): number => {
    const now = performance.now();
    const elapsed = now - start;
    start = now;
    return elapsed;
  };
  const tuning = await tuneAll(configs, null);
  const searchMs = lap();
  const searchSteps =
    tuning.optimizers.reduce((sum, t) => sum + t.trials.length, 0) * tuning.starts * configs[0].iterations;
  const backend = await loadBackend('cpu', 2);
  const loadMs = lap();
  const results = [];
  for (const config of tunedConfigs(configs, tuning)) results.push(await runTraining(config, backend));
  const confirmMs = lap();
  await renderTrainOutputs(results, new Set(['loss', 'trajectory', 'sensitivity'] as const), tuning);
  const chartsMs = lap();
  return { searchMs, searchSteps, loadMs, confirmMs, chartsMs };
}
