import { lazyState, type Rounding, type UpdateRule } from './rule';

/**
 * Adam.
 *   TF.js   tf.train.adam(lr = 0.001, β1 = 0.9, β2 = 0.999, ε = 1e-7):
 *           m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²
 *           x ← x − lr · (m / (1−β1ᵗ)) / (√(v / (1−β2ᵗ)) + ε)
 *           β1ᵗ, β2ᵗ are float32 running products, multiplied by β after each step.
 *   PyTorch optim.Adam(lr = 0.001, betas = (0.9, 0.999), eps = 1e-8):
 *           the same m and v;  x ← x − (lr / (1−β1ᵗ)) · m / (√v / √(1−β2ᵗ) + ε)
 * The same rule, algebraically: ε is added to the bias-corrected √v̂ in both. Only the default ε
 * differs (1e-7 against 1e-8), which matters once √v̂ is that small, near a minimum.
 */
export interface AdamHyperparameters {
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

export function adamTfjsRule({ lr, beta1, beta2, epsilon }: AdamHyperparameters, round: Rounding): UpdateRule {
  const b1 = round(beta1);
  const b2 = round(beta2);
  const oneMinusB1 = round(1 - beta1);
  const oneMinusB2 = round(1 - beta2);
  const eps = round(epsilon);
  const negativeLr = round(-lr);
  let beta1Power = b1;
  let beta2Power = b2;
  const state = lazyState(2); // moments m, v
  return {
    step(x, grad) {
      const [m, v] = state(x.length);
      const correction1 = round(1 - beta1Power);
      const correction2 = round(1 - beta2Power);
      for (let i = 0; i < x.length; i++) {
        const g = grad[i];
        m[i] = round(round(m[i] * b1) + round(g * oneMinusB1));
        v[i] = round(round(v[i] * b2) + round(round(g * g) * oneMinusB2));
        const mHat = round(m[i] / correction1);
        const vHat = round(v[i] / correction2);
        const step = round(mHat / round(round(Math.sqrt(vHat)) + eps));
        x[i] = round(round(step * negativeLr) + x[i]);
      }
      beta1Power = round(beta1Power * b1);
      beta2Power = round(beta2Power * b2);
    },
  };
}

export function adamTorchRule({ lr, beta1, beta2, epsilon }: AdamHyperparameters): UpdateRule {
  let t = 0;
  const state = lazyState(2); // moments m, v
  return {
    step(x, grad) {
      const [m, v] = state(x.length);
      t += 1;
      const stepSize = lr / (1 - beta1 ** t);
      const correction2Sqrt = Math.sqrt(1 - beta2 ** t);
      for (let i = 0; i < x.length; i++) {
        const g = grad[i];
        m[i] = m[i] * beta1 + (1 - beta1) * g;
        v[i] = v[i] * beta2 + (1 - beta2) * g * g;
        const denominator = Math.sqrt(v[i]) / correction2Sqrt + epsilon;
        x[i] = x[i] + (-stepSize * m[i]) / denominator;
      }
    },
  };
}
