import * as tf from '@tensorflow/tfjs-core';
import { TorchOptimizer } from './optimizer';
import { ADADELTA, type AdadeltaOptions } from './optimizers/adadelta';
import { ADAGRAD, type AdagradOptions } from './optimizers/adagrad';
import { ADAM, type AdamOptions } from './optimizers/adam';
import { ADAMAX, type AdamaxOptions } from './optimizers/adamax';
import { ADAMW, type AdamWOptions } from './optimizers/adamw';
import { NADAM, type NadamOptions } from './optimizers/nadam';
import { RADAM, type RadamOptions } from './optimizers/radam';
import { RMSPROP, type RmspropOptions } from './optimizers/rmsprop';
import { SGD as SGD_RULE, type SgdOptions } from './optimizers/sgd';

/*
 * The optimizers as `tf.Optimizer`s, one short class per torch.optim class, each registered with
 * tf.serialization under a name of its own ("torch.Adam", …), apart from tf.train's "Adam".
 */

/** torch.optim.SGD: momentum, dampening, Nesterov, weight decay, maximize. */
export class SGD extends TorchOptimizer<SgdOptions> {
  static readonly className = 'torch.SGD';
  constructor(options: Partial<SgdOptions> = {}) {
    super(SGD_RULE, options);
  }
}

/** torch.optim.Adam: weight decay (L2), amsgrad, maximize. */
export class Adam extends TorchOptimizer<AdamOptions> {
  static readonly className = 'torch.Adam';
  constructor(options: Partial<AdamOptions> = {}) {
    super(ADAM, options);
  }
}

/** torch.optim.AdamW: Adam with decoupled weight decay (default 0.01). */
export class AdamW extends TorchOptimizer<AdamWOptions> {
  static readonly className = 'torch.AdamW';
  constructor(options: Partial<AdamWOptions> = {}) {
    super(ADAMW, options);
  }
}

/** torch.optim.Adagrad: lr decay, weight decay, initial accumulator value, maximize. */
export class Adagrad extends TorchOptimizer<AdagradOptions> {
  static readonly className = 'torch.Adagrad';
  constructor(options: Partial<AdagradOptions> = {}) {
    super(ADAGRAD, options);
  }
}

/** torch.optim.Adadelta: rho, eps inside both square roots, weight decay, maximize. */
export class Adadelta extends TorchOptimizer<AdadeltaOptions> {
  static readonly className = 'torch.Adadelta';
  constructor(options: Partial<AdadeltaOptions> = {}) {
    super(ADADELTA, options);
  }
}

/** torch.optim.RMSprop: alpha, eps after the square root, momentum, centered, weight decay, maximize. */
export class RMSprop extends TorchOptimizer<RmspropOptions> {
  static readonly className = 'torch.RMSprop';
  constructor(options: Partial<RmspropOptions> = {}) {
    super(RMSPROP, options);
  }
}

/** torch.optim.Adamax: Adam with the infinity norm, weight decay, maximize. */
export class Adamax extends TorchOptimizer<AdamaxOptions> {
  static readonly className = 'torch.Adamax';
  constructor(options: Partial<AdamaxOptions> = {}) {
    super(ADAMAX, options);
  }
}

/** torch.optim.NAdam: Adam with Nesterov momentum and its momentum schedule, weight decay, maximize. */
export class NAdam extends TorchOptimizer<NadamOptions> {
  static readonly className = 'torch.NAdam';
  constructor(options: Partial<NadamOptions> = {}) {
    super(NADAM, options);
  }
}

/** torch.optim.RAdam: Adam with the variance rectification, weight decay, maximize. */
export class RAdam extends TorchOptimizer<RadamOptions> {
  static readonly className = 'torch.RAdam';
  constructor(options: Partial<RadamOptions> = {}) {
    super(RADAM, options);
  }
}

for (const cls of [SGD, Adam, AdamW, Adagrad, Adadelta, RMSprop, Adamax, NAdam, RAdam])
  tf.serialization.registerClass(cls);
