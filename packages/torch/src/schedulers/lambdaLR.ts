import { isScheduler, LRScheduler } from './scheduler';
import { LAST_EPOCH_ARG, resolveArguments, VERBOSE_ARG, type Lambda, type SchedulerSpec } from './spec';
import type { Schedulable } from './target';

/**
 * torch.optim.lr_scheduler.LambdaLR: the initial lr times a function of the epoch.
 *
 *     lr_e = base_lr · lr_lambda(e)
 *
 * The same in PyTorch 1.13 and 2.x.
 */
export interface LambdaLROptions {
  lrLambda: Lambda;
}

export const LAMBDA_LR_SPEC: SchedulerSpec = {
  name: 'LambdaLR',
  rule: 'lr = base_lr · lr_lambda(epoch)',
  optimizerAt: 0,
  args: [
    {
      kind: 'function',
      torch: 'lr_lambda',
      name: 'lrLambda',
      required: true,
      perGroup: true,
      doc: 'the factor of the initial lr at each epoch, a function of the epoch',
    },
    LAST_EPOCH_ARG,
    VERBOSE_ARG,
  ],
  rules: [],
};

export class LambdaLR extends LRScheduler {
  readonly name = 'LambdaLR';
  readonly lrLambda: Lambda;

  constructor(optimizer: Schedulable, options: LambdaLROptions) {
    super(optimizer);
    this.lrLambda = resolveArguments(LAMBDA_LR_SPEC, options, isScheduler).lrLambda;
    this.start();
  }

  protected getLr(): number {
    return this.baseLrs[0] * this.lrLambda(this.lastEpoch);
  }
}
