import type { Hyperparameters, HyperparameterName, OptimizerSpec } from '../optimizers/registry';
import { HYPERPARAMETERS } from '../optimizers/registry';
import type { RunState } from '../run/runner';
import { relativeTo } from './diff';

/** TF.js's update rule against PyTorch's for one run: the rule, the defaults, the numbers. */
export interface RuleComparison {
  optimizer: string;
  sameRule: boolean;
  ruleDifference: string;
  /** Hyperparameters whose values differ between the two runs (each library's default). */
  differingDefaults: Array<{ flag: string; tfjs: number | boolean | null; pytorch: number | boolean | null }>;
  /** Largest relative difference of x (against the row's largest |x|) and of the loss, manual vs pytorch. */
  maxRelX: number;
  maxRelLoss: number;
  comparedRows: number;
}

export interface ParityAccumulator {
  /** One iteration where both runs are still finite. */
  observe(manual: RunState, pytorch: RunState): void;
  result(): RuleComparison;
}

/** TF.js's rule against PyTorch's for one run, built one iteration at a time. */
export function parityAccumulator(
  spec: OptimizerSpec,
  hyperparameters: { tfjs: Hyperparameters; torch: Hyperparameters },
): ParityAccumulator {
  const names = new Set([
    ...Object.keys(hyperparameters.tfjs),
    ...Object.keys(hyperparameters.torch),
  ]) as Set<HyperparameterName>;
  const differingDefaults = [...names]
    .filter((name) => hyperparameters.tfjs[name] !== hyperparameters.torch[name])
    .map((name) => ({
      flag: HYPERPARAMETERS[name].flag,
      tfjs: hyperparameters.tfjs[name] ?? null,
      pytorch: hyperparameters.torch[name] ?? null,
    }));
  let comparedRows = 0;
  let maxRelX = 0;
  let maxRelLoss = 0;
  return {
    observe(manual, pytorch) {
      comparedRows++;
      let scale = 0;
      for (let i = 0; i < manual.x.length; i++) scale = Math.max(scale, Math.abs(manual.x[i]));
      for (let i = 0; i < manual.x.length; i++)
        maxRelX = Math.max(maxRelX, relativeTo(Math.abs(manual.x[i] - pytorch.x[i]), scale));
      maxRelLoss = Math.max(maxRelLoss, relativeTo(Math.abs(manual.loss - pytorch.loss), Math.abs(manual.loss)));
    },
    result: () => ({
      optimizer: spec.title,
      sameRule: spec.sameRuleAsTorch,
      ruleDifference: spec.ruleDifference,
      differingDefaults,
      maxRelX,
      maxRelLoss,
      comparedRows,
    }),
  };
}
