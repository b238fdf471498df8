import type * as TfCore from '@tensorflow/tfjs-core';
import type { NoiseSource } from '../run/noise';
import type { Trainer } from '../run/runner';
import type { Tf } from './backend';
import type { TfjsLoss } from './objectives';

export interface TfjsTrainer extends Trainer {
  /**
   * One whole step (forward, backward, update) without reading x or the gradient back into
   * JavaScript: what a training loop costs, for the benchmark. Returns the loss.
   */
  fullStep(): number;
  /** Frees the variable, the optimizer's state and the last gradients. */
  dispose(): void;
  /** The trained variable (an optimizer's state is keyed by its name). */
  readonly variable: TfCore.Variable;
}

export interface TfjsTrainerOptions {
  /** Clips the gradients in place before each step (torch.nn.utils semantics), or null. */
  clip?: ((grads: TfCore.NamedTensorMap) => void) | null;
  /** The learning rate the optimizer's next step uses (a schedule may change it). */
  learningRate: () => number;
  /**
   * Noise added to every gradient (src/run/noise.ts): its draws rounded to float32 and added by
   * one Add kernel, fround(g + fround(σ·z)), which the float32 replay repeats to the bit.
   */
  noise?: NoiseSource | null;
}

/**
 * The TF.js loop: a `tf.variable`, an optimizer (tf.train's or @optim-mirror/torch's), and per
 * iteration the original's zero_grad / backward / (clip) / step.
 */
export function tfjsTrainer(
  tf: Tf,
  loss: TfjsLoss,
  optimizer: TfCore.Optimizer,
  x0: ArrayLike<number>,
  { clip = null, learningRate, noise = null }: TfjsTrainerOptions,
): TfjsTrainer {
  const initial = tf.tensor1d(Float32Array.from(x0), 'float32');
  const x = tf.variable(initial, true); // a fresh name each run: TF.js registers variables globally
  initial.dispose();
  let grads: TfCore.NamedTensorMap | null = null;
  const disposeGrads = (): void => {
    if (grads) tf.dispose(Object.values(grads));
    grads = null;
  };
  /** zero_grad, then forward + backward: the loss at x and dL/dx, in one tape. */
  const lossAndGradients = (): number => {
    // zero_grad: nothing accumulates in TF.js; the last step's gradients are simply freed.
    disposeGrads();
    const { value, grads: fresh } = tf.variableGrads(() => loss(tf, x), [x]);
    grads = fresh;
    if (noise) {
      const draws = tf.tensor1d(Float32Array.from(noise(x.size)), 'float32');
      const exact = grads[x.name];
      grads[x.name] = tf.add(exact, draws);
      tf.dispose([exact, draws]);
    }
    const lossValue = value.dataSync()[0];
    value.dispose();
    return lossValue;
  };
  const step = (): void => {
    // step: the optimizer updates x in place (x.assign inside applyGradients), after clipping
    // (which replaces the gradients in the map, as torch clips .grad in place).
    if (grads) {
      clip?.(grads);
      optimizer.applyGradients(grads);
    }
    disposeGrads();
  };
  return {
    precision: 'float32',
    evaluate() {
      const lossValue = lossAndGradients();
      return { x: x.dataSync(), loss: lossValue, grad: grads![x.name].dataSync() };
    },
    step,
    fullStep() {
      const lossValue = lossAndGradients();
      step();
      return lossValue;
    },
    parameters: () => x.dataSync(),
    learningRate,
    variable: x,
    dispose() {
      disposeGrads();
      optimizer.dispose();
      x.dispose();
    },
  };
}
