import { adadelta } from './adadelta';
import { adagrad } from './adagrad';
import { adam } from './adam';
import { adamax } from './adamax';
import { momentum } from './momentum';
import type { OptimizerDefinition } from './optimizer';
import { rmsprop } from './rmsprop';
import { sgd } from './sgd';
import { TORCH_OPTIMIZERS } from './torch';

/** tf.train's seven, mirrored: what `--optimizer all` compares. */
export const TF_TRAIN_OPTIMIZERS: readonly OptimizerDefinition[] = [
  sgd,
  momentum,
  adagrad,
  adadelta,
  adam,
  adamax,
  rmsprop,
];

/** Every optimizer, by its `--optimizer` name: tf.train's, then @optim-mirror/torch's (`torch.all`). */
export const OPTIMIZERS: readonly OptimizerDefinition[] = [...TF_TRAIN_OPTIMIZERS, ...TORCH_OPTIMIZERS];

export const OPTIMIZER_NAMES: readonly string[] = OPTIMIZERS.map((optimizer) => optimizer.name);

export function optimizerNamed(name: string): OptimizerDefinition | undefined {
  return OPTIMIZERS.find((optimizer) => optimizer.name === name);
}
