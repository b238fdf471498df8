import { lerp } from '../arithmetic';
import { lrOption, epsOption, betasOption, L2_WEIGHT_DECAY, MAXIMIZE, type OptionSpecs } from '../options';
import { penalizedGradient, stateTensor, type TorchRule } from '../rule';

/**
 * torch.optim.RAdam, as `_single_tensor_radam` computes it (PyTorch 2.x):
 *
 *     g ← −g if maximize;  g ← g + λ·p if weight_decay λ ≠ 0
 *     m ← lerp(m, g, 1 − β1);  v ← β2·v + (1 − β2)·g·g
 *     m̂ ← m / (1 − β1ᵗ)
 *     ρ∞ ← 2/(1 − β2) − 1;  ρₜ ← ρ∞ − 2t·β2ᵗ/(1 − β2ᵗ)                       (Python floats)
 *     ρₜ > 5:  r ← √((ρₜ − 4)(ρₜ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρₜ));  l ← √(1 − β2ᵗ) / (√v + ε)
 *              p ← p − m̂·lr·l·r
 *     else:    p ← p − m̂·lr
 *
 * torch writes l as `float / tensor`, which it computes as tensor.reciprocal() · float: two
 * roundings, kept here. PyTorch 1.13 updates m as β1·m + (1 − β1)·g (equal in exact arithmetic,
 * a float32 rounding apart), takes the square roots with math.sqrt where 2.x writes `** 0.5` (both
 * correctly rounded), and has no `maximize`. 2.x adds decoupled_weight_decay, `capturable` and
 * `differentiable` (not supported here).
 */
export interface RadamOptions {
  lr: number;
  betas: readonly [number, number];
  eps: number;
  weightDecay: number;
  maximize: boolean;
}

export const RADAM_OPTIONS: OptionSpecs<RadamOptions> = {
  lr: lrOption(1e-3),
  betas: betasOption('decay rates of the first and second moment averages'),
  eps: epsOption(1e-8, 'added to the denominator'),
  weightDecay: L2_WEIGHT_DECAY,
  maximize: MAXIMIZE,
};

export const RADAM: TorchRule<RadamOptions> = {
  className: 'RAdam',
  formula: 'm, v as Adam;  m̂ ← m/(1 − β1ᵗ);  ρₜ > 5: p ← p − lr·m̂·r·√(1 − β2ᵗ)/(√v + ε), else p ← p − lr·m̂',
  options: RADAM_OPTIONS,
  rules: [],
  initialTensors: () => ({ exp_avg: 0, exp_avg_sq: 0 }),
  step(A, { param, grad, state, step, options }) {
    const { lr, betas, eps } = options;
    const [beta1, beta2] = betas;
    const g = penalizedGradient(A, param, grad, options);
    const expAvg = lerp(A, stateTensor(state, 'exp_avg'), g, 1 - beta1);
    const expAvgSq = A.add(A.mul(stateTensor(state, 'exp_avg_sq'), beta2), A.mul(A.mul(g, 1 - beta2), g));
    const tensors = { exp_avg: expAvg, exp_avg_sq: expAvgSq };

    const biasCorrection1 = 1 - beta1 ** step;
    const biasCorrection2 = 1 - beta2 ** step;
    const corrected = A.div(expAvg, biasCorrection1);
    const rhoInf = 2 / (1 - beta2) - 1;
    const rhoT = rhoInf - (2 * step * beta2 ** step) / biasCorrection2;
    if (!(rhoT > 5)) {
      // add_(m̂·lr, alpha=−1): p + (−1)·u is p − u exactly.
      return { param: A.sub(param, A.mul(corrected, lr)), tensors };
    }
    const rect = Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
    const adaptiveLr = A.mul(A.div(1, A.add(A.sqrt(expAvgSq), eps)), Math.sqrt(biasCorrection2));
    return { param: A.sub(param, A.mul(A.mul(A.mul(corrected, lr), adaptiveLr), rect)), tensors };
  },
};
