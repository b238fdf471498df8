import { isScheduler, LRScheduler } from './scheduler';
import {
  LAST_EPOCH_ARG,
  POSITIVE_GAMMA,
  POSITIVE_INTEGER,
  resolveArguments,
  VERBOSE_ARG,
  type SchedulerSpec,
} from './spec';
import type { Schedulable } from './target';

/**
 * torch.optim.lr_scheduler.StepLR: the lr times gamma every step_size epochs.
 *
 *     lr_e = lr_{e−1} · γ  if e > 0 and e mod step_size = 0,  else lr_{e−1}
 *     (closed form, used at a SequentialLR milestone: base_lr · γ^⌊e / step_size⌋)
 *
 * The same in PyTorch 1.13 and 2.x. torch checks neither argument: step_size 0 raises
 * ZeroDivisionError at the first step, and a gamma ≤ 0 zeroes the lr or flips its sign; both are
 * refused here.
 */
export interface StepLROptions {
  stepSize: number;
  gamma?: number;
}

export const STEP_LR_SPEC: SchedulerSpec = {
  name: 'StepLR',
  rule: 'lr ← lr · gamma every step_size epochs',
  optimizerAt: 0,
  args: [
    {
      kind: 'integer',
      torch: 'step_size',
      name: 'stepSize',
      required: true,
      domain: POSITIVE_INTEGER,
      doc: 'period of the decay, in epochs',
    },
    { kind: 'number', torch: 'gamma', name: 'gamma', default: 0.1, domain: POSITIVE_GAMMA, doc: 'the decay factor' },
    LAST_EPOCH_ARG,
    VERBOSE_ARG,
  ],
  rules: [],
};

export class StepLR extends LRScheduler {
  readonly name = 'StepLR';
  readonly stepSize: number;
  readonly gamma: number;

  constructor(optimizer: Schedulable, options: StepLROptions) {
    super(optimizer);
    const { stepSize, gamma } = resolveArguments(STEP_LR_SPEC, options, isScheduler);
    this.stepSize = stepSize;
    this.gamma = gamma;
    this.start();
  }

  protected getLr(): number {
    const lr = this.target.getLr();
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0) return lr;
    return lr * this.gamma;
  }

  protected override closedFormLr(): number {
    return this.baseLrs[0] * this.gamma ** Math.floor(this.lastEpoch / this.stepSize);
  }
}
