/** A function to minimize, in plain Float64 (and its float32 twin); TF.js's version lives in src/tfjs. */
export interface Objective {
  readonly name: string;
  /** The formula as a person reads it, for titles and help. */
  readonly formula: string;
  readonly defaultX0: readonly number[];
  /** The dimension rule in words, for the error message when it is broken. */
  readonly dimensionRule: string;
  acceptsDimension(dimension: number): boolean;
  /** Where the global minima are, for a given dimension (plots mark them). */
  minima(dimension: number): number[][];
  /** How many non-negative terms the loss adds up in its final sum (TF.js: one Sum kernel). */
  lossTerms(dimension: number): number;
  value(x: Float64Array): number;
  /** Analytic gradient, written into `out`. */
  gradient(x: Float64Array, out: Float64Array): void;
  /**
   * Value and gradient in float32 as TF.js's cpu kernels compute them: every kernel's output
   * rounded to float32 (Math.fround), with the JS-double arithmetic inside a kernel left as is,
   * and the gradient in the shape of TF.js's autodiff (each op's gradient function, in the
   * expression of src/tfjs/objectives.ts). Every input of every op there feeds at most two
   * gradient contributions, and a float32 sum of two is the same in either order, so the order
   * in which the tape accumulates them cannot change a bit. Used by the `manual32` run.
   */
  value32(x: Float64Array): number;
  gradient32(x: Float64Array, out: Float64Array): void;
}
