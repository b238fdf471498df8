import { NON_NEGATIVE, NON_NEGATIVE_INTEGER, resolveArguments, VERBOSE_ARG, type SchedulerSpec } from './spec';
import { isScheduler } from './scheduler';
import { scheduleTarget, type Schedulable, type ScheduleTarget } from './target';

/**
 * torch.optim.lr_scheduler.ReduceLROnPlateau: the lr times factor once a metric has not improved
 * for more than patience steps, then cooldown steps of rest.
 *
 *     better: mode min, rel: m < best·(1 − threshold);  min, abs: m < best − threshold
 *             mode max, rel: m > best·(1 + threshold);  max, abs: m > best + threshold
 *     bad steps reset on a better metric and during cooldown;
 *     when bad steps > patience: lr ← max(lr·factor, min_lr) if that lowers it by more than eps
 *
 * `step(metric)` takes the metric; the constructor takes no step (lastEpoch is 0 after it) and
 * records no initial_lr, as in torch.
 *
 * PyTorch 2.x makes it a subclass of LRScheduler and sets `_last_lr` at construction (1.13:
 * get_last_lr() before the first step raises AttributeError; here it returns the lr), re-expands
 * a scalar min_lr when param groups are added, and renames is_better to _is_better. Both refuse
 * factor ≥ 1 and unknown modes; a negative factor (which torch accepts, jumping to min_lr) is
 * refused here.
 */
export interface ReduceLROnPlateauOptions {
  mode?: 'min' | 'max';
  factor?: number;
  patience?: number;
  threshold?: number;
  thresholdMode?: 'rel' | 'abs';
  cooldown?: number;
  minLr?: number;
  eps?: number;
}

export const REDUCE_LR_ON_PLATEAU_SPEC: SchedulerSpec = {
  name: 'ReduceLROnPlateau',
  rule: 'lr ← max(lr·factor, min_lr) after more than patience steps without a better metric',
  optimizerAt: 0,
  args: [
    {
      kind: 'choice',
      torch: 'mode',
      name: 'mode',
      choices: ['min', 'max'],
      default: 'min',
      why: 'torch raises ValueError: "mode … is unknown!"',
      doc: 'whether a lower or a higher metric is better',
    },
    {
      kind: 'number',
      torch: 'factor',
      name: 'factor',
      default: 0.1,
      domain: {
        words: 'must be in [0, 1)',
        why: 'torch raises ValueError "Factor should be < 1.0." for ≥ 1; a negative factor would jump to min_lr',
        accepts: (v) => v >= 0 && v < 1,
      },
      doc: 'new lr = lr · factor',
    },
    {
      kind: 'integer',
      torch: 'patience',
      name: 'patience',
      default: 10,
      domain: NON_NEGATIVE_INTEGER,
      doc: 'steps without improvement tolerated before a reduction',
    },
    {
      kind: 'number',
      torch: 'threshold',
      name: 'threshold',
      default: 1e-4,
      domain: { ...NON_NEGATIVE, why: 'a negative threshold would count a worse metric as better' },
      doc: 'how much better a metric must be to count',
    },
    {
      kind: 'choice',
      torch: 'threshold_mode',
      name: 'thresholdMode',
      choices: ['rel', 'abs'],
      default: 'rel',
      why: 'torch raises ValueError: "threshold mode … is unknown!"',
      doc: 'threshold relative to the best metric, or absolute',
    },
    {
      kind: 'integer',
      torch: 'cooldown',
      name: 'cooldown',
      default: 0,
      domain: NON_NEGATIVE_INTEGER,
      doc: 'steps of rest after a reduction',
    },
    {
      kind: 'number',
      torch: 'min_lr',
      name: 'minLr',
      default: 0,
      perGroup: true,
      domain: NON_NEGATIVE,
      doc: 'the lowest lr',
    },
    {
      kind: 'number',
      torch: 'eps',
      name: 'eps',
      default: 1e-8,
      domain: { ...NON_NEGATIVE, why: 'it is the smallest change applied' },
      doc: 'a reduction smaller than eps is skipped',
    },
    VERBOSE_ARG,
  ],
  rules: [],
};

export class ReduceLROnPlateau {
  readonly name = 'ReduceLROnPlateau';
  readonly target: ScheduleTarget;
  readonly mode: 'min' | 'max';
  readonly factor: number;
  readonly patience: number;
  readonly threshold: number;
  readonly thresholdMode: 'rel' | 'abs';
  readonly cooldown: number;
  readonly minLr: number;
  readonly eps: number;
  /** Steps taken (torch counts them as epochs). */
  lastEpoch = 0;
  /** The best metric so far (±Infinity before the first). */
  best: number;
  numBadEpochs = 0;
  cooldownCounter = 0;
  private lastLr: number[];

  constructor(optimizer: Schedulable, options: ReduceLROnPlateauOptions = {}) {
    const o = resolveArguments(REDUCE_LR_ON_PLATEAU_SPEC, options, isScheduler);
    this.target = scheduleTarget(optimizer);
    this.mode = o.mode;
    this.factor = o.factor;
    this.patience = o.patience;
    this.threshold = o.threshold;
    this.thresholdMode = o.thresholdMode;
    this.cooldown = o.cooldown;
    this.minLr = o.minLr;
    this.eps = o.eps;
    this.lastLr = [this.target.getLr()];
    this.best = this.mode === 'min' ? Infinity : -Infinity;
  }

  /** One step, given the metric of the epoch just finished (a loss in mode min). */
  step(metric: number): void {
    this.lastEpoch += 1;
    if (this.isBetter(metric, this.best)) {
      this.best = metric;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0; // bad epochs in cooldown do not count
    }
    if (this.numBadEpochs > this.patience) {
      this.reduceLr();
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this.lastLr = [this.target.getLr()];
  }

  getLastLr(): number[] {
    return [...this.lastLr];
  }

  get inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }

  private reduceLr(): void {
    const old = this.target.getLr();
    const next = Math.max(old * this.factor, this.minLr);
    if (old - next > this.eps) this.target.setLr(next);
  }

  private isBetter(a: number, best: number): boolean {
    if (this.mode === 'min' && this.thresholdMode === 'rel') return a < best * (1 - this.threshold);
    if (this.mode === 'min') return a < best - this.threshold;
    if (this.thresholdMode === 'rel') return a > best * (this.threshold + 1);
    return a > best + this.threshold;
  }
}
