/**
 * torch.optim's rules, one per optimizer class, free of TF.js: run them with any `Arithmetic`
 * (the reference entry's `ReferenceOptimizer` does, in float64 or float32).
 */
import { ADADELTA } from './optimizers/adadelta';
import { ADAGRAD } from './optimizers/adagrad';
import { ADAM } from './optimizers/adam';
import { ADAMAX } from './optimizers/adamax';
import { ADAMW } from './optimizers/adamw';
import { NADAM } from './optimizers/nadam';
import { RADAM } from './optimizers/radam';
import { RMSPROP } from './optimizers/rmsprop';
import { SGD } from './optimizers/sgd';

export { SGD, ADAM, ADAMW, ADAGRAD, ADADELTA, RMSPROP, ADAMAX, NADAM, RADAM };
export type { SgdOptions } from './optimizers/sgd';
export type { AdamOptions } from './optimizers/adam';
export type { AdamWOptions } from './optimizers/adamw';
export type { AdagradOptions } from './optimizers/adagrad';
export type { AdadeltaOptions } from './optimizers/adadelta';
export type { RmspropOptions } from './optimizers/rmsprop';
export type { AdamaxOptions } from './optimizers/adamax';
export type { NadamOptions } from './optimizers/nadam';
export type { RadamOptions } from './optimizers/radam';
export type { TorchRule, ParameterState, StepInput, StepOutput } from './rule';
export type { Arithmetic } from './arithmetic';
export type { OptionSpec, OptionSpecs, OptionRule, Domain } from './options';

/** Every rule, in the order of torch.optim's documentation. */
export const RULES = [SGD, ADAM, ADAMW, ADAGRAD, ADADELTA, RMSPROP, ADAMAX, NADAM, RADAM] as const;

/** One of the rules (a union of their types). */
export type AnyTorchRule = (typeof RULES)[number];
