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
 * torch.optim.lr_scheduler.CosineAnnealingLR: cosine annealing from the initial lr to eta_min over
 * T_max epochs, and back up over the next T_max, by torch's recurrence:
 *
 *     η_t = η_min + (η_{t−1} − η_min) · (1 + cos(π t / T_max)) / (1 + cos(π (t − 1) / T_max))
 *     η_t = η_{t−1} + (η_max − η_min) · (1 − cos(π / T_max)) / 2   when (t − 1 − T_max) mod 2T_max = 0
 *     (closed form: η_min + (η_max − η_min) · (1 + cos(π t / T_max)) / 2)
 *
 * The recurrence agrees with the closed form only while nothing else changes the lr; this library,
 * like torch, runs the recurrence. PyTorch 1.13 keeps the lr in the initial step when
 * `last_epoch == 0`, recent 2.x when `_is_initial`: the same values for a schedule started afresh.
 * torch checks neither argument: T_max 0 divides by zero, and a negative eta_min drives the lr
 * below zero; both are refused here.
 */
export interface CosineAnnealingLROptions {
  TMax: number;
  etaMin?: number;
}

export const COSINE_ANNEALING_LR_SPEC: SchedulerSpec = {
  name: 'CosineAnnealingLR',
  rule: 'lr = eta_min + (base_lr − eta_min)·(1 + cos(π·epoch/T_max))/2, by its recurrence',
  optimizerAt: 0,
  args: [
    {
      kind: 'integer',
      torch: 'T_max',
      name: 'TMax',
      required: true,
      domain: POSITIVE_INTEGER,
      doc: 'the number of epochs of half a cosine period',
    },
    { kind: 'number', torch: 'eta_min', name: 'etaMin', default: 0, domain: NON_NEGATIVE, doc: 'the lowest lr' },
    LAST_EPOCH_ARG,
    VERBOSE_ARG,
  ],
  rules: [],
};

export class CosineAnnealingLR extends LRScheduler {
  readonly name = 'CosineAnnealingLR';
  readonly TMax: number;
  readonly etaMin: number;

  constructor(optimizer: Schedulable, options: CosineAnnealingLROptions) {
    super(optimizer);
    const { TMax, etaMin } = resolveArguments(COSINE_ANNEALING_LR_SPEC, options, isScheduler);
    this.TMax = TMax;
    this.etaMin = etaMin;
    this.start();
  }

  protected getLr(): number {
    const lr = this.target.getLr();
    const { lastEpoch: e, TMax: T, etaMin } = this;
    const base = this.baseLrs[0];
    if (this.isInitial) return lr;
    // A scheduler constructed with last_epoch > 0 starts on the closed form (never the case here:
    // last_epoch must be -1), kept so the branches read as torch's.
    if (this.stepCount === 1 && e > 0) return etaMin + ((base - etaMin) * (1 + Math.cos((e * Math.PI) / T))) / 2;
    if (pythonMod(e - 1 - T, 2 * T) === 0) return lr + ((base - etaMin) * (1 - Math.cos(Math.PI / T))) / 2;
    return ((1 + Math.cos((Math.PI * e) / T)) / (1 + Math.cos((Math.PI * (e - 1)) / T))) * (lr - etaMin) + etaMin;
  }

  protected override closedFormLr(): number {
    const base = this.baseLrs[0];
    return this.etaMin + ((base - this.etaMin) * (1 + Math.cos((Math.PI * this.lastEpoch) / this.TMax))) / 2;
  }
}
