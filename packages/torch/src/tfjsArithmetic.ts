import * as tf from '@tensorflow/tfjs-core';
import type { Arithmetic } from './arithmetic';

/**
 * The arithmetic of the optimizers a consumer imports: TF.js's kernels on float32 tensors. A number
 * operand becomes a float32 scalar tensor, so it is rounded to float32 once, as it enters.
 */
export const TFJS_ARITHMETIC: Arithmetic<tf.Tensor> = {
  add: (a: tf.Tensor | number, b: tf.Tensor | number) => tf.add(a, b),
  sub: (a: tf.Tensor | number, b: tf.Tensor | number) => tf.sub(a, b),
  mul: (a: tf.Tensor | number, b: tf.Tensor | number) => tf.mul(a, b),
  div: (a: tf.Tensor | number, b: tf.Tensor | number) => tf.div(a, b),
  neg: (a) => tf.neg(a),
  abs: (a) => tf.abs(a),
  sqrt: (a) => tf.sqrt(a),
  square: (a) => tf.square(a),
  pow: (a, exponent) => tf.pow(a, exponent),
  maximum: (a, b) => tf.maximum(a, b),
  minimum: (a, b) => tf.minimum(a, b),
  clip: (a, low, high) => tf.clipByValue(a, low, high),
  sum: (a) => tf.sum(a),
  max: (a) => tf.max(a),
  stack: (scalars) => tf.stack([...scalars]),
  keep: (value) => Math.fround(value),
};
