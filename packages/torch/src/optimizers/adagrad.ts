import { NON_NEGATIVE, lrOption, epsOption, L2_WEIGHT_DECAY, MAXIMIZE, type OptionSpecs } from '../options';
import { penalizedGradient, stateTensor, type TorchRule } from '../rule';

/**
 * torch.optim.Adagrad, as `_single_tensor_adagrad` computes it (PyTorch 2.x):
 *
 *     g ← −g if maximize;  g ← g + λ·p if weight_decay λ ≠ 0
 *     clr ← lr / (1 + (t − 1)·lr_decay)                  (a Python float)
 *     sum ← sum + g·g                                     (addcmul_ with value 1)
 *     p ← p − clr·g / (√sum + ε)
 *
 * `sum` starts filled with initial_accumulator_value (torch.full_like: rounded once to the
 * parameter's dtype). PyTorch 1.13 computes the same rule; 2.x adds `fused` (not supported here).
 */
export interface AdagradOptions {
  lr: number;
  lrDecay: number;
  weightDecay: number;
  initialAccumulatorValue: number;
  eps: number;
  maximize: boolean;
}

export const ADAGRAD_OPTIONS: OptionSpecs<AdagradOptions> = {
  lr: lrOption(1e-2),
  lrDecay: {
    kind: 'number',
    torch: 'lr_decay',
    default: 0,
    domain: NON_NEGATIVE,
    doc: 'step t uses lr / (1 + (t − 1)·lr_decay)',
  },
  weightDecay: L2_WEIGHT_DECAY,
  initialAccumulatorValue: {
    kind: 'number',
    torch: 'initial_accumulator_value',
    default: 0,
    domain: NON_NEGATIVE,
    doc: 'the sum of squared gradients starts at this value',
  },
  eps: epsOption(1e-10, 'added to the denominator'),
  maximize: MAXIMIZE,
};

export const ADAGRAD: TorchRule<AdagradOptions> = {
  className: 'Adagrad',
  formula:
    'g ← g + λp;  s ← s + g² (s starts at initial_accumulator_value);  p ← p − (lr/(1 + (t − 1)·lr_decay))·g / (√s + ε)',
  options: ADAGRAD_OPTIONS,
  rules: [],
  initialTensors: (options) => ({ sum: options.initialAccumulatorValue }),
  step(A, { param, grad, state, step, options }) {
    const { lr, lrDecay, eps } = options;
    const g = penalizedGradient(A, param, grad, options);
    const clr = lr / (1 + (step - 1) * lrDecay);
    // addcmul_(g, g, value=1): (1·g)·g, and a product by exactly 1 changes no bit.
    const sum = A.add(stateTensor(state, 'sum'), A.mul(g, g));
    const std = A.add(A.sqrt(sum), eps);
    // addcdiv_(g, std, value=−clr): (value·g) / std, then added.
    return { param: A.add(param, A.div(A.mul(g, -clr), std)), tensors: { sum } };
  },
};
