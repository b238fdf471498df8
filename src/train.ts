import type { TrainConfig } from './config';
import { backendFor } from './report/sinCosBackends';
import { runTraining, type Backend, type TrainResult } from './run/training';
import { loadBackend } from './tfjs/backend';

export { exitCodeFor, RUNS_PER_TRAINING, type TrainResult, type TrainRuns } from './run/training';

/**
 * The TF.js backend a config asks for, loaded in Node: `auto` picks by size, and cpu at any size for
 * objectives using Sin or Cos (src/report/sinCosBackends.ts), saying why in the description.
 * Throws BackendUnavailableError for a backend that cannot load here.
 */
export async function loadBackendFor(config: TrainConfig): Promise<Backend> {
  const pick = backendFor(config.backend, config.objective);
  const loaded = await loadBackend(pick.choice, config.x0.length);
  return pick.why === null ? loaded : { ...loaded, description: `${loaded.description}; ${pick.why}` };
}

/** One configuration, every way, on the backend it asks for; prints and writes nothing. */
export async function train(config: TrainConfig, onIteration: () => void = () => {}): Promise<TrainResult> {
  return runTraining(config, await loadBackendFor(config), onIteration);
}
