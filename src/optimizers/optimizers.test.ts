import { adadeltaTfjsRule } from './adadelta';
import type { ResolvedOptimizer, Value } from './optimizer';
import { optimizerNamed } from './registry';
import { float32, float64 } from './rule';
import { sgdTfjsRule } from './sgd';

/**
 * Two first steps of every rule, derived by hand as tfjs-core's own optimizer tests do, on
 * L = Σxᵢ² from x⁰ = [1, −2] (so g = 2x). `sq` and `sqrt` keep the derivations readable.
 */
const x0 = [1, -2];
const g = (x: number[]): number[] => x.map((v) => 2 * v);
const sqrt = Math.sqrt;

/** The optimizer as the command line resolves it, hyperparameters given by their names. */
function resolved(name: string, given: Record<string, Value> = {}): ResolvedOptimizer {
  const definition = optimizerNamed(name);
  if (definition === undefined) throw new Error(`no optimizer ${name}`);
  const flags = new Map(
    Object.entries(given).map(([key, value]) => [definition.flags.find((f) => f.key === key)?.flag ?? key, value]),
  );
  const optimizer = definition.resolve(flags);
  if (typeof optimizer === 'string') throw new Error(optimizer);
  return optimizer;
}

/** The TF.js rule's Float64 mirror, or torch.optim's rule (the pytorch run's). */
function twoSteps(name: string, library: 'tfjs' | 'torch', given: Record<string, Value> = {}): number[][] {
  const optimizer = resolved(name, given);
  const rule = library === 'tfjs' ? optimizer.manualRule('float64') : optimizer.pytorchRule();
  const x = Float64Array.from(x0);
  const steps: number[][] = [];
  for (let k = 0; k < 2; k++) {
    rule.step(x, Float64Array.from(g(Array.from(x))));
    steps.push(Array.from(x));
  }
  return steps;
}

function expectSteps(actual: number[][], expected: number[][]): void {
  actual.forEach((x, k) => x.forEach((v, i) => expect(v).toBeCloseTo(expected[k][i], 12)));
}

test('sgd: x ← x − lr·g, both libraries', () => {
  const expected = [
    [0.8, -1.6],
    [0.64, -1.28],
  ]; // x·(1 − 2·0.1) per step
  expectSteps(twoSteps('sgd', 'tfjs'), expected);
  expectSteps(twoSteps('sgd', 'torch'), expected);
});

test('momentum 0.9: a = g, then a = 0.9·a + g; Nesterov steps along g + 0.9·a', () => {
  // a₁ = [2, −4], x₁ = x⁰ − 0.1·a₁ = [0.8, −1.6]; g₁ = [1.6, −3.2], a₂ = [3.4, −6.8], x₂ = [0.46, −0.92].
  const plain = [
    [0.8, -1.6],
    [0.46, -0.92],
  ];
  expectSteps(twoSteps('momentum', 'tfjs'), plain);
  expectSteps(twoSteps('momentum', 'torch'), plain);
  // Nesterov: x₁ = x⁰ − 0.1·(g₀ + 0.9·g₀) = [0.62, −1.24]; g₁ = [1.24, −2.48], a₂ = [3.04, −6.08],
  // x₂ = x₁ − 0.1·(g₁ + 0.9·a₂) = [0.2224, −0.4448].
  const nesterov = [
    [0.62, -1.24],
    [0.2224, -0.4448],
  ];
  expectSteps(twoSteps('momentum', 'tfjs', { nesterov: true }), nesterov);
  expectSteps(twoSteps('momentum', 'torch', { nesterov: true }), nesterov);
});

test('adagrad: TF.js starts the sum at 0.1 and puts ε = 1e-7 under the root; PyTorch starts at 0, ε = 1e-10 outside', () => {
  const s1 = [0.1 + 4, 0.1 + 16];
  const x1 = [1 - (0.1 * 2) / sqrt(s1[0] + 1e-7), -2 + (0.1 * 4) / sqrt(s1[1] + 1e-7)];
  const s2 = [s1[0] + (2 * x1[0]) ** 2, s1[1] + (2 * x1[1]) ** 2];
  const x2 = x1.map((x, i) => x - (0.1 * 2 * x) / sqrt(s2[i] + 1e-7));
  expectSteps(twoSteps('adagrad', 'tfjs'), [x1, x2]);

  const t1 = [1 - (0.1 * 2) / (2 + 1e-10), -2 + (0.1 * 4) / (4 + 1e-10)]; // ≈ x⁰ − 0.1·sign(x⁰)
  const u2 = [4 + (2 * t1[0]) ** 2, 16 + (2 * t1[1]) ** 2];
  const t2 = t1.map((x, i) => x - (0.1 * 2 * x) / (sqrt(u2[i]) + 1e-10));
  expectSteps(twoSteps('adagrad', 'torch'), [t1, t2]);
});

test('adadelta at lr 1: TF.js steps by exactly g and flips x → −x → x; PyTorch takes a small step', () => {
  // TF.js: Δ₁ = √ε/√ε·g₀ = g₀, so x₁ = x⁰ − 2x⁰ = −x⁰. Then u₁ = s₁ = 0.05·g₀², so Δ₂ = g₁ and x₂ = x⁰.
  expectSteps(twoSteps('adadelta', 'tfjs', { lr: 1, rho: 0.95, epsilon: 1e-6 }), [
    [-1, 2],
    [1, -2],
  ]);
  // PyTorch: s₁ = 0.1·g₀² (its ρ 0.9), Δ₁ = √(0 + ε)/√(s₁ + ε)·g₀ ≈ 0.0032·sign(g₀).
  const eps = 1e-6;
  const d1 = g(x0).map((gi) => (sqrt(eps) / sqrt(0.1 * gi * gi + eps)) * gi);
  const x1 = x0.map((x, i) => x - d1[i]);
  const g1 = g(x1);
  const s2 = g1.map((gi, i) => 0.9 * 0.1 * g(x0)[i] ** 2 + 0.1 * gi * gi);
  const u1 = d1.map((d) => 0.1 * d * d);
  const x2 = x1.map((x, i) => x - (sqrt(u1[i] + eps) / sqrt(s2[i] + eps)) * g1[i]);
  expectSteps(twoSteps('adadelta', 'torch', { lr: 1 }), [x1, x2]);
});

test('adam: the first step is lr·g/(|g| + ε) in both; ε is 1e-7 in TF.js, 1e-8 in PyTorch', () => {
  for (const [library, eps] of [
    ['tfjs', 1e-7],
    ['torch', 1e-8],
  ] as const) {
    const g0 = g(x0);
    const x1 = x0.map((x, i) => x - (0.1 * g0[i]) / (Math.abs(g0[i]) + eps));
    const g1 = g(x1);
    const m = g0.map((a, i) => 0.9 * 0.1 * a + 0.1 * g1[i]);
    const v = g0.map((a, i) => 0.999 * 0.001 * a * a + 0.001 * g1[i] ** 2);
    const x2 = x1.map((x, i) => x - (0.1 * (m[i] / (1 - 0.81))) / (sqrt(v[i] / (1 - 0.999 ** 2)) + eps));
    expectSteps(twoSteps('adam', library), [x1, x2]);
  }
});

test('adamax: TF.js divides by u + ε, PyTorch by max(β2·u, |g| + ε)', () => {
  const g0 = g(x0);
  const x1 = x0.map((x, i) => x - ((0.1 / 0.1) * (0.1 * g0[i])) / (Math.abs(g0[i]) + 1e-7));
  const g1 = g(x1);
  const m2 = g0.map((a, i) => 0.09 * a + 0.1 * g1[i]);
  const u2 = g0.map((a, i) => Math.max(0.999 * Math.abs(a), Math.abs(g1[i])));
  const x2 = x1.map((x, i) => x - (0.1 / 0.19) * (m2[i] / (u2[i] + 1e-7)));
  expectSteps(twoSteps('adamax', 'tfjs'), [x1, x2]);

  const t1 = x0.map((x, i) => x - ((0.1 / 0.1) * (0.1 * g0[i])) / (Math.abs(g0[i]) + 1e-8));
  const h1 = g(t1);
  const n2 = g0.map((a, i) => 0.09 * a + 0.1 * h1[i]);
  const w2 = g0.map((a, i) => Math.max(0.999 * (Math.abs(a) + 1e-8), Math.abs(h1[i]) + 1e-8));
  const t2 = t1.map((x, i) => x - (0.1 / 0.19) * (n2[i] / w2[i]));
  expectSteps(twoSteps('adamax', 'torch'), [t1, t2]);
});

test('rmsprop: TF.js √(s + ε) with decay 0.9, PyTorch √s + ε with alpha 0.99; centered TF.js subtracts ε', () => {
  const g0 = g(x0);
  const s1 = g0.map((a) => 0.1 * a * a);
  const x1 = x0.map((x, i) => x - (0.1 * g0[i]) / sqrt(s1[i] + 1e-7));
  const g1 = g(x1);
  const s2 = s1.map((s, i) => 0.9 * s + 0.1 * g1[i] ** 2);
  const x2 = x1.map((x, i) => x - (0.1 * g1[i]) / sqrt(s2[i] + 1e-7));
  expectSteps(twoSteps('rmsprop', 'tfjs'), [x1, x2]);

  const r1 = g0.map((a) => 0.01 * a * a);
  const t1 = x0.map((x, i) => x - (0.1 * g0[i]) / (sqrt(r1[i]) + 1e-8));
  const h1 = g(t1);
  const r2 = r1.map((s, i) => 0.99 * s + 0.01 * h1[i] ** 2);
  const t2 = t1.map((x, i) => x - (0.1 * h1[i]) / (sqrt(r2[i]) + 1e-8));
  expectSteps(twoSteps('rmsprop', 'torch'), [t1, t2]);

  // Centered, first step: ḡ₁ = 0.1·g₀, so the root is √(0.1·g₀² − (0.01·g₀² + ε)) = √(0.09·g₀² − ε).
  const c1 = x0.map((x, i) => x - (0.1 * g0[i]) / sqrt(0.1 * g0[i] ** 2 - (0.01 * g0[i] ** 2 + 1e-7)));
  expect(twoSteps('rmsprop', 'tfjs', { centered: true })[0][0]).toBeCloseTo(c1[0], 12);
  expect(twoSteps('rmsprop', 'tfjs', { centered: true })[0][1]).toBeCloseTo(c1[1], 12);
});

test('centered RMSProp in TF.js takes the root of a negative number when the gradient is small and steady', () => {
  // g₀ = 1e-4: 0.09·g₀² = 9e-10 < ε = 1e-7, so TF.js's x becomes NaN at once; PyTorch's does not.
  const rmsprop = resolved('rmsprop', { centered: true });
  const tfjsX = Float64Array.from([5e-5]);
  rmsprop.manualRule('float64').step(tfjsX, Float64Array.from([1e-4]));
  expect(tfjsX[0]).toBeNaN();
  const torchX = Float64Array.from([5e-5]);
  rmsprop.pytorchRule().step(torchX, Float64Array.from([1e-4]));
  expect(Number.isFinite(torchX[0])).toBe(true);
});

test("TF.js's Adadelta is SGD, bit for bit, in float64 and in float32: its two averages are always equal", () => {
  for (const round of [float64, float32]) {
    const adadelta = adadeltaTfjsRule({ lr: 0.01, rho: 0.9, epsilon: 1e-6 }, round);
    const sgd = sgdTfjsRule({ lr: 0.01 }, round);
    const a = Float64Array.from([1.5, -0.25, 3], round);
    const b = Float64Array.from(a);
    // Gradients that change in size and sign from step to step, as a real run's do.
    for (let k = 0; k < 200; k++) {
      const grad = Float64Array.from(a, (v, i) => round(Math.sin(k * 0.37 + i) * (1 + 10 * Math.abs(v))));
      adadelta.step(a, grad);
      sgd.step(b, grad);
    }
    expect(Array.from(a)).toEqual(Array.from(b));
  }
});
