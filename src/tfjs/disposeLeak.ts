import type { ResolvedOptimizer, TfjsContext } from '../optimizers/optimizer';
import { TFJS_LOSSES } from './objectives';
import { tfjsTrainer } from './tfjsTrainer';

export interface TensorCounts {
  /** Tensors alive after the first step and after the last: equal when nothing leaks per step. */
  afterFirstStep: number;
  afterLastStep: number;
  /** Tensors still alive after the variable, the gradients and the optimizer were disposed. */
  leftAfterDispose: number;
}

/** Counts TF.js tensors around a short run (Rosenbrock, `steps` steps) of one optimizer. */
export function countTensors(context: TfjsContext, optimizer: ResolvedOptimizer, steps = 20): TensorCounts {
  const { tf } = context;
  const before = tf.memory().numTensors;
  const trainer = tfjsTrainer(tf, TFJS_LOSSES.rosenbrock, optimizer.createTfjs(context), [-1.5, 2], {
    learningRate: () => optimizer.lr,
  });
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
