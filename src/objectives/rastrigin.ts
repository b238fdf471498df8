import type { Objective } from './objective';

const f32 = Math.fround;
/** 2π as TF.js holds it: a float32 scalar (tf.scalar rounds the double 2π to 6.2831854820251465). */
const TWO_PI_32 = f32(2 * Math.PI);

/**
 * Rastrigin's function, n-dimensional: L = 10n + Σ(xᵢ² − 10·cos 2πxᵢ), a bowl with an egg box on
 * it. Minimum 0 at the origin, and a local minimum near every integer point (pulled slightly
 * towards 0): gradient descent stops in the nearest one unless its steps are long enough to jump.
 * Summed as n non-negative terms xᵢ² + 10(1 − cos 2πxᵢ), so lossTerms holds (src/report/diff.ts).
 * ∂L/∂xᵢ = 2xᵢ + 20π·sin 2πxᵢ.
 * TF.js: θ = 2π·x, L = sum(x² + 10·(1 − cos θ)); Cos's gradient is −dy·sin θ.
 */
export const rastrigin: Objective = {
  name: 'rastrigin',
  formula: '10n + Σ (xᵢ² − 10 cos 2πxᵢ)',
  defaultX0: [3.3, -2.6],
  dimensionRule: 'any dimension of at least 1',
  acceptsDimension: (dimension) => dimension >= 1,
  lossTerms: (dimension) => dimension,
  minima: (dimension) => [new Array<number>(dimension).fill(0)],
  minimumValue: () => 0,
  // The usual domain of the benchmark: 11 × 11 local minima around the global one.
  window: { xMin: -5.12, xMax: 5.12, yMin: -5.12, yMax: 5.12 },
  value(x) {
    let sum = 0;
    for (let i = 0; i < x.length; i++) sum += x[i] * x[i] + 10 * (1 - Math.cos(2 * Math.PI * x[i]));
    return sum;
  },
  gradient(x, out) {
    for (let i = 0; i < x.length; i++) out[i] = 2 * x[i] + 20 * Math.PI * Math.sin(2 * Math.PI * x[i]);
  },
  value32(x) {
    let sum = 0; // TF.js's Sum kernel: a JS double, rounded once at the end
    for (let i = 0; i < x.length; i++) {
      const cosTheta = f32(Math.cos(f32(TWO_PI_32 * x[i])));
      sum += f32(f32(x[i] * x[i]) + f32(10 * f32(1 - cosTheta)));
    }
    return f32(sum);
  },
  gradient32(x, out) {
    // Backward through sum → add → (x²: dy·2x) and (10·(1 − cos θ): dCos = −10, dθ = −sin θ·dCos)
    // → θ = 2π·x (dθ·2π). x feeds Square and the product 2π·x: two contributions.
    for (let i = 0; i < x.length; i++) {
      const theta = f32(TWO_PI_32 * x[i]);
      const dTheta = f32(-f32(Math.sin(theta)) * -10);
      out[i] = f32(f32(x[i] * 2) + f32(dTheta * TWO_PI_32));
    }
  },
};
