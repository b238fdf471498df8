import { float32 } from '../src/optimizers/rule';
import { diffRuns } from '../src/report/diff';
import { loadBackend } from '../src/tfjs/backend';
import { TFJS_LOSSES } from '../src/tfjs/objectives';
import { tfjsTrainer } from '../src/tfjs/tfjsTrainer';
import { exitCodeFor, train } from '../src/train';
import { configFrom, SEED_CASES } from './helpers';

describe('TF.js against the Float64 loop', () => {
  test.each(SEED_CASES)(
    '$file flags: within float32 tolerance, and the float32 replay is TF.js to the bit',
    async ({ flags }) => {
      const result = await train(configFrom('--backend', 'cpu', ...flags));
      expect(result.backend).toBe('cpu');
      expect(result.diff.withinTolerance).toBe(true);
      expect(result.diff.float32ReplayIdentical).toBe(true);
      expect(result.diff.comparedRows).toBe(result.config.iterations);
      expect(exitCodeFor(result)).toBe(0);
    },
  );

  test('the wasm backend stays within the same tolerance', async () => {
    const result = await train(configFrom('--backend', 'wasm'));
    expect(result.backend).toBe('wasm');
    expect(result.diff.withinTolerance).toBe(true);
  });

  test('a TF.js run off by more than float32 explains is caught (exit code 1)', async () => {
    const result = await train(configFrom('--backend', 'cpu'));
    const nudged = structuredClone(result.runs.tfjs);
    // One part in a million at iteration 10: hundreds of float32 ulps, far beyond 30 steps of rounding.
    nudged.rows[9].x[0] *= 1 + 1e-6;
    const diff = diffRuns(result.runs.manual, nudged, result.runs.manual32, 2);
    expect(diff.x.withinTolerance).toBe(false);
    expect(diff.x.worstIteration).toBe(10);
    expect(diff.float32ReplayIdentical).toBe(false);
    expect(exitCodeFor({ ...result, diff })).toBe(1);
  });
});

describe('no tensor leaks', () => {
  test('tf.memory().numTensors is the same after iteration 1 and iteration N, and back after dispose', async () => {
    const { tf } = await loadBackend('cpu');
    const before = tf.memory().numTensors;
    const trainer = tfjsTrainer(tf, TFJS_LOSSES.sphere, tf.train.sgd(0.1), [5, 10], { learningRate: () => 0.1 });
    trainer.evaluate();
    trainer.step();
    const afterFirst = tf.memory().numTensors;
    for (let i = 2; i <= 30; i++) {
      trainer.evaluate();
      trainer.step();
    }
    expect(tf.memory().numTensors).toBe(afterFirst);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

test('divergence: float32 overflows first, the run stops before the first non-finite row', async () => {
  const result = await train(configFrom('--backend', 'cpu', '--lr', '5', '--iterations', '60'));
  const { tfjs, manual } = result.runs;
  expect(manual.diverged).toBeNull();
  // x₂ at row k is 10·(−9)^(k−1); x² passes float32's max 3.4e38 once |x| > 1.8e19: row 21 (1.2e20), not row 20 (1.4e19).
  expect(tfjs.diverged).toEqual({ iteration: 21 });
  expect(tfjs.rows).toHaveLength(20);
  expect(tfjs.rows.every((row) => Number.isFinite(row.loss))).toBe(true);
  expect(exitCodeFor(result)).toBe(3);
  expect(float32(tfjs.finalX[1])).toBe(tfjs.finalX[1]);
});
