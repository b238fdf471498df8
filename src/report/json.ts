import { NUMPY_EDGE_ITEMS, NUMPY_THRESHOLD } from '../numpyPrintOptions';
import type { ObjectiveName } from '../objectives/registry';
import type { GradientClip } from '../config';
import type { HyperparameterValues } from '../optimizers/optimizer';
import type { BackendChoice, BackendName } from '../tfjs/backend';
import type { TrainResult, TrainRuns } from '../train';
import type { TuningRun } from '../tune/tune';
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
  /** --noise: σ and the seed of its draws, or null. */
  noise: { sigma: number; seed: number } | null;
  /** --tune's settings (the results are under `tuning`), or null. */
  tune: { range: [number, number]; budget: number; starts: number; seed: number } | null;
  /** --resume-torch: the file, torch.optim's class and the steps taken before it (null: SGD counts none), or null. */
  resumeTorch: { file: string; optimizer: string; steps: number | null } | null;
}

/**
 * --tune's results: the starting points (x⁰ first; edge items past 1000 parameters), L*, and per
 * optimizer the best lr, the final loss there over the starts, the steps to 1e-6 of the start's
 * gap, and every lr tried with each start's final loss (null: that start diverged).
 */
export interface TuningJson {
  criterion: string;
  startPoints: number[][];
  minimum: number;
  optimizers: Record<
    string,
    {
      bestLr: number | null;
      finalLoss: { mean: number; min: number; max: number } | null;
      steps: number | null;
      startsReached: number;
      atEdge: 'low' | 'high' | null;
      closedForm: { lr: number; why: string } | null;
      trials: Array<{ lr: number; meanGap: number | null; diverged: boolean; finalLosses: Array<number | null> }>;
    }
  >;
}

/** The JSON contract other tools read (one optimizer): keep these names. */
export interface TrainJson {
  config: ConfigJson;
  backend: BackendName;
  /** With --tune only. */
  tuning?: TuningJson;
  runs: TrainRuns;
  diff: RunDiff;
  parity: RuleComparison;
}

/** The JSON of a comparison: the shared settings, then per optimizer its hyperparameters, runs, diff and parity. */
export interface CompareJson {
  config: Omit<ConfigJson, 'optimizer' | 'hyperparameters' | 'resumeTorch'> & { optimizers: string[] };
  backend: BackendName;
  /** With --tune only. */
  tuning?: TuningJson;
  optimizers: Record<string, Pick<TrainJson, 'runs' | 'diff' | 'parity'> & { hyperparameters: HyperparametersJson }>;
}

const edges = (x: readonly number[]): number[] => startJson(x).x0;

function tuningJson(tuning: TuningRun): TuningJson {
  return {
    criterion:
      'mean over the starts of the final loss gap L − L* after --iterations (L at x after the last step); an lr where any start diverged is worst; ties broken by the mean area under the gap curve',
    startPoints: tuning.startPoints.map(edges),
    minimum: tuning.minimum,
    optimizers: Object.fromEntries(
      tuning.optimizers.map((t) => [
        t.optimizer,
        {
          bestLr: t.bestLr,
          finalLoss: t.finalLoss,
          steps: t.steps,
          startsReached: t.startsReached,
          atEdge: t.atEdge,
          closedForm: t.closedForm,
          trials: t.trials.map(({ lr, meanGap, diverged, finalLosses }) => ({ lr, meanGap, diverged, finalLosses })),
        },
      ]),
    ),
  };
}

/** The config's --noise and --tune, as JSON shows them. */
function noiseAndTune(config: TrainResult['config']): Pick<ConfigJson, 'noise' | 'tune'> {
  const tune = config.tune;
  return {
    noise: config.noise ? { sigma: config.noise.sigma, seed: config.noise.seed } : null,
    tune: tune
      ? { range: [tune.range[0], tune.range[1]], budget: tune.budget, starts: tune.starts, seed: tune.seed }
      : null,
  };
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
    ...noiseAndTune(config),
    resumeTorch: config.resume
      ? { file: config.resume.path, optimizer: config.resume.className, steps: config.resume.steps }
      : null,
  };
}

export function trainJson(result: TrainResult, tuning: TuningRun | null = null): TrainJson {
  return {
    config: configJson(result),
    backend: result.backend,
    ...(tuning ? { tuning: tuningJson(tuning) } : {}),
    runs: result.runs,
    diff: result.diff,
    parity: result.parity,
  };
}

export function compareJson(results: readonly TrainResult[], tuning: TuningRun | null = null): CompareJson {
  const { objective, x0, iterations, backend, clip } = results[0].config;
  const scheduler = results[0].config.scheduler?.text ?? null;
  const names = results.map((r) => r.config.optimizer.definition.name);
  return {
    config: {
      objective,
      optimizers: names,
      ...startJson(x0),
      iterations,
      backend,
      clip,
      scheduler,
      ...noiseAndTune(results[0].config),
    },
    backend: results[0].backend,
    ...(tuning ? { tuning: tuningJson(tuning) } : {}),
    optimizers: Object.fromEntries(
      results.map((r, i) => [
        names[i],
        { hyperparameters: hyperparametersJson(r), runs: r.runs, diff: r.diff, parity: r.parity },
      ]),
    ),
  };
}
