import { isScheduler, LRScheduler } from './scheduler';
import { LAST_EPOCH_ARG, POSITIVE_GAMMA, resolveArguments, VERBOSE_ARG, type SchedulerSpec } from './spec';
import type { Schedulable } from './target';

/**
 * torch.optim.lr_scheduler.ExponentialLR: the lr times gamma every epoch.
 *
 *     lr_e = lr_{e−1} · γ   (the initial step keeps the lr; closed form base_lr · γ^e)
 *
 * PyTorch 1.13 keeps the lr when `last_epoch == 0`, recent 2.x during the initial step
 * (`_is_initial`): the same values for a schedule started afresh. torch does not check gamma;
 * a gamma ≤ 0 is refused here.
 */
export interface ExponentialLROptions {
  gamma: number;
}

export const EXPONENTIAL_LR_SPEC: SchedulerSpec = {
  name: 'ExponentialLR',
  rule: 'lr ← lr · gamma every epoch',
  optimizerAt: 0,
  args: [
    {
      kind: 'number',
      torch: 'gamma',
      name: 'gamma',
      required: true,
      domain: POSITIVE_GAMMA,
      doc: 'the decay factor per epoch',
    },
    LAST_EPOCH_ARG,
    VERBOSE_ARG,
  ],
  rules: [],
};

export class ExponentialLR extends LRScheduler {
  readonly name = 'ExponentialLR';
  readonly gamma: number;

  constructor(optimizer: Schedulable, options: ExponentialLROptions) {
    super(optimizer);
    this.gamma = resolveArguments(EXPONENTIAL_LR_SPEC, options, isScheduler).gamma;
    this.start();
  }

  protected getLr(): number {
    const lr = this.target.getLr();
    return this.isInitial ? lr : lr * this.gamma;
  }

  protected override closedFormLr(): number {
    return this.baseLrs[0] * this.gamma ** this.lastEpoch;
  }
}
