import type { Objective } from './objective';

const f32 = Math.fround;

/**
 * Booth's function: L = (x + 2y − 7)² + (2x + y − 5)², minimum 0 at (1, 3). A tilted bowl
 * (a quadratic with condition number 9), so plain SGD zigzags. 2-D only.
 * With p = x + 2y − 7, q = 2x + y − 5:  ∂L/∂x = 2p + 4q,  ∂L/∂y = 4p + 2q.
 */
export const booth: Objective = {
  name: 'booth',
  formula: '(x₁ + 2x₂ − 7)² + (2x₁ + x₂ − 5)²',
  defaultX0: [-6, -4],
  dimensionRule: 'exactly 2 dimensions',
  acceptsDimension: (dimension) => dimension === 2,
  lossTerms: () => 1,
  minima: () => [[1, 3]],
  minimumValue: () => 0,
  window: null,
  value([x, y]) {
    const p = x + 2 * y - 7;
    const q = 2 * x + y - 5;
    return p * p + q * q;
  },
  gradient([x, y], out) {
    const p = x + 2 * y - 7;
    const q = 2 * x + y - 5;
    out[0] = 2 * p + 4 * q;
    out[1] = 4 * p + 2 * q;
  },
  value32([x, y]) {
    const p = f32(f32(x + f32(2 * y)) - 7);
    const q = f32(f32(f32(2 * x) + y) - 5);
    return f32(f32(p * p) + f32(q * q));
  },
  gradient32([x, y], out) {
    const p = f32(f32(x + f32(2 * y)) - 7);
    const q = f32(f32(f32(2 * x) + y) - 5);
    const dP = f32(p * 2);
    const dQ = f32(q * 2);
    out[0] = f32(dP + f32(dQ * 2));
    out[1] = f32(f32(dP * 2) + dQ);
  },
};
