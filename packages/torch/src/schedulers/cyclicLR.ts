import { isScheduler, LRScheduler } from './scheduler';
import {
  ANY_NUMBER,
  LAST_EPOCH_ARG,
  NON_NEGATIVE,
  POSITIVE_INTEGER,
  resolveArguments,
  spell,
  VERBOSE_ARG,
  type Lambda,
  type SchedulerSpec,
} from './spec';
import { cycledKnob, groupOf, type Knob, type Schedulable } from './target';

/**
 * torch.optim.lr_scheduler.CyclicLR (CLR): the lr cycles between base_lr and max_lr, and the
 * momentum (or Adam's β1) inversely between max_momentum and base_momentum.
 *
 *     cycle = ⌊1 + e / (up + down)⌋,  x = 1 + e / (up + down) − cycle
 *     s = x / r if x ≤ r else (x − 1) / (r − 1),  r = up / (up + down)
 *     lr = base_lr + (max_lr − base_lr) · s · scale(cycle or e)
 *     momentum = max_momentum − (max_momentum − base_momentum) · s · scale(cycle or e)
 *     scale: triangular 1 (per cycle), triangular2 1 / 2^(cycle − 1) (per cycle),
 *            exp_range gamma^e (per iteration), or scale_fn with scale_mode
 *
 * The constructor sets the lr to base_lr (and the momentum to max_momentum) before the initial
 * step, whose lr is the param group's initial_lr: base_lr unless another scheduler of the same
 * optimizer recorded one first; base_lrs become base_lr after it, as in torch.
 *
 * PyTorch 2.x cycles β1 for optimizers with betas (Adam and its kin); 1.13 only cycles momentum and
 * raises ValueError ("optimizer must support momentum with `cycle_momentum` option enabled") for
 * Adam. 1.13 sets the momentum to base_momentum at construction where 2.x sets max_momentum and
 * records max_momentum and base_momentum in the param group; the initial step overwrites it with
 * max_momentum in both. torch ignores `mode` when scale_fn is given and treats any scale_mode other
 * than 'cycle' as 'iterations'; both must be one of their choices here. torch does not check gamma;
 * with exp_range a gamma ≤ 0 is refused here.
 */
export interface CyclicLROptions {
  baseLr: number;
  maxLr: number;
  stepSizeUp?: number;
  stepSizeDown?: number | null;
  mode?: 'triangular' | 'triangular2' | 'exp_range';
  gamma?: number;
  scaleFn?: Lambda | null;
  scaleMode?: 'cycle' | 'iterations';
  cycleMomentum?: boolean;
  baseMomentum?: number;
  maxMomentum?: number;
}

export const CYCLIC_LR_SPEC: SchedulerSpec = {
  name: 'CyclicLR',
  rule: 'lr = base_lr + (max_lr − base_lr)·triangle(epoch)·scale; momentum the other way',
  optimizerAt: 0,
  args: [
    {
      kind: 'number',
      torch: 'base_lr',
      name: 'baseLr',
      required: true,
      perGroup: true,
      domain: NON_NEGATIVE,
      doc: 'the lower lr of the cycle',
    },
    {
      kind: 'number',
      torch: 'max_lr',
      name: 'maxLr',
      required: true,
      perGroup: true,
      domain: NON_NEGATIVE,
      doc: 'the upper lr of the cycle',
    },
    {
      kind: 'integer',
      torch: 'step_size_up',
      name: 'stepSizeUp',
      default: 2000,
      domain: { ...POSITIVE_INTEGER, why: 'torch raises ZeroDivisionError for 0' },
      doc: 'iterations of the rising half of a cycle',
    },
    {
      kind: 'integer',
      torch: 'step_size_down',
      name: 'stepSizeDown',
      default: null,
      nullable: true,
      domain: { ...POSITIVE_INTEGER, why: 'torch raises ZeroDivisionError for 0' },
      doc: 'iterations of the falling half (None: step_size_up)',
    },
    {
      kind: 'choice',
      torch: 'mode',
      name: 'mode',
      choices: ['triangular', 'triangular2', 'exp_range'],
      default: 'triangular',
      why: 'torch raises ValueError: "mode is invalid and scale_fn is None" (and ignores mode when scale_fn is given)',
      doc: 'the scaling policy',
    },
    {
      kind: 'number',
      torch: 'gamma',
      name: 'gamma',
      default: 1,
      domain: ANY_NUMBER,
      doc: "exp_range's factor per iteration",
    },
    {
      kind: 'function',
      torch: 'scale_fn',
      name: 'scaleFn',
      default: null,
      nullable: true,
      doc: 'a custom scaling policy, in [0, 1] (replaces mode)',
    },
    {
      kind: 'choice',
      torch: 'scale_mode',
      name: 'scaleMode',
      choices: ['cycle', 'iterations'],
      default: 'cycle',
      why: "torch treats anything but 'cycle' as 'iterations'",
      doc: "scale_fn's argument: the cycle number or the iteration",
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
      default: 0.8,
      perGroup: true,
      domain: NON_NEGATIVE,
      doc: 'the momentum at the peak lr',
    },
    {
      kind: 'number',
      torch: 'max_momentum',
      name: 'maxMomentum',
      default: 0.9,
      perGroup: true,
      domain: NON_NEGATIVE,
      doc: 'the momentum at base_lr',
    },
    LAST_EPOCH_ARG,
    VERBOSE_ARG,
  ],
  rules: [
    {
      involves: ['gamma', 'mode', 'scaleFn'],
      violated: (a) => a.mode === 'exp_range' && a.scaleFn === null && !(typeof a.gamma === 'number' && a.gamma > 0),
      message: (name) =>
        `${name('gamma')} must be > 0 with ${name('mode')} 'exp_range' (torch accepts it, but gamma^iteration ≤ 0 or alternating in sign is no scale: refused here)`,
    },
  ],
};

export class CyclicLR extends LRScheduler {
  readonly name = 'CyclicLR';
  readonly maxLr: number;
  readonly totalSize: number;
  readonly stepRatio: number;
  readonly mode: 'triangular' | 'triangular2' | 'exp_range';
  readonly gamma: number;
  readonly scaleMode: 'cycle' | 'iterations';
  readonly cycleMomentum: boolean;
  readonly baseMomentum: number;
  readonly maxMomentum: number;
  private readonly scale: Lambda;
  private readonly knob: Knob | null = null;

  constructor(optimizer: Schedulable, options: CyclicLROptions) {
    super(optimizer);
    const o = resolveArguments(CYCLIC_LR_SPEC, options, isScheduler);
    this.target.setLr(o.baseLr);
    this.maxLr = o.maxLr;
    const down = o.stepSizeDown ?? o.stepSizeUp;
    this.totalSize = o.stepSizeUp + down;
    this.stepRatio = o.stepSizeUp / this.totalSize;
    this.mode = o.mode;
    this.gamma = o.gamma;
    if (o.scaleFn !== null) {
      this.scale = o.scaleFn;
      this.scaleMode = o.scaleMode;
    } else if (o.mode === 'triangular') {
      this.scale = () => 1;
      this.scaleMode = 'cycle';
    } else if (o.mode === 'triangular2') {
      this.scale = (x) => 1 / 2 ** (x - 1);
      this.scaleMode = 'cycle';
    } else {
      const gamma = o.gamma;
      this.scale = (x) => gamma ** x;
      this.scaleMode = 'iterations';
    }
    this.cycleMomentum = o.cycleMomentum;
    this.baseMomentum = o.baseMomentum;
    this.maxMomentum = o.maxMomentum;
    if (o.cycleMomentum) {
      this.knob = cycledKnob(this.target, this.name, spell(CYCLIC_LR_SPEC, 'cycleMomentum'));
      this.knob.set(o.maxMomentum);
      const group = groupOf(this.target);
      group.set('max_momentum', o.maxMomentum);
      group.set('base_momentum', o.baseMomentum);
    }
    this.start();
    this.baseLrs = [o.baseLr];
  }

  protected getLr(): number {
    const e = this.lastEpoch;
    const cycle = Math.floor(1 + e / this.totalSize);
    const x = 1 + e / this.totalSize - cycle;
    const scaleFactor = x <= this.stepRatio ? x / this.stepRatio : (x - 1) / (this.stepRatio - 1);
    const scale = this.scale(this.scaleMode === 'cycle' ? cycle : e);
    const base = this.baseLrs[0];
    const lr = base + (this.maxLr - base) * scaleFactor * scale;
    if (this.knob) {
      const height = (this.maxMomentum - this.baseMomentum) * scaleFactor;
      this.knob.set(this.maxMomentum - height * scale);
    }
    return lr;
  }
}
