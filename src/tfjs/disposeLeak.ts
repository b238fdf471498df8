import type { Hyperparameters, OptimizerName } from '../optimizers/registry';
import type { Tf } from './backend';
import { TFJS_LOSSES } from './objectives';
import { createTfjsOptimizer } from './optimizers';
import { tfjsTrainer } from './tfjsTrainer';

export interface TensorCounts {
  /** Tensors alive after the first step and after the last: equal when nothing leaks per step. */
  afterFirstStep: number;
  afterLastStep: number;
  /** Tensors still alive after the variable, the gradients and the optimizer were disposed. */
  leftAfterDispose: number;
}

/** Counts TF.js tensors around a short run (Rosenbrock, `steps` steps) of one optimizer. */
export function countTensors(tf: Tf, optimizer: OptimizerName, hp: Hyperparameters, steps = 20): TensorCounts {
  const before = tf.memory().numTensors;
  const trainer = tfjsTrainer(tf, TFJS_LOSSES.rosenbrock, createTfjsOptimizer(tf, optimizer, hp), [-1.5, 2]);
  trainer.evaluate();
  trainer.step();
  const afterFirstStep = tf.memory().numTensors - before;
  for (let i = 1; i < steps; i++) {
    trainer.evaluate();
    trainer.step();
  }
  const afterLastStep = tf.memory().numTensors - before;
  trainer.dispose();
  return { afterFirstStep, afterLastStep, leftAfterDispose: tf.memory().numTensors - before };
}
