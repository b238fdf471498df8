import { loadBackend } from '../tfjs/backend';
import { TFJS_LOSSES } from '../tfjs/objectives';
import { OBJECTIVES, OBJECTIVE_NAMES, type ObjectiveName } from './registry';

/** Where each objective is checked: 2–3 points, a 3-D one for the n-D objectives, no singular point. */
const POINTS: Record<ObjectiveName, number[][]> = {
  sphere: [
    [5, 10],
    [-0.3, 0.7, 2.5],
  ],
  rosenbrock: [
    [-1.5, 2],
    [0.3, -0.8, 1.7, 0.9],
  ],
  booth: [
    [-6, -4],
    [2.5, 1.25],
  ],
  himmelblau: [
    [-1, -1],
    [3.3, 1.7],
  ],
  rastrigin: [
    [3.3, -2.6],
    [0.3, -1.2, 2.45],
    [-4.7, 0.15],
  ],
  'styblinski-tang': [
    [4.6, -1.2],
    [-3.7, 1.2, 4.1],
    [2.2, -0.8],
  ],
  // Away from the origin, where the gradient is 0/0 (the last test).
  ackley: [
    [-3.2, 2.6],
    [0.7, -1.35],
    [2.2, 3.9],
  ],
  // The last two are points where the order in which the tape adds x's and y's three gradient
  // contributions changes the float32 result: the replay has to follow it.
  beale: [
    [1, 1.5],
    [2.3, 0.3],
    [3.7, -1.3],
  ],
  'goldstein-price': [
    [-1.5, -1.5],
    [1.3, -0.4],
    [-1.6, -0.7],
  ],
  saddle: [
    [0.001, 1.5],
    [-1.7, 0.6],
    [0.4, -1.3],
  ],
  plateau: [
    [2, 1.5],
    [0.3, -0.45],
    [-1.1, 0.7],
  ],
};

describe.each(OBJECTIVE_NAMES)('%s', (name) => {
  const objective = OBJECTIVES[name];

  test('the analytic gradient matches central finite differences', () => {
    for (const point of POINTS[name]) {
      const x = Float64Array.from(point);
      const analytic = new Float64Array(x.length);
      objective.gradient(x, analytic);
      const scale = Math.max(1, ...Array.from(analytic, Math.abs));
      for (let i = 0; i < x.length; i++) {
        // h ≈ ∛ε·|x| balances truncation (h²) and rounding (ε/h): about 1e-10 relative for the
        // polynomials; up to about 6e-9 at these points for the ripples of rastrigin and ackley
        // (h²/6·|L'''|, with L''' up to 10·(2π)³ ≈ 2500 for rastrigin).
        const h = 6e-6 * Math.max(1, Math.abs(x[i]));
        const plus = Float64Array.from(x);
        const minus = Float64Array.from(x);
        plus[i] += h;
        minus[i] -= h;
        const numeric = (objective.value(plus) - objective.value(minus)) / (2 * h);
        expect(Math.abs(numeric - analytic[i]) / scale).toBeLessThan(1e-7);
      }
    }
  });

  test('TF.js autodiff: the float32 twin is TF.js to the bit, and the analytic gradient agrees to float32', async () => {
    const { tf } = await loadBackend('cpu');
    for (const point of POINTS[name]) {
      const x32 = Float64Array.from(point, Math.fround);
      const variable = tf.tidy(() => tf.variable(tf.tensor1d(Array.from(x32))));
      const { value, grads } = tf.variableGrads(() => TFJS_LOSSES[name](tf, variable), [variable]);
      const tfjsLoss = value.dataSync()[0];
      const tfjsGrad = Array.from(grads[variable.name].dataSync());
      tf.dispose([value, variable, ...Object.values(grads)]);

      expect(objective.value32(x32)).toBe(tfjsLoss);
      const twin = new Float64Array(x32.length);
      objective.gradient32(x32, twin);
      expect(Array.from(twin)).toEqual(tfjsGrad);

      const analytic = new Float64Array(x32.length);
      objective.gradient(x32, analytic);
      const scale = Math.max(...Array.from(analytic, Math.abs));
      // A handful of float32 roundings (u = 6e-8 each) on terms no larger than the gradient's scale × 100.
      analytic.forEach((g, i) => expect(Math.abs(g - tfjsGrad[i]) / scale).toBeLessThan(1e-5));
      expect(Math.abs(objective.value(x32) - tfjsLoss) / Math.abs(objective.value(x32))).toBeLessThan(1e-6);
    }
  });

  test('its minima are minima: loss equals minimumValue there (to the digits the minima are given in)', () => {
    // Himmelblau's are given to 6 digits (1e−11 off in loss); the others exactly or to the last bit.
    const dimensions = [objective.defaultX0.length, 3].filter((d) => objective.acceptsDimension(d));
    for (const dimension of new Set(dimensions)) {
      const minimumValue = objective.minimumValue(dimension);
      for (const minimum of objective.minima(dimension)) {
        expect(minimum).toHaveLength(dimension);
        const loss = objective.value(Float64Array.from(minimum));
        expect(Math.abs(loss - minimumValue)).toBeLessThan(1e-9 * Math.max(1, Math.abs(minimumValue)));
      }
    }
  });

  test('its window, when it has one, shows the default start and the minima', () => {
    const { window } = objective;
    if (window === null) return;
    expect(window.xMin).toBeLessThan(window.xMax);
    expect(window.yMin).toBeLessThan(window.yMax);
    for (const [x, y] of [objective.defaultX0, ...objective.minima(2)]) {
      expect(x).toBeGreaterThanOrEqual(window.xMin);
      expect(x).toBeLessThanOrEqual(window.xMax);
      expect(y).toBeGreaterThanOrEqual(window.yMin);
      expect(y).toBeLessThanOrEqual(window.yMax);
    }
  });
});

describe('styblinski-tang: its constants', () => {
  const objective = OBJECTIVES['styblinski-tang'];
  const [[root]] = objective.minima(1);
  // In integers, exactly: x = N/2ᴷ, with K such that a half ulp of x is 1/2ᴷ.
  const K = 53 - Math.floor(Math.log2(Math.abs(root)));
  const N = BigInt(root * 2 ** K);
  const scale = 2n ** BigInt(K);

  test('the minimum is the double nearest the root of 4x³ − 32x + 5 = 0', () => {
    // (4x³ − 32x + 5)·2³ᴷ at x = n/2ᴷ; it changes sign between the two half-ulp neighbours.
    const cubic = (n: bigint): bigint => 4n * n ** 3n - 32n * n * scale ** 2n + 5n * scale ** 3n;
    expect(cubic(N - 1n) < 0n).not.toBe(cubic(N + 1n) < 0n);
  });

  test('minimumValue is ½(x⁴ − 16x² + 5x) there, rounded to the nearest double', () => {
    // The loss at the double x* is the loss at the true root to 1e−30 (a stationary point, and
    // x* is within 2⁻⁵² of it), far below the half ulp (2⁻⁴⁸) that decides the rounding.
    const minimum = objective.minimumValue(1);
    const ulpExponent = Math.floor(Math.log2(Math.abs(minimum))) - 52;
    // Everything times 2^(4K + 1): the loss exactly, the double, and half its ulp.
    const loss = N ** 4n - 16n * N ** 2n * scale ** 2n + 5n * N * scale ** 3n;
    const double = BigInt(minimum * 2 ** -ulpExponent) * 2n ** BigInt(4 * K + 1 + ulpExponent);
    const halfUlp = 2n ** BigInt(4 * K + ulpExponent);
    const distance = loss > double ? loss - double : double - loss;
    expect(distance < halfUlp).toBe(true);
  });
});

test('ackley at the origin, the tip of its cone: loss 0, and a NaN gradient in float64, float32 and TF.js alike', async () => {
  const objective = OBJECTIVES.ackley;
  const { tf } = await loadBackend('cpu');
  const variable = tf.tidy(() => tf.variable(tf.tensor1d([0, 0])));
  const { value, grads } = tf.variableGrads(() => TFJS_LOSSES.ackley(tf, variable), [variable]);
  const tfjsLoss = value.dataSync()[0];
  const tfjsGrad = Array.from(grads[variable.name].dataSync());
  tf.dispose([value, variable, ...Object.values(grads)]);

  const origin = new Float64Array(2);
  const twin = new Float64Array(2);
  const analytic = new Float64Array(2);
  objective.gradient32(origin, twin);
  objective.gradient(origin, analytic);
  expect([tfjsLoss, objective.value32(origin), objective.value(origin)]).toEqual([0, 0, 0]);
  expect(tfjsGrad).toEqual([NaN, NaN]);
  expect(Array.from(twin)).toEqual([NaN, NaN]);
  expect(Array.from(analytic)).toEqual([NaN, NaN]);
});
