import { isScheduler, LRScheduler } from './scheduler';
import { LAST_EPOCH_ARG, POSITIVE_INTEGER, resolveArguments, VERBOSE_ARG, type SchedulerSpec } from './spec';
import type { Schedulable } from './target';

/**
 * torch.optim.lr_scheduler.PolynomialLR: the lr decays polynomially to 0 over total_iters.
 *
 *     lr_e = lr_{e−1} · ((1 − e/T) / (1 − (e − 1)/T))^power   for 0 < e ≤ T = total_iters
 *     (closed form: base_lr · (1 − min(T, e)/T)^power)
 *
 * PyTorch 1.13 keeps the lr when `last_epoch == 0`, recent 2.x during the initial step
 * (`_is_initial`): the same values for a schedule started afresh. torch checks neither argument:
 * a negative power raises ZeroDivisionError at epoch total_iters (0.0 ** −p), and total_iters 0
 * divides by zero in the closed form; both are refused here.
 */
export interface PolynomialLROptions {
  totalIters?: number;
  power?: number;
}

export const POLYNOMIAL_LR_SPEC: SchedulerSpec = {
  name: 'PolynomialLR',
  rule: 'lr = base_lr · (1 − min(total_iters, epoch)/total_iters)^power',
  optimizerAt: 0,
  args: [
    {
      kind: 'integer',
      torch: 'total_iters',
      name: 'totalIters',
      default: 5,
      domain: POSITIVE_INTEGER,
      doc: 'the number of epochs the lr takes to reach 0',
    },
    {
      kind: 'number',
      torch: 'power',
      name: 'power',
      default: 1,
      domain: {
        words: 'must be ≥ 0',
        why: 'torch raises ZeroDivisionError at epoch total_iters for a negative power',
        accepts: (v) => v >= 0,
      },
      doc: 'the power of the polynomial',
    },
    LAST_EPOCH_ARG,
    VERBOSE_ARG,
  ],
  rules: [],
};

export class PolynomialLR extends LRScheduler {
  readonly name = 'PolynomialLR';
  readonly totalIters: number;
  readonly power: number;

  constructor(optimizer: Schedulable, options: PolynomialLROptions = {}) {
    super(optimizer);
    const { totalIters, power } = resolveArguments(POLYNOMIAL_LR_SPEC, options, isScheduler);
    this.totalIters = totalIters;
    this.power = power;
    this.start();
  }

  protected getLr(): number {
    const lr = this.target.getLr();
    const { lastEpoch: e, totalIters: T } = this;
    if (this.isInitial || e > T) return lr;
    const decay = ((1 - e / T) / (1 - (e - 1) / T)) ** this.power;
    return lr * decay;
  }

  protected override closedFormLr(): number {
    const T = this.totalIters;
    return this.baseLrs[0] * (1 - Math.min(T, this.lastEpoch) / T) ** this.power;
  }
}
