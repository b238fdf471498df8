import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { AdamW, RMSprop } from '../src/classes';
import { useBackend } from './backend';

/* The optimizers in tfjs-layers: model.compile takes them like tf.train's, model.fit trains. */

beforeAll(() => useBackend('cpu'));

test('tfjs-layers resolves the same tfjs-core as the library (one engine, one Optimizer class)', () => {
  const fromLayers = require.resolve('@tensorflow/tfjs-core', {
    paths: [dirname(require.resolve('@tensorflow/tfjs-layers'))],
  });
  expect(fromLayers).toBe(require.resolve('@tensorflow/tfjs-core'));
  expect(new AdamW()).toBeInstanceOf(tf.Optimizer);
});

test.each([
  ['AdamW', () => new AdamW({ lr: 0.05 })],
  ['RMSprop', () => new RMSprop({ lr: 0.02, momentum: 0.5 })],
])('model.compile({ optimizer: new %s(...) }) and model.fit: the loss decreases', async (_, make) => {
  const model = tfl.sequential({
    layers: [tfl.layers.dense({ units: 1, inputShape: [2], kernelInitializer: 'zeros' })],
  });
  const optimizer = make();
  model.compile({ optimizer, loss: 'meanSquaredError' });
  // y = 2·x₁ − x₂ + 0.5
  const xs = tf.tensor2d([
    [0, 0],
    [1, 0],
    [0, 1],
    [1, 1],
    [2, -1],
    [-1, 2],
  ]);
  const ys = tf.tensor2d([[0.5], [2.5], [-0.5], [1.5], [5.5], [-3.5]]);
  const history = await model.fit(xs, ys, { epochs: 30, batchSize: 6, verbose: 0 });
  const losses = history.history.loss as number[];
  expect(losses).toHaveLength(30);
  expect(losses[29]).toBeLessThan(losses[0] / 4);
  for (let k = 5; k < losses.length; k += 5) expect(losses[k]).toBeLessThan(losses[k - 5]);
  // The optimizer kept its state per layer variable, by torch's names.
  const weights = await optimizer.getWeights();
  expect(weights.map((w) => w.name).some((n) => n.endsWith('/exp_avg') || n.endsWith('/square_avg'))).toBe(true);
  tf.dispose(weights.map((w) => w.tensor));
  // tfjs-layers disposes only the optimizers it made from a name.
  model.dispose();
  optimizer.dispose();
  tf.dispose([xs, ys]);
});
