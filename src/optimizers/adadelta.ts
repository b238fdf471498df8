import { ADADELTA, ReferenceOptimizer } from '@optim-mirror/torch/reference';
import { NON_NEGATIVE, UNIT_INTERVAL } from './optimizer';
import { lazyState, referenceRule, TFJS_BACKEND_EPSILON, type Rounding, type UpdateRule } from './rule';
import { DEFAULT_LR, defineTfTrain, LR_FLAG } from './tfTrain';

/**
 * Adadelta.
 *   TF.js   tf.train.adadelta(lr = 0.001, rho = 0.95, ε = 1e-7):
 *           Δ ← √(u + ε) / √(s + ε) · g    with s the accumulator *before* this step's g²
 *           s ← ρ·s + (1−ρ)·g²;   u ← ρ·u + (1−ρ)·Δ²;   x ← x − lr·Δ
 *   PyTorch optim.Adadelta(lr = 1.0, rho = 0.9, eps = 1e-6), as Zeiler's paper:
 *           s ← ρ·s + (1−ρ)·g²;   Δ ← √(u + ε) / √(s + ε) · g   with the *new* s
 *           u ← ρ·u + (1−ρ)·Δ²;   x ← x − lr·Δ
 * Differs, completely: reading the old s, TF.js divides u by an s that always equals it. Both start
 * at 0, so Δ₁ = g₁ and u₁ = s₁; then Δ₂ = g₂ and u₂ = s₂, and so on: Δ = g exactly, every step, in
 * any precision, for any ε > 0 (ε = 0 makes the first step 0/0). tf.train.adadelta is SGD with learning rate lr (bit for bit: see the tests). At
 * lr 1 on Σxᵢ² it jumps x → −x and flips between ±x⁰ for ever, while PyTorch's first step is
 * √ε/√((1−ρ)g²)·g ≈ 0.0045 and it creeps towards the minimum.
 */
export interface AdadeltaHyperparameters {
  lr: number;
  rho: number;
  epsilon: number;
}

export function adadeltaTfjsRule(hp: AdadeltaHyperparameters, round: Rounding): UpdateRule {
  const { rho, epsilon } = hp;
  const r = round(rho);
  const oneMinusRho = round(1 - rho);
  const eps = round(epsilon);
  const state = lazyState(2); // squared gradients s, squared updates u
  return {
    step(x, grad) {
      // TF.js reads learningRate at every step.
      const negativeLr = round(-hp.lr);
      const [s, u] = state(x.length);
      for (let i = 0; i < x.length; i++) {
        const g = grad[i];
        const newS = round(round(s[i] * r) + round(round(g * g) * oneMinusRho));
        const ratio = round(round(Math.sqrt(round(u[i] + eps))) / round(Math.sqrt(round(s[i] + eps))));
        const update = round(ratio * g);
        u[i] = round(round(u[i] * r) + round(round(update * update) * oneMinusRho));
        s[i] = newS;
        x[i] = round(round(update * negativeLr) + x[i]);
      }
    },
  };
}

export const adadelta = defineTfTrain<AdadeltaHyperparameters, AdadeltaHyperparameters>({
  name: 'adadelta',
  title: 'Adadelta',
  colour: '#9467bd',
  tfjsCall: 'tf.train.adadelta(lr, rho, epsilon)',
  torchCall: 'torch.optim.Adadelta(lr, rho, eps)',
  tfjsUpdate: 'Δ ← √(u + ε)/√(s_old + ε)·g;  s ← ρs + (1−ρ)g²;  u ← ρu + (1−ρ)Δ²;  x ← x − lr·Δ',
  torchUpdate: 's ← ρs + (1−ρ)g²;  Δ ← √(u + ε)/√(s + ε)·g;  u ← ρu + (1−ρ)Δ²;  x ← x − lr·Δ',
  sameRuleAsTorch: false,
  ruleDifference:
    'TF.js divides by the squared-gradient average from before this step, which always equals its update average: Δ = g, so tf.train.adadelta is SGD; PyTorch (and the paper) divide by the updated one',
  porting: {
    code: 'new Adadelta({ lr: 1.0, rho: 0.9, eps: 1e-6 }) from @optim-mirror/torch',
    note: "no tf.train call matches: tf.train.adadelta takes SGD's steps",
  },
  flags: {
    lr: LR_FLAG,
    rho: { flag: 'rho', kind: 'number', meaning: 'averaging decay ρ', domain: UNIT_INTERVAL },
    epsilon: { flag: 'epsilon', kind: 'number', meaning: 'ε', domain: NON_NEGATIVE },
  },
  tfjsDefaults: { lr: DEFAULT_LR, rho: 0.95, epsilon: TFJS_BACKEND_EPSILON },
  torchDefaults: { lr: DEFAULT_LR, rho: 0.9, epsilon: 1e-6 },
  torchTakes: ['lr', 'rho', 'epsilon'],
  tfjsRule: adadeltaTfjsRule,
  torchRule: ({ lr, rho, epsilon }) =>
    referenceRule(new ReferenceOptimizer(ADADELTA, { lr, rho, eps: epsilon }), 'Adadelta'),
  create: (tf, { lr, rho, epsilon }) => tf.train.adadelta(lr, rho, epsilon),
});
