import type { TorchRule } from '../rule';
import { ADAM_OPTIONS, adamInitialTensors, adamStep, type AdamOptions } from './adam';

/**
 * torch.optim.AdamW: Adam with decoupled weight decay (Loshchilov & Hutter), as `_single_tensor_adamw`:
 *
 *     p ← p·(1 − lr·λ)                        before anything else, every step
 *     then Adam's moments and update, with the gradient left as it is
 *
 * Defaults as Adam's, except weight_decay = 0.01.
 */
export type AdamWOptions = AdamOptions;

export const ADAMW: TorchRule<AdamWOptions> = {
  className: 'AdamW',
  formula: "p ← p·(1 − lr·λ);  then Adam's m, v and step with the gradient as it is",
  options: {
    ...ADAM_OPTIONS,
    weightDecay: { ...ADAM_OPTIONS.weightDecay, default: 1e-2, doc: 'decoupled weight decay: p ← p·(1 − lr·λ)' },
  },
  rules: [],
  initialTensors: adamInitialTensors,
  step: (A, input) => adamStep(A, input, true),
};
