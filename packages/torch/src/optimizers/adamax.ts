import { lerp } from '../arithmetic';
import { BETA, NON_NEGATIVE, type OptionSpecs } from '../options';
import { stateTensor, type TorchRule } from '../rule';

/**
 * torch.optim.Adamax, as `_single_tensor_adamax` computes it (PyTorch 2.x):
 *
 *     g ← −g if maximize;  g ← g + λ·p if weight_decay λ ≠ 0
 *     m ← lerp(m, g, 1 − β1);  u ← max(β2·u, |g| + ε)
 *     p ← p − (lr / (1 − β1ᵗ))·m / u
 *
 * ε is added to |g| inside the max (TF.js's own Adamax adds it to u in the denominator). PyTorch
 * 1.13 updates m as β1·m + (1 − β1)·g (equal in exact arithmetic, a float32 rounding apart) and
 * takes the max through torch.cat and amax instead of torch.maximum (the same values). 2.x adds
 * `capturable` (not supported here).
 */
export interface AdamaxOptions {
  lr: number;
  betas: readonly [number, number];
  eps: number;
  weightDecay: number;
  maximize: boolean;
}

export const ADAMAX_OPTIONS: OptionSpecs<AdamaxOptions> = {
  lr: { kind: 'number', torch: 'lr', default: 2e-3, domain: NON_NEGATIVE, doc: 'learning rate' },
  betas: {
    kind: 'pair',
    torch: 'betas',
    default: [0.9, 0.999],
    domain: BETA,
    doc: 'decay rates of the first moment and of the infinity norm',
  },
  eps: { kind: 'number', torch: 'eps', default: 1e-8, domain: NON_NEGATIVE, doc: 'added to |g| inside the max' },
  weightDecay: {
    kind: 'number',
    torch: 'weight_decay',
    default: 0,
    domain: NON_NEGATIVE,
    doc: 'L2 penalty: λ·p added to the gradient',
  },
  maximize: { kind: 'boolean', torch: 'maximize', default: false, doc: 'maximize the objective' },
};

export const ADAMAX: TorchRule<AdamaxOptions> = {
  className: 'Adamax',
  formula: 'g ← g + λp;  m ← lerp(m, g, 1 − β1);  u ← max(β2u, |g| + ε);  p ← p − (lr/(1 − β1ᵗ))·m/u',
  options: ADAMAX_OPTIONS,
  rules: [],
  initialTensors: () => ({ exp_avg: 0, exp_inf: 0 }),
  step(A, { param, grad, state, step, options }) {
    const { lr, betas, eps, weightDecay, maximize } = options;
    const [beta1, beta2] = betas;
    let g = maximize ? A.neg(grad) : grad;
    if (weightDecay !== 0) g = A.add(g, A.mul(param, weightDecay));
    const expAvg = lerp(A, stateTensor(state, 'exp_avg'), g, 1 - beta1);
    const expInf = A.maximum(A.mul(stateTensor(state, 'exp_inf'), beta2), A.add(A.abs(g), eps));
    const clr = lr / (1 - beta1 ** step);
    // addcdiv_(m, u, value=−clr): (value·m) / u, then added.
    return { param: A.add(param, A.div(A.mul(expAvg, -clr), expInf)), tensors: { exp_avg: expAvg, exp_inf: expInf } };
  },
};
