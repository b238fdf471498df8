/**
 * A rectangle of the (x₁, x₂) plane. The same shape as src/plot/surface.ts's PlaneWindow, kept
 * here so that the objectives (pure math) import nothing from the plotting code.
 */
export interface LandscapeWindow {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

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
  /** The loss at the global minima, for a given dimension (0 for most; it is where a loss chart's floor is). */
  minimumValue(dimension: number): number;
  /**
   * The part of the (x₁, x₂) plane that shows the landscape's character, for 2-D charts; null
   * where the window is best fitted to the paths (bowls and valleys with nothing else to show).
   */
  readonly window: LandscapeWindow | null;
  /**
   * How many terms the loss adds up in its final sum (TF.js: one Sum kernel). They are
   * non-negative, so that their sum bounds their rounding (src/report/diff.ts), in every objective
   * but styblinski-tang, whose terms change sign.
   */
  lossTerms(dimension: number): number;
  value(x: Float64Array): number;
  /** Analytic gradient, written into `out`. */
  gradient(x: Float64Array, out: Float64Array): void;
  /**
   * Value and gradient in float32 as TF.js's cpu kernels compute them: every kernel's output
   * rounded to float32 (Math.fround), with the JS-double arithmetic inside a kernel left as is,
   * and the gradient in the shape of TF.js's autodiff (each op's gradient function, in the
   * expression of src/tfjs/objectives.ts). Most inputs of ops there feed at most two gradient
   * contributions, and a float32 sum of two is the same in either order, so the order in which
   * the tape accumulates them cannot change a bit. Where one feeds three (beale's x and y), the
   * twin adds them in the tape's order: tape.js's backpropagateGradients walks the ops in reverse
   * order of creation, keeps the first gradient reaching a tensor and adds each later one to it.
   * (Broadcasting one tensor into several terms instead would make its gradient a Sum kernel,
   * which cpu adds in a double and wasm in float32; elementwise ops round alike everywhere.)
   * Used by the `manual32` run.
   */
  value32(x: Float64Array): number;
  gradient32(x: Float64Array, out: Float64Array): void;
}
