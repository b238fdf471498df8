import type * as TfCore from '@tensorflow/tfjs-core';
import { loadBackend, type BackendName, type LoadedBackend } from '../tfjs/backend';
import { sphereAutodiff, TFJS_LOSSES } from '../tfjs/objectives';
import { tfjsTrainer } from '../tfjs/tfjsTrainer';
import { sphereSgdStep } from './sphereSgdLoop';

/**
 * What `npm run bench` times: one step (loss, gradient, update) on Σxᵢ² with N parameters. SGD
 * by the manual loop and on every TF.js backend; and Adam on wasm, tf.train's against
 * @optim-mirror/torch's Adam and AdamW.
 */
export const BENCH_IMPLS = [
  'manual',
  'tfjs-cpu',
  'tfjs-wasm',
  'tfjs-tensorflow',
  'tfjs-wasm-adam',
  'torch-wasm-adam',
  'torch-wasm-adamw',
] as const;
export type BenchImpl = (typeof BENCH_IMPLS)[number];

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
  /** Bytes TF.js holds (the parameters, the optimizer's state), or null without TF.js. */
  tensorBytes(): number | null;
  dispose(): void;
}

const TFJS: Record<
  Exclude<BenchImpl, 'manual'>,
  { backend: BackendName; optimizer: (b: LoadedBackend) => TfCore.Optimizer }
> = {
  'tfjs-cpu': { backend: 'cpu', optimizer: ({ tf }) => tf.train.sgd(BENCH_LR) },
  'tfjs-wasm': { backend: 'wasm', optimizer: ({ tf }) => tf.train.sgd(BENCH_LR) },
  'tfjs-tensorflow': { backend: 'tensorflow', optimizer: ({ tf }) => tf.train.sgd(BENCH_LR) },
  'tfjs-wasm-adam': { backend: 'wasm', optimizer: ({ tf }) => tf.train.adam(BENCH_LR) },
  'torch-wasm-adam': { backend: 'wasm', optimizer: ({ torch }) => new torch.Adam({ lr: BENCH_LR }) },
  'torch-wasm-adamw': { backend: 'wasm', optimizer: ({ torch }) => new torch.AdamW({ lr: BENCH_LR }) },
};

/**
 * A stepper for one implementation. `straightforward` uses TF.js's autodiff through Sum and
 * Square instead of the project's custom gradient (docs/performance.md compares the two).
 */
export async function makeStepper(impl: BenchImpl, n: number, straightforward = false): Promise<Stepper> {
  if (impl === 'manual') {
    const x = seedPattern(n);
    return { step: () => sphereSgdStep(x, BENCH_LR), parameters: () => x, tensorBytes: () => null, dispose() {} };
  }
  const { backend, optimizer } = TFJS[impl];
  const loaded = await loadBackend(backend, n);
  if (loaded.name !== backend) throw new Error(`${impl}: got the ${loaded.name} backend`);
  const loss = straightforward ? sphereAutodiff : TFJS_LOSSES.sphere;
  const trainer = tfjsTrainer(loaded.tf, loss, optimizer(loaded), seedPattern(n), { learningRate: () => BENCH_LR });
  return {
    step: () => trainer.fullStep(),
    parameters: () => trainer.parameters(),
    tensorBytes: () => loaded.tf.memory().numBytes,
    dispose: () => trainer.dispose(),
  };
}
