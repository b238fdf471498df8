import { isScheduler, LRScheduler } from './scheduler';
import { LAST_EPOCH_ARG, NON_NEGATIVE_INTEGER, resolveArguments, VERBOSE_ARG, type SchedulerSpec } from './spec';
import type { Schedulable } from './target';

/**
 * torch.optim.lr_scheduler.ConstantLR: the lr times factor until epoch total_iters.
 *
 *     lr_0 = lr · factor;  lr_e = lr_{e−1} · (1 / factor) at e = total_iters;  else lr_{e−1}
 *     (closed form: base_lr · (factor + [e ≥ total_iters] · (1 − factor)))
 *
 * PyTorch 2.x writes the test as `last_epoch != total_iters`, 1.13 adds a redundant
 * `last_epoch > total_iters`: the same values. Both refuse a factor outside [0, 1] and accept 0,
 * then raise ZeroDivisionError at epoch total_iters; 0 is refused here.
 */
export interface ConstantLROptions {
  factor?: number;
  totalIters?: number;
}

export const CONSTANT_LR_SPEC: SchedulerSpec = {
  name: 'ConstantLR',
  rule: 'lr = base_lr · factor until epoch total_iters, then base_lr',
  optimizerAt: 0,
  args: [
    {
      kind: 'number',
      torch: 'factor',
      name: 'factor',
      default: 1 / 3,
      domain: {
        words: 'must be in (0, 1]',
        why: 'torch raises ValueError outside [0, 1], and ZeroDivisionError at total_iters for 0',
        accepts: (v) => v > 0 && v <= 1,
      },
      doc: 'the factor of the lr until total_iters',
    },
    {
      kind: 'integer',
      torch: 'total_iters',
      name: 'totalIters',
      default: 5,
      domain: NON_NEGATIVE_INTEGER,
      doc: 'the epoch at which the lr returns to its initial value',
    },
    LAST_EPOCH_ARG,
    VERBOSE_ARG,
  ],
  rules: [],
};

export class ConstantLR extends LRScheduler {
  readonly name = 'ConstantLR';
  readonly factor: number;
  readonly totalIters: number;

  constructor(optimizer: Schedulable, options: ConstantLROptions = {}) {
    super(optimizer);
    const { factor, totalIters } = resolveArguments(CONSTANT_LR_SPEC, options, isScheduler);
    this.factor = factor;
    this.totalIters = totalIters;
    this.start();
  }

  protected getLr(): number {
    const lr = this.target.getLr();
    if (this.lastEpoch === 0) return lr * this.factor;
    if (this.lastEpoch !== this.totalIters) return lr;
    return lr * (1 / this.factor);
  }

  protected override closedFormLr(): number {
    return this.baseLrs[0] * (this.factor + (this.lastEpoch >= this.totalIters ? 1 - this.factor : 0));
  }
}
