import type * as TfCore from '@tensorflow/tfjs-core';
import type { Hyperparameters, OptimizerName } from '../optimizers/registry';
import type { Tf } from './backend';

/** The real `tf.train.*` optimizer for a name and its resolved TF.js hyperparameters. */
export function createTfjsOptimizer(tf: Tf, name: OptimizerName, hp: Hyperparameters): TfCore.Optimizer {
  const lr = hp.lr!;
  switch (name) {
    case 'sgd':
      return tf.train.sgd(lr);
    case 'momentum':
      return tf.train.momentum(lr, hp.momentum!, hp.nesterov);
    case 'adagrad':
      return tf.train.adagrad(lr, hp.initialAccumulatorValue);
    case 'adadelta':
      return tf.train.adadelta(lr, hp.rho, hp.epsilon);
    case 'adam':
      return tf.train.adam(lr, hp.beta1, hp.beta2, hp.epsilon);
    case 'adamax':
      return tf.train.adamax(lr, hp.beta1, hp.beta2, hp.epsilon, hp.decay);
    case 'rmsprop':
      return tf.train.rmsprop(lr, hp.decay, hp.momentum, hp.epsilon, hp.centered);
  }
}
