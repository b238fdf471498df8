import type { ResolvedOptimizer } from '../optimizers/optimizer';

/** `--tune`'s defaults: the learning rates searched, trainings per optimizer, starting points. */
export const DEFAULT_TUNE_RANGE: readonly [number, number] = [1e-4, 10];
export const DEFAULT_TUNE_BUDGET = 40;
export const DEFAULT_STARTS = 3;
export const MIN_TUNE_BUDGET = 3;
export const MAX_TUNE_BUDGET = 1000;
export const MAX_STARTS = 100;

/**
 * `--tune` for one optimizer: search its learning rate over `range` (log-spaced, then refined
 * around the best), at most `budget` learning rates, each judged over `starts` starting points.
 */
export interface TuneSettings {
  range: readonly [number, number];
  budget: number;
  starts: number;
  /** Seeds the extra starting points (and the noise, when there is some). */
  seed: number;
  /** The same optimizer, every other flag as given, at learning rate `lr`. */
  optimizerAt(lr: number): ResolvedOptimizer;
}
