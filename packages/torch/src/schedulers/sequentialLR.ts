import { isScheduler, LRScheduler } from './scheduler';
import { LAST_EPOCH_ARG, resolveArguments, spell, VERBOSE_ARG, type SchedulerSpec } from './spec';
import { groupValue, type Schedulable } from './target';

/**
 * torch.optim.lr_scheduler.SequentialLR: one scheduler after another, switching at the milestones.
 *
 *     construction: lr ← initial_lr; every scheduler's last_epoch − 1; the first one's initial step
 *     step: epoch + 1; the scheduler i = bisect_right(milestones, epoch) steps, or at a milestone
 *           restarts at epoch 0 by its closed form where it has one (its chainable form otherwise)
 *
 * The schedulers are built first, on the same optimizer, as torch code does: each takes its
 * initial step on construction, and SequentialLR undoes those steps.
 *
 * PyTorch 1.13 differs: at a milestone it calls `step(0)` (a deprecation warning, and a step
 * count), recent 2.x `_update_lr(0)` (since 2025; earlier 2.x releases call `step(0)` too), which
 * changes MultiplicativeLR's value there (see MultiplicativeLR). 1.13 undoes the construction steps
 * by `last_epoch −= 1` on each scheduler, 2.x recursively into nested SequentialLR and
 * ChainedScheduler; 2.x refuses an empty list and ReduceLROnPlateau (1.13 fails later). Here
 * SequentialLR and ChainedScheduler are refused inside SequentialLR: torch 2.x raises
 * NotImplementedError when it switches to one at a milestone (they have no get_lr), and 1.13 raises
 * at construction (ChainedScheduler has no last_epoch) or at the milestone. A milestone 0 is
 * refused too: torch starts with the first scheduler anyway and never restarts the next one.
 */
export interface SequentialLROptions {
  schedulers: readonly LRScheduler[];
  milestones: readonly number[];
}

/** bisect.bisect_right: the number of sorted items ≤ x. */
function bisectRight(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < sorted[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A nested scheduler's class name, whether built or still a call. */
function namesOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((item: unknown) =>
    typeof item === 'object' && item !== null && 'name' in item ? String(item.name) : '',
  );
}

export const SEQUENTIAL_LR_SPEC: SchedulerSpec = {
  name: 'SequentialLR',
  rule: 'schedulers[i] drives the lr from milestones[i − 1] on, restarted at epoch 0 there',
  optimizerAt: 0,
  args: [
    {
      kind: 'schedulers',
      torch: 'schedulers',
      name: 'schedulers',
      required: true,
      doc: 'the schedulers, built on the same optimizer, in order',
    },
    {
      kind: 'integers',
      torch: 'milestones',
      name: 'milestones',
      required: true,
      domain: {
        words: 'must be integers ≥ 1',
        why: 'torch starts with the first scheduler at 0 anyway and never restarts the next one',
        accepts: (v) => Number.isInteger(v) && v >= 1,
      },
      doc: 'the epochs at which the next scheduler takes over',
    },
    LAST_EPOCH_ARG,
    VERBOSE_ARG,
  ],
  rules: [
    {
      involves: ['schedulers', 'milestones'],
      violated: (a) => Array.isArray(a.milestones) && namesOf(a.schedulers).length !== a.milestones.length + 1,
      message: (name) =>
        `needs one more scheduler than milestones (torch raises ValueError: "Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points"): check ${name('schedulers')} and ${name('milestones')}`,
    },
    {
      involves: ['milestones'],
      violated: (a) => {
        const milestones: unknown[] = Array.isArray(a.milestones) ? a.milestones : [];
        return milestones.some((m, i) => i > 0 && !(typeof m === 'number' && m > Number(milestones[i - 1])));
      },
      message: (name) => `${name('milestones')} must increase (torch does not check, but bisects them as sorted)`,
    },
    {
      involves: ['schedulers'],
      violated: (a) => namesOf(a.schedulers).includes('ReduceLROnPlateau'),
      message: (name) =>
        `${name('schedulers')} must not hold a ReduceLROnPlateau (torch 2.x raises ValueError: its step needs a metric)`,
    },
    {
      involves: ['schedulers'],
      violated: (a) => namesOf(a.schedulers).some((n) => n === 'SequentialLR' || n === 'ChainedScheduler'),
      message: (name) =>
        `${name('schedulers')} must not hold a SequentialLR or ChainedScheduler (torch 2.x raises NotImplementedError when it reaches one at a milestone)`,
    },
  ],
};

export class SequentialLR extends LRScheduler {
  readonly name = 'SequentialLR';
  readonly schedulers: readonly LRScheduler[];
  readonly milestones: readonly number[];

  constructor(optimizer: Schedulable, options: SequentialLROptions) {
    super(optimizer);
    const { schedulers, milestones } = resolveArguments(SEQUENTIAL_LR_SPEC, options, isScheduler);
    for (const [index, scheduler] of schedulers.entries()) {
      if (scheduler.target !== this.target) {
        throw new Error(
          `SequentialLR: ${spell(SEQUENTIAL_LR_SPEC, 'schedulers')}[${index}] (${scheduler.name}) drives another optimizer (torch raises ValueError: all schedulers must belong to the same optimizer)`,
        );
      }
    }
    this.schedulers = [...schedulers];
    this.milestones = [...milestones];
    this.lastEpoch = 0;
    this.target.setLr(groupValue(this.target, 'initial_lr'));
    this.baseLrs = [groupValue(this.target, 'initial_lr')];
    for (const scheduler of this.schedulers) scheduler.lastEpoch -= 1;
    this.schedulers[0].initialStep();
    this.lastLr = this.schedulers[0].getLastLr();
  }

  override step(): void {
    this.lastEpoch += 1;
    const index = bisectRight(this.milestones, this.lastEpoch);
    const scheduler = this.schedulers[index];
    if (index > 0 && this.milestones[index - 1] === this.lastEpoch) scheduler.updateLr(0);
    else scheduler.step();
    this.lastLr = scheduler.getLastLr();
  }

  protected getLr(): number {
    throw new Error('SequentialLR: no get_lr of its own (torch raises NotImplementedError)');
  }
}
