import type { Objective } from './objective';

const f32 = Math.fround;

/**
 * A flat region around a narrow well: L = 1 − exp(−(x² + y²)/(2σ²)) with σ = ½, that is
 * L = 1 − exp(−2(x² + y²)). Minimum 0 at the origin; beyond a radius of 2 the loss is within
 * 4·10⁻⁴ of 1 and the gradient smaller than 3·10⁻³, falling off as exp(−2r²): at the default
 * start (2, 1.5), radius 2.5, it is 4·(x, y)·e^−12.5 ≈ (3.0e−5, 2.2e−5), tiny yet far above
 * float32's smallest numbers (exp(−2r²) underflows float32 only beyond a radius of about 7.2). Plain gradient
 * descent crawls there; momentum and the adaptive rules (which divide by the gradient's size)
 * cross the plateau much sooner. 2-D only.
 * ∂L/∂x = 4x·exp(−2(x² + y²)),  ∂L/∂y = 4y·exp(−2(x² + y²)).
 * TF.js: L = sum(−expm1(−2·(x² + y²))): expm1 keeps the loss's relative precision near the well,
 * where 1 − exp(…) would leave only multiples of 2⁻²⁴. Expm1's gradient is dy·exp(z).
 */
export const plateau: Objective = {
  name: 'plateau',
  formula: '1 − exp(−2(x₁² + x₂²))',
  defaultX0: [2, 1.5],
  dimensionRule: 'exactly 2 dimensions',
  acceptsDimension: (dimension) => dimension === 2,
  lossTerms: () => 1,
  minima: () => [[0, 0]],
  minimumValue: () => 0,
  // The well and the plateau around it, out past the start.
  window: { xMin: -3, xMax: 3, yMin: -3, yMax: 3 },
  value([x, y]) {
    return -Math.expm1(-2 * (x * x + y * y));
  },
  gradient([x, y], out) {
    const e = Math.exp(-2 * (x * x + y * y));
    out[0] = 4 * x * e;
    out[1] = 4 * y * e;
  },
  value32([x, y]) {
    return -f32(Math.expm1(exponent32(x, y)));
  },
  gradient32([x, y], out) {
    // Backward through sum → neg (−1) → Expm1 (dZ = −exp z) → −2·q (dQ = dZ·−2) → x² + y²
    // → Square (dQ·2x). One contribution each.
    const dQ = f32(-f32(Math.exp(exponent32(x, y))) * -2);
    // Slice's gradient pads each coordinate's with a 0 for the other, and the tape adds the two:
    // g + 0, which turns a −0 into +0.
    out[0] = f32(dQ * f32(x * 2)) + 0;
    out[1] = f32(dQ * f32(y * 2)) + 0;
  },
};

/** z = −2·(x² + y²) in float32. */
function exponent32(x: number, y: number): number {
  return f32(-2 * f32(f32(x * x) + f32(y * y)));
}
