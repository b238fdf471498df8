import type { Arithmetic } from './arithmetic';
import type { OptionRule, OptionSpecs } from './options';

/**
 * What one parameter's optimizer state holds between steps: tensors by torch's state_dict name
 * (`exp_avg`, `momentum_buffer`, …; absent until the rule first writes them, as torch's
 * `momentum_buffer` is None until the first step) and scalars torch keeps per parameter (NAdam's
 * `mu_product`). The step count is kept beside them by whoever runs the rule.
 */
export interface ParameterState<T> {
  tensors: Partial<Record<string, T>>;
  scalars: Partial<Record<string, number>>;
}

/** One step of one parameter: where it is, its gradient, its state, and the step number (from 1). */
export interface StepInput<T, O> {
  param: T;
  grad: T;
  state: ParameterState<T>;
  step: number;
  options: O;
}

/** The parameter after the step, and every state entry the step changed. */
export interface StepOutput<T> {
  param: T;
  tensors: Partial<Record<string, T>>;
  scalars?: Partial<Record<string, number>>;
}

/**
 * torch.optim's algorithm for one optimizer: its options, the state it keeps, and its update,
 * written once over any `Arithmetic`.
 */
export interface TorchRule<O extends object> {
  /** torch.optim's class name. */
  className: string;
  /** The update in one line of formulas, for reports (the module's comment has the whole rule). */
  formula: string;
  options: OptionSpecs<O>;
  /** Rules across options that torch.optim enforces. */
  rules: ReadonlyArray<OptionRule<O>>;
  /**
   * The state tensors a parameter starts with, by torch's name, and the value each is filled
   * with (torch.zeros_like, or Adagrad's initial_accumulator_value). Tensors the rule creates
   * itself on the first step (SGD's momentum_buffer) are not listed.
   */
  initialTensors(options: O): Record<string, number>;
  /** Scalars a parameter starts with (NAdam: mu_product = 1). */
  initialScalars?: Record<string, number>;
  /** One step for one parameter. */
  step<T>(A: Arithmetic<T>, input: StepInput<T, O>): StepOutput<T>;
}

/**
 * The gradient every torch.optim rule starts from: negated to maximize, then the L2 penalty λ·p
 * added when weight_decay λ ≠ 0 (torch skips the add at 0, which matters in float32: g + 0·p can
 * turn −0 into +0 and 0·∞ into NaN).
 */
export function penalizedGradient<T>(
  A: Arithmetic<T>,
  param: T,
  grad: T,
  { maximize, weightDecay }: { maximize: boolean; weightDecay: number },
): T {
  const g = maximize ? A.neg(grad) : grad;
  return weightDecay !== 0 ? A.add(g, A.mul(param, weightDecay)) : g;
}

/** A state tensor the rule's initialTensors promise is there. */
export function stateTensor<T>(state: ParameterState<T>, name: string): T {
  const tensor = state.tensors[name];
  if (tensor === undefined) throw new Error(`the optimizer state has no ${name}`);
  return tensor;
}

/** A state scalar the rule's initialScalars promise is there. */
export function stateScalar<T>(state: ParameterState<T>, name: string): number {
  const value = state.scalars[name];
  if (value === undefined) throw new Error(`the optimizer state has no ${name}`);
  return value;
}
