import { isScheduler, LRScheduler } from './scheduler';
import { LAST_EPOCH_ARG, POSITIVE_INTEGER, resolveArguments, VERBOSE_ARG, type SchedulerSpec } from './spec';
import type { Schedulable } from './target';

/**
 * torch.optim.lr_scheduler.LinearLR: the factor of the lr moves linearly from start_factor to
 * end_factor over total_iters epochs.
 *
 *     lr_0 = lr · start
 *     lr_e = lr_{e−1} · (1 + (end − start) / (T·start + (e − 1)·(end − start)))   0 < e ≤ T = total_iters
 *     (closed form: base_lr · (start + (end − start) · min(total_iters, e) / total_iters))
 *
 * PyTorch 1.13 accepts start_factor 0 and then raises ZeroDivisionError at the first step; 2.x
 * refuses it ("greater than 0"), as does this library. 2.x also keeps the lr during an initial
 * step that resumes (`_is_initial` with last_epoch > 0), which a fresh schedule never meets.
 */
export interface LinearLROptions {
  startFactor?: number;
  endFactor?: number;
  totalIters?: number;
}

export const LINEAR_LR_SPEC: SchedulerSpec = {
  name: 'LinearLR',
  rule: 'lr = base_lr · (start_factor → end_factor linearly over total_iters epochs)',
  optimizerAt: 0,
  args: [
    {
      kind: 'number',
      torch: 'start_factor',
      name: 'startFactor',
      default: 1 / 3,
      domain: {
        words: 'must be in (0, 1]',
        why: 'torch 2.x raises ValueError: "Starting multiplicative factor expected to be greater than 0 and less or equal to 1."',
        accepts: (v) => v > 0 && v <= 1,
      },
      doc: 'the factor of the lr at epoch 0',
    },
    {
      kind: 'number',
      torch: 'end_factor',
      name: 'endFactor',
      default: 1,
      domain: {
        words: 'must be in [0, 1]',
        why: 'torch raises ValueError: "Ending multiplicative factor expected to be between 0 and 1."',
        accepts: (v) => v >= 0 && v <= 1,
      },
      doc: 'the factor of the lr from total_iters on',
    },
    {
      kind: 'integer',
      torch: 'total_iters',
      name: 'totalIters',
      default: 5,
      domain: { ...POSITIVE_INTEGER, why: "torch's closed form, used at a SequentialLR milestone, divides by it" },
      doc: 'the number of epochs the factor takes to reach end_factor',
    },
    LAST_EPOCH_ARG,
    VERBOSE_ARG,
  ],
  rules: [],
};

export class LinearLR extends LRScheduler {
  readonly name = 'LinearLR';
  readonly startFactor: number;
  readonly endFactor: number;
  readonly totalIters: number;

  constructor(optimizer: Schedulable, options: LinearLROptions = {}) {
    super(optimizer);
    const { startFactor, endFactor, totalIters } = resolveArguments(LINEAR_LR_SPEC, options, isScheduler);
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalIters = totalIters;
    this.start();
  }

  protected getLr(): number {
    const lr = this.target.getLr();
    const { startFactor: start, endFactor: end, totalIters: total } = this;
    if (this.lastEpoch === 0) return lr * start;
    if (this.isInitial || this.lastEpoch > total) return lr;
    return lr * (1 + (end - start) / (total * start + (this.lastEpoch - 1) * (end - start)));
  }

  protected override closedFormLr(): number {
    const { startFactor: start, endFactor: end, totalIters: total } = this;
    return this.baseLrs[0] * (start + ((end - start) * Math.min(total, this.lastEpoch)) / total);
  }
}
