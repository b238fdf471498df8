import type { Objective } from './objective';

const f32 = Math.fround;

/**
 * Where each coordinate of the global minimum lies: the smallest root of the stationary-point
 * equation 4x³ − 32x + 5 = 0 (∂/∂x of x⁴ − 16x² + 5x). The cubic x³ − 8x + 5/4 has three real
 * roots, xₖ = 2√(8/3)·cos(⅓·arccos(−(15/64)·√(3/8)) − 2πk/3); k = 2 gives the minimum. Solved to
 * 50 digits (mpmath: findroot, checked against that closed form), −2.90353402777117709511…, and
 * rounded to the nearest double. The other roots: a local maximum at 0.15673… and a local minimum
 * at 2.74680… (loss −25.03 per coordinate).
 */
const ARGMIN = -2.903534027771177;
/**
 * The loss per coordinate there, ½(x⁴ − 16x² + 5x) at that root, from the same 50 digits
 * (−39.16616570377141546…) rounded to the nearest double. (−39.16616570377142, the value often
 * quoted, is the adjacent double one ulp further from 0.)
 */
const MINIMUM_PER_COORDINATE = -39.16616570377141;

/**
 * The Styblinski–Tang function, n-dimensional: L = ½Σ(xᵢ⁴ − 16xᵢ² + 5xᵢ). Each coordinate has a
 * double well, deeper on the negative side: the global minimum is −39.16616570377141·n at
 * xᵢ = −2.903534027771177, and every other combination of wells (2ⁿ − 1 of them) is a local
 * minimum, so which one a run ends in depends on which side of the hump at 0.157 each coordinate
 * starts (and whether the optimizer carries enough speed over it). The loss is negative near the
 * minima: its terms have mixed signs, unlike the other objectives' (so the summation slack of
 * src/report/diff.ts, (n − 1)·u·|loss|, is not guaranteed where they cancel).
 * ∂L/∂xᵢ = 2xᵢ³ − 16xᵢ + 2.5.
 * TF.js: s = x², L = sum(0.5·(s² − 16·s + 5·x)).
 */
export const styblinskiTang: Objective = {
  name: 'styblinski-tang',
  formula: '½ Σ (xᵢ⁴ − 16xᵢ² + 5xᵢ)',
  // On the outer wall of the shallower well in x₁, on the deeper side of the hump in x₂: plain
  // gradient descent and Adam settle x₁ in the shallow well, at the local minimum
  // (2.747, −2.904) (loss −64.2); momentum carries x₁ over the hump into the global minimum.
  defaultX0: [4.6, -1.2],
  dimensionRule: 'any dimension of at least 1',
  acceptsDimension: (dimension) => dimension >= 1,
  lossTerms: (dimension) => dimension,
  minima: (dimension) => [new Array<number>(dimension).fill(ARGMIN)],
  minimumValue: (dimension) => dimension * MINIMUM_PER_COORDINATE,
  // The usual domain of the benchmark: all four wells of the 2-D function and the walls beyond.
  window: { xMin: -5, xMax: 5, yMin: -5, yMax: 5 },
  value(x) {
    let sum = 0;
    for (let i = 0; i < x.length; i++) {
      const s = x[i] * x[i];
      sum += 0.5 * (s * s - 16 * s + 5 * x[i]);
    }
    return sum;
  },
  gradient(x, out) {
    for (let i = 0; i < x.length; i++) out[i] = 2 * x[i] * x[i] * x[i] - 16 * x[i] + 2.5;
  },
  value32(x) {
    let sum = 0; // TF.js's Sum kernel: a JS double, rounded once at the end
    for (let i = 0; i < x.length; i++) {
      const s = f32(x[i] * x[i]);
      const t = f32(f32(f32(s * s) - f32(16 * s)) + f32(5 * x[i]));
      sum += f32(0.5 * t);
    }
    return f32(sum);
  },
  gradient32(x, out) {
    // Backward through sum → 0.5·t (dT = 0.5) → (s² − 16s) + 5x → s² (dy·2s) and 16·s, then
    // s = x². s feeds Square and the product 16·s; x feeds Square and 5·x: two contributions each.
    for (let i = 0; i < x.length; i++) {
      const dT = 0.5;
      const s = f32(x[i] * x[i]);
      const dS = f32(f32(dT * f32(s * 2)) + f32(-dT * 16));
      out[i] = f32(f32(dS * f32(x[i] * 2)) + f32(dT * 5));
    }
  },
};
