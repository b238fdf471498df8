import type * as TfCore from '@tensorflow/tfjs-core';
import type { ObjectiveName } from '../objectives/registry';
import type { Tf } from './backend';

/**
 * Each objective as a TF.js expression, differentiated by TF.js's autodiff. The float32 twins in
 * src/objectives (value32, gradient32) replay exactly these ops: change one, change both.
 */
export type TfjsLoss = (tf: Tf, x: TfCore.Tensor1D) => TfCore.Scalar;

function coordinates(tf: Tf, x: TfCore.Tensor1D): [TfCore.Tensor1D, TfCore.Tensor1D] {
  return [tf.slice(x, 0, 1), tf.slice(x, 1, 1)];
}

export const TFJS_LOSSES: Record<ObjectiveName, TfjsLoss> = {
  sphere: (tf, x) => tf.sum(tf.square(x)),
  rosenbrock: (tf, x) => {
    const n = x.shape[0];
    const head = tf.slice(x, 0, n - 1);
    const tail = tf.slice(x, 1, n - 1);
    const a = tf.sub(tail, tf.square(head));
    const b = tf.sub(1, head);
    return tf.sum(tf.add(tf.mul(100, tf.square(a)), tf.square(b)));
  },
  booth: (tf, v) => {
    const [x, y] = coordinates(tf, v);
    const p = tf.sub(tf.add(x, tf.mul(2, y)), 7);
    const q = tf.sub(tf.add(tf.mul(2, x), y), 5);
    return tf.sum(tf.add(tf.square(p), tf.square(q)));
  },
  himmelblau: (tf, v) => {
    const [x, y] = coordinates(tf, v);
    const p = tf.sub(tf.add(tf.square(x), y), 11);
    const q = tf.sub(tf.add(x, tf.square(y)), 7);
    return tf.sum(tf.add(tf.square(p), tf.square(q)));
  },
};
