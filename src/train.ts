import type { TrainConfig } from './config';
import { runTraining, type TrainResult } from './run/training';
import { loadBackend } from './tfjs/backend';

export { exitCodeFor, RUNS_PER_TRAINING, type TrainResult, type TrainRuns } from './run/training';

/** One configuration, every way, on the backend it asks for (loaded in Node); prints and writes nothing. */
export async function train(config: TrainConfig, onIteration: () => void = () => {}): Promise<TrainResult> {
  return runTraining(config, await loadBackend(config.backend, config.x0.length), onIteration);
}
