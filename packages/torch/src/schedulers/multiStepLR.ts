import { isScheduler, LRScheduler } from './scheduler';
import {
  LAST_EPOCH_ARG,
  NON_NEGATIVE_INTEGER,
  POSITIVE_GAMMA,
  resolveArguments,
  VERBOSE_ARG,
  type SchedulerSpec,
} from './spec';
import type { Schedulable } from './target';

/**
 * torch.optim.lr_scheduler.MultiStepLR: the lr times gamma at each milestone.
 *
 *     lr_e = lr_{e−1} · γ^count(e)   where count(e) is how often e is listed in milestones
 *     (closed form, used at a SequentialLR milestone: base_lr · γ^(milestones ≤ e))
 *
 * The same in PyTorch 1.13 and 2.x: milestones go into a Counter, so their order does not matter
 * and a milestone listed twice decays by γ². torch does not check gamma; ≤ 0 is refused here.
 */
export interface MultiStepLROptions {
  milestones: readonly number[];
  gamma?: number;
}

export const MULTI_STEP_LR_SPEC: SchedulerSpec = {
  name: 'MultiStepLR',
  rule: 'lr ← lr · gamma at each milestone (twice as listed twice)',
  optimizerAt: 0,
  args: [
    {
      kind: 'integers',
      torch: 'milestones',
      name: 'milestones',
      required: true,
      domain: NON_NEGATIVE_INTEGER,
      doc: 'the epochs at which the lr decays',
    },
    { kind: 'number', torch: 'gamma', name: 'gamma', default: 0.1, domain: POSITIVE_GAMMA, doc: 'the decay factor' },
    LAST_EPOCH_ARG,
    VERBOSE_ARG,
  ],
  rules: [],
};

export class MultiStepLR extends LRScheduler {
  readonly name = 'MultiStepLR';
  readonly milestones: readonly number[];
  readonly gamma: number;
  /** torch's Counter of milestones. */
  private readonly counts = new Map<number, number>();

  constructor(optimizer: Schedulable, options: MultiStepLROptions) {
    super(optimizer);
    const { milestones, gamma } = resolveArguments(MULTI_STEP_LR_SPEC, options, isScheduler);
    this.milestones = [...milestones];
    this.gamma = gamma;
    for (const milestone of milestones) this.counts.set(milestone, (this.counts.get(milestone) ?? 0) + 1);
    this.start();
  }

  protected getLr(): number {
    const lr = this.target.getLr();
    const count = this.counts.get(this.lastEpoch);
    return count === undefined ? lr : lr * this.gamma ** count;
  }

  protected override closedFormLr(): number {
    const passed = this.milestones.filter((milestone) => milestone <= this.lastEpoch).length;
    return this.baseLrs[0] * this.gamma ** passed;
  }
}
