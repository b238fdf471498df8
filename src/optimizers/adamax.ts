import { lazyState, type Rounding, type UpdateRule } from './rule';

/**
 * Adamax.
 *   TF.js   tf.train.adamax(lr = 0.002, β1 = 0.9, β2 = 0.999, ε = 1e-7, decay = 0):
 *           m ← β1·m + (1−β1)·g;   u ← max(β2·u, |g|)
 *           x ← x − (lr / (1 + decay·(t−1))) / (1−β1ᵗ) · m / (u + ε)
 *   PyTorch optim.Adamax(lr = 0.002, betas = (0.9, 0.999), eps = 1e-8):
 *           m ← β1·m + (1−β1)·g;   u ← max(β2·u, |g| + ε)
 *           x ← x − lr / (1−β1ᵗ) · m / u
 * Differs: where ε sits. PyTorch adds it to |g| inside the max, so it is carried (decaying by β2)
 * in u; TF.js adds it once to u in the denominator. TF.js's `decay` is a learning-rate decay that
 * PyTorch's Adamax does not have (its weight_decay is something else), so the pytorch run ignores it.
 */
export interface AdamaxHyperparameters {
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  decay: number;
}
export type AdamaxTorchHyperparameters = Omit<AdamaxHyperparameters, 'decay'>;

export function adamaxTfjsRule(
  { lr, beta1, beta2, epsilon, decay }: AdamaxHyperparameters,
  round: Rounding,
): UpdateRule {
  const b1 = round(beta1);
  const b2 = round(beta2);
  const oneMinusB1 = round(1 - beta1);
  const eps = round(epsilon);
  const negativeLr = round(-lr);
  const decayRate = round(decay);
  let iteration = 0; // a float32 variable in TF.js, counting from 0
  let beta1Power = b1;
  const state = lazyState(2); // first moment m, infinity norm u
  return {
    step(x, grad) {
      const [m, u] = state(x.length);
      const correction1 = round(1 - beta1Power);
      const decayedLr = round(negativeLr / round(round(iteration * decayRate) + 1));
      const stepSize = round(decayedLr / correction1);
      for (let i = 0; i < x.length; i++) {
        const g = grad[i];
        m[i] = round(round(m[i] * b1) + round(g * oneMinusB1));
        u[i] = Math.max(round(u[i] * b2), Math.abs(g));
        x[i] = round(round(stepSize * round(m[i] / round(u[i] + eps))) + x[i]);
      }
      iteration = round(iteration + 1);
      beta1Power = round(beta1Power * b1);
    },
  };
}

export function adamaxTorchRule({ lr, beta1, beta2, epsilon }: AdamaxTorchHyperparameters): UpdateRule {
  let t = 0;
  const state = lazyState(2); // first moment m, infinity norm u
  return {
    step(x, grad) {
      const [m, u] = state(x.length);
      t += 1;
      const clr = lr / (1 - beta1 ** t);
      for (let i = 0; i < x.length; i++) {
        const g = grad[i];
        m[i] = m[i] * beta1 + (1 - beta1) * g;
        u[i] = Math.max(u[i] * beta2, Math.abs(g) + epsilon);
        x[i] = x[i] + (-clr * m[i]) / u[i];
      }
    },
  };
}
