import type { TrainConfig } from '../config';
import type { Row } from '../run/history';
import { train, type TrainResult } from '../train';

/** One case of torch-traces.json, as stored there. */
export interface TorchTrace {
  name: string;
  objective: string;
  x0: number[];
  iterations: number;
  cli: string;
  rows: Row[];
  final_x: number[];
}

/** The trace's run in our flags: its `cli` plus the objective, start and length it states beside it. */
export function traceFlags(trace: TorchTrace): string {
  const objective = /--objective\b/.test(trace.cli) ? '' : ` --objective ${trace.objective}`;
  return `${trace.cli}${objective} --x0=${trace.x0.join(',')} --iterations ${trace.iterations}`;
}

/** Largest |a − b| / |b| over x, loss and gradient of every row both runs have. */
export function maxRelativeDifference(ours: readonly Row[], theirs: readonly Row[]): number {
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
