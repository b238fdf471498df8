import { lerp } from '../arithmetic';
import { NON_NEGATIVE, lrOption, epsOption, L2_WEIGHT_DECAY, MAXIMIZE, type OptionSpecs } from '../options';
import { penalizedGradient, stateTensor, type StepOutput, type TorchRule } from '../rule';

/**
 * torch.optim.RMSprop, as `_single_tensor_rmsprop` computes it (PyTorch 2.x):
 *
 *     g ← −g if maximize;  g ← g + λ·p if weight_decay λ ≠ 0
 *     v ← α·v + (1 − α)·g·g
 *     centered:  ḡ ← lerp(ḡ, g, 1 − α);  d ← √(v − ḡ·ḡ) + ε      else  d ← √v + ε
 *     momentum μ > 0:  b ← μ·b + g/d;  p ← p − lr·b               else  p ← p − lr·g/d
 *
 * ε is added after the square root (TF.js's own RMSprop adds it inside). torch checks only
 * alpha ≥ 0: alpha above 1 is accepted, as there. PyTorch 1.13 averages ḡ as α·ḡ + (1 − α)·g
 * instead of the lerp: equal in exact arithmetic, a float32 rounding apart. 2.x also counts
 * steps in its state (unused by the rule) and adds `capturable` (not supported here).
 */
export interface RmspropOptions {
  lr: number;
  alpha: number;
  eps: number;
  weightDecay: number;
  momentum: number;
  centered: boolean;
  maximize: boolean;
}

export const RMSPROP_OPTIONS: OptionSpecs<RmspropOptions> = {
  lr: lrOption(1e-2),
  alpha: {
    kind: 'number',
    torch: 'alpha',
    default: 0.99,
    domain: NON_NEGATIVE,
    doc: 'decay rate of the squared-gradient average (torch: smoothing constant)',
  },
  eps: epsOption(1e-8, 'added after the square root'),
  weightDecay: L2_WEIGHT_DECAY,
  momentum: { kind: 'number', torch: 'momentum', default: 0, domain: NON_NEGATIVE, doc: 'momentum factor μ' },
  centered: {
    kind: 'boolean',
    torch: 'centered',
    default: false,
    doc: 'divide by an estimate of the variance instead of the second moment',
  },
  maximize: MAXIMIZE,
};

export const RMSPROP: TorchRule<RmspropOptions> = {
  className: 'RMSprop',
  formula:
    'g ← g + λp;  s ← αs + (1 − α)g²;  d ← √s + ε (centered: √(s − ḡ²) + ε);  b ← μb + g/d, p ← p − lr·b (μ = 0: p ← p − lr·g/d)',
  options: RMSPROP_OPTIONS,
  rules: [],
  initialTensors: ({ momentum, centered }) => ({
    square_avg: 0,
    ...(momentum > 0 ? { momentum_buffer: 0 } : {}),
    ...(centered ? { grad_avg: 0 } : {}),
  }),
  step(A, { param, grad, state, options }) {
    const { lr, alpha, eps, momentum, centered } = options;
    const g = penalizedGradient(A, param, grad, options);
    const squareAvg = A.add(A.mul(stateTensor(state, 'square_avg'), alpha), A.mul(A.mul(g, 1 - alpha), g));
    const tensors: StepOutput<typeof param>['tensors'] = { square_avg: squareAvg };
    const gradAvg = centered ? lerp(A, stateTensor(state, 'grad_avg'), g, 1 - alpha) : undefined;
    if (gradAvg !== undefined) tensors.grad_avg = gradAvg;
    // Centered: addcmul(ḡ, ḡ, value=−1) is v + (−ḡ)·ḡ, the same bits as v − ḡ·ḡ, one kernel fewer.
    const avg = A.add(A.sqrt(gradAvg === undefined ? squareAvg : A.sub(squareAvg, A.mul(gradAvg, gradAvg))), eps);
    if (momentum > 0) {
      // mul_(μ).addcdiv_(g, d): value 1, so (1·g)/d is g/d.
      const buffer = A.add(A.mul(stateTensor(state, 'momentum_buffer'), momentum), A.div(g, avg));
      tensors.momentum_buffer = buffer;
      return { param: A.add(param, A.mul(buffer, -lr)), tensors };
    }
    return { param: A.add(param, A.div(A.mul(g, -lr), avg)), tensors };
  },
};
