import type * as TfCore from '@tensorflow/tfjs-core';

/** The TF.js API we use: tfjs-core's (optimizers, autodiff, ops). */
export type Tf = typeof TfCore;
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
export type BackendChoice = 'auto' | BackendName;
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

export interface LoadedBackend {
  tf: Tf;
  name: BackendName;
  /** One line for stderr: which backend ran, and how to get the native one when it is missing. */
  description: string;
}

/** A backend the user asked for that this machine cannot provide (a usage error, exit 2). */
export class BackendUnavailableError extends Error {}

const TFJS_NODE_HINT =
  'the native backend needs @tensorflow/tfjs-node, which is not installed (`npm install @tensorflow/tfjs-node` where its libtensorflow download works)';

function tryLoadTfjsNode(): string | null {
  try {
    // Registers the 'tensorflow' backend on the same tfjs-core (all @tensorflow packages share one version).
    require('@tensorflow/tfjs-node');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
}

/**
 * Loads tfjs-core and one backend, silently: prod mode is set before the first tensor, which is
 * TF.js's switch for its console banners and debug checks.
 */
export async function loadBackend(choice: BackendChoice): Promise<LoadedBackend> {
  // The @tensorflow/tfjs bundle, not tfjs-core alone: only it registers the gradient functions
  // (tfjs-core ships them as ES modules that Node's require cannot load). It also brings the cpu backend.
  const tf = require('@tensorflow/tfjs') as Tf;
  tf.enableProdMode();
  const version = tf.version_core;

  if (choice === 'tensorflow' || choice === 'auto') {
    const failure = tryLoadTfjsNode();
    if (failure === null && (await tf.setBackend('tensorflow'))) {
      return { tf, name: 'tensorflow', description: `backend: tensorflow (libtensorflow via @tensorflow/tfjs-node ${version})` };
    }
    if (choice === 'tensorflow') {
      throw new BackendUnavailableError(`--backend tensorflow: ${TFJS_NODE_HINT}`);
    }
  }
  if (choice === 'wasm') {
    require('@tensorflow/tfjs-backend-wasm');
    if (!(await tf.setBackend('wasm'))) throw new BackendUnavailableError('--backend wasm: the wasm backend failed to initialize');
    return { tf, name: 'wasm', description: `backend: wasm (TF.js ${version})` };
  }
  require('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
  const why = choice === 'auto' ? `; ${TFJS_NODE_HINT}` : '';
  return { tf, name: 'cpu', description: `backend: cpu (TF.js ${version}${why})` };
}
