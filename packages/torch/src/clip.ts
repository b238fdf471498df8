import * as tf from '@tensorflow/tfjs-core';
import { clipGradNormOf, clipGradValueOf, clipProblem } from './clipping';
import { TFJS_ARITHMETIC } from './tfjsArithmetic';

/** Gradients as TF.js hands them over: by variable name (tf.variableGrads) or in a list. */
export type Gradients = tf.NamedTensorMap | tf.Tensor[];

function check(fn: string, problems: Array<string | null>): void {
  const problem = problems.find((p) => p !== null);
  if (problem) throw new Error(`${fn}: ${problem}`);
}

/** Replaces every gradient by its clipped version, in place, as torch's in-place clipping does. */
function replaceAll(grads: Gradients, clipped: tf.Tensor[]): void {
  if (Array.isArray(grads)) {
    grads.forEach((old) => old.dispose());
    grads.splice(0, grads.length, ...clipped);
    return;
  }
  Object.keys(grads).forEach((name, i) => {
    grads[name].dispose();
    grads[name] = clipped[i];
  });
}

function list(grads: Gradients): tf.Tensor[] {
  return Array.isArray(grads) ? grads : Object.values(grads);
}

/**
 * `torch.nn.utils.clip_grad_norm_`: scales all gradients together so that their total p-norm is
 * at most `maxNorm`, and returns that total norm before clipping (read back from the device). The
 * gradients are replaced in the map or array given, and the old tensors disposed.
 */
export function clipGradNorm(grads: Gradients, maxNorm: number, normType = 2): number {
  check('clipGradNorm', [clipProblem('maxNorm', maxNorm, 'maxNorm'), clipProblem('normType', normType, 'normType')]);
  const tensors = list(grads);
  if (tensors.length === 0) return 0;
  const { grads: clipped, totalNorm } = tf.tidy(() => clipGradNormOf(TFJS_ARITHMETIC, tensors, maxNorm, normType));
  const norm = totalNorm.dataSync()[0];
  totalNorm.dispose();
  replaceAll(grads, clipped);
  return norm;
}

/** `torch.nn.utils.clip_grad_value_`: clamps every gradient element to [−clipValue, clipValue], in place. */
export function clipGradValue(grads: Gradients, clipValue: number): void {
  check('clipGradValue', [clipProblem('clipValue', clipValue, 'clipValue')]);
  const tensors = list(grads);
  replaceAll(
    grads,
    tf.tidy(() => clipGradValueOf(TFJS_ARITHMETIC, tensors, clipValue)),
  );
}
