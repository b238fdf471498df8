import * as tf from '@tensorflow/tfjs-core';
// tfjs-core registers the gradients of its ops in a module of their own, as @tensorflow/tfjs does.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import * as torch from '@optim-mirror/torch';
import type { Backend } from '../../run/training';
import type { PageBackendName } from './pageState';

/**
 * TF.js in the page: tfjs-core with the cpu backend (plain JavaScript, the arithmetic the
 * `manual32` run replays bit for bit, as on the command line) or webgl (the GPU's float32 shaders:
 * see WEBGL_NOTE), and @optim-mirror/torch on the same tfjs-core.
 */

export const WEBGL_NOTE =
  "webgl runs TF.js's kernels as GPU shaders: float32 like cpu, but with the GPU's own sqrt, exp, sin and cos, its " +
  'own order of operations, and float16 on some phones. Measured in headless Chromium with WebGL on SwiftShader: ' +
  'the TF.js run still equals its float32 replay (manual32) to the bit for SGD, momentum, Adam, Adamax, Adadelta ' +
  'and RMSProp on Himmelblau; Adagrad there differs (x by at most 7.4e-7 of its size), within the float32 ' +
  'tolerance; on Rastrigin ' +
  '(Sin and Cos) the difference leaves the tolerance and the diff says its verdict is not conclusive. On cpu the ' +
  'replay is identical to the bit, as on the command line.';

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
  if (!(await tf.setBackend(name))) throw new Error(`TF.js's ${name} backend did not start in this browser`);
  return {
    tf,
    torch,
    name,
    description: `backend: ${name} (TF.js ${tf.version_core}, in this browser)`,
  };
}
