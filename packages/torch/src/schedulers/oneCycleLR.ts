import { isScheduler, LRScheduler } from './scheduler';
import {
  LAST_EPOCH_ARG,
  NON_NEGATIVE,
  POSITIVE,
  POSITIVE_INTEGER,
  resolveArguments,
  spell,
  VERBOSE_ARG,
  type RunContext,
  type SchedulerSpec,
} from './spec';
import { cycledKnob, groupOf, groupValue, type Knob, type Schedulable } from './target';

/**
 * torch.optim.lr_scheduler.OneCycleLR (1cycle): the lr rises from max_lr / div_factor to max_lr
 * over pct_start of total_steps, then anneals to initial_lr / final_div_factor; the momentum (or
 * Adam's β1) moves the other way between max_momentum and base_momentum.
 *
 *     phases (two):   [0, pct_start·T − 1]  initial_lr → max_lr,   max_momentum → base_momentum
 *                     (…, T − 1]            max_lr → min_lr,       base_momentum → max_momentum
 *     three_phase:    initial_lr → max_lr → initial_lr over 2·pct_start·T − 2, then → min_lr
 *     within a phase: pct = (step − start) / (end − start);
 *                     cos: end + (start − end)/2 · (1 + cos(π·pct));  linear: start + (end − start)·pct
 *
 * initial_lr, max_lr, min_lr, max_momentum and base_momentum live in the param group, as torch
 * keeps them. Stepping past total_steps raises, as torch does.
 *
 * PyTorch 1.13 and 2.x compute the same values; they differ in their messages: past total_steps
 * 1.13 says "Tried to step {last_epoch + 1} times", 2.x "Tried to step {last_epoch} times" (this
 * library uses 2.x's), and with total_steps None 1.13 only raises "You must define either
 * total_steps OR (epochs AND steps_per_epoch)" when epochs and steps_per_epoch are both None too
 * (TypeError otherwise), 2.x whenever either is missing. Both accept pct_start = 1 and then raise
 * ZeroDivisionError at step total_steps (an empty last phase); that is refused here.
 *
 * One deliberate difference from torch: at step total_steps (one past the cycle), linear
 * annealing overshoots min_lr and usually sets a negative lr, which torch's optimizers take (the
 * usual loop never steps with it) and this library's refuse. OneCycleLR raises there instead, and
 * `buildScheduler` refuses up front when the run's iterations reach total_steps in that case.
 */
export interface OneCycleLROptions {
  maxLr: number;
  totalSteps?: number | null;
  epochs?: number | null;
  stepsPerEpoch?: number | null;
  pctStart?: number;
  annealStrategy?: 'cos' | 'linear';
  cycleMomentum?: boolean;
  baseMomentum?: number;
  maxMomentum?: number;
  divFactor?: number;
  finalDivFactor?: number;
  threePhase?: boolean;
}

interface Phase {
  endStep: number;
  startLr: string;
  endLr: string;
  startMomentum: string;
  endMomentum: string;
}

function totalOf(args: Readonly<Record<string, unknown>>): number | null {
  const { totalSteps, epochs, stepsPerEpoch } = args;
  if (typeof totalSteps === 'number') return totalSteps;
  if (typeof epochs === 'number' && typeof stepsPerEpoch === 'number') return epochs * stepsPerEpoch;
  return null;
}

function phasesOf(total: number, pctStart: number, threePhase: boolean): Phase[] {
  const rise = { endStep: pctStart * total - 1, startLr: 'initial_lr', endLr: 'max_lr' };
  if (threePhase) {
    return [
      { ...rise, startMomentum: 'max_momentum', endMomentum: 'base_momentum' },
      {
        endStep: 2 * pctStart * total - 2,
        startLr: 'max_lr',
        endLr: 'initial_lr',
        startMomentum: 'base_momentum',
        endMomentum: 'max_momentum',
      },
      {
        endStep: total - 1,
        startLr: 'initial_lr',
        endLr: 'min_lr',
        startMomentum: 'max_momentum',
        endMomentum: 'max_momentum',
      },
    ];
  }
  return [
    { ...rise, startMomentum: 'max_momentum', endMomentum: 'base_momentum' },
    {
      endStep: total - 1,
      startLr: 'max_lr',
      endLr: 'min_lr',
      startMomentum: 'base_momentum',
      endMomentum: 'max_momentum',
    },
  ];
}

/** The last phase starts where it ends: torch divides by zero at step total_steps. */
function lastPhaseEmpty(args: Readonly<Record<string, unknown>>): boolean {
  const total = totalOf(args);
  if (total === null || typeof args.pctStart !== 'number') return false;
  const phases = phasesOf(total, args.pctStart, args.threePhase === true);
  return phases[phases.length - 1].endStep === phases[phases.length - 2].endStep;
}

export const ONE_CYCLE_LR_SPEC: SchedulerSpec = {
  name: 'OneCycleLR',
  rule: 'lr: max_lr/div_factor → max_lr (pct_start of total_steps) → max_lr/div_factor/final_div_factor',
  optimizerAt: 0,
  args: [
    {
      kind: 'number',
      torch: 'max_lr',
      name: 'maxLr',
      required: true,
      perGroup: true,
      domain: NON_NEGATIVE,
      doc: 'the peak lr',
    },
    {
      kind: 'integer',
      torch: 'total_steps',
      name: 'totalSteps',
      default: null,
      nullable: true,
      domain: { ...POSITIVE_INTEGER, why: 'torch raises ValueError: "Expected positive integer total_steps"' },
      doc: 'the number of steps of the cycle (or epochs · steps_per_epoch)',
    },
    {
      kind: 'integer',
      torch: 'epochs',
      name: 'epochs',
      default: null,
      nullable: true,
      domain: { ...POSITIVE_INTEGER, why: 'torch raises ValueError: "Expected positive integer epochs"' },
      doc: 'with steps_per_epoch, the length of the cycle when total_steps is None',
    },
    {
      kind: 'integer',
      torch: 'steps_per_epoch',
      name: 'stepsPerEpoch',
      default: null,
      nullable: true,
      domain: { ...POSITIVE_INTEGER, why: 'torch raises ValueError: "Expected positive integer steps_per_epoch"' },
      doc: 'with epochs, the length of the cycle when total_steps is None',
    },
    {
      kind: 'number',
      torch: 'pct_start',
      name: 'pctStart',
      default: 0.3,
      domain: {
        words: 'must be in [0, 1]',
        why: 'torch raises ValueError: "Expected float between 0 and 1 pct_start"',
        accepts: (v) => v >= 0 && v <= 1,
      },
      doc: 'the fraction of the cycle spent raising the lr',
    },
    {
      kind: 'choice',
      torch: 'anneal_strategy',
      name: 'annealStrategy',
      choices: ['cos', 'linear'],
      default: 'cos',
      why: "torch raises ValueError: \"anneal_strategy must be one of 'cos' or 'linear'\"",
      doc: 'cosine or linear annealing',
    },
    {
      kind: 'boolean',
      torch: 'cycle_momentum',
      name: 'cycleMomentum',
      default: true,
      doc: 'cycle the momentum (or β1) inversely to the lr',
    },
    {
      kind: 'number',
      torch: 'base_momentum',
      name: 'baseMomentum',
      default: 0.85,
      perGroup: true,
      domain: NON_NEGATIVE,
      doc: 'the momentum at the peak lr',
    },
    {
      kind: 'number',
      torch: 'max_momentum',
      name: 'maxMomentum',
      default: 0.95,
      perGroup: true,
      domain: NON_NEGATIVE,
      doc: 'the momentum at the start and the end',
    },
    {
      kind: 'number',
      torch: 'div_factor',
      name: 'divFactor',
      default: 25,
      domain: { ...POSITIVE, why: 'torch raises ZeroDivisionError for 0' },
      doc: 'initial_lr = max_lr / div_factor',
    },
    {
      kind: 'number',
      torch: 'final_div_factor',
      name: 'finalDivFactor',
      default: 1e4,
      domain: { ...POSITIVE, why: 'torch raises ZeroDivisionError for 0' },
      doc: 'min_lr = initial_lr / final_div_factor',
    },
    {
      kind: 'boolean',
      torch: 'three_phase',
      name: 'threePhase',
      default: false,
      doc: "back to initial_lr before annealing to min_lr (the paper's schedule)",
    },
    LAST_EPOCH_ARG,
    VERBOSE_ARG,
  ],
  rules: [
    {
      involves: ['totalSteps', 'epochs', 'stepsPerEpoch'],
      violated: (a) => totalOf(a) === null,
      message: (name) =>
        `needs ${name('totalSteps')}, or ${name('epochs')} and ${name('stepsPerEpoch')} (torch raises ValueError: "You must define either total_steps OR (epochs AND steps_per_epoch)")`,
    },
    {
      involves: ['pctStart', 'totalSteps', 'threePhase'],
      violated: lastPhaseEmpty,
      message: (name) =>
        `${name('pctStart')} leaves the last phase no steps (torch raises ZeroDivisionError at step ${name('totalSteps')})`,
    },
  ],
  runRules: [
    (args: Readonly<Record<string, unknown>>, context: RunContext, name: (arg: string) => string) => {
      const total = totalOf(args);
      const { iterations } = context;
      if (total === null || iterations === undefined || iterations <= total) return null;
      const given =
        typeof args.totalSteps === 'number'
          ? `${name('totalSteps')}=${total}`
          : `${name('epochs')}·${name('stepsPerEpoch')}=${total}`;
      return `${given} is shorter than the run's ${iterations} iterations (torch raises ValueError: "Tried to step ${total + 1} times. The specified number of total steps is ${total}")`;
    },
  ],
};

export class OneCycleLR extends LRScheduler {
  readonly name = 'OneCycleLR';
  readonly totalSteps: number;
  readonly annealStrategy: 'cos' | 'linear';
  readonly cycleMomentum: boolean;
  private readonly phases: Phase[];
  private readonly knob: Knob | null = null;

  constructor(optimizer: Schedulable, options: OneCycleLROptions) {
    super(optimizer);
    const o = resolveArguments(ONE_CYCLE_LR_SPEC, options, isScheduler);
    // The spec's rule guarantees a total.
    this.totalSteps = totalOf(o) ?? 0;
    this.phases = phasesOf(this.totalSteps, o.pctStart, o.threePhase);
    this.annealStrategy = o.annealStrategy;
    const group = groupOf(this.target);
    group.set('initial_lr', o.maxLr / o.divFactor);
    group.set('max_lr', o.maxLr);
    group.set('min_lr', groupValue(this.target, 'initial_lr') / o.finalDivFactor);
    this.cycleMomentum = o.cycleMomentum;
    if (o.cycleMomentum) {
      this.knob = cycledKnob(this.target, this.name, spell(ONE_CYCLE_LR_SPEC, 'cycleMomentum'));
      this.knob.set(o.maxMomentum);
      group.set('max_momentum', o.maxMomentum);
      group.set('base_momentum', o.baseMomentum);
    }
    this.start();
  }

  private anneal(start: number, end: number, pct: number): number {
    if (this.annealStrategy === 'cos') return end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
    return (end - start) * pct + start;
  }

  protected getLr(): number {
    const step = this.lastEpoch;
    if (step > this.totalSteps) {
      throw new Error(
        `OneCycleLR: Tried to step ${step} times. The specified number of total steps is ${this.totalSteps}`,
      );
    }
    const value = (key: string): number => groupValue(this.target, key);
    let start = 0;
    for (const [i, phase] of this.phases.entries()) {
      if (step <= phase.endStep || i === this.phases.length - 1) {
        const pct = (step - start) / (phase.endStep - start);
        const lr = this.anneal(value(phase.startLr), value(phase.endLr), pct);
        if (lr < 0) {
          // Only at step total_steps, where pct passes 1 and linear annealing overshoots min_lr.
          throw new Error(
            `OneCycleLR: step ${step} (total_steps) takes the linear annealing below 0 (torch sets lr ${lr} there; refused here): give total_steps one step more than the run`,
          );
        }
        if (this.knob) this.knob.set(this.anneal(value(phase.startMomentum), value(phase.endMomentum), pct));
        return lr;
      }
      start = phase.endStep;
    }
    // phases is never empty: the loop returns at the last phase at the latest.
    throw new Error('OneCycleLR: no phase');
  }
}
