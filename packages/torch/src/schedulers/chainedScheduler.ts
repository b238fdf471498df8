import { isScheduler, LRScheduler } from './scheduler';
import { resolveArguments, spell, type SchedulerSpec } from './spec';
import { scheduleTarget, type Schedulable, type ScheduleTarget } from './target';

/**
 * torch.optim.lr_scheduler.ChainedScheduler: every scheduler steps, in order, at each step; the
 * lr is what the last one leaves. It takes no initial step of its own: the schedulers took theirs
 * when they were built, in order, on the same optimizer.
 *
 *     step: schedulers[0].step(); …; schedulers[n − 1].step()
 *
 * PyTorch 2.x takes an optional `optimizer` after the schedulers (1.13: `ChainedScheduler(schedulers)`),
 * and refuses an empty list and ReduceLROnPlateau (its step needs a metric), which 1.13 accepts and
 * then fails on. torch's ChainedScheduler has no last_epoch; here `lastEpoch` counts its steps.
 */
export const CHAINED_SCHEDULER_SPEC: SchedulerSpec = {
  name: 'ChainedScheduler',
  rule: 'each scheduler steps in turn; the lr is what the last one leaves',
  optimizerAt: null,
  args: [
    {
      kind: 'schedulers',
      torch: 'schedulers',
      name: 'schedulers',
      required: true,
      doc: 'the schedulers, built on the same optimizer',
    },
    {
      kind: 'optimizer',
      torch: 'optimizer',
      name: 'optimizer',
      default: null,
      doc: 'the optimizer (2.x; the schedulers tell it anyway)',
      torchOnly: true,
    },
  ],
  rules: [
    {
      involves: ['schedulers'],
      violated: (a) =>
        Array.isArray(a.schedulers) &&
        a.schedulers.some(
          (s: unknown) => typeof s === 'object' && s !== null && 'name' in s && s.name === 'ReduceLROnPlateau',
        ),
      message: (name) =>
        `${name('schedulers')} must not hold a ReduceLROnPlateau (torch 2.x raises ValueError: its step needs a metric)`,
    },
  ],
};

function targetOf(schedulers: readonly LRScheduler[], optimizer: Schedulable | undefined): ScheduleTarget {
  if (optimizer !== undefined) return scheduleTarget(optimizer);
  if (schedulers.length === 0) {
    throw new Error(
      `ChainedScheduler: ${spell(CHAINED_SCHEDULER_SPEC, 'schedulers')} must hold at least one scheduler (torch raises ValueError)`,
    );
  }
  return schedulers[0].target;
}

export class ChainedScheduler extends LRScheduler {
  readonly name = 'ChainedScheduler';
  readonly schedulers: readonly LRScheduler[];

  /** As torch: the schedulers, and optionally their optimizer. */
  constructor(schedulers: readonly LRScheduler[], optimizer?: Schedulable) {
    super(targetOf(schedulers, optimizer));
    resolveArguments(CHAINED_SCHEDULER_SPEC, { schedulers }, isScheduler);
    for (const [index, scheduler] of schedulers.entries()) {
      if (scheduler.target !== this.target) {
        throw new Error(
          `ChainedScheduler: ${spell(CHAINED_SCHEDULER_SPEC, 'schedulers')}[${index}] (${scheduler.name}) drives another optimizer (torch raises ValueError: all schedulers must belong to the same optimizer)`,
        );
      }
    }
    this.schedulers = [...schedulers];
    this.lastEpoch = 0;
    this.baseLrs = [...schedulers[0].baseLrs];
    this.lastLr = [this.target.getLr()];
  }

  override step(): void {
    for (const scheduler of this.schedulers) scheduler.step();
    this.lastEpoch += 1;
    this.lastLr = [this.target.getLr()];
  }

  protected getLr(): number {
    throw new Error('ChainedScheduler: no get_lr of its own (torch raises NotImplementedError)');
  }
}
