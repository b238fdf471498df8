import * as tf from '@tensorflow/tfjs-core';
import { clipGradNorm } from '../src/clip';
import { referenceClipGradNorm } from '../src/reference';
import { useBackend } from './backend';
import { flatten, normType, optimizerFor, referenceFor, ruleFor, shapeOf, TRACES, tfjsRun } from './helpers';

/*
 * The same bit-identity on the wasm backend. What holds there: every optimizer step is the float32
 * reference to the bit (its element-wise kernels round each operation once, as the cpu backend
 * does), at 2 parameters and at 1000. Clipping is too when the norm is the largest |element|, or
 * over a few elements; wasm's Sum adds in float32 where cpu's adds in a double, so longer p-norms
 * differ from the reference in the last bits (measured below, not asserted equal).
 */

beforeAll(() => useBackend('wasm'));

test('the wasm backend is in use', () => {
  expect(tf.getBackend()).toBe('wasm');
});

describe.each(TRACES.library_cases)('$name', (trace) => {
  test('TF.js on wasm is the float32 reference fed the same gradients, to the bit, at every step', () => {
    const run = tfjsRun(trace);
    expect(run.firstDifference).toBeNull();
    expect(run.identicalSteps).toBe(trace.iterations);
  });
});

const SIZE = 1000;
const start = Float32Array.from({ length: SIZE }, (_, i) => Math.sin(i + 1) * (1 + (i % 7)));

test.each([
  ['sgd', { lr: 0.01, momentum: 0.9, nesterov: true, weightDecay: 0.01 }],
  ['adam', { lr: 0.05, amsgrad: true, weightDecay: 0.01 }],
  ['adamw', { lr: 0.05 }],
  ['adagrad', { lr: 0.1, lrDecay: 0.01, initialAccumulatorValue: 0.1 }],
  ['adadelta', { eps: 1e-3 }],
  ['rmsprop', { lr: 0.01, momentum: 0.5, centered: true }],
  ['adamax', { lr: 0.05 }],
  ['nadam', { lr: 0.05 }],
  ['radam', { lr: 0.05 }],
])(`%s at ${SIZE} parameters (sphere, 20 steps): the float32 reference to the bit`, (name, options) => {
  const x = tf.variable(tf.tensor1d(start));
  const xr = Float64Array.from(start);
  const optimizer = optimizerFor(name, options);
  const reference = referenceFor(ruleFor(name), options, 'float32');
  for (let k = 0; k < 20; k++) {
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(x)), [x]);
    const grad = Float64Array.from(grads[x.name].dataSync());
    optimizer.applyGradients(grads);
    reference.step(xr, grad);
    tf.dispose([value, ...Object.values(grads)]);
  }
  expect(Array.from(x.dataSync())).toEqual(Array.from(xr));
  optimizer.dispose();
  x.dispose();
});

describe('clipGradNorm on wasm', () => {
  test.each(TRACES.clip_cases.filter((c) => c.function === 'clip_grad_norm_'))(
    "$name (the fixture's 9 elements): the float32 reference to the bit",
    (c) => {
      const p = normType(c.norm_type);
      const grads = c.grads.map((g) => tf.tensor(flatten(g), shapeOf(g)));
      const norm = clipGradNorm(grads, c.max_norm ?? NaN, p);
      const reference = c.grads.map((g) => Float64Array.from(flatten(g), Math.fround));
      expect(norm).toBe(referenceClipGradNorm(reference, c.max_norm ?? NaN, p, 'float32'));
      expect(grads.map((g) => Array.from(g.dataSync()))).toEqual(reference.map((r) => Array.from(r)));
      tf.dispose(grads);
    },
  );

  test.each([1, 2, 3, Infinity])(
    `p = %s over ${SIZE} elements: ∞ to the bit; the sums within float32 rounding`,
    (p) => {
      const grads = [tf.tensor1d(start)];
      const norm = clipGradNorm(grads, 0.5, p);
      const reference = [Float64Array.from(start)];
      const expected = referenceClipGradNorm(reference, 0.5, p, 'float32');
      if (p === Infinity) expect(norm).toBe(expected);
      else expect(Math.abs(norm - expected) / expected).toBeLessThan(SIZE * 2 ** -24);
      tf.dispose(grads);
    },
  );
});
