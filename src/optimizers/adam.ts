import { ADAM, ReferenceOptimizer } from '@optim-mirror/torch/reference';
import { NON_NEGATIVE, type Domain } from './optimizer';
import { lazyState, referenceRule, TFJS_BACKEND_EPSILON, type Rounding, type UpdateRule } from './rule';
import { DEFAULT_LR, defineTfTrain, LR_FLAG } from './tfTrain';

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

export function adamTfjsRule(hp: AdamHyperparameters, round: Rounding): UpdateRule {
  const { beta1, beta2, epsilon } = hp;
  const b1 = round(beta1);
  const b2 = round(beta2);
  const oneMinusB1 = round(1 - beta1);
  const oneMinusB2 = round(1 - beta2);
  const eps = round(epsilon);
  let beta1Power = b1;
  let beta2Power = b2;
  const state = lazyState(2); // moments m, v
  return {
    step(x, grad) {
      // TF.js reads learningRate at every step.
      const negativeLr = round(-hp.lr);
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

/**
 * TF.js keeps β in float32 and divides by 1 − βᵗ: a β that float32 rounds to 1 divides by zero.
 */
export const TFJS_BETA: Domain = {
  words: 'must be in [0, 1) and stay below 1 in float32 (TF.js divides by 1 − βᵗ in float32)',
  accepts: (v) => v >= 0 && Math.fround(v) < 1,
};

export const adam = defineTfTrain<AdamHyperparameters, AdamHyperparameters>({
  name: 'adam',
  title: 'Adam',
  colour: '#1f77b4',
  tfjsCall: 'tf.train.adam(lr, beta1, beta2, epsilon)',
  torchCall: 'torch.optim.Adam(lr, betas, eps)',
  tfjsUpdate: 'm ← β1m + (1−β1)g;  v ← β2v + (1−β2)g²;  x ← x − lr·(m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ε)',
  torchUpdate: 'm, v the same;  x ← x − (lr/(1−β1ᵗ))·m / (√v/√(1−β2ᵗ) + ε)',
  sameRuleAsTorch: true,
  ruleDifference: 'x ← x − lr·m̂/(√v̂ + ε) in both; only the default ε differs',
  porting: {
    code: 'new Adam({ lr, betas: [0.9, 0.999], eps: 1e-8 }) from @optim-mirror/torch',
    note: "tf.train.adam(lr, 0.9, 0.999, 1e-8) has torch's formula, but keeps β1ᵗ and β2ᵗ as float32 running products (see the traps below): at lr 0.1 it strays 6 to 13 times past the float32 bound (npm run port measures it); the library's Adam follows torch's own float32 run",
  },
  flags: {
    lr: LR_FLAG,
    beta1: { flag: 'beta1', kind: 'number', meaning: 'first-moment decay β1', domain: TFJS_BETA },
    beta2: { flag: 'beta2', kind: 'number', meaning: 'second-moment decay β2', domain: TFJS_BETA },
    epsilon: { flag: 'epsilon', kind: 'number', meaning: 'ε', domain: NON_NEGATIVE },
  },
  tfjsDefaults: { lr: DEFAULT_LR, beta1: 0.9, beta2: 0.999, epsilon: TFJS_BACKEND_EPSILON },
  torchDefaults: { lr: DEFAULT_LR, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
  torchTakes: ['lr', 'beta1', 'beta2', 'epsilon'],
  fixedMomentum: {
    what: 'a β1',
    why: 'tf.train.adam folds each β1 into a running product (accBeta1) where torch takes 1 − β1ᵗ of the current β1',
    use: 'Adam from @optim-mirror/torch (--optimizer torch.adam)',
  },
  tfjsRule: adamTfjsRule,
  torchRule: ({ lr, beta1, beta2, epsilon }) =>
    referenceRule(new ReferenceOptimizer(ADAM, { lr, betas: [beta1, beta2], eps: epsilon }), 'Adam'),
  create: (tf, { lr, beta1, beta2, epsilon }) => tf.train.adam(lr, beta1, beta2, epsilon),
});
