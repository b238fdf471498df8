import * as tf from '@tensorflow/tfjs-core';
// tfjs-core registers the gradients of its ops in a module of their own, as @tensorflow/tfjs does.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import * as torch from '@optim-mirror/torch';
import type { Backend } from '../../run/training';
import type { PageBackendName } from '../page/pageState';

/**
 * TF.js in the trainer: tfjs-core with the cpu backend (plain JavaScript, the arithmetic the
 * `manual32` run replays bit for bit, as on the command line) or webgl (the GPU's float32 shaders,
 * on an OffscreenCanvas in a worker: see WEBGL_NOTE in src/web/page/backendNote.ts), and
 * @optim-mirror/torch on the same tfjs-core. Only the trainer loads TF.js's backends and runs
 * it; the page's own script draws.
 */

let prodMode = false;

/**
 * Switches TF.js to `name` and returns the Backend a training runs on. The training code types a
 * backend's name by the command line's backends; the page's webgl is carried under that type, and
 * the JSON's "backend" says "webgl".
 */
export async function loadPageBackend(name: PageBackendName): Promise<Backend> {
  if (!prodMode) {
    // Before the first tensor: TF.js's switch for its console banners and debug checks.
    tf.enableProdMode();
    prodMode = true;
  }
  if (!(await tf.setBackend(name)))
    throw new Error(
      `TF.js's ${name} backend did not start in this browser's ${typeof document === 'undefined' ? 'Web Worker' : 'page'}`,
    );
  return {
    tf,
    torch,
    name,
    description: `backend: ${name} (TF.js ${tf.version_core}, in this browser)`,
  };
}
