import type { Objective } from './objective';

const f32 = Math.fround;

/**
 * Himmelblau's function: L = (x² + y − 11)² + (x + y² − 7)², four minima of 0, at (3, 2) and
 * near (−2.805, 3.131), (−3.779, −3.283), (3.584, −1.848); which one a run finds depends on the
 * optimizer and the start. 2-D only. With p = x² + y − 11, q = x + y² − 7:
 * ∂L/∂x = 4x·p + 2q,  ∂L/∂y = 2p + 4y·q.
 */
export const himmelblau: Objective = {
  name: 'himmelblau',
  formula: '(x₁² + x₂ − 11)² + (x₁ + x₂² − 7)²',
  defaultX0: [-1, -1],
  dimensionRule: 'exactly 2 dimensions',
  acceptsDimension: (dimension) => dimension === 2,
  lossTerms: () => 1,
  minima: () => [
    [3, 2],
    [-2.805118, 3.131312],
    [-3.77931, -3.283186],
    [3.584428, -1.848126],
  ],
  minimumValue: () => 0,
  window: null,
  value([x, y]) {
    const p = x * x + y - 11;
    const q = x + y * y - 7;
    return p * p + q * q;
  },
  gradient([x, y], out) {
    const p = x * x + y - 11;
    const q = x + y * y - 7;
    out[0] = 4 * x * p + 2 * q;
    out[1] = 2 * p + 4 * y * q;
  },
  value32([x, y]) {
    const p = f32(f32(f32(x * x) + y) - 11);
    const q = f32(f32(x + f32(y * y)) - 7);
    return f32(f32(p * p) + f32(q * q));
  },
  gradient32([x, y], out) {
    const p = f32(f32(f32(x * x) + y) - 11);
    const q = f32(f32(x + f32(y * y)) - 7);
    const dP = f32(p * 2);
    const dQ = f32(q * 2);
    out[0] = f32(f32(dP * f32(x * 2)) + dQ);
    out[1] = f32(dP + f32(dQ * f32(y * 2)));
  },
};
