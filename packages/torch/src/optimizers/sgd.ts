import type { Arithmetic } from '../arithmetic';
import { ANY_FINITE, NON_NEGATIVE, lrOption, L2_WEIGHT_DECAY, MAXIMIZE, type OptionSpecs } from '../options';
import { penalizedGradient, type TorchRule } from '../rule';

/**
 * torch.optim.SGD, as `_single_tensor_sgd` computes it (PyTorch 2.x):
 *
 *     g ← −g if maximize;  g ← g + λ·p if weight_decay λ ≠ 0
 *     with momentum μ ≠ 0:  b ← g on the first step, then b ← μ·b + (1 − dampening)·g
 *                           g ← g + μ·b (nesterov), or g ← b
 *     p ← p − lr·g
 *
 * PyTorch 1.13 computes the same rule: its documentation writes maximize as a flip of the final
 * step (which would decay away from zero with weight_decay), but its code negates the gradient
 * first, as 2.x does, and a real 1.13 run of maximize with weight_decay agrees with this rule
 * (the fixtures' torch-sgd-maximize-weight-decay). 1.13 (and 2.x up to at least 2.1) has no
 * default lr; later 2.x's is 1e-3. 2.x adds `foreach`, `differentiable` and `fused` (not supported here).
 */
export interface SgdOptions {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  maximize: boolean;
}

export const SGD_OPTIONS: OptionSpecs<SgdOptions> = {
  lr: lrOption(1e-3),
  momentum: { kind: 'number', torch: 'momentum', default: 0, domain: NON_NEGATIVE, doc: 'momentum factor μ' },
  dampening: {
    kind: 'number',
    torch: 'dampening',
    default: 0,
    domain: ANY_FINITE,
    doc: 'the gradient enters the momentum buffer scaled by 1 − dampening',
  },
  weightDecay: L2_WEIGHT_DECAY,
  nesterov: { kind: 'boolean', torch: 'nesterov', default: false, doc: 'Nesterov momentum' },
  maximize: MAXIMIZE,
};

/** a·c, leaving out a multiplication by exactly 1 (it changes no bit). */
export function scaled<T>(A: Arithmetic<T>, a: T, c: number): T {
  return c === 1 ? a : A.mul(a, c);
}

export const SGD: TorchRule<SgdOptions> = {
  className: 'SGD',
  formula: 'g ← g + λp;  b ← μb + (1 − dampening)g (b ← g at first);  g ← g + μb (Nesterov) or b;  p ← p − lr·g',
  options: SGD_OPTIONS,
  rules: [
    {
      involves: ['nesterov', 'momentum', 'dampening'],
      violated: (o) => o.nesterov && (o.momentum <= 0 || o.dampening !== 0),
      message: (name) =>
        `${name('nesterov')} needs ${name('momentum')} > 0 and ${name('dampening')} 0 (Nesterov momentum requires a momentum and zero dampening)`,
    },
  ],
  initialTensors: () => ({}),
  step(A, { param, grad, state, options }) {
    const { lr, momentum, dampening, nesterov } = options;
    const g = penalizedGradient(A, param, grad, options);
    if (momentum === 0) return { param: A.add(param, A.mul(g, -lr)), tensors: {} };
    const previous = state.tensors.momentum_buffer;
    const buffer = previous === undefined ? g : A.add(A.mul(previous, momentum), scaled(A, g, 1 - dampening));
    const direction = nesterov ? A.add(g, A.mul(buffer, momentum)) : buffer;
    return { param: A.add(param, A.mul(direction, -lr)), tensors: { momentum_buffer: buffer } };
  },
};
