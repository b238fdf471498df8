import { makeStepper, type BenchImpl } from './impls';

export interface BenchResult {
  impl: BenchImpl;
  n: number;
  msPerStep: number;
  peakRssMiB: number;
  /** What TF.js holds after the steps (parameters and optimizer state), MiB; null without TF.js. */
  tensorMiB: number | null;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const WARMUP_STEPS = 3;

/**
 * Times `steps` steps after a warm-up (JIT, backend initialization, first allocations) and takes
 * the median, which ignores the odd garbage-collection pause. Peak RSS is the process's: run
 * one measurement per process (the benchmark does) for it to mean that implementation alone.
 */
export async function measure(
  impl: BenchImpl,
  n: number,
  steps: number,
  straightforward = false,
): Promise<BenchResult> {
  const stepper = await makeStepper(impl, n, straightforward);
  try {
    for (let i = 0; i < WARMUP_STEPS; i++) stepper.step();
    const times: number[] = [];
    for (let i = 0; i < steps; i++) {
      const start = performance.now();
      stepper.step();
      times.push(performance.now() - start);
    }
    const bytes = stepper.tensorBytes();
    return {
      impl,
      n,
      msPerStep: median(times),
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      tensorMiB: bytes === null ? null : bytes / 2 ** 20,
    };
  } finally {
    stepper.dispose();
  }
}
