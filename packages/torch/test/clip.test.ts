import * as tf from '@tensorflow/tfjs-core';
import { clipGradNorm, clipGradValue } from '../src/clip';
import { referenceClipGradNorm, referenceClipGradValue, type Precision } from '../src/reference';
import { useBackend } from './backend';
import { flatten as flat, normType, shapeOf, TRACES, type ClipCase, type NestedNumbers } from './helpers';

/*
 * clipGradNorm / clipGradValue against torch.nn.utils.clip_grad_norm_ / clip_grad_value_ (values
 * computed by torch 1.13, test/fixtures/make-torch-traces.py): the total norm over all gradients,
 * the coefficient max_norm / (norm + 1e-6) clamped at 1, p = 2, 1, ∞, 3 and ½.
 */

beforeAll(() => useBackend('cpu'));

function referenceClip(c: ClipCase, precision: Precision): { grads: number[][]; norm: number | undefined } {
  const round = precision === 'float32' ? Math.fround : (v: number) => v;
  const grads = c.grads.map((g) => Float64Array.from(flat(g), round));
  const norm =
    c.function === 'clip_grad_norm_'
      ? referenceClipGradNorm(grads, c.max_norm ?? NaN, normType(c.norm_type), precision)
      : (referenceClipGradValue(grads, c.clip_value ?? NaN, precision), undefined);
  return { grads: grads.map((g) => Array.from(g)), norm };
}

function tfjsClip(c: ClipCase, asMap: boolean): { grads: number[][]; norm: number | undefined } {
  const tensors = c.grads.map((g) => tf.tensor(flat(g), shapeOf(g)));
  const grads: tf.Tensor[] | tf.NamedTensorMap = asMap
    ? Object.fromEntries(tensors.map((t, i) => [`g${i}`, t]))
    : tensors;
  const norm =
    c.function === 'clip_grad_norm_'
      ? clipGradNorm(grads, c.max_norm ?? NaN, normType(c.norm_type))
      : (clipGradValue(grads, c.clip_value ?? NaN), undefined);
  const clipped = Array.isArray(grads) ? grads : Object.values(grads);
  clipped.forEach((t, i) => expect(t.shape).toEqual(shapeOf(c.grads[i])));
  const values = clipped.map((t) => Array.from(t.dataSync()));
  tf.dispose(clipped);
  return { grads: values, norm };
}

/** Largest |a − b| / max|b| over every clipped gradient. */
function worstRelative(ours: number[][], torch: NestedNumbers[]): number {
  const [a, b] = [ours.flat(), torch.flatMap(flat)];
  const scale = Math.max(...b.map(Math.abs));
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]) / scale));
}

describe.each(TRACES.clip_cases)('$name', (c) => {
  test('the float64 reference is torch in float64 (≤ 2 ulps of the largest value)', () => {
    const { grads, norm } = referenceClip(c, 'float64');
    expect(worstRelative(grads, c.clipped)).toBeLessThanOrEqual(2 * 2 ** -52);
    if (c.total_norm !== undefined)
      expect(Math.abs((norm ?? NaN) - c.total_norm) / c.total_norm).toBeLessThanOrEqual(2 * 2 ** -52);
  });

  test('the float32 reference is torch in float32, to the bit', () => {
    const { grads, norm } = referenceClip(c, 'float32');
    expect(grads).toEqual(c.clipped_float32.map(flat));
    if (c.total_norm_float32 !== undefined) expect(norm).toBe(c.total_norm_float32);
  });

  test.each([false, true])(
    'TF.js (cpu) is the float32 reference to the bit (gradients as a map: %s), leaking nothing',
    (asMap) => {
      const before = tf.memory().numTensors;
      const ours = tfjsClip(c, asMap);
      expect(tf.memory().numTensors).toBe(before);
      expect(ours).toEqual(referenceClip(c, 'float32'));
    },
  );
});

describe('clipping semantics', () => {
  test('the norm is over all gradients together, and a coefficient above 1 is clamped: nothing changes', () => {
    const grads = [tf.tensor1d([3, 0]), tf.tensor1d([0, 4])];
    expect(clipGradNorm(grads, 100)).toBe(5);
    expect(grads.map((g) => Array.from(g.dataSync()))).toEqual([
      [3, 0],
      [0, 4],
    ]);
    expect(clipGradNorm(grads, 1)).toBe(5);
    const [a, b] = grads.map((g) => Array.from(g.dataSync()));
    expect(a[0]).toBeCloseTo(0.6, 6);
    expect(b[1]).toBeCloseTo(0.8, 6);
    tf.dispose(grads);
  });

  test('Infinity: the largest |element| of all gradients', () => {
    const grads = [tf.tensor1d([3, -7]), tf.tensor2d([[1, 2]])];
    expect(clipGradNorm(grads, 1, Infinity)).toBe(7);
    tf.dispose(grads);
  });

  test('no gradients: norm 0, as torch returns tensor(0.)', () => {
    expect(clipGradNorm([], 1)).toBe(0);
    expect(referenceClipGradNorm([], 1)).toBe(0);
  });

  test('clipGradValue clamps every element to [−v, v]', () => {
    const grads = { a: tf.tensor1d([-3, 0.5, 2]) };
    clipGradValue(grads, 1);
    expect(Array.from(grads.a.dataSync())).toEqual([-1, 0.5, 1]);
    grads.a.dispose();
  });

  test.each([
    [() => clipGradNorm([tf.tensor1d([1])], 0), 'clipGradNorm: maxNorm must be a finite number > 0, got 0'],
    [() => clipGradNorm([tf.tensor1d([1])], -1), 'clipGradNorm: maxNorm must be a finite number > 0, got -1'],
    [
      () => clipGradNorm([tf.tensor1d([1])], 1, 0),
      'clipGradNorm: normType must be a positive number or Infinity, got 0',
    ],
    [
      () => clipGradNorm([tf.tensor1d([1])], 1, -2),
      'clipGradNorm: normType must be a positive number or Infinity, got -2',
    ],
    [() => clipGradValue([tf.tensor1d([1])], 0), 'clipGradValue: clipValue must be a finite number > 0, got 0'],
    [() => clipGradValue([tf.tensor1d([1])], -0.5), 'clipGradValue: clipValue must be a finite number > 0, got -0.5'],
    [
      () => referenceClipGradNorm([Float64Array.of(1)], Number.NaN),
      'clipGradNorm: maxNorm must be a finite number > 0, got NaN',
    ],
    [
      () => referenceClipGradValue([Float64Array.of(1)], 0),
      'clipGradValue: clipValue must be a finite number > 0, got 0',
    ],
  ])('bad arguments throw: %#', (call, message) => {
    const before = tf.memory().numTensors;
    expect(call).toThrow(new Error(message));
    // The one argument tensor of the call is all that is left over.
    expect(tf.memory().numTensors - before).toBeLessThanOrEqual(1);
    tf.disposeVariables();
  });
});
