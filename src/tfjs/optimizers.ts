import type * as TfCore from '@tensorflow/tfjs-core';
import type { Tf } from './backend';
import type { OptimizerName, ResolvedHyperparameters } from '../optimizers/registry';

/** The real `tf.train.*` optimizer for a name and its resolved hyperparameters: one line each. */
export function createTfjsOptimizer(tf: Tf, name: OptimizerName, hp: ResolvedHyperparameters): TfCore.Optimizer {
  switch (name) {
    case 'sgd':
      return tf.train.sgd(hp.lr);
  }
}
