import type { Objective } from './objective';

const f32 = Math.fround;
/** The constants as TF.js holds them: float32 scalars. 0.5, 1, 20 are exact. */
const TWO_PI_32 = f32(2 * Math.PI);
const MINUS_ONE_FIFTH_32 = f32(-0.2);
const E_32 = f32(Math.E);

/**
 * Ackley's function: L = −20·exp(−0.2·√(0.5(x² + y²))) − exp(0.5(cos 2πx + cos 2πy)) + e + 20,
 * a funnel covered in ripples: minimum 0 at the origin, at the tip of a cone, and a local minimum
 * near every integer point around it. 2-D only. Summed as 20(1 − a) + (e − b) with
 * a = exp(−0.2r), r = √(0.5(x² + y²)), b = exp(0.5(cos 2πx + cos 2πy)): the same function, and
 * exactly 0 at the origin in float64 and float32 alike (exp(1) is e to the last bit).
 * ∂L/∂x = 2a·x/r + π·b·sin 2πx,  ∂L/∂y = 2a·y/r + π·b·sin 2πy.
 * The gradient does not exist at the origin (the cone's tip: √ at 0): there x/r is 0/0, NaN, and
 * TF.js gives NaN too (Sqrt's gradient dy/(2√0) is Infinity, times Square's 2x = 0). Elsewhere it
 * is finite; an optimizer oscillates around the tip rather than landing on it.
 * TF.js: r = sqrt(0.5·(x² + y²)), a = exp(−0.2·r), b = exp(0.5·(cos 2πx + cos 2πy)),
 * L = sum(20·(1 − a) + (e − b)); Exp's gradient is dy·exp(z) (its output), Sqrt's dy/(2√q).
 */
export const ackley: Objective = {
  name: 'ackley',
  formula: '−20 exp(−0.2 √(½(x₁² + x₂²))) − exp(½(cos 2πx₁ + cos 2πx₂)) + e + 20',
  // In the ripples, a few rings out: plain gradient descent settles in a local minimum nearby.
  defaultX0: [-3.2, 2.6],
  dimensionRule: 'exactly 2 dimensions',
  acceptsDimension: (dimension) => dimension === 2,
  lossTerms: () => 1,
  minima: () => [[0, 0]],
  minimumValue: () => 0,
  // The central funnel and five rings of ripples around it.
  window: { xMin: -5, xMax: 5, yMin: -5, yMax: 5 },
  value([x, y]) {
    const r = Math.sqrt(0.5 * (x * x + y * y));
    const a = Math.exp(-0.2 * r);
    const b = Math.exp(0.5 * (Math.cos(2 * Math.PI * x) + Math.cos(2 * Math.PI * y)));
    return 20 * (1 - a) + (Math.E - b);
  },
  gradient([x, y], out) {
    const r = Math.sqrt(0.5 * (x * x + y * y));
    const a = Math.exp(-0.2 * r);
    const b = Math.exp(0.5 * (Math.cos(2 * Math.PI * x) + Math.cos(2 * Math.PI * y)));
    out[0] = (2 * a * x) / r + Math.PI * b * Math.sin(2 * Math.PI * x);
    out[1] = (2 * a * y) / r + Math.PI * b * Math.sin(2 * Math.PI * y);
  },
  value32([x, y]) {
    const { a, b } = forward32(x, y);
    return f32(f32(20 * f32(1 - a)) + f32(E_32 - b));
  },
  gradient32([x, y], out) {
    const { r, a, b, thetaX, thetaY } = forward32(x, y);
    // The funnel: sum → add → 20·(1 − a) (dA = −20) → exp (dZ = dA·a) → −0.2·r → sqrt
    // (dQ = dR / (2√q), √q recomputed: r) → 0.5·(x² + y²) → Square (dy·2x).
    const dZ = f32(-20 * a);
    const dR = f32(dZ * MINUS_ONE_FIFTH_32);
    const dQ = f32(dR / f32(r * 2));
    const dSquares = f32(dQ * 0.5);
    // The ripples: e − b (dB = −1) → exp (dW = −b) → 0.5·(cos θx + cos θy) → Cos (−sin θ·dy)
    // → θ = 2π·x (dθ·2π).
    const dCos = f32(-b * 0.5);
    const rippleX = f32(f32(-f32(Math.sin(thetaX)) * dCos) * TWO_PI_32);
    const rippleY = f32(f32(-f32(Math.sin(thetaY)) * dCos) * TWO_PI_32);
    // x feeds Square and the product 2π·x: two contributions each. Then Slice's gradient pads each
    // coordinate's with a 0 for the other, and the tape adds the two: g + 0 (a −0 turns +0).
    out[0] = f32(f32(dSquares * f32(x * 2)) + rippleX) + 0;
    out[1] = f32(f32(dSquares * f32(y * 2)) + rippleY) + 0;
  },
};

/** The forward pass's float32 values that the value and the gradient need. */
function forward32(x: number, y: number): { r: number; a: number; b: number; thetaX: number; thetaY: number } {
  const r = f32(Math.sqrt(f32(0.5 * f32(f32(x * x) + f32(y * y)))));
  const a = f32(Math.exp(f32(MINUS_ONE_FIFTH_32 * r)));
  const thetaX = f32(TWO_PI_32 * x);
  const thetaY = f32(TWO_PI_32 * y);
  const b = f32(Math.exp(f32(0.5 * f32(f32(Math.cos(thetaX)) + f32(Math.cos(thetaY))))));
  return { r, a, b, thetaX, thetaY };
}
