/**
 * torch.optim.lr_scheduler for TF.js: each scheduler runs torch's own recurrence (PyTorch 2.x's
 * chainable get_lr), drives this library's optimizers and tf.train's through one target, and has a
 * declarative spec of torch's arguments that `buildScheduler` builds from.
 */
export { LRScheduler } from './scheduler';
export { LambdaLR, LAMBDA_LR_SPEC, type LambdaLROptions } from './lambdaLR';
export { MultiplicativeLR, MULTIPLICATIVE_LR_SPEC, type MultiplicativeLROptions } from './multiplicativeLR';
export { StepLR, STEP_LR_SPEC, type StepLROptions } from './stepLR';
export { MultiStepLR, MULTI_STEP_LR_SPEC, type MultiStepLROptions } from './multiStepLR';
export { ConstantLR, CONSTANT_LR_SPEC, type ConstantLROptions } from './constantLR';
export { LinearLR, LINEAR_LR_SPEC, type LinearLROptions } from './linearLR';
export { ExponentialLR, EXPONENTIAL_LR_SPEC, type ExponentialLROptions } from './exponentialLR';
export { PolynomialLR, POLYNOMIAL_LR_SPEC, type PolynomialLROptions } from './polynomialLR';
export { CosineAnnealingLR, COSINE_ANNEALING_LR_SPEC, type CosineAnnealingLROptions } from './cosineAnnealingLR';
export {
  CosineAnnealingWarmRestarts,
  COSINE_ANNEALING_WARM_RESTARTS_SPEC,
  type CosineAnnealingWarmRestartsOptions,
} from './cosineAnnealingWarmRestarts';
export { CyclicLR, CYCLIC_LR_SPEC, type CyclicLROptions } from './cyclicLR';
export { OneCycleLR, ONE_CYCLE_LR_SPEC, type OneCycleLROptions } from './oneCycleLR';
export { ReduceLROnPlateau, REDUCE_LR_ON_PLATEAU_SPEC, type ReduceLROnPlateauOptions } from './reduceLROnPlateau';
export { SequentialLR, SEQUENTIAL_LR_SPEC, type SequentialLROptions } from './sequentialLR';
export { ChainedScheduler, CHAINED_SCHEDULER_SPEC } from './chainedScheduler';
export {
  buildScheduler,
  checkSchedulerCall,
  isSchedulerCall,
  SCHEDULER_NAMES,
  SCHEDULER_SPECS,
  type Scheduler,
  type SchedulerName,
} from './build';
export { scheduleTarget, type Knob, type Schedulable, type ScheduleTarget } from './target';
export type {
  ArgRule,
  ArgSpec,
  ArgDomain,
  Lambda,
  RunContext,
  SchedulerCall,
  SchedulerSpec,
  SchedulerValue,
} from './spec';
