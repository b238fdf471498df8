import type * as TfCore from '@tensorflow/tfjs-core';
import type { Tf } from './backend';

/**
 * Each objective as a TF.js expression, differentiated by TF.js's autodiff. Written op by op in
 * the order the float32 twins in src/objectives replay (see `value32` there).
 */
export type TfjsLoss = (tf: Tf, x: TfCore.Tensor1D) => TfCore.Scalar;

export const TFJS_LOSSES: Record<string, TfjsLoss> = {
  sphere: (tf, x) => tf.sum(tf.square(x)),
};
