import type { Rounding, UpdateRule } from './rule';
import { sgdTfjsRule, sgdTorchRule } from './sgd';

export type OptimizerName = 'sgd';
export const OPTIMIZER_NAMES: readonly OptimizerName[] = ['sgd'];

/** Hyperparameters by their TF.js names, after defaults are filled in. */
export interface ResolvedHyperparameters {
  lr: number;
}

export interface OptimizerRules {
  /** Float64 (round = identity) or float32 (round = Math.fround) mirror of TF.js's rule. */
  tfjs(hp: ResolvedHyperparameters, round: Rounding): UpdateRule;
  /** torch.optim's rule in float64. */
  torch(hp: ResolvedHyperparameters): UpdateRule;
}

export const OPTIMIZER_RULES: Record<OptimizerName, OptimizerRules> = {
  sgd: { tfjs: sgdTfjsRule, torch: sgdTorchRule },
};
