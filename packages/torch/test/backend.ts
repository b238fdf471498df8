import * as tf from '@tensorflow/tfjs-core';
// The union package registers tfjs-core's gradient functions (its CommonJS build leaves them
// out) and tfjs-layers, on the one tfjs-core every @tensorflow package here shares.
import '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-cpu';

/** TF.js on its cpu backend, in production mode (no debug checks, no console banner). */
export async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  tf.enableProdMode();
  if (name === 'wasm') require('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend(name))) throw new Error(`the ${name} backend failed to initialize`);
}
