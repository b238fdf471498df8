import { lazyState, type Rounding, type UpdateRule } from './rule';

/**
 * Momentum (heavy ball), optionally Nesterov.
 *   TF.js   tf.train.momentum(lr, m, nesterov):  a ← m·a + g
 *           x ← x + c·a,  or with Nesterov  x ← x + c·(g + m·a),   c = −lr, a starts at 0.
 *   PyTorch optim.SGD(lr, momentum=m, nesterov):  b ← g on the first step, then b ← m·b + g;
 *           x ← x − lr·b,  or with Nesterov  x ← x − lr·(g + m·b).
 * The same rule (a zero buffer times m plus g is g). TF.js has no default momentum; PyTorch's is 0,
 * which would make this plain SGD, so both runs get our default, 0.9, unless --momentum is given.
 * TF.js's MomentumOptimizer.dispose() never frees SGD's learning-rate scalar (tfjs#4647): one
 * tensor is left behind per optimizer.
 */
export interface MomentumHyperparameters {
  lr: number;
  momentum: number;
  nesterov: boolean;
}

export function momentumTfjsRule({ lr, momentum, nesterov }: MomentumHyperparameters, round: Rounding): UpdateRule {
  const c = round(-lr);
  const m = round(momentum);
  const state = lazyState(1); // accumulation a
  return {
    step(x, grad) {
      const [a] = state(x.length);
      for (let i = 0; i < x.length; i++) {
        a[i] = round(round(m * a[i]) + grad[i]);
        const direction = nesterov ? round(grad[i] + round(a[i] * m)) : a[i];
        x[i] = round(round(c * direction) + x[i]);
      }
    },
  };
}

export function momentumTorchRule({ lr, momentum, nesterov }: MomentumHyperparameters): UpdateRule {
  const state = lazyState(1); // momentum buffer b
  let first = true;
  return {
    step(x, grad) {
      const [b] = state(x.length);
      for (let i = 0; i < x.length; i++) {
        b[i] = first ? grad[i] : b[i] * momentum + grad[i];
        const direction = nesterov ? grad[i] + momentum * b[i] : b[i];
        x[i] = x[i] - lr * direction;
      }
      first = false;
    },
  };
}
