import type { Rounding, UpdateRule } from './rule';

/**
 * SGD.
 *   TF.js   tf.train.sgd(lr):  x ← x + c·g, with c = −lr kept as a float32 scalar.
 *   PyTorch optim.SGD(lr):     x ← x − lr·g  (param.add_(grad, alpha=−lr)).
 * The same rule: in float64, x + (−lr)·g and x − lr·g are the same number (negation is exact).
 * TF.js's only difference is float32 itself (lr = 0.1 becomes 0.100000001490116…).
 */
export interface SgdHyperparameters {
  lr: number;
}

export function sgdTfjsRule({ lr }: SgdHyperparameters, round: Rounding): UpdateRule {
  const c = round(-lr);
  return {
    step(x, grad) {
      for (let i = 0; i < x.length; i++) x[i] = round(round(c * grad[i]) + x[i]);
    },
  };
}

export function sgdTorchRule({ lr }: SgdHyperparameters): UpdateRule {
  return {
    step(x, grad) {
      for (let i = 0; i < x.length; i++) x[i] = x[i] - lr * grad[i];
    },
  };
}
