/**
 * The element-wise arithmetic an update rule is written in, over some tensor type T.
 *
 * Every optimizer here is one function generic over T. Given TF.js's arithmetic (T = tf.Tensor)
 * it is the optimizer a consumer imports; given the reference arithmetic (T = Float64Array) it is
 * torch's rule in float64, or, with every operation rounded to float32, a replay of exactly the
 * kernels the TF.js run executes, in the same order. One body for all three, so they cannot drift.
 *
 * A plain number operand is a scalar: it enters the computation the way a TF.js scalar does,
 * rounded once to the working precision. Scalars that torch computes as Python floats (bias
 * corrections, step sizes) are therefore computed in float64 in JavaScript and passed as numbers.
 */
export interface Arithmetic<T> {
  add(a: T, b: T | number): T;
  add(a: number, b: T): T;
  sub(a: T, b: T | number): T;
  sub(a: number, b: T): T;
  mul(a: T, b: T | number): T;
  mul(a: number, b: T): T;
  div(a: T, b: T | number): T;
  div(a: number, b: T): T;
  neg(a: T): T;
  abs(a: T): T;
  sqrt(a: T): T;
  square(a: T): T;
  /** a to a constant power. */
  pow(a: T, exponent: number): T;
  maximum(a: T, b: T | number): T;
  minimum(a: T, b: T | number): T;
  /** Every element clamped to [low, high]. */
  clip(a: T, low: number, high: number): T;
  /** The sum of every element, as a tensor of one element (T's scalar). */
  sum(a: T): T;
  /** The largest element, as a tensor of one element. */
  max(a: T): T;
  /** Tensors of one element each, side by side in one vector. */
  stack(scalars: readonly T[]): T;
  /**
   * A scalar that an optimizer keeps as state the way torch keeps it in a tensor of the
   * parameter's dtype (NAdam's μ-product): rounded to the working precision.
   */
  keep(value: number): number;
}

/**
 * torch.lerp(a, b, weight) for a scalar weight, as torch's CPU kernel computes it: from the
 * nearer end, so that weight 0 gives a and weight 1 gives b exactly. The kernel holds the weight
 * in the tensor's dtype and computes 1 − weight there (exactly, for a weight of ½ or more), so the
 * weight is kept first, and both the branch and 1 − weight are taken from the kept value.
 */
export function lerp<T>(A: Arithmetic<T>, a: T, b: T, weight: number): T {
  const w = A.keep(weight);
  return Math.abs(w) < 0.5 ? A.add(a, A.mul(A.sub(b, a), w)) : A.sub(b, A.mul(A.sub(b, a), 1 - w));
}
