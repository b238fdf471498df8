import type { Objective } from './objective';

const f32 = Math.fround;
/** The constants of the three terms, cₖ (exact in float32). */
const C = [1.5, 2.25, 2.625] as const;

/**
 * Beale's function: L = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)², minimum 0 at
 * (3, 0.5), at the end of a narrow curved valley; flat plateaus and steep walls (the y³) around
 * it. 2-D only. With rₖ = cₖ − x(1 − yᵏ), k = 1, 2, 3, c = (1.5, 2.25, 2.625):
 * ∂L/∂x = −2Σ rₖ(1 − yᵏ),  ∂L/∂y = 2x·Σ rₖ·k·yᵏ⁻¹.
 * TF.js: y² = y·y, y³ = y²·y, tₖ = (cₖ − x·(1 − yᵏ))², L = sum((t₁ + t₂) + t₃), elementwise ops
 * only (no Pow, no broadcast whose gradient is a Sum kernel), which every backend rounds alike.
 * x feeds three products and y three ops (y², y²·y, 1 − y), so the order in which the tape adds
 * their gradients matters, and gradient32 replays it: tape.js's backpropagateGradients walks the
 * ops in reverse order of creation, keeps the first gradient reaching a tensor and adds each later
 * one to it.
 */
export const beale: Objective = {
  name: 'beale',
  formula: '(1.5 − x₁ + x₁x₂)² + (2.25 − x₁ + x₁x₂²)² + (2.625 − x₁ + x₁x₂³)²',
  defaultX0: [1, 1.5],
  dimensionRule: 'exactly 2 dimensions',
  acceptsDimension: (dimension) => dimension === 2,
  lossTerms: () => 1,
  minima: () => [[3, 0.5]],
  minimumValue: () => 0,
  // The usual domain of the benchmark.
  window: { xMin: -4.5, xMax: 4.5, yMin: -4.5, yMax: 4.5 },
  value([x, y]) {
    const r1 = 1.5 - x * (1 - y);
    const r2 = 2.25 - x * (1 - y * y);
    const r3 = 2.625 - x * (1 - y * y * y);
    return r1 * r1 + r2 * r2 + r3 * r3;
  },
  gradient([x, y], out) {
    const w1 = 1 - y;
    const w2 = 1 - y * y;
    const w3 = 1 - y * y * y;
    const r1 = 1.5 - x * w1;
    const r2 = 2.25 - x * w2;
    const r3 = 2.625 - x * w3;
    out[0] = -2 * (r1 * w1 + r2 * w2 + r3 * w3);
    out[1] = 2 * x * (r1 + 2 * r2 * y + 3 * r3 * y * y);
  },
  value32([x, y]) {
    const { t } = forward32(x, y);
    return f32(f32(t[0] + t[1]) + t[2]);
  },
  gradient32([x, y], out) {
    const { y2, w } = forward32(x, y);
    // Each term: Square (dR = 2r) → c − m (dM = −dR) → m = x·w (x's share dM·w; dW = dM·x)
    // → w = 1 − power (dPower = −dW).
    const toX: number[] = [];
    const toPower: number[] = [];
    for (let k = 0; k < 3; k++) {
      const dM = -f32(f32(C[k] - f32(x * w[k])) * 2);
      toX.push(f32(dM * w[k]));
      toPower.push(-f32(dM * x));
    }
    // The tape, backwards: term 3 (created last), then terms 2 and 1, then y³ = y²·y, then y² = y·y.
    const dX = f32(f32(toX[2] + toX[1]) + toX[0]);
    const dY3 = toPower[2];
    const dY2 = f32(toPower[1] + f32(dY3 * y));
    const dY = f32(f32(toPower[0] + f32(dY3 * y2)) + f32(dY2 * f32(y * 2)));
    // Slice's gradient pads each coordinate's with a 0 for the other, and the tape adds the two:
    // g + 0 (a −0 turns +0).
    out[0] = dX + 0;
    out[1] = dY + 0;
  },
};

/** The forward pass in float32: y², the three wₖ = 1 − yᵏ and the three squared terms tₖ. */
function forward32(x: number, y: number): { y2: number; w: number[]; t: number[] } {
  const y2 = f32(y * y);
  const powers = [y, y2, f32(y2 * y)];
  const w = powers.map((power) => f32(1 - power));
  const t = w.map((wk, k) => {
    const r = f32(C[k] - f32(x * wk));
    return f32(r * r);
  });
  return { y2, w, t };
}
