import { seededRandom } from '../math/random';
import type { Objective } from '../objectives/objective';

/**
 * The generator stream the starting points are drawn from: streams 0, 1, … are the noise of start
 * 0, 1, …, so the starting points take one far above them.
 */
const STARTS_STREAM = 0xffffffff;

function distance(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return Math.sqrt(sum);
}

/**
 * `--starts K`: x⁰ and K − 1 more starting points, the same for every optimizer and every
 * learning rate, drawn from `seed`. Each lies as far from the minimum nearest to x⁰ as x⁰ does,
 * in a direction uniform on the sphere (normal draws, normalized): a problem as hard as the one
 * posed (the same starting loss on Σxᵢ²), seen from other sides. Coordinates are rounded to
 * float32, so that the TF.js runs (float32) and the Float64 search start from the same numbers.
 */
export function startingPoints(objective: Objective, x0: readonly number[], count: number, seed: number): number[][] {
  const minima = objective.minima(x0.length);
  let nearest = minima[0];
  for (const minimum of minima) if (distance(x0, minimum) < distance(x0, nearest)) nearest = minimum;
  const radius = distance(x0, nearest);
  const random = seededRandom(seed, STARTS_STREAM);
  const points = [x0.map(Math.fround)];
  for (let k = 1; k < count; k++) {
    const direction = x0.map(() => random.normal());
    const length = Math.sqrt(direction.reduce((sum, v) => sum + v * v, 0));
    points.push(direction.map((v, i) => Math.fround(nearest[i] + (radius * v) / length)));
  }
  return points;
}
