/**
 * @optim-mirror/torch: torch.optim's optimizers for TensorFlow.js, computing what PyTorch computes.
 */
export { SGD, Adam, AdamW, Adagrad, Adadelta, RMSprop, Adamax, NAdam, RAdam } from './classes';
export { TorchOptimizer, type NamedTensor } from './optimizer';
export { clipGradNorm, clipGradValue, type Gradients } from './clip';
export type { SgdOptions } from './optimizers/sgd';
export type { AdamOptions } from './optimizers/adam';
export type { AdamWOptions } from './optimizers/adamw';
export type { AdagradOptions } from './optimizers/adagrad';
export type { AdadeltaOptions } from './optimizers/adadelta';
export type { RmspropOptions } from './optimizers/rmsprop';
export type { AdamaxOptions } from './optimizers/adamax';
export type { NadamOptions } from './optimizers/nadam';
export type { RadamOptions } from './optimizers/radam';
export type { OptionSpec, OptionSpecs, Domain } from './options';
export type { TorchRule } from './rule';
export * from './schedulers';
export * from './stateDict';
