import { ADAMAX, ReferenceOptimizer } from '@optim-mirror/torch/reference';
import { TFJS_BETA } from './adam';
import { NON_NEGATIVE } from './optimizer';
import { lazyState, referenceRule, TFJS_BACKEND_EPSILON, type Rounding, type UpdateRule } from './rule';
import { DEFAULT_LR, defineTfTrain, LR_FLAG } from './tfTrain';

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

export function adamaxTfjsRule(hp: AdamaxHyperparameters, round: Rounding): UpdateRule {
  const { beta1, beta2, epsilon, decay } = hp;
  const b1 = round(beta1);
  const b2 = round(beta2);
  const oneMinusB1 = round(1 - beta1);
  const eps = round(epsilon);
  const decayRate = round(decay);
  let iteration = 0; // a float32 variable in TF.js, counting from 0
  let beta1Power = b1;
  const state = lazyState(2); // first moment m, infinity norm u
  return {
    step(x, grad) {
      // TF.js reads learningRate at every step.
      const negativeLr = round(-hp.lr);
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

export const adamax = defineTfTrain<AdamaxHyperparameters, AdamaxTorchHyperparameters>({
  name: 'adamax',
  title: 'Adamax',
  colour: '#8c564b',
  tfjsCall: 'tf.train.adamax(lr, beta1, beta2, epsilon, decay)',
  torchCall: 'torch.optim.Adamax(lr, betas, eps)',
  tfjsUpdate: 'm ← β1m + (1−β1)g;  u ← max(β2u, |g|);  x ← x − lr/(1 + decay·(t−1))/(1−β1ᵗ)·m/(u + ε)',
  torchUpdate: 'm ← β1m + (1−β1)g;  u ← max(β2u, |g| + ε);  x ← x − lr/(1−β1ᵗ)·m/u',
  sameRuleAsTorch: false,
  ruleDifference:
    'ε added to u in the denominator in TF.js (m/(u+ε)); inside the max in PyTorch (u ← max(β2·u, |g|+ε)); PyTorch has no learning-rate decay',
  porting: {
    code: 'new Adamax({ lr, betas: [0.9, 0.999], eps: 1e-8 }) from @optim-mirror/torch',
    note: "no tf.train call matches: ε sits elsewhere, and tf.train.adamax's decay has no torch counterpart",
  },
  flags: {
    lr: LR_FLAG,
    beta1: { flag: 'beta1', kind: 'number', meaning: 'first-moment decay β1', domain: TFJS_BETA },
    beta2: { flag: 'beta2', kind: 'number', meaning: 'second-moment decay β2', domain: TFJS_BETA },
    epsilon: { flag: 'epsilon', kind: 'number', meaning: 'ε', domain: NON_NEGATIVE },
    decay: { flag: 'decay', kind: 'number', meaning: 'learning-rate decay', domain: NON_NEGATIVE },
  },
  tfjsDefaults: { lr: DEFAULT_LR, beta1: 0.9, beta2: 0.999, epsilon: TFJS_BACKEND_EPSILON, decay: 0 },
  torchDefaults: { lr: DEFAULT_LR, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
  // TF.js's decay has no torch counterpart (torch's weight_decay is something else): not passed on.
  torchTakes: ['lr', 'beta1', 'beta2', 'epsilon'],
  fixedMomentum: {
    what: 'a β1',
    why: 'tf.train.adamax folds each β1 into a running product (accBeta1) where torch takes 1 − β1ᵗ of the current β1',
    use: 'Adamax from @optim-mirror/torch (--optimizer torch.adamax)',
  },
  tfjsRule: adamaxTfjsRule,
  torchRule: ({ lr, beta1, beta2, epsilon }) =>
    referenceRule(new ReferenceOptimizer(ADAMAX, { lr, betas: [beta1, beta2], eps: epsilon }), 'Adamax'),
  create: (tf, { lr, beta1, beta2, epsilon, decay }) => tf.train.adamax(lr, beta1, beta2, epsilon, decay),
});
