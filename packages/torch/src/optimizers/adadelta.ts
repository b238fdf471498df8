import { UNIT_INTERVAL, lrOption, epsOption, L2_WEIGHT_DECAY, MAXIMIZE, type OptionSpecs } from '../options';
import { penalizedGradient, stateTensor, type TorchRule } from '../rule';

/**
 * torch.optim.Adadelta, as `_single_tensor_adadelta` computes it (PyTorch 2.x):
 *
 *     g ← −g if maximize;  g ← g + λ·p if weight_decay λ ≠ 0
 *     v ← ρ·v + (1 − ρ)·g·g
 *     Δ ← √(u + ε) / √(v + ε) · g
 *     u ← ρ·u + (1 − ρ)·Δ·Δ
 *     p ← p − lr·Δ
 *
 * ε sits inside both square roots (TF.js's own Adadelta agrees). PyTorch 1.13 computes the same
 * rule; 2.x also counts steps in its state, which the rule does not use, and adds `capturable`
 * (not supported here).
 */
export interface AdadeltaOptions {
  lr: number;
  rho: number;
  eps: number;
  weightDecay: number;
  maximize: boolean;
}

export const ADADELTA_OPTIONS: OptionSpecs<AdadeltaOptions> = {
  lr: lrOption(1.0, 'scales the step Δ'),
  rho: {
    kind: 'number',
    torch: 'rho',
    default: 0.9,
    domain: UNIT_INTERVAL,
    doc: 'decay rate of the squared-gradient and squared-step averages',
  },
  eps: epsOption(1e-6, 'added inside both square roots'),
  weightDecay: L2_WEIGHT_DECAY,
  maximize: MAXIMIZE,
};

export const ADADELTA: TorchRule<AdadeltaOptions> = {
  className: 'Adadelta',
  formula: 'g ← g + λp;  s ← ρs + (1 − ρ)g²;  Δ ← √(u + ε)/√(s + ε)·g;  u ← ρu + (1 − ρ)Δ²;  p ← p − lr·Δ',
  options: ADADELTA_OPTIONS,
  rules: [],
  initialTensors: () => ({ square_avg: 0, acc_delta: 0 }),
  step(A, { param, grad, state, options }) {
    const { lr, rho, eps } = options;
    const g = penalizedGradient(A, param, grad, options);
    // mul_(ρ).addcmul_(g, g, value=1 − ρ): ρ·v, then + ((1 − ρ)·g)·g.
    const squareAvg = A.add(A.mul(stateTensor(state, 'square_avg'), rho), A.mul(A.mul(g, 1 - rho), g));
    const std = A.sqrt(A.add(squareAvg, eps));
    // acc_delta.add(ε).sqrt_().div_(std).mul_(g)
    const delta = A.mul(A.div(A.sqrt(A.add(stateTensor(state, 'acc_delta'), eps)), std), g);
    const accDelta = A.add(A.mul(stateTensor(state, 'acc_delta'), rho), A.mul(A.mul(delta, 1 - rho), delta));
    // add_(Δ, alpha=−lr): p + (−lr)·Δ.
    return { param: A.add(param, A.mul(delta, -lr)), tensors: { square_avg: squareAvg, acc_delta: accDelta } };
  },
};
