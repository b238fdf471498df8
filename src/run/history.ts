/** What a run leaves behind: one row per iteration, as the original prints it. */
export type Precision = 'float64' | 'float32';

/** A row as a torch trace records it: no learning rate (the traces' is fixed). */
export type TraceRow = Omit<Row, 'lr'>;

export interface Row {
  iteration: number;
  /** Parameters before this iteration's step (summarized runs: NumPy's edge items, the first and last three). */
  x: number[];
  /** Loss at x. */
  loss: number;
  /** Gradient at x (summarized runs: its edge items). */
  grad: number[];
  /** The learning rate this iteration's step used. */
  lr: number;
  /** Euclidean norms of x and of the gradient: only in summarized runs, where x and grad are partial. */
  xNorm?: number;
  gradNorm?: number;
}

export interface RunHistory {
  precision: Precision;
  /** Number of parameters. */
  dimension: number;
  /**
   * Whether rows hold only NumPy's edge items of x and grad (first three, last three) and their
   * norms: so for more than 1000 parameters, where NumPy's own printing summarizes too and a full
   * vector per row would take memory in proportion to N × iterations.
   */
  summarized: boolean;
  /** Stops before the first row holding a value that is not finite. */
  rows: Row[];
  /** Parameters after the last step; when the run diverged, the last parameters that were all finite. Edge items when summarized. */
  finalX: number[];
  /**
   * The first iteration whose x, loss or gradient was not finite (iterations + 1: the last
   * step's result was not finite); null when the run stayed finite.
   */
  diverged: { iteration: number } | null;
}
