import type { Objective } from './objective';

const f32 = Math.fround;

/**
 * The Goldstein–Price function: L = [1 + (x + y + 1)²(19 − 14x + 3x² − 14y + 6xy + 3y²)]
 * · [30 + (2x − 3y)²(18 − 32x + 12x² + 48y − 36xy + 27y²)], minimum 3 at (0, −1); values up to
 * 10⁶ in [−2, 2]²: steep walls around flat floors. 2-D only.
 * Each quadratic factor is a polynomial in one linear form: with t = x + y + 1 and d = 2x − 3y,
 * 19 − 14x + 3x² − 14y + 6xy + 3y² = 36 − 20t + 3t² and 18 − 32x + 12x² + 48y − 36xy + 27y²
 * = 18 − 16d + 3d², so L = A·B with A = 1 + t²(36 − 20t + 3t²), B = 30 + d²(18 − 16d + 3d²).
 * A' = dA/dt = 72t − 60t² + 12t³ = 12t(t − 2)(t − 3), B' = dB/dd = 36d − 48d² + 12d³
 * = 12d(d − 1)(d − 3):  ∂L/∂x = A'·B + 2A·B',  ∂L/∂y = A'·B − 3A·B'.
 * A ≥ 1 and B ≥ 3 are positive, so L's minima pair A's (t = 0: 1, t = 3: 28) with B's (d = 3: 3,
 * d = 0: 30): the global 1·3 at (0, −1) and local ones of 30 at (−0.6, −0.4), 84 at (1.8, 0.2)
 * and 840 at (1.2, 0.8); A's maximum t = 2 and B's d = 1 make saddles and a maximum between them.
 * TF.js: that factored form, which keeps every tensor feeding at most two ops (x: t and d; t: t²
 * and 20t; t²: 3t² and the product t²·(…); likewise d), so the gradient's accumulation order
 * cannot matter; the expanded standard form would have x feed eight ops.
 */
export const goldsteinPrice: Objective = {
  name: 'goldstein-price',
  // The factored form: the expanded one does not fit in a chart's title.
  formula: '[1 + t²(36 − 20t + 3t²)]·[30 + d²(18 − 16d + 3d²)], t = x₁ + x₂ + 1, d = 2x₁ − 3x₂',
  // Down a wall (loss 1.1·10⁴) to the global minimum; Adam with a small lr turns off into the
  // local minimum of 30. (Not on the line x + y = 1, t = 2: there ∂A/∂t = 0 and a run follows
  // that ridge to the saddles (0.6, 0.4) and (1.2, −0.2).)
  defaultX0: [-1.5, -1.5],
  dimensionRule: 'exactly 2 dimensions',
  acceptsDimension: (dimension) => dimension === 2,
  lossTerms: () => 1,
  minima: () => [[0, -1]],
  minimumValue: () => 3,
  // The usual domain of the benchmark: the global minimum and the three local ones.
  window: { xMin: -2, xMax: 2, yMin: -2, yMax: 2 },
  value([x, y]) {
    const t = x + y + 1;
    const d = 2 * x - 3 * y;
    return (1 + t * t * (36 - 20 * t + 3 * t * t)) * (30 + d * d * (18 - 16 * d + 3 * d * d));
  },
  gradient([x, y], out) {
    const t = x + y + 1;
    const d = 2 * x - 3 * y;
    const a = 1 + t * t * (36 - 20 * t + 3 * t * t);
    const b = 30 + d * d * (18 - 16 * d + 3 * d * d);
    const dA = t * (72 + t * (-60 + 12 * t));
    const dB = d * (36 + d * (-48 + 12 * d));
    out[0] = dA * b + 2 * a * dB;
    out[1] = dA * b - 3 * a * dB;
  },
  value32([x, y]) {
    const { a, b } = forward32(x, y);
    return f32(a.value * b.value);
  },
  gradient32([x, y], out) {
    const { a, b } = forward32(x, y);
    // Backward through sum → A·B (dA = B, dB = A) → each factor, then t = (x + y) + 1 (x and y
    // get dT) and d = 2x − 3y (x gets dD·2, y gets −dD·3).
    const dT = factorBackward32(a, b.value);
    const dD = factorBackward32(b, a.value);
    // Slice's gradient pads each coordinate's with a 0 for the other, and the tape adds the two:
    // g + 0, which turns a −0 into +0.
    out[0] = f32(dT + f32(dD * 2)) + 0;
    out[1] = f32(dT + f32(-dD * 3)) + 0;
  },
};

/** One factor c + u²·(k₀ − k₁u + 3u²) in float32, with what its backward pass needs. */
interface Factor32 {
  u: number;
  u2: number;
  poly: number;
  k1: number;
  value: number;
}

function factor32(u: number, c: number, k0: number, k1: number): Factor32 {
  const u2 = f32(u * u);
  const poly = f32(f32(k0 - f32(k1 * u)) + f32(3 * u2));
  return { u, u2, poly, k1, value: f32(c + f32(u2 * poly)) };
}

function forward32(x: number, y: number): { a: Factor32; b: Factor32 } {
  const t = f32(f32(x + y) + 1);
  const d = f32(f32(2 * x) - f32(3 * y));
  return { a: factor32(t, 1, 36, 20), b: factor32(d, 30, 18, 16) };
}

/**
 * The gradient reaching u from dFactor: c + m (dM = dFactor) → m = u²·poly (u²: dM·poly;
 * poly: dM·u²) → poly = (k₀ − k₁·u) + 3·u² (u: −dPoly·k₁; u²: dPoly·3) → u² = Square(u)
 * (dU2·2u). u and u² each get two contributions.
 */
function factorBackward32({ u, u2, poly, k1 }: Factor32, dFactor: number): number {
  const dPoly = f32(dFactor * u2);
  const dU2 = f32(f32(dFactor * poly) + f32(dPoly * 3));
  return f32(f32(-dPoly * k1) + f32(dU2 * f32(u * 2)));
}
