import type { ResolvedOptimizer, Value } from '../optimizers/optimizer';
import type { RunState } from '../run/runner';
import { relativeTo } from './diff';

/** TF.js's update rule against PyTorch's for one run: the rule, the defaults, the numbers. */
export interface RuleComparison {
  optimizer: string;
  sameRule: boolean;
  ruleDifference: string;
  /** Hyperparameters whose values differ between the two runs (each library's default). */
  differingDefaults: Array<{ flag: string; tfjs: Value | null; pytorch: Value | null }>;
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
export function parityAccumulator({ definition, hyperparameters }: ResolvedOptimizer): ParityAccumulator {
  const { tfjs, pytorch } = hyperparameters;
  const same = (a: Value | undefined, b: Value | undefined): boolean => String(a) === String(b);
  const differingDefaults = [...new Set([...Object.keys(tfjs), ...Object.keys(pytorch)])]
    .filter((key) => !same(tfjs[key], pytorch[key]))
    .map((key) => ({
      // A hyperparameter only torch has (Adagrad's eps) goes by its own name.
      flag: definition.flags.find((flag) => flag.key === key)?.flag ?? key,
      tfjs: tfjs[key] ?? null,
      pytorch: pytorch[key] ?? null,
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
      optimizer: definition.title,
      sameRule: definition.sameRuleAsTorch,
      ruleDifference: definition.ruleDifference,
      differingDefaults,
      maxRelX,
      maxRelLoss,
      comparedRows,
    }),
  };
}
