import { lerp } from '../arithmetic';
import {
  NON_NEGATIVE,
  lrOption,
  epsOption,
  betasOption,
  L2_WEIGHT_DECAY,
  MAXIMIZE,
  type OptionSpecs,
} from '../options';
import { penalizedGradient, stateScalar, stateTensor, type TorchRule } from '../rule';

/**
 * torch.optim.NAdam, as `_single_tensor_nadam` computes it (PyTorch 2.x):
 *
 *     g ← −g if maximize;  g ← g + λ·p if weight_decay λ ≠ 0
 *     μₜ ← β1·(1 − ½·0.96^(t·ψ));  μₜ₊₁ ← β1·(1 − ½·0.96^((t+1)·ψ))       (Python floats; ψ: momentum_decay)
 *     Π ← Π·μₜ                                        (mu_product, a 0-dim tensor in torch's state)
 *     m ← lerp(m, g, 1 − β1);  v ← β2·v + (1 − β2)·g·g
 *     d ← √(v / (1 − β2ᵗ)) + ε
 *     p ← p − (lr·(1 − μₜ)/(1 − Π))·g / d − (lr·μₜ₊₁/(1 − Π·μₜ₊₁))·m / d
 *
 * mu_product lives in a 0-dim tensor of torch's scalar dtype (float32 unless the default dtype is
 * float64), so `Π·μₜ` is a float32 product of float32 operands in a float32 run: here it is a state
 * scalar rounded with `A.keep` (μₜ too, as it enters), and read back as a Python float is: the
 * kept value, unrounded, in the step sizes.
 *
 * PyTorch 1.13 differs: its μ-product-next is Π·μₜ·μₜ₊₁ (μₜ twice) where 2.x has Π·μₜ₊₁, and it
 * updates m as β1·m + (1 − β1)·g; 1.13 also has no `maximize`. 2.x adds decoupled_weight_decay,
 * `capturable` and `differentiable` (not supported here).
 */
export interface NadamOptions {
  lr: number;
  betas: readonly [number, number];
  eps: number;
  weightDecay: number;
  momentumDecay: number;
  maximize: boolean;
}

export const NADAM_OPTIONS: OptionSpecs<NadamOptions> = {
  lr: lrOption(2e-3),
  betas: betasOption('decay rates of the first and second moment averages'),
  eps: epsOption(1e-8, 'added to the denominator'),
  weightDecay: L2_WEIGHT_DECAY,
  momentumDecay: {
    kind: 'number',
    torch: 'momentum_decay',
    default: 4e-3,
    domain: NON_NEGATIVE,
    doc: 'ψ of the momentum schedule μₜ = β1·(1 − ½·0.96^(t·ψ))',
  },
  maximize: MAXIMIZE,
};

export const NADAM: TorchRule<NadamOptions> = {
  className: 'NAdam',
  formula:
    'μₜ ← β1(1 − ½·0.96^(tψ));  m, v as Adam;  d ← √(v/(1 − β2ᵗ)) + ε;  p ← p − lr(1 − μₜ)/(1 − Πμ)·g/d − lr·μₜ₊₁/(1 − Πμ·μₜ₊₁)·m/d',
  options: NADAM_OPTIONS,
  rules: [],
  initialTensors: () => ({ exp_avg: 0, exp_avg_sq: 0 }),
  initialScalars: { mu_product: 1 },
  step(A, { param, grad, state, step, options }) {
    const { lr, betas, eps, momentumDecay } = options;
    const [beta1, beta2] = betas;
    const g = penalizedGradient(A, param, grad, options);
    const biasCorrection2 = 1 - beta2 ** step;
    const mu = beta1 * (1 - 0.5 * 0.96 ** (step * momentumDecay));
    const muNext = beta1 * (1 - 0.5 * 0.96 ** ((step + 1) * momentumDecay));
    // mu_product *= μ: a product in the tensor's dtype, μ rounded to it as it enters.
    const muProduct = A.keep(stateScalar(state, 'mu_product') * A.keep(mu));

    const expAvg = lerp(A, stateTensor(state, 'exp_avg'), g, 1 - beta1);
    const expAvgSq = A.add(A.mul(stateTensor(state, 'exp_avg_sq'), beta2), A.mul(A.mul(g, 1 - beta2), g));
    const denom = A.add(A.sqrt(A.div(expAvgSq, biasCorrection2)), eps);

    const muProductNext = muProduct * muNext;
    const gradStep = (-lr * (1 - mu)) / (1 - muProduct);
    const momentumStep = (-lr * muNext) / (1 - muProductNext);
    // Two addcdiv_ in turn: p + (value·g)/d, then + (value·m)/d.
    const p = A.add(param, A.div(A.mul(g, gradStep), denom));
    return {
      param: A.add(p, A.div(A.mul(expAvg, momentumStep), denom)),
      tensors: { exp_avg: expAvg, exp_avg_sq: expAvgSq },
      scalars: { mu_product: muProduct },
    };
  },
};
