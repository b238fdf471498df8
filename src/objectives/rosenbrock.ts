import type { Objective } from './objective';

const f32 = Math.fround;

/**
 * Rosenbrock's valley, n-dimensional: L = Σᵢ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², i = 1 … n−1.
 * Minimum 0 at (1, …, 1), at the end of a long curved valley: the classic test of an optimizer.
 * ∂L/∂xᵢ = −400·xᵢ·(xᵢ₊₁ − xᵢ²) − 2(1 − xᵢ)  [term i]  + 200·(xᵢ − xᵢ₋₁²)  [term i−1].
 * TF.js: h = x[0:n−1], t = x[1:n], a = t − h², b = 1 − h, L = sum(100·a² + b²).
 */
export const rosenbrock: Objective = {
  name: 'rosenbrock',
  formula: 'Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²',
  defaultX0: [-1.5, 2],
  dimensionRule: 'a dimension of at least 2',
  acceptsDimension: (dimension) => dimension >= 2,
  lossTerms: (dimension) => dimension - 1,
  minima: (dimension) => [new Array<number>(dimension).fill(1)],
  minimumValue: () => 0,
  window: null,
  value(x) {
    let sum = 0;
    for (let i = 0; i + 1 < x.length; i++) {
      const a = x[i + 1] - x[i] * x[i];
      const b = 1 - x[i];
      sum += 100 * a * a + b * b;
    }
    return sum;
  },
  gradient(x, out) {
    out.fill(0);
    for (let i = 0; i + 1 < x.length; i++) {
      const a = x[i + 1] - x[i] * x[i];
      out[i] += -400 * x[i] * a - 2 * (1 - x[i]);
      out[i + 1] += 200 * a;
    }
  },
  value32(x) {
    let sum = 0; // TF.js's Sum kernel: a JS double, rounded once at the end
    for (let i = 0; i + 1 < x.length; i++) {
      const a = f32(x[i + 1] - f32(x[i] * x[i]));
      const b = f32(1 - x[i]);
      sum += f32(f32(100 * f32(a * a)) + f32(b * b));
    }
    return f32(sum);
  },
  gradient32(x, out) {
    // Backward through sum → add → (100·a²: dA = 100·2a) and (b²: dB = 2b) → a = t − h², b = 1 − h.
    // x[i] gets the gradient reaching the slice h at i and the one reaching the slice t at i − 1
    // (each slice's gradient is padded to x's shape with zeros, then the two are added).
    let fromTail = 0;
    for (let i = 0; i < x.length; i++) {
      let fromHead = 0;
      let nextFromTail = 0;
      if (i + 1 < x.length) {
        const a = f32(x[i + 1] - f32(x[i] * x[i]));
        const b = f32(1 - x[i]);
        const dA = f32(100 * f32(a * 2));
        const dB = f32(b * 2);
        fromHead = f32(f32(-dA * f32(x[i] * 2)) + -dB);
        nextFromTail = dA;
      }
      out[i] = f32(fromHead + fromTail);
      fromTail = nextFromTail;
    }
  },
};
