import { groupOf, groupValue, scheduleTarget, type Schedulable, type ScheduleTarget } from './target';

/**
 * torch.optim.lr_scheduler.LRScheduler, as PyTorch 2.x runs it: the constructor records the
 * optimizer's lr as `initial_lr` (unless a scheduler of the same optimizer did first: the param
 * group keeps one), takes `base_lrs` from it and performs the initial step, so that `lastEpoch` is
 * 0 and the optimizer's lr is the one its next step uses. Each `step()` adds one to `lastEpoch` and
 * sets the lr to `getLr()`: torch's chainable form, which reads the lr in force (so changes made
 * outside the scheduler carry on) rather than recomputing a closed form.
 *
 * "2.x" here is PyTorch's recent main branch (2025), read for this library. PyTorch 1.13
 * (`_LRScheduler`) differs in details this library does not show: it also resets the optimizer's
 * step counter, and takes a `verbose` argument that prints each change (2.2 deprecates it, later
 * versions remove it; `buildScheduler` accepts and ignores it). Its schedulers test
 * `last_epoch == 0` where recent 2.x tests `_is_initial`, set during the initial step (added in
 * 2025; earlier 2.x releases test last_epoch like 1.13): the two only part when a schedule resumes
 * from a checkpoint (`last_epoch` ≥ 0, not supported here) or, for MultiplicativeLR, at a
 * SequentialLR milestone (see there).
 */
export abstract class LRScheduler {
  /** torch's class name. */
  abstract readonly name: string;
  /** What the scheduler drives (torch: `scheduler.optimizer`). */
  readonly target: ScheduleTarget;
  /** The number of steps taken since construction (0 after the initial step). */
  lastEpoch = -1;
  /** torch's `base_lrs`: the param group's `initial_lr` when the scheduler was built (one group). */
  baseLrs: number[] = [];
  /** torch's `_step_count`: calls of step() since the initial step began (internal). */
  stepCount = 0;
  /** torch 2.x's `_is_initial`: true during the initial step (internal). */
  isInitial = false;
  protected lastLr: number[] = [];

  protected constructor(optimizer: Schedulable) {
    this.target = scheduleTarget(optimizer);
  }

  /** torch's `LRScheduler.__init__` once the subclass has set its fields: base_lrs, the initial step. */
  protected start(): void {
    const group = groupOf(this.target);
    if (!group.has('initial_lr')) group.set('initial_lr', this.target.getLr());
    this.baseLrs = [groupValue(this.target, 'initial_lr')];
    this.lastEpoch = -1;
    this.initialStep();
  }

  /** torch's `_initial_step` (SequentialLR calls it on its first scheduler again). */
  initialStep(): void {
    this.stepCount = 0;
    this.isInitial = true;
    try {
      this.step();
    } finally {
      this.isInitial = false;
    }
  }

  /** One epoch (or batch) on: `lastEpoch + 1`, and the optimizer's lr set for the next step. */
  step(): void {
    this.stepCount += 1;
    this.updateLr();
  }

  /**
   * torch 2.x's `_update_lr`: the next lr by the chainable form or, given an epoch, by the closed
   * form where the scheduler has one (SequentialLR switches schedulers with `updateLr(0)`).
   */
  updateLr(epoch?: number): void {
    let lr: number;
    if (epoch === undefined) {
      this.lastEpoch += 1;
      lr = this.getLr();
    } else {
      this.lastEpoch = epoch;
      lr = this.closedFormLr() ?? this.getLr();
    }
    this.target.setLr(lr);
    this.lastLr = [this.target.getLr()];
  }

  /** The lr the last step set, one per param group (torch's `get_last_lr()`). */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** torch's `get_lr()`: the chainable form, at `lastEpoch`. */
  protected abstract getLr(): number;

  /** torch's `_get_closed_form_lr()` at `lastEpoch`, for the schedulers that have one. */
  protected closedFormLr(): number | undefined {
    return undefined;
  }
}

/** A scheduler or anything that steps like one (ReduceLROnPlateau), for argument checks. */
export function isScheduler(value: unknown): boolean {
  if (value instanceof LRScheduler) return true;
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { step?: unknown; getLastLr?: unknown; target?: unknown };
  return typeof candidate.step === 'function' && typeof candidate.getLastLr === 'function' && 'target' in candidate;
}

/** Python's `a % b`: the sign of b (torch's epoch arithmetic relies on it). */
export function pythonMod(a: number, b: number): number {
  const r = a % b;
  const signsDiffer = r < 0 !== b < 0;
  return r !== 0 && signsDiffer ? r + b : r;
}
