import { lazyState, TFJS_BACKEND_EPSILON, type Rounding, type UpdateRule } from './rule';

/**
 * Adagrad.
 *   TF.js   tf.train.adagrad(lr, initialAccumulatorValue = 0.1):
 *           s ← s + g²;   x ← x − lr·g / √(s + ε),   ε = the backend's epsilon (1e-7), not settable.
 *   PyTorch optim.Adagrad(lr, initial_accumulator_value = 0, eps = 1e-10):
 *           s ← s + g²;   x ← x − lr·g / (√s + ε).
 * Differs: ε inside the root in TF.js, outside in PyTorch, and 1000× larger; the accumulator starts
 * at 0.1 in TF.js and 0 in PyTorch, which damps TF.js's first steps when gradients are small.
 */
export interface AdagradHyperparameters {
  lr: number;
  initialAccumulatorValue: number;
}

export function adagradTfjsRule({ lr, initialAccumulatorValue }: AdagradHyperparameters, round: Rounding): UpdateRule {
  const negativeLr = round(-lr);
  const epsilon = round(TFJS_BACKEND_EPSILON);
  const state = lazyState(1, round(initialAccumulatorValue)); // squared-gradient sum s
  return {
    step(x, grad) {
      const [s] = state(x.length);
      for (let i = 0; i < x.length; i++) {
        s[i] = round(s[i] + round(grad[i] * grad[i]));
        const scaled = round(grad[i] / round(Math.sqrt(round(s[i] + epsilon))));
        x[i] = round(round(scaled * negativeLr) + x[i]);
      }
    },
  };
}

export interface AdagradTorchHyperparameters {
  lr: number;
  initialAccumulatorValue: number;
  epsilon: number;
}

export function adagradTorchRule({ lr, initialAccumulatorValue, epsilon }: AdagradTorchHyperparameters): UpdateRule {
  const state = lazyState(1, initialAccumulatorValue); // squared-gradient sum s
  return {
    step(x, grad) {
      const [s] = state(x.length);
      for (let i = 0; i < x.length; i++) {
        s[i] = s[i] + grad[i] * grad[i];
        x[i] = x[i] + (-lr * grad[i]) / (Math.sqrt(s[i]) + epsilon);
      }
    },
  };
}
