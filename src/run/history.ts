/** What a run leaves behind: one row per iteration, as the original prints it. */
export type Precision = 'float64' | 'float32';

export interface Row {
  iteration: number;
  /** Parameters before this iteration's step. */
  x: number[];
  /** Loss at x. */
  loss: number;
  /** Gradient at x. */
  grad: number[];
}

export interface RunHistory {
  precision: Precision;
  /** Stops before the first row holding a value that is not finite. */
  rows: Row[];
  /** Parameters after the last step; when the run diverged, the last parameters that were all finite. */
  finalX: number[];
  /**
   * The first iteration whose x, loss or gradient was not finite (iterations + 1: the last
   * step's result was not finite); null when the run stayed finite.
   */
  diverged: { iteration: number } | null;
}
