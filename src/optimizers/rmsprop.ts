import { lazyState, type Rounding, type UpdateRule } from './rule';

/**
 * RMSProp.
 *   TF.js   tf.train.rmsprop(lr, decay = 0.9, momentum = 0, ε = 1e-7, centered = false):
 *           s ← ρ·s + (1−ρ)·g²;  centered: ḡ ← ρ·ḡ + (1−ρ)·g
 *           b ← μ·b + lr·g / √(s + ε)          centered: lr·g / √(s − (ḡ² + ε))
 *           x ← x − b
 *   PyTorch optim.RMSprop(lr = 0.01, alpha = 0.99, eps = 1e-8, momentum = 0, centered = False):
 *           s ← α·s + (1−α)·g²;  centered: ḡ ← α·ḡ + (1−α)·g
 *           d ← √s + ε                         centered: √(s − ḡ²) + ε
 *           momentum: b ← μ·b + g/d, x ← x − lr·b;   else x ← x − lr·g/d
 * Differs: ε inside the root in TF.js, outside in PyTorch; centered TF.js *subtracts* ε under the
 * root, so when s − ḡ² < ε (small or steady gradients) the root is of a negative number and TF.js
 * turns x into NaN where PyTorch steps on. TF.js keeps lr inside the momentum buffer (the same while
 * lr is constant). Defaults differ: decay 0.9 against alpha 0.99, ε 1e-7 against 1e-8.
 */
export interface RmspropHyperparameters {
  lr: number;
  decay: number;
  momentum: number;
  epsilon: number;
  centered: boolean;
}

export function rmspropTfjsRule(
  { lr, decay, momentum, epsilon, centered }: RmspropHyperparameters,
  round: Rounding,
): UpdateRule {
  const rho = round(decay);
  const oneMinusRho = round(1 - decay);
  const mu = round(momentum);
  const eps = round(epsilon);
  const rate = round(lr);
  const state = lazyState(3); // mean squares s, mean gradients ḡ, momentum buffer b
  return {
    step(x, grad) {
      const [s, mg, b] = state(x.length);
      for (let i = 0; i < x.length; i++) {
        const g = grad[i];
        s[i] = round(round(s[i] * rho) + round(round(g * g) * oneMinusRho));
        let denominator: number;
        if (centered) {
          mg[i] = round(round(mg[i] * rho) + round(g * oneMinusRho));
          denominator = round(Math.sqrt(round(s[i] - round(round(mg[i] * mg[i]) + eps))));
        } else {
          denominator = round(Math.sqrt(round(s[i] + eps)));
        }
        b[i] = round(round(b[i] * mu) + round(round(g * rate) / denominator));
        x[i] = round(x[i] - b[i]);
      }
    },
  };
}

export function rmspropTorchRule({ lr, decay, momentum, epsilon, centered }: RmspropHyperparameters): UpdateRule {
  const state = lazyState(3); // mean squares s, mean gradients ḡ, momentum buffer b
  return {
    step(x, grad) {
      const [s, mg, b] = state(x.length);
      for (let i = 0; i < x.length; i++) {
        const g = grad[i];
        s[i] = s[i] * decay + (1 - decay) * g * g;
        let average: number;
        if (centered) {
          mg[i] = mg[i] * decay + (1 - decay) * g;
          average = Math.sqrt(s[i] - mg[i] * mg[i]) + epsilon;
        } else {
          average = Math.sqrt(s[i]) + epsilon;
        }
        if (momentum > 0) {
          b[i] = b[i] * momentum + g / average;
          x[i] = x[i] - lr * b[i];
        } else {
          x[i] = x[i] + (-lr * g) / average;
        }
      }
    },
  };
}
