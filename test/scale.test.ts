import { formatNpArray, formatNpSummary } from '../src/format/numpyFormat';
import { AUTO_WASM_FROM, autoBackend, loadBackend } from '../src/tfjs/backend';
import { sphereAutodiff, sphereCustomGradient } from '../src/tfjs/objectives';
import { tfjsTrainer } from '../src/tfjs/tfjsTrainer';
import { seedPattern } from '../src/bench/impls';
import { sphereSgdStep } from '../src/bench/sphereSgdLoop';
import { sphere } from '../src/objectives/sphere';
import { float64 } from '../src/optimizers/rule';
import { sgdTfjsRule } from '../src/optimizers/sgd';
import { train } from '../src/train';
import { configFrom } from './helpers';

describe('the optimized TF.js step equals the straightforward one', () => {
  test.each([
    ['cpu', 2],
    ['cpu', 1000],
    ['wasm', 1000],
    ['wasm', 100_000],
    ['wasm', 1_000_001],
  ] as const)('%s backend, N = %d: same losses and parameters to the bit over 5 steps', async (backend, n) => {
    const { tf } = await loadBackend(backend, n);
    const x0 = seedPattern(n);
    const fast = tfjsTrainer(tf, sphereCustomGradient, tf.train.sgd(0.01), x0, { learningRate: () => 0.01 });
    const plain = tfjsTrainer(tf, sphereAutodiff, tf.train.sgd(0.01), x0, { learningRate: () => 0.01 });
    try {
      for (let k = 0; k < 5; k++) {
        const a = fast.evaluate();
        const b = plain.evaluate();
        expect(a.loss).toBe(b.loss);
        expect(Buffer.from(new Float32Array(a.grad).buffer).equals(Buffer.from(new Float32Array(b.grad).buffer))).toBe(
          true,
        );
        fast.step();
        plain.step();
      }
      expect(
        Buffer.from(new Float32Array(fast.parameters()).buffer).equals(
          Buffer.from(new Float32Array(plain.parameters()).buffer),
        ),
      ).toBe(true);
    } finally {
      fast.dispose();
      plain.dispose();
    }
  });
});

test('--backend auto: cpu below the measured crossover, wasm from it on', () => {
  expect(autoBackend(2)).toBe('cpu');
  expect(autoBackend(AUTO_WASM_FROM - 1)).toBe('cpu');
  expect(autoBackend(AUTO_WASM_FROM)).toBe('wasm');
  expect(autoBackend(10_000_000)).toBe('wasm');
});

test("the benchmark's fused loop takes the project's manual steps, bit for bit", () => {
  const n = 1001;
  const fused = seedPattern(n);
  const manual = seedPattern(n);
  const grad = new Float64Array(n);
  const rule = sgdTfjsRule({ lr: 1e-4 }, float64);
  for (let k = 0; k < 10; k++) {
    const loss = sphereSgdStep(fused, 1e-4);
    const reference = sphere.value(manual);
    expect(Math.abs(loss - reference) / reference).toBeLessThan(1e-13); // only the summation order differs
    sphere.gradient(manual, grad);
    rule.step(manual, grad);
  }
  expect(Array.from(fused)).toEqual(Array.from(manual));
});

describe('large N', () => {
  test('NumPy prints more than 1000 elements from their edges, and so do we', () => {
    const values = Array.from({ length: 5000 }, (_, i) => (i % 2 ? 10 : 5));
    expect(formatNpArray(values)).toBe('[ 5. 10.  5. ... 10.  5. 10.]');
    expect(formatNpSummary([5, 10, 5], [10, 5, 10])).toBe('[ 5. 10.  5. ... 10.  5. 10.]');
  });

  test('--dim repeats the pattern; rows keep edge items and norms; the diff still covers every element', async () => {
    const result = await train(configFrom('--dim', '3000', '--iterations', '3', '--backend', 'cpu'));
    const { manual, tfjs } = result.runs;
    expect(result.config.x0).toHaveLength(3000);
    expect(manual.summarized).toBe(true);
    expect(manual.dimension).toBe(3000);
    expect(manual.rows[0].x).toEqual([5, 10, 5, 10, 5, 10]);
    expect(manual.rows[0].xNorm).toBeCloseTo(Math.sqrt(1500 * 125), 9);
    expect(manual.rows[0].loss).toBe(1500 * 125);
    expect(tfjs.finalX).toHaveLength(6);
    expect(result.diff.comparedRows).toBe(3);
    expect(result.diff.withinTolerance).toBe(true);
  });
});
