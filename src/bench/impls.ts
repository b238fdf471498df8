import { loadBackend, type BackendName } from '../tfjs/backend';
import { sphereAutodiff, TFJS_LOSSES } from '../tfjs/objectives';
import { createTfjsOptimizer } from '../tfjs/optimizers';
import { tfjsTrainer } from '../tfjs/tfjsTrainer';
import { sphereSgdStep } from './sphereSgdLoop';

/** What `npm run bench` times: one SGD step (loss, gradient, update) on Σxᵢ² with N parameters. */
export type BenchImpl = 'manual' | 'tfjs-cpu' | 'tfjs-wasm' | 'tfjs-tensorflow';
export const BENCH_IMPLS: readonly BenchImpl[] = ['manual', 'tfjs-cpu', 'tfjs-wasm', 'tfjs-tensorflow'];

export const BENCH_LR = 1e-4;

/** The seed's start, repeated: 5, 10, 5, 10, … (a typed array: one copy of N, not a JS array of boxed numbers). */
export function seedPattern(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 5 : 10));
}

export interface Stepper {
  /** One whole step; returns the loss. */
  step(): number;
  /** The parameters now. */
  parameters(): ArrayLike<number>;
  dispose(): void;
}

/**
 * A stepper for one implementation. `straightforward` uses TF.js's autodiff through Sum and
 * Square instead of the project's custom gradient (docs/performance.md compares the two).
 */
export async function makeStepper(impl: BenchImpl, n: number, straightforward = false): Promise<Stepper> {
  if (impl === 'manual') {
    const x = seedPattern(n);
    return { step: () => sphereSgdStep(x, BENCH_LR), parameters: () => x, dispose() {} };
  }
  const backendName = impl.slice('tfjs-'.length) as BackendName;
  const { tf, name } = await loadBackend(backendName, n);
  if (name !== backendName) throw new Error(`${impl}: got the ${name} backend`);
  const trainer = tfjsTrainer(
    tf,
    straightforward ? sphereAutodiff : TFJS_LOSSES.sphere,
    createTfjsOptimizer(tf, 'sgd', { lr: BENCH_LR }),
    seedPattern(n),
  );
  return { step: () => trainer.fullStep(), parameters: () => trainer.parameters(), dispose: () => trainer.dispose() };
}
