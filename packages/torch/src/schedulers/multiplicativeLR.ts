import { isScheduler, LRScheduler } from './scheduler';
import { LAST_EPOCH_ARG, resolveArguments, VERBOSE_ARG, type Lambda, type SchedulerSpec } from './spec';
import type { Schedulable } from './target';

/**
 * torch.optim.lr_scheduler.MultiplicativeLR: the lr in force times a function of the epoch.
 *
 *     lr_e = lr_{e−1} · lr_lambda(e)   (the initial step keeps the lr)
 *
 * PyTorch 1.13 keeps the lr whenever `last_epoch` is 0; recent 2.x only during the initial step
 * (`_is_initial`). They part where SequentialLR switches to a MultiplicativeLR at a milestone and
 * sets its epoch to 0: 2.x multiplies by lr_lambda(0) there, 1.13 does not, so from the milestone
 * on 2.x's lr is 1.13's times lr_lambda(0). This library follows 2.x. 2.x also raises TypeError
 * for an lr_lambda that is not callable, where 1.13 fails at the first step.
 */
export interface MultiplicativeLROptions {
  lrLambda: Lambda;
}

export const MULTIPLICATIVE_LR_SPEC: SchedulerSpec = {
  name: 'MultiplicativeLR',
  rule: 'lr ← lr · lr_lambda(epoch) at each step after the first',
  optimizerAt: 0,
  args: [
    {
      kind: 'function',
      torch: 'lr_lambda',
      name: 'lrLambda',
      required: true,
      perGroup: true,
      doc: 'the factor applied to the lr at each step, a function of the epoch',
    },
    LAST_EPOCH_ARG,
    VERBOSE_ARG,
  ],
  rules: [],
};

export class MultiplicativeLR extends LRScheduler {
  readonly name = 'MultiplicativeLR';
  readonly lrLambda: Lambda;

  constructor(optimizer: Schedulable, options: MultiplicativeLROptions) {
    super(optimizer);
    this.lrLambda = resolveArguments(MULTIPLICATIVE_LR_SPEC, options, isScheduler).lrLambda;
    this.start();
  }

  protected getLr(): number {
    const lr = this.target.getLr();
    return this.isInitial ? lr : lr * this.lrLambda(this.lastEpoch);
  }
}
