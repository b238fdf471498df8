import { loadBackend } from '../tfjs/backend';
import { TFJS_LOSSES } from '../tfjs/objectives';
import { OBJECTIVES, OBJECTIVE_NAMES } from './registry';

const POINTS: Record<string, number[][]> = {
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
        // h ≈ ∛ε·|x| balances truncation (h²) and rounding (ε/h): about 1e-10 relative for these polynomials.
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

  test('its minima are minima: loss 0 there (to the 6 digits they are given in)', () => {
    const dimension = objective.defaultX0.length;
    for (const minimum of objective.minima(dimension)) {
      expect(objective.value(Float64Array.from(minimum))).toBeLessThan(1e-9);
    }
  });
});
