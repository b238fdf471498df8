import { seededRandom } from '../math/random';
import type { Precision } from './history';

/**
 * `--noise SIGMA`: stochastic gradients. Every gradient gets σ·z added, z standard normal draws
 * from the seeded generator (src/math/random.ts), before clipping and the step, as a minibatch
 * gradient would carry its noise into `.grad`. What the step used is what the rows record.
 *
 * Every run of a training draws from its own generator on the same (seed, stream), one draw per
 * parameter per iteration, so the four runs (and every optimizer of a comparison) see the same
 * draws in the same order: float32 against float64 and TF.js against PyTorch stay comparable.
 * The float64 runs add the double σ·z; the float32 runs (TF.js and its replay) add σ·z rounded to
 * float32 through one float32 Add, fround(g + fround(σ·z)), the same kernel on every backend.
 */
export interface GradientNoise {
  /** σ, ≥ 0; 0 adds nothing. */
  sigma: number;
  /** The generator's seed (a 32-bit unsigned integer). */
  seed: number;
}

/** The draws of one run: each call gives the next σ·z for `n` parameters. */
export type NoiseSource = (n: number) => Float64Array;

/**
 * One run's noise, on generator stream `stream` (0 for a training from x⁰; --tune's starting
 * point k uses stream k): null when there is none to add.
 */
export function noiseSource(noise: GradientNoise | null | undefined, stream = 0): NoiseSource | null {
  if (!noise || noise.sigma === 0) return null;
  const random = seededRandom(noise.seed, stream);
  const { sigma } = noise;
  let draws = new Float64Array(0);
  return (n) => {
    if (draws.length !== n) draws = new Float64Array(n);
    for (let i = 0; i < n; i++) draws[i] = sigma * random.normal();
    return draws;
  };
}

/** Adds draws to a gradient in place, as the run's precision does: a double add, or one float32 Add. */
export function addNoise(grad: Float64Array, draws: Float64Array, precision: Precision): void {
  if (precision === 'float32') {
    for (let i = 0; i < grad.length; i++) grad[i] = Math.fround(grad[i] + Math.fround(draws[i]));
  } else {
    for (let i = 0; i < grad.length; i++) grad[i] += draws[i];
  }
}
