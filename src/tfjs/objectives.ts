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

/**
 * Σxᵢ² the straightforward way: autodiff through Sum and Square. Sum's gradient broadcasts dy by
 * multiplying with `ones(x.shape)`, which TF.js fills in JavaScript and copies into the backend:
 * at 10⁶ parameters on wasm that alone takes more than the rest of the step.
 */
export const sphereAutodiff: TfjsLoss = (tf, x) => tf.sum(tf.square(x));

/**
 * Σxᵢ² with its gradient given to TF.js (tf.customGrad): the same forward ops, and dy·2·x in one
 * kernel for the backward pass. dy is 1, so that is the float32 product x·2, the very value
 * autodiff computes (dy·(x·2)): the results are the same to the bit (tested), in a fraction of
 * the time (docs/performance.md).
 */
export const sphereCustomGradient: TfjsLoss = (tf, x) =>
  tf.customGrad((...args: Array<TfCore.Tensor | TfCore.GradSaveFunc>) => {
    // customGrad passes the inputs, then a function that saves tensors for the gradient.
    const [v, save] = args as [TfCore.Tensor, TfCore.GradSaveFunc];
    save([v]);
    return {
      value: tf.sum(tf.square(v)),
      gradFunc: (dy: TfCore.Tensor, [saved]: TfCore.Tensor[]) => tf.mul(saved, tf.mul(dy, 2)),
    };
  })(x) as TfCore.Scalar;

export const TFJS_LOSSES: Record<ObjectiveName, TfjsLoss> = {
  sphere: sphereCustomGradient,
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
  rastrigin: (tf, x) => {
    const theta = tf.mul(2 * Math.PI, x);
    return tf.sum(tf.add(tf.square(x), tf.mul(10, tf.sub(1, tf.cos(theta)))));
  },
  'styblinski-tang': (tf, x) => {
    const s = tf.square(x);
    return tf.sum(tf.mul(0.5, tf.add(tf.sub(tf.square(s), tf.mul(16, s)), tf.mul(5, x))));
  },
  ackley: (tf, v) => {
    const [x, y] = coordinates(tf, v);
    const r = tf.sqrt(tf.mul(0.5, tf.add(tf.square(x), tf.square(y))));
    const a = tf.exp(tf.mul(-0.2, r));
    const b = tf.exp(tf.mul(0.5, tf.add(tf.cos(tf.mul(2 * Math.PI, x)), tf.cos(tf.mul(2 * Math.PI, y)))));
    return tf.sum(tf.add(tf.mul(20, tf.sub(1, a)), tf.sub(Math.E, b)));
  },
  beale: (tf, v) => {
    const [x, y] = coordinates(tf, v);
    // x and y feed three ops each: src/objectives/beale.ts replays the order in which the tape
    // adds up their gradients, which follows the order these ops are created in.
    const y2 = tf.square(y);
    const y3 = tf.mul(y2, y);
    const term = (c: number, power: TfCore.Tensor): TfCore.Tensor => tf.square(tf.sub(c, tf.mul(x, tf.sub(1, power))));
    return tf.sum(tf.add(tf.add(term(1.5, y), term(2.25, y2)), term(2.625, y3)));
  },
  'goldstein-price': (tf, v) => {
    const [x, y] = coordinates(tf, v);
    // Factored (src/objectives/goldsteinPrice.ts): every tensor feeds at most two ops.
    const factor = (u: TfCore.Tensor, c: number, k0: number, k1: number): TfCore.Tensor => {
      const u2 = tf.square(u);
      return tf.add(c, tf.mul(u2, tf.add(tf.sub(k0, tf.mul(k1, u)), tf.mul(3, u2))));
    };
    const t = tf.add(tf.add(x, y), 1);
    const d = tf.sub(tf.mul(2, x), tf.mul(3, y));
    return tf.sum(tf.mul(factor(t, 1, 36, 20), factor(d, 30, 18, 16)));
  },
  saddle: (tf, v) => {
    const [x, y] = coordinates(tf, v);
    const p = tf.sub(tf.square(x), 1);
    return tf.sum(tf.add(tf.mul(0.25, tf.square(p)), tf.mul(0.5, tf.square(y))));
  },
  plateau: (tf, v) => {
    const [x, y] = coordinates(tf, v);
    return tf.sum(tf.neg(tf.expm1(tf.mul(-2, tf.add(tf.square(x), tf.square(y))))));
  },
};
