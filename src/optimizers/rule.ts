import { optionsTarget, type OptionsOptimizer, type ScheduleTarget } from '@optim-mirror/torch/reference';

/**
 * An update rule in plain arithmetic, applied in place: x ← rule(x, ∇L(x)).
 *
 * Rules that mirror TF.js take a `Rounding`: identity gives the Float64 mirror, Math.fround gives
 * the float32 replay of TF.js's cpu kernels (each kernel's output rounded once, in TF.js's order
 * of operations). One implementation serves both, so they cannot drift apart.
 */
export type Rounding = (value: number) => number;

export const float64: Rounding = (value) => value;
export const float32: Rounding = Math.fround;

export interface UpdateRule {
  step(x: Float64Array, grad: Float64Array): void;
}

/**
 * A rule a run trains with: the update, and what a learning-rate schedule drives between steps
 * (the lr always; a momentum or β1 where the optimizer lets it change, as the TF.js run's does).
 */
export interface TrainingRule extends UpdateRule {
  readonly schedule: ScheduleTarget;
}

/**
 * `ENGINE.backend.epsilon()`: what TF.js optimizers use when no epsilon is given (and Adagrad
 * always). 1e-7 on float32 backends (cpu, wasm, tensorflow).
 */
export const TFJS_BACKEND_EPSILON = 1e-7;

/**
 * An optimizer's per-parameter state: `count` vectors filled with `initial`, made on the first
 * step, when the number of parameters is known (as TF.js makes its accumulators).
 */
export function lazyState(count: number, initial = 0): (dimension: number) => Float64Array[] {
  let vectors: Float64Array[] | null = null;
  return (dimension) => (vectors ??= Array.from({ length: count }, () => new Float64Array(dimension).fill(initial)));
}

/**
 * A rule of @optim-mirror/torch's reference (a ReferenceOptimizer) as a run trains with it: its
 * lr, and its momentum or β1, are what a schedule drives, as on the library's TF.js optimizer.
 */
export function referenceRule(optimizer: UpdateRule & OptionsOptimizer, name: string): TrainingRule {
  return { step: (x, grad) => optimizer.step(x, grad), schedule: optionsTarget(optimizer, name) };
}

/** A rule at a fixed learning rate, which no schedule drives (tests, the benchmark). */
export function unscheduled(rule: UpdateRule, lr: number): TrainingRule {
  const fixed = (): never => {
    throw new Error('this rule runs at a fixed learning rate');
  };
  return {
    step: (x, grad) => rule.step(x, grad),
    schedule: { description: 'a fixed rule', getLr: () => lr, setLr: fixed },
  };
}
