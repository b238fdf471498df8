import type * as TfCore from '@tensorflow/tfjs-core';
import type { Trainer } from '../run/runner';
import type { Tf } from './backend';
import type { TfjsLoss } from './objectives';

export interface TfjsTrainer extends Trainer {
  /** Frees the variable, the optimizer's state and the last gradients. */
  dispose(): void;
}

/**
 * The TF.js loop: a `tf.variable`, a `tf.train.*` optimizer, and per iteration the original's
 * zero_grad / backward / step.
 */
export function tfjsTrainer(
  tf: Tf,
  loss: TfjsLoss,
  optimizer: TfCore.Optimizer,
  x0: readonly number[],
): TfjsTrainer {
  const initial = tf.tensor1d(Array.from(x0), 'float32');
  const x = tf.variable(initial, true); // a fresh name each run: TF.js registers variables globally
  initial.dispose();
  let grads: TfCore.NamedTensorMap | null = null;
  const disposeGrads = (): void => {
    if (grads) tf.dispose(Object.values(grads));
    grads = null;
  };
  return {
    precision: 'float32',
    evaluate() {
      // zero_grad: nothing accumulates in TF.js; the last step's gradients are simply freed.
      disposeGrads();
      // forward + backward: the loss at x and dL/dx, in one tape.
      const { value, grads: fresh } = tf.variableGrads(() => loss(tf, x), [x]);
      grads = fresh;
      const lossValue = value.dataSync()[0];
      value.dispose();
      return { x: x.dataSync(), loss: lossValue, grad: fresh[x.name].dataSync() };
    },
    step() {
      // step: the optimizer updates x in place (x.assign inside applyGradients).
      if (grads) optimizer.applyGradients(grads);
      disposeGrads();
    },
    parameters: () => x.dataSync(),
    dispose() {
      disposeGrads();
      optimizer.dispose();
      x.dispose();
    },
  };
}
