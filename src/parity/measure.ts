import type { TrainConfig } from '../config';
import type { TraceRow } from '../run/history';
import { maxOf } from '../math/extremes';
import { FLOAT32_UNIT_ROUNDOFF, relativeTo } from '../report/diff';
import { train, type TrainResult } from '../train';

/** One case of torch-traces.json, as stored there (float32 rows: the library's cases). */
export interface TorchTrace {
  name: string;
  objective: string;
  x0: number[];
  iterations: number;
  cli: string;
  rows: TraceRow[];
  final_x: number[];
  rows_float32?: TraceRow[];
  final_x_float32?: number[];
}

/** torch-traces.json: tf.train optimizers held against torch.optim, and the library's own cases. */
export interface TorchTraces {
  cases: TorchTrace[];
  library_cases: TorchTrace[];
}

/** Every number of a row in one list: x, the loss, the gradient (or x alone). */
export function rowValues(row: TraceRow, xOnly = false): number[] {
  return xOnly ? [...row.x] : [...row.x, row.loss, ...row.grad];
}

/**
 * Largest |ours − torch| over every row, relative to the torch row's largest |value| (so values
 * crossing 0 stay meaningful): x, loss and gradient, or x alone where the objective's curvature
 * turns 1e-11 of x into 1e-7 of the gradient (Rosenbrock).
 */
export function rowScaledDifference(ours: readonly TraceRow[], torch: readonly TraceRow[], xOnly = false): number {
  let worst = 0;
  const rows = Math.min(ours.length, torch.length);
  for (let k = 0; k < rows; k++) {
    const [a, b] = [rowValues(ours[k], xOnly), rowValues(torch[k], xOnly)];
    const scale = maxOf(b.map(Math.abs), 0);
    a.forEach((v, i) => (worst = Math.max(worst, relativeTo(Math.abs(v - b[i]), scale))));
  }
  return worst;
}

/**
 * How close the TF.js run comes to straying further from torch's float64 path than torch's own
 * float32 run does. Per number, per row i: |tfjs − t64| ≤ 4·max_{k≤i}|t32 − t64| + 8·2⁻²⁴·max|row|,
 * the factor 4 for a second float32 implementation whose roundings fall elsewhere, the 8 ulps of
 * the row for where torch's float32 run happens to agree exactly. Returns the worst ratio of
 * |tfjs − t64| to that bound: at most 1 holds.
 */
export function float32BoundRatio(
  tfjs: readonly TraceRow[],
  t64: readonly TraceRow[],
  t32: readonly TraceRow[],
): number {
  let worst = 0;
  const drift: number[] = [];
  const rows = Math.min(tfjs.length, t64.length, t32.length);
  for (let k = 0; k < rows; k++) {
    const [ours, exact, single] = [rowValues(tfjs[k]), rowValues(t64[k]), rowValues(t32[k])];
    const slack = 8 * FLOAT32_UNIT_ROUNDOFF * maxOf(exact.map(Math.abs), 0);
    exact.forEach((v, i) => {
      drift[i] = Math.max(drift[i] ?? 0, Math.abs(single[i] - v));
      worst = Math.max(worst, Math.abs(ours[i] - v) / (4 * drift[i] + slack));
    });
  }
  return worst;
}

/** The trace's run in our flags: its `cli` plus the objective, start and length it states beside it. */
export function traceFlags(trace: TorchTrace): string {
  const objective = /--objective\b/.test(trace.cli) ? '' : ` --objective ${trace.objective}`;
  return `${trace.cli}${objective} --x0=${trace.x0.join(',')} --iterations ${trace.iterations}`;
}

/** Largest |a − b| / |b| over x, loss and gradient of every row both runs have. */
export function maxRelativeDifference(ours: readonly TraceRow[], theirs: readonly TraceRow[]): number {
  let worst = 0;
  const relative = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));
  const rows = Math.min(ours.length, theirs.length);
  for (let k = 0; k < rows; k++) {
    const [a, b] = [ours[k], theirs[k]];
    a.x.forEach((v, i) => (worst = Math.max(worst, relative(v, b.x[i]))));
    a.grad.forEach((v, i) => (worst = Math.max(worst, relative(v, b.grad[i]))));
    worst = Math.max(worst, relative(a.loss, b.loss));
  }
  return worst;
}

export interface CaseMeasurement {
  trace: TorchTrace;
  cpu: TrainResult;
  wasm: TrainResult;
  /** The pytorch run (PyTorch's rule, Float64) against the real torch.optim trace. */
  pytorchVsTrace: number;
  /** The manual run (TF.js's rule, Float64) against the trace. */
  manualVsTrace: number;
}

/** Trains one trace case on the cpu and wasm backends and compares everything with the trace. */
export async function measureTraceCase(trace: TorchTrace, config: TrainConfig): Promise<CaseMeasurement> {
  const cpu = await train({ ...config, backend: 'cpu' });
  const wasm = await train({ ...config, backend: 'wasm' });
  return {
    trace,
    cpu,
    wasm,
    pytorchVsTrace: maxRelativeDifference(cpu.runs.pytorch.rows, trace.rows),
    manualVsTrace: maxRelativeDifference(cpu.runs.manual.rows, trace.rows),
  };
}

/** A library case: its runs on the cpu backend against torch's float64 and float32 traces. */
export interface LibraryCaseMeasurement {
  trace: TorchTrace;
  cpu: TrainResult;
  /** The pytorch (= manual) run against torch's float64 trace, row-scaled (x alone on Rosenbrock). */
  float64Gap: number;
  /** The TF.js run against the float32 bound (see float32BoundRatio): at most 1 holds. */
  boundRatio: number;
}

export async function measureLibraryCase(trace: TorchTrace, config: TrainConfig): Promise<LibraryCaseMeasurement> {
  const cpu = await train({ ...config, backend: 'cpu' });
  const xOnly = trace.objective === 'rosenbrock';
  const float64Gap = Math.max(
    rowScaledDifference(cpu.runs.pytorch.rows, trace.rows, xOnly),
    rowScaledDifference(cpu.runs.manual.rows, trace.rows, xOnly),
  );
  const boundRatio = float32BoundRatio(cpu.runs.tfjs.rows, trace.rows, trace.rows_float32 ?? []);
  return { trace, cpu, float64Gap, boundRatio };
}
