/** A function to minimize, in plain Float64 (and its float32 twin); TF.js's version lives in src/tfjs. */
export interface Objective {
  readonly name: string;
  /** The formula as a person reads it, for titles and help. */
  readonly formula: string;
  readonly defaultX0: readonly number[];
  /** The dimension rule in words, for the error message when it is broken. */
  readonly dimensionRule: string;
  acceptsDimension(dimension: number): boolean;
  /** Where the global minimum is, for a given dimension (plots mark it). */
  minimizer(dimension: number): number[];
  value(x: Float64Array): number;
  /** Analytic gradient, written into `out`. */
  gradient(x: Float64Array, out: Float64Array): void;
  /**
   * Value and gradient in float32 as TF.js's cpu kernels compute them: every kernel's output
   * rounded to float32 (Math.fround), with the JS-double arithmetic inside a kernel left as is.
   * Used by the `manual32` run, which replays TF.js bit for bit.
   */
  value32(x: Float64Array): number;
  gradient32(x: Float64Array, out: Float64Array): void;
}
