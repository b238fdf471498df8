import { NUMPY_EDGE_ITEMS, NUMPY_THRESHOLD } from '../numpyPrintOptions';
import type { ObjectiveName } from '../objectives/registry';
import type { GradientClip } from '../config';
import type { HyperparameterValues } from '../optimizers/optimizer';
import type { BackendChoice, BackendName } from '../tfjs/backend';
import type { TrainResult, TrainRuns } from '../train';
import type { RunDiff } from './diff';
import type { RuleComparison } from './parity';

/**
 * The JSON `train --json` writes: a contract other tools read, so these names stay. The types
 * spell it out; README's "JSON" section describes it for people.
 */

/** x⁰ as JSON shows it: whole, or past NumPy's threshold its edge items (the runs' rows do the same). */
function startJson(x0: readonly number[]): { x0: number[]; dimension: number } {
  const x = x0.length > NUMPY_THRESHOLD ? [...x0.slice(0, NUMPY_EDGE_ITEMS), ...x0.slice(-NUMPY_EDGE_ITEMS)] : [...x0];
  return { x0: x, dimension: x0.length };
}

/** Each library's hyperparameters for one optimizer, as the JSON holds them. */
export interface HyperparametersJson {
  tfjs: HyperparameterValues;
  pytorch: HyperparameterValues;
}

/** What was run, not where its files went. */
export interface ConfigJson {
  objective: ObjectiveName;
  /** As --optimizer names it (`adam`, `torch.adamw`). */
  optimizer: string;
  hyperparameters: HyperparametersJson;
  x0: number[];
  dimension: number;
  iterations: number;
  backend: BackendChoice;
  /** Gradient clipping before every step, or null. */
  clip: GradientClip | null;
  /** The --scheduler call as given, or null. */
  scheduler: string | null;
}

/** The JSON contract other tools read (one optimizer): keep these names. */
export interface TrainJson {
  config: ConfigJson;
  backend: BackendName;
  runs: TrainRuns;
  diff: RunDiff;
  parity: RuleComparison;
}

/** The JSON of a comparison: the shared settings, then per optimizer its hyperparameters, runs, diff and parity. */
export interface CompareJson {
  config: Omit<ConfigJson, 'optimizer' | 'hyperparameters'> & { optimizers: string[] };
  backend: BackendName;
  optimizers: Record<string, Pick<TrainJson, 'runs' | 'diff' | 'parity'> & { hyperparameters: HyperparametersJson }>;
}

function hyperparametersJson(result: TrainResult): HyperparametersJson {
  return result.config.optimizer.hyperparameters;
}

/** The config as JSON shows it: what was run, not where its files went. */
function configJson(result: TrainResult): ConfigJson {
  const { config } = result;
  return {
    objective: config.objective,
    optimizer: config.optimizer.definition.name,
    hyperparameters: hyperparametersJson(result),
    ...startJson(config.x0),
    iterations: config.iterations,
    backend: config.backend,
    clip: config.clip,
    scheduler: config.scheduler?.text ?? null,
  };
}

export function trainJson(result: TrainResult): TrainJson {
  return {
    config: configJson(result),
    backend: result.backend,
    runs: result.runs,
    diff: result.diff,
    parity: result.parity,
  };
}

export function compareJson(results: readonly TrainResult[]): CompareJson {
  const { objective, x0, iterations, backend, clip } = results[0].config;
  const scheduler = results[0].config.scheduler?.text ?? null;
  const names = results.map((r) => r.config.optimizer.definition.name);
  return {
    config: { objective, optimizers: names, ...startJson(x0), iterations, backend, clip, scheduler },
    backend: results[0].backend,
    optimizers: Object.fromEntries(
      results.map((r, i) => [
        names[i],
        { hyperparameters: hyperparametersJson(r), runs: r.runs, diff: r.diff, parity: r.parity },
      ]),
    ),
  };
}
