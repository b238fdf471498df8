import type { Hyperparameters, HyperparameterName, OptimizerSpec } from '../optimizers/registry';
import { HYPERPARAMETERS } from '../optimizers/registry';
import type { RunHistory } from '../run/history';

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

function relative(a: number, b: number, scale: number): number {
  const delta = Math.abs(a - b);
  return delta === 0 ? 0 : delta / scale;
}

export function compareRules(
  spec: OptimizerSpec,
  hyperparameters: { tfjs: Hyperparameters; torch: Hyperparameters },
  manual: RunHistory,
  pytorch: RunHistory,
): RuleComparison {
  const names = new Set([...Object.keys(hyperparameters.tfjs), ...Object.keys(hyperparameters.torch)]) as Set<HyperparameterName>;
  const differingDefaults = [...names]
    .filter((name) => hyperparameters.tfjs[name] !== hyperparameters.torch[name])
    .map((name) => ({ flag: HYPERPARAMETERS[name].flag, tfjs: hyperparameters.tfjs[name] ?? null, pytorch: hyperparameters.torch[name] ?? null }));

  const comparedRows = Math.min(manual.rows.length, pytorch.rows.length);
  let maxRelX = 0;
  let maxRelLoss = 0;
  for (let row = 0; row < comparedRows; row++) {
    const a = manual.rows[row];
    const b = pytorch.rows[row];
    const scale = Math.max(...a.x.map(Math.abs));
    a.x.forEach((value, i) => (maxRelX = Math.max(maxRelX, relative(value, b.x[i], scale))));
    maxRelLoss = Math.max(maxRelLoss, relative(a.loss, b.loss, Math.abs(a.loss)));
  }
  return { optimizer: spec.title, sameRule: spec.sameRuleAsTorch, ruleDifference: spec.ruleDifference, differingDefaults, maxRelX, maxRelLoss, comparedRows };
}
