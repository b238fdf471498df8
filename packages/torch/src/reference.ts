import type { Arithmetic } from './arithmetic';
import { clipGradNormOf, clipGradValueOf, clipProblem } from './clipping';
import { resolveOptions } from './options';
import type { ParameterState, TorchRule } from './rule';

export * from './rules';
export type { SchedulerCall, SchedulerValue } from './schedulers/spec';
export { optionsTarget, type Knob, type OptionsOptimizer, type ScheduleTarget } from './schedulers/optionsTarget';
export { referenceFromTorchStateDict, referenceToTorchStateDict } from './stateDict/reference';
export { torchOptionsFromStateDict, type LibraryOptions, type ParameterValues } from './stateDict/mapping';
export {
  TORCH_STATE_FORMAT,
  torchParametersFromStateDict,
  type TorchParameter,
  type TorchStateDict,
} from './stateDict/format';

/**
 * The optimizers' rules on plain Float64Arrays, without TF.js: in float64, torch's rule as torch
 * computes it in double precision; in float32, every operation rounded once (Math.fround) in the
 * order the TF.js optimizer runs its kernels, which on TF.js's cpu backend reproduces the TF.js run
 * to the bit. Scalars are vectors of length 1.
 */
export type Precision = 'float64' | 'float32';

const identity = (value: number): number => value;

export function referenceArithmetic(precision: Precision): Arithmetic<Float64Array> {
  const round = precision === 'float32' ? Math.fround : identity;
  const length = (a: Float64Array | number, b: Float64Array | number): number => {
    if (typeof a === 'number') return typeof b === 'number' ? 1 : b.length;
    if (typeof b === 'number' || b.length === 1 || b.length === a.length) return a.length;
    if (a.length === 1) return b.length;
    throw new Error(`shapes [${a.length}] and [${b.length}] do not broadcast`);
  };
  // A number operand is a scalar tensor: rounded once as it enters; a length-1 vector broadcasts.
  const reader = (v: Float64Array | number): ((i: number) => number) => {
    if (typeof v === 'number') {
      const scalar = round(v);
      return () => scalar;
    }
    return v.length === 1 ? () => v[0] : (i) => v[i];
  };
  const binary =
    (op: (x: number, y: number) => number) =>
    (a: Float64Array | number, b: Float64Array | number): Float64Array => {
      const [x, y] = [reader(a), reader(b)];
      const out = new Float64Array(length(a, b));
      for (let i = 0; i < out.length; i++) out[i] = round(op(x(i), y(i)));
      return out;
    };
  const unary =
    (op: (x: number) => number) =>
    (a: Float64Array): Float64Array => {
      const out = new Float64Array(a.length);
      for (let i = 0; i < a.length; i++) out[i] = round(op(a[i]));
      return out;
    };
  return {
    add: binary((x, y) => x + y),
    sub: binary((x, y) => x - y),
    mul: binary((x, y) => x * y),
    div: binary((x, y) => x / y),
    neg: unary((x) => -x),
    abs: unary(Math.abs),
    sqrt: unary(Math.sqrt),
    square: unary((x) => x * x),
    pow: (a, exponent) => binary(Math.pow)(a, exponent),
    maximum: binary((x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.max(x, y))),
    minimum: binary((x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.min(x, y))),
    clip: (a, low, high) => {
      const [lo, hi] = [round(low), round(high)];
      return unary((x) => (x > hi ? hi : x < lo ? lo : x))(a);
    },
    // TF.js's cpu Sum adds float32 inputs in a double, left to right, and rounds once.
    sum: (a) => {
      let total = 0;
      for (let i = 0; i < a.length; i++) total += a[i];
      return Float64Array.of(round(total));
    },
    max: (a) => {
      let largest = a[0];
      for (let i = 0; i < a.length; i++) if (Number.isNaN(a[i]) || a[i] > largest) largest = a[i];
      return Float64Array.of(largest);
    },
    stack: (scalars) => Float64Array.from(scalars, (s) => s[0]),
    keep: round,
  };
}

/**
 * One optimizer on one parameter vector, stepping in place: what a hand-written training loop
 * needs. `x` and `grad` are read, the state is the optimizer's own.
 */
export class ReferenceOptimizer<O extends object> {
  readonly options: O;
  private readonly arithmetic: Arithmetic<Float64Array>;
  private state: ParameterState<Float64Array> | null = null;
  private stepCount = 0;

  constructor(
    private readonly rule: TorchRule<O>,
    options: Partial<O>,
    readonly precision: Precision = 'float64',
  ) {
    this.options = resolveOptions(rule.className, rule.options, rule.rules, options);
    this.arithmetic = referenceArithmetic(precision);
  }

  /** Changes options between steps (a learning-rate schedule), keeping the state. */
  setOptions(options: Partial<O>): void {
    Object.assign(
      this.options,
      resolveOptions(this.rule.className, this.rule.options, this.rule.rules, { ...this.options, ...options }),
    );
  }

  /** The options in force (a copy), by this library's names. */
  getOptions(): O {
    return { ...this.options };
  }

  /** The steps taken so far. */
  get steps(): number {
    return this.stepCount;
  }

  step(x: Float64Array, grad: ArrayLike<number>): void {
    if (this.state === null) {
      const tensors: Partial<Record<string, Float64Array>> = {};
      for (const [name, fill] of Object.entries(this.rule.initialTensors(this.options))) {
        // torch.full_like / zeros_like: the fill value in the parameter's dtype.
        tensors[name] = new Float64Array(x.length).fill(this.arithmetic.keep(fill));
      }
      this.state = { tensors, scalars: { ...this.rule.initialScalars } };
    }
    this.stepCount += 1;
    // Copies: the rule may keep what it is given (SGD's first momentum buffer is the gradient).
    const output = this.rule.step(this.arithmetic, {
      param: Float64Array.from(x),
      grad: Float64Array.from(grad),
      state: this.state,
      step: this.stepCount,
      options: this.options,
    });
    x.set(output.param);
    this.state = {
      tensors: { ...this.state.tensors, ...output.tensors },
      scalars: { ...this.state.scalars, ...output.scalars },
    };
  }

  /** The state, by torch's names (for state transfer and tests). */
  stateTensors(): Readonly<Partial<Record<string, Float64Array>>> {
    return this.state?.tensors ?? {};
  }

  /** torch.optim's class name of the rule (`Adam`). */
  get className(): string {
    return this.rule.className;
  }

  /** The whole state, step count included (copies), or null before the first step. */
  saveState(): ReferenceState | null {
    if (this.state === null) return null;
    const tensors: Partial<Record<string, Float64Array>> = {};
    for (const [key, tensor] of Object.entries(this.state.tensors))
      if (tensor) tensors[key] = Float64Array.from(tensor);
    return { step: this.stepCount, tensors, scalars: { ...this.state.scalars } };
  }

  /**
   * Replaces the whole state (null: start afresh), every value rounded to the working precision
   * as torch casts a loaded state to its parameter's dtype. The state must hold what the rule
   * needs (referenceFromTorchStateDict checks that); its tensors must be as long as the x stepped.
   */
  loadState(state: ReferenceState | null): void {
    if (state === null) {
      this.state = null;
      this.stepCount = 0;
      return;
    }
    const keep = (v: number): number => this.arithmetic.keep(v);
    const tensors: Partial<Record<string, Float64Array>> = {};
    for (const [key, tensor] of Object.entries(state.tensors))
      if (tensor) tensors[key] = Float64Array.from(tensor, keep);
    const scalars: Partial<Record<string, number>> = {};
    for (const [key, value] of Object.entries(state.scalars)) if (value !== undefined) scalars[key] = keep(value);
    this.state = { tensors, scalars };
    this.stepCount = state.step;
  }
}

/** One parameter's state in a ReferenceOptimizer: its step count, and tensors and scalars by torch's names. */
export interface ReferenceState {
  step: number;
  tensors: Partial<Record<string, Float64Array>>;
  scalars: Partial<Record<string, number>>;
}

function checkClip(fn: string, problems: Array<string | null>): void {
  const problem = problems.find((p) => p !== null);
  if (problem) throw new Error(`${fn}: ${problem}`);
}

/** clip_grad_norm_ on Float64Arrays, in place; returns the total norm before clipping. */
export function referenceClipGradNorm(
  grads: Float64Array[],
  maxNorm: number,
  normType = 2,
  precision: Precision = 'float64',
): number {
  checkClip('clipGradNorm', [
    clipProblem('maxNorm', maxNorm, 'maxNorm'),
    clipProblem('normType', normType, 'normType'),
  ]);
  if (grads.length === 0) return 0;
  const { grads: clipped, totalNorm } = clipGradNormOf(referenceArithmetic(precision), grads, maxNorm, normType);
  grads.forEach((g, i) => g.set(clipped[i]));
  return totalNorm[0];
}

/** clip_grad_value_ on Float64Arrays, in place. */
export function referenceClipGradValue(
  grads: Float64Array[],
  clipValue: number,
  precision: Precision = 'float64',
): void {
  checkClip('clipGradValue', [clipProblem('clipValue', clipValue, 'clipValue')]);
  const clipped = clipGradValueOf(referenceArithmetic(precision), grads, clipValue);
  grads.forEach((g, i) => g.set(clipped[i]));
}
