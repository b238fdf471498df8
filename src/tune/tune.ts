import type { TrainConfig } from '../config';
import { OBJECTIVES } from '../objectives/registry';
import { referenceClip } from '../run/clip';
import { noiseSource } from '../run/noise';
import { closedFormLr, type ClosedForm } from './closedForm';
import { runFromStart, type RunSetup, type StartOutcome } from './evaluate';
import { searchLearningRate, type Score } from './search';
import type { TuneSettings } from './settings';
import { startingPoints } from './starts';

/**
 * `--tune` for one optimizer: its learning rate searched with the Float64 rule (the `manual`
 * run's: TF.js's rule mirrored for tf.train optimizers, torch's for torch.*), each lr judged by the
 * final loss after --iterations, averaged over the starting points, a diverged start making the lr
 * the worst; noise (each start its own draws, the same for every lr and optimizer), clipping and a
 * schedule apply as in the training. Pure: no TF.js, no I/O.
 */

/** One learning rate tried. */
export interface LrTrial {
  lr: number;
  /** The loss at x after the last step, per start; null where that start diverged. */
  finalLosses: Array<number | null>;
  /** Their mean gap to the minimum (L − L*, ≥ 0), or null when any start diverged. */
  meanGap: number | null;
  diverged: boolean;
}

export interface OptimizerTuning {
  /** As --optimizer names it. */
  optimizer: string;
  /** Every learning rate tried, in increasing order. */
  trials: LrTrial[];
  /** The best learning rate, or null when every one diverged. */
  bestLr: number | null;
  /** The final loss at the best lr over the starts. */
  finalLoss: { mean: number; min: number; max: number } | null;
  /** Steps until every start's gap fell to 1e-6 of its start's, or null when one never did. */
  steps: number | null;
  /** How many starts got there. */
  startsReached: number;
  /** Whether the best is an end of the range: the optimum may lie outside it. */
  atEdge: 'low' | 'high' | null;
  /** The best lr in closed form, where one is known. */
  closedForm: ClosedForm | null;
}

/** A schedule for the search's runs: a factory of steppers on a rule's target (see src/run/training.ts). */
export type ScheduleFactory = RunSetup['schedule'];

interface Detail {
  outcomes: StartOutcome[];
}

/** Mean, ignoring nothing: every value counts. */
function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

export function tuneOptimizer(
  config: TrainConfig,
  settings: TuneSettings,
  starts: readonly number[][],
  schedule: ScheduleFactory,
): OptimizerTuning {
  const objective = OBJECTIVES[config.objective];
  const minimum = objective.minimumValue(config.x0.length);
  const clip = referenceClip(config.clip, 'float64');
  const judge = (lr: number): { score: Score; detail: Detail } => {
    const optimizer = settings.optimizerAt(lr);
    const outcomes = starts.map((start, k) =>
      runFromStart(optimizer.manualRule('float64'), start, {
        objective,
        minimum,
        iterations: config.iterations,
        clip,
        noise: noiseSource(config.noise, k),
        schedule,
      }),
    );
    const diverged = outcomes.some((o) => o.finalLoss === null);
    const score = diverged
      ? { final: Infinity, area: Infinity }
      : {
          final: mean(outcomes.map((o) => Math.max(0, (o.finalLoss ?? 0) - minimum))),
          area: mean(outcomes.map((o) => o.area)),
        };
    return { score, detail: { outcomes } };
  };
  const search = searchLearningRate(settings.range, settings.budget, judge);
  const trials: LrTrial[] = search.trials.map(({ lr, score, detail }) => ({
    lr,
    finalLosses: detail.outcomes.map((o) => o.finalLoss),
    meanGap: Number.isFinite(score.final) ? score.final : null,
    diverged: !Number.isFinite(score.final),
  }));
  const best = search.best;
  const finals = best ? best.detail.outcomes.map((o) => o.finalLoss ?? NaN) : [];
  const reached = best ? best.detail.outcomes.filter((o) => o.steps !== null) : [];
  const plainRule = config.clip === null && config.scheduler === null && !(config.noise && config.noise.sigma > 0);
  const definitionOf = settings.optimizerAt(best?.lr ?? settings.range[0]);
  return {
    optimizer: definitionOf.definition.name,
    trials,
    bestLr: best?.lr ?? null,
    finalLoss: best ? { mean: mean(finals), min: Math.min(...finals), max: Math.max(...finals) } : null,
    steps: best && reached.length === starts.length ? Math.max(...reached.map((o) => o.steps ?? 0)) : null,
    startsReached: reached.length,
    atEdge: search.atEdge,
    closedForm: closedFormLr(config.objective, definitionOf, plainRule),
  };
}

/** `--tune` over every optimizer of a command line: the shared starts, then each optimizer's search. */
export interface TuningRun {
  range: readonly [number, number];
  budget: number;
  /** How many starting points, and the points themselves (x⁰ first). */
  starts: number;
  seed: number;
  startPoints: number[][];
  /** L* of the objective in this dimension: the gaps are L − L*. */
  minimum: number;
  optimizers: OptimizerTuning[];
}

/**
 * Tunes every config's optimizer (they share the objective, starts, iterations, noise, clipping
 * and schedule), awaiting `between` after each (the command line lets the event loop run there,
 * so that Ctrl-C is heard).
 */
export async function tuneAll(
  configs: readonly TrainConfig[],
  schedule: ScheduleFactory,
  between: () => Promise<void> = async () => {},
): Promise<TuningRun> {
  const settings = configs[0].tune;
  if (!settings) throw new Error('tuneAll needs configs with --tune settings');
  const objective = OBJECTIVES[configs[0].objective];
  const startPoints = startingPoints(objective, configs[0].x0, settings.starts, settings.seed);
  const optimizers: OptimizerTuning[] = [];
  for (const config of configs) {
    if (!config.tune) throw new Error('every config of a tuning has --tune settings');
    optimizers.push(tuneOptimizer(config, config.tune, startPoints, schedule));
    await between();
  }
  return {
    range: settings.range,
    budget: settings.budget,
    starts: settings.starts,
    seed: settings.seed,
    startPoints,
    minimum: objective.minimumValue(configs[0].x0.length),
    optimizers,
  };
}

/** The configs to train after tuning: each optimizer at its best lr (unchanged where every lr diverged). */
export function tunedConfigs(configs: readonly TrainConfig[], tuning: TuningRun): TrainConfig[] {
  return configs.map((config, i) => {
    const best = tuning.optimizers[i].bestLr;
    return best === null || !config.tune ? config : { ...config, optimizer: config.tune.optimizerAt(best) };
  });
}
