import type { Objective } from './objective';

const f32 = Math.fround;

/**
 * A bounded saddle: L = (x² − 1)²/4 + y²/2, a double well in x times a bowl in y. A saddle point
 * at the origin (loss ¼; curvature −1 along x, +1 along y) between two minima of 0 at (±1, 0).
 * Started just off the y-axis (the saddle's stable manifold), gradient descent first slides down
 * to the saddle, where the gradient nearly vanishes, and lingers there while x grows by a factor
 * (1 + lr) per step from its tiny start, before it falls into a well. 2-D only.
 * ∂L/∂x = x(x² − 1),  ∂L/∂y = y.
 * TF.js: p = x² − 1, L = sum(0.25·p² + 0.5·y²).
 */
export const saddle: Objective = {
  name: 'saddle',
  formula: '(x₁² − 1)²/4 + x₂²/2',
  defaultX0: [0.001, 1.5],
  dimensionRule: 'exactly 2 dimensions',
  acceptsDimension: (dimension) => dimension === 2,
  lossTerms: () => 1,
  minima: () => [
    [-1, 0],
    [1, 0],
  ],
  minimumValue: () => 0,
  // Both wells, the saddle between them and the start.
  window: { xMin: -2, xMax: 2, yMin: -2, yMax: 2 },
  value([x, y]) {
    const p = x * x - 1;
    return 0.25 * p * p + 0.5 * y * y;
  },
  gradient([x, y], out) {
    out[0] = x * (x * x - 1);
    out[1] = y;
  },
  value32([x, y]) {
    const p = f32(f32(x * x) - 1);
    return f32(f32(0.25 * f32(p * p)) + f32(0.5 * f32(y * y)));
  },
  gradient32([x, y], out) {
    // Backward through sum → add → 0.25·p² (dP = 0.25·2p) → p = x² − 1 → Square (dP·2x); and
    // 0.5·y² → Square (0.5·2y). One contribution each.
    const p = f32(f32(x * x) - 1);
    const dP = f32(0.25 * f32(p * 2));
    // Slice's gradient pads each coordinate's with a 0 for the other, and the tape adds the two:
    // g + 0, which turns a −0 into +0.
    out[0] = f32(dP * f32(x * 2)) + 0;
    out[1] = f32(0.5 * f32(y * 2)) + 0;
  },
};
