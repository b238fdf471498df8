import { lerp, type Arithmetic } from '../arithmetic';
import { lrOption, epsOption, betasOption, L2_WEIGHT_DECAY, MAXIMIZE, type OptionSpecs } from '../options';
import { penalizedGradient, stateTensor, type StepInput, type StepOutput, type TorchRule } from '../rule';

/**
 * torch.optim.Adam, as `_single_tensor_adam` computes it (PyTorch 2.x):
 *
 *     g ← −g if maximize;  g ← g + λ·p if weight_decay λ ≠ 0
 *     m ← lerp(m, g, 1 − β1);  v ← β2·v + (1 − β2)·g·g
 *     v_max ← max(v_max, v) if amsgrad
 *     denom ← √v (or √v_max) / √(1 − β2ᵗ) + ε
 *     p ← p − (lr / (1 − β1ᵗ))·m / denom
 *
 * The bias corrections and the step size are Python floats in torch: float64 here, entering the
 * float32 arithmetic once (TF.js's own Adam keeps β1ᵗ and β2ᵗ in float32 variables instead).
 * PyTorch 1.13 and 2.0 update m as β1·m + (1 − β1)·g; from 2.1 on it is the lerp written here:
 * equal in exact arithmetic, a float32 rounding apart.
 */
export interface AdamOptions {
  lr: number;
  betas: readonly [number, number];
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
}

/** Adam's options; AdamW's are the same but for weight_decay's default. */
export const ADAM_OPTIONS: OptionSpecs<AdamOptions> = {
  lr: lrOption(1e-3),
  betas: betasOption('decay rates of the first and second moment averages'),
  eps: epsOption(1e-8, 'added to the denominator'),
  weightDecay: L2_WEIGHT_DECAY,
  amsgrad: { kind: 'boolean', torch: 'amsgrad', default: false, doc: 'divide by the largest second moment so far' },
  maximize: MAXIMIZE,
};

/**
 * One Adam step. `decoupled`: AdamW's weight decay, p ← p·(1 − lr·λ) before the moments, instead
 * of Adam's λ·p added to the gradient.
 */
export function adamStep<T>(
  A: Arithmetic<T>,
  { param, grad, state, step, options }: StepInput<T, AdamOptions>,
  decoupled: boolean,
): StepOutput<T> {
  const { lr, betas, eps, weightDecay, amsgrad, maximize } = options;
  const [beta1, beta2] = betas;
  // AdamW decays the parameter itself; Adam adds the L2 penalty to the gradient.
  const p = decoupled ? A.mul(param, 1 - lr * weightDecay) : param;
  const g = penalizedGradient(A, param, grad, { maximize, weightDecay: decoupled ? 0 : weightDecay });

  const expAvg = lerp(A, stateTensor(state, 'exp_avg'), g, 1 - beta1);
  // addcmul_(g, g, value=1 − β2): torch's kernel multiplies value·g first, then by g.
  const expAvgSq = A.add(A.mul(stateTensor(state, 'exp_avg_sq'), beta2), A.mul(A.mul(g, 1 - beta2), g));

  const biasCorrection1 = 1 - beta1 ** step;
  const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** step);
  const stepSize = lr / biasCorrection1;

  const tensors: Partial<Record<string, T>> = { exp_avg: expAvg, exp_avg_sq: expAvgSq };
  let second = expAvgSq;
  if (amsgrad) {
    second = A.maximum(stateTensor(state, 'max_exp_avg_sq'), expAvgSq);
    tensors.max_exp_avg_sq = second;
  }
  const denom = A.add(A.div(A.sqrt(second), biasCorrection2Sqrt), eps);
  // addcdiv_(m, denom, value=−step_size): (value·m) / denom, then added.
  return { param: A.add(p, A.div(A.mul(expAvg, -stepSize), denom)), tensors };
}

/** Adam's and AdamW's state: the two moments, and the largest second moment with amsgrad. */
export function adamInitialTensors(options: AdamOptions): Record<string, number> {
  return options.amsgrad ? { exp_avg: 0, exp_avg_sq: 0, max_exp_avg_sq: 0 } : { exp_avg: 0, exp_avg_sq: 0 };
}

export const ADAM: TorchRule<AdamOptions> = {
  className: 'Adam',
  formula:
    'g ← g + λp;  m ← lerp(m, g, 1 − β1);  v ← β2v + (1 − β2)g²;  p ← p − (lr/(1 − β1ᵗ))·m / (√v/√(1 − β2ᵗ) + ε)  (amsgrad: v ← max over steps)',
  options: ADAM_OPTIONS,
  rules: [],
  initialTensors: adamInitialTensors,
  step: (A, input) => adamStep(A, input, false),
};
