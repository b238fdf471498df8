/**
 * @optim-mirror/torch: torch.optim's optimizers for TensorFlow.js, computing what PyTorch computes.
 */
export { SGD, Adam, AdamW, Adagrad, Adadelta, RMSprop, Adamax, NAdam, RAdam } from './classes';
export { TorchOptimizer, type NamedTensor } from './optimizer';
export { clipGradNorm, clipGradValue, type Gradients } from './clip';
export type {
  SgdOptions,
  AdamOptions,
  AdamWOptions,
  AdagradOptions,
  AdadeltaOptions,
  RmspropOptions,
  AdamaxOptions,
  NadamOptions,
  RadamOptions,
} from './rules';
export type { OptionSpec, OptionSpecs, Domain } from './options';
export type { TorchRule } from './rule';
export * from './schedulers';
export * from './stateDict';
