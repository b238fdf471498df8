import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as TfCore from '@tensorflow/tfjs-core';
import { firstLine } from '../io/errorText';
import { projectRoot } from '../io/projectRoot';
import type { TfjsContext } from '../optimizers/optimizer';

/** The TF.js API we use: tfjs-core's (optimizers, autodiff, ops). */
export type Tf = typeof TfCore;
/** A backend TF.js runs on; webgl only in a browser (the playground: BACKEND_CHOICES, the command line's, leave it out). */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu' | 'webgl';
export type BackendChoice = 'auto' | BackendName;
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

export interface LoadedBackend extends TfjsContext {
  tf: Tf;
  name: BackendName;
  /** One line for stderr: which backend ran, and how to get the native one when it is missing. */
  description: string;
}

/** A backend the user asked for that this machine cannot provide (a usage error, exit 2). */
export class BackendUnavailableError extends Error {}

const TFJS_NODE_HINT =
  'the native backend needs @tensorflow/tfjs-node, which is not installed (`npm install @tensorflow/tfjs-node` where its libtensorflow download works)';

/**
 * tfjs-core's CommonJS build leaves out the gradient functions; they ship as ES modules that
 * `require` cannot load (extensionless imports). `npm run build` bundles them with esbuild into
 * dist/vendor exactly as @tensorflow/tfjs's own bundle inlines them. Without that file (running
 * the TypeScript directly) the whole @tensorflow/tfjs bundle registers them: the same functions,
 * much slower to load (docs/performance.md).
 */
function registerGradients(): void {
  const bundle = join(projectRoot(), 'dist', 'vendor', 'tfjs-core-gradients.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time
  if (existsSync(bundle)) require(bundle);
  else require('@tensorflow/tfjs');
}

/** @optim-mirror/torch, on the tfjs-core just loaded (the workspace shares one copy). */
function loadTorchLibrary(): TfjsContext['torch'] {
  return require('@optim-mirror/torch') as TfjsContext['torch'];
}

function tryLoadTfjsNode(): string | null {
  try {
    // Registers the 'tensorflow' backend on the same tfjs-core (all @tensorflow packages share one version).
    require('@tensorflow/tfjs-node');
    return null;
  } catch (error) {
    return firstLine(error);
  }
}

/**
 * From how many parameters `auto` prefers wasm to cpu. Below it the cpu backend wins: each wasm
 * op carries a fixed cost (crossing into WebAssembly, allocating in its heap) that a few dozen
 * numbers do not repay; above it wasm's SIMD kernels win by 10× and more. Measured with
 * `npm run bench` (docs/performance.md).
 */
export const AUTO_WASM_FROM = 2048;

/** The backend `auto` picks for a problem of this size, when libtensorflow is not there. */
export function autoBackend(dimension: number): 'wasm' | 'cpu' {
  return dimension >= AUTO_WASM_FROM ? 'wasm' : 'cpu';
}

/**
 * Loads TF.js and one backend, silently: prod mode is set before the first tensor, which is
 * TF.js's switch for its console banners and debug checks. `auto` takes libtensorflow when
 * @tensorflow/tfjs-node is installed, else the faster of wasm and cpu for `dimension` parameters.
 */
export async function loadBackend(choice: BackendChoice, dimension = 2): Promise<LoadedBackend> {
  const tf = require('@tensorflow/tfjs-core') as Tf;
  registerGradients();
  tf.enableProdMode();
  const version = tf.version_core;

  if (choice === 'tensorflow' || choice === 'auto') {
    const failure = tryLoadTfjsNode();
    if (failure === null && (await tf.setBackend('tensorflow'))) {
      return {
        tf,
        torch: loadTorchLibrary(),
        name: 'tensorflow',
        description: `backend: tensorflow (libtensorflow via @tensorflow/tfjs-node ${version})`,
      };
    }
    if (choice === 'tensorflow') {
      throw new BackendUnavailableError(`--backend tensorflow: ${TFJS_NODE_HINT}`);
    }
  }
  const picked = choice === 'auto' ? autoBackend(dimension) : choice;
  if (picked === 'webgl') throw new BackendUnavailableError('webgl runs only in a browser (npm run playground)');
  const why = choice === 'auto' ? `; auto picked it for ${dimension} parameters; ${TFJS_NODE_HINT}` : '';
  if (picked === 'wasm') {
    require('@tensorflow/tfjs-backend-wasm');
    if (!(await tf.setBackend('wasm')))
      throw new BackendUnavailableError('--backend wasm: the wasm backend failed to initialize');
    return { tf, torch: loadTorchLibrary(), name: 'wasm', description: `backend: wasm (TF.js ${version}${why})` };
  }
  require('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
  return { tf, torch: loadTorchLibrary(), name: 'cpu', description: `backend: cpu (TF.js ${version}${why})` };
}
