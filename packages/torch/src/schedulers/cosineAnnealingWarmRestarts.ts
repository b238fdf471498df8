import { isScheduler, LRScheduler, pythonMod } from './scheduler';
import {
  LAST_EPOCH_ARG,
  NON_NEGATIVE,
  POSITIVE_INTEGER,
  resolveArguments,
  VERBOSE_ARG,
  type SchedulerSpec,
} from './spec';
import type { Schedulable } from './target';

/**
 * torch.optim.lr_scheduler.CosineAnnealingWarmRestarts (SGDR): cosine annealing that restarts
 * every T_i epochs, T_0 first, then T_i · T_mult each time.
 *
 *     η_t = η_min + (η_max − η_min) · (1 + cos(π T_cur / T_i)) / 2
 *
 * where T_cur counts the epochs since the last restart. `step(epoch)` also takes a fractional
 * epoch, as torch's does (`scheduler.step(epoch + i / iters)`).
 *
 * PyTorch 1.13 wraps T_cur with `T_cur − T_i`, 2.x with `T_cur % T_i`: the same for whole steps.
 * 2.x also raises ValueError for an eta_min that is not a number. Both refuse T_0 and T_mult that
 * are not integers ≥ 1. In SequentialLR, 2.x switches to it with `_update_lr(0)`, which keeps its
 * T_cur (0 until then) where 1.13's `step(0)` resets it: the same values.
 */
export interface CosineAnnealingWarmRestartsOptions {
  T0: number;
  TMult?: number;
  etaMin?: number;
}

export const COSINE_ANNEALING_WARM_RESTARTS_SPEC: SchedulerSpec = {
  name: 'CosineAnnealingWarmRestarts',
  rule: 'lr = eta_min + (base_lr − eta_min)·(1 + cos(π·T_cur/T_i))/2, T_i = T_0·T_mult^restarts',
  optimizerAt: 0,
  args: [
    {
      kind: 'integer',
      torch: 'T_0',
      name: 'T0',
      required: true,
      domain: { ...POSITIVE_INTEGER, why: 'torch raises ValueError: "Expected positive integer T_0"' },
      doc: 'the number of epochs until the first restart',
    },
    {
      kind: 'integer',
      torch: 'T_mult',
      name: 'TMult',
      default: 1,
      domain: { ...POSITIVE_INTEGER, why: 'torch raises ValueError: "Expected integer T_mult >= 1"' },
      doc: 'the factor of the period after each restart',
    },
    { kind: 'number', torch: 'eta_min', name: 'etaMin', default: 0, domain: NON_NEGATIVE, doc: 'the lowest lr' },
    LAST_EPOCH_ARG,
    VERBOSE_ARG,
  ],
  rules: [],
};

export class CosineAnnealingWarmRestarts extends LRScheduler {
  readonly name = 'CosineAnnealingWarmRestarts';
  readonly T0: number;
  readonly TMult: number;
  readonly etaMin: number;
  /** The length of the current period. */
  Ti: number;
  /** Epochs since the last restart. */
  TCur: number;

  constructor(optimizer: Schedulable, options: CosineAnnealingWarmRestartsOptions) {
    super(optimizer);
    const { T0, TMult, etaMin } = resolveArguments(COSINE_ANNEALING_WARM_RESTARTS_SPEC, options, isScheduler);
    this.T0 = T0;
    this.Ti = T0;
    this.TMult = TMult;
    this.etaMin = etaMin;
    this.TCur = -1;
    this.start();
  }

  protected getLr(): number {
    const base = this.baseLrs[0];
    return this.etaMin + ((base - this.etaMin) * (1 + Math.cos((Math.PI * this.TCur) / this.Ti))) / 2;
  }

  /** One epoch on, or to `epoch` (which may be fractional), as torch's step(epoch). */
  override step(epoch?: number): void {
    let at = epoch;
    if (at === undefined && this.lastEpoch < 0) at = 0;
    if (at === undefined) {
      at = this.lastEpoch + 1;
      this.TCur += 1;
      if (this.TCur >= this.Ti) {
        this.TCur = pythonMod(this.TCur, this.Ti);
        this.Ti = this.Ti * this.TMult;
      }
    } else {
      if (at < 0) throw new Error(`CosineAnnealingWarmRestarts: Expected non-negative epoch, but got ${at}`);
      if (at >= this.T0) {
        if (this.TMult === 1) this.TCur = pythonMod(at, this.T0);
        else {
          // Python's int(math.log(x, base)): log(x) / log(base), truncated.
          const n = Math.trunc(Math.log((at / this.T0) * (this.TMult - 1) + 1) / Math.log(this.TMult));
          this.TCur = at - (this.T0 * (this.TMult ** n - 1)) / (this.TMult - 1);
          this.Ti = this.T0 * this.TMult ** n;
        }
      } else {
        this.Ti = this.T0;
        this.TCur = at;
      }
    }
    this.lastEpoch = Math.floor(at);
    this.target.setLr(this.getLr());
    this.lastLr = [this.target.getLr()];
  }
}
