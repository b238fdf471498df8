import { ReferenceOptimizer, RMSPROP } from '@optim-mirror/torch/reference';
import { NON_NEGATIVE, UNIT_INTERVAL } from './optimizer';
import { lazyState, referenceRule, TFJS_BACKEND_EPSILON, type Rounding, type UpdateRule } from './rule';
import { DEFAULT_LR, defineTfTrain, LR_FLAG } from './tfTrain';

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

export function rmspropTfjsRule(hp: RmspropHyperparameters, round: Rounding): UpdateRule {
  const { decay, epsilon, centered } = hp;
  const rho = round(decay);
  const oneMinusRho = round(1 - decay);
  const eps = round(epsilon);
  const state = lazyState(3); // mean squares s, mean gradients ḡ, momentum buffer b
  return {
    step(x, grad) {
      // TF.js reads learningRate and momentum at every step.
      const mu = round(hp.momentum);
      const rate = round(hp.lr);
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

export const rmsprop = defineTfTrain<RmspropHyperparameters, RmspropHyperparameters>({
  name: 'rmsprop',
  title: 'RMSProp',
  colour: '#e377c2',
  tfjsCall: 'tf.train.rmsprop(lr, decay, momentum, epsilon, centered)',
  torchCall: 'torch.optim.RMSprop(lr, alpha, eps, momentum, centered)',
  tfjsUpdate: 's ← ρs + (1−ρ)g²;  b ← μb + lr·g/√(s + ε);  x ← x − b.  Centered: ḡ ← ρḡ + (1−ρ)g, root √(s − (ḡ² + ε))',
  torchUpdate:
    's ← αs + (1−α)g²;  d ← √s + ε;  b ← μb + g/d, x ← x − lr·b (μ = 0: x ← x − lr·g/d).  Centered: d ← √(s − ḡ²) + ε',
  sameRuleAsTorch: false,
  ruleDifference:
    'ε inside the root in TF.js (√(s+ε); centered: √(s−ḡ²−ε), ε subtracted), outside in PyTorch (√s+ε; centered √(s−ḡ²)+ε)',
  porting: {
    code: 'new RMSprop({ lr, alpha: 0.99, eps: 1e-8, momentum, centered }) from @optim-mirror/torch',
    note: "no tf.train call matches: TF.js adds ε inside the root (and subtracts it when centered); torch's alpha is TF.js's decay",
  },
  flags: {
    lr: LR_FLAG,
    decay: { flag: 'decay', kind: 'number', meaning: 'averaging decay (torch: alpha)', domain: UNIT_INTERVAL },
    momentum: { flag: 'momentum', kind: 'number', meaning: 'momentum', domain: NON_NEGATIVE },
    epsilon: { flag: 'epsilon', kind: 'number', meaning: 'ε', domain: NON_NEGATIVE },
    centered: { flag: 'centered', kind: 'boolean', meaning: 'centered RMSProp (a switch)' },
  },
  tfjsDefaults: { lr: DEFAULT_LR, decay: 0.9, momentum: 0, epsilon: TFJS_BACKEND_EPSILON, centered: false },
  torchDefaults: { lr: DEFAULT_LR, decay: 0.99, momentum: 0, epsilon: 1e-8, centered: false },
  torchTakes: ['lr', 'decay', 'momentum', 'epsilon', 'centered'],
  scheduledMomentum: 'momentum',
  tfjsRule: rmspropTfjsRule,
  torchRule: ({ lr, decay, momentum, epsilon, centered }) =>
    referenceRule(new ReferenceOptimizer(RMSPROP, { lr, alpha: decay, eps: epsilon, momentum, centered }), 'RMSprop'),
  create: (tf, { lr, decay, momentum, epsilon, centered }) => tf.train.rmsprop(lr, decay, momentum, epsilon, centered),
});
