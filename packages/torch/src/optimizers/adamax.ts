import { lerp } from '../arithmetic';
import { lrOption, epsOption, betasOption, L2_WEIGHT_DECAY, MAXIMIZE, type OptionSpecs } from '../options';
import { penalizedGradient, stateTensor, type TorchRule } from '../rule';

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
  lr: lrOption(2e-3),
  betas: betasOption('decay rates of the first moment and of the infinity norm'),
  eps: epsOption(1e-8, 'added to |g| inside the max'),
  weightDecay: L2_WEIGHT_DECAY,
  maximize: MAXIMIZE,
};

export const ADAMAX: TorchRule<AdamaxOptions> = {
  className: 'Adamax',
  formula: 'g ← g + λp;  m ← lerp(m, g, 1 − β1);  u ← max(β2u, |g| + ε);  p ← p − (lr/(1 − β1ᵗ))·m/u',
  options: ADAMAX_OPTIONS,
  rules: [],
  initialTensors: () => ({ exp_avg: 0, exp_inf: 0 }),
  step(A, { param, grad, state, step, options }) {
    const { lr, betas, eps } = options;
    const [beta1, beta2] = betas;
    const g = penalizedGradient(A, param, grad, options);
    const expAvg = lerp(A, stateTensor(state, 'exp_avg'), g, 1 - beta1);
    const expInf = A.maximum(A.mul(stateTensor(state, 'exp_inf'), beta2), A.add(A.abs(g), eps));
    const clr = lr / (1 - beta1 ** step);
    // addcdiv_(m, u, value=−clr): (value·m) / u, then added.
    return { param: A.add(param, A.div(A.mul(expAvg, -clr), expInf)), tensors: { exp_avg: expAvg, exp_inf: expInf } };
  },
};
