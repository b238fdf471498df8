import type { ObjectiveName } from '../objectives/registry';
import type { ResolvedOptimizer } from '../optimizers/optimizer';

/**
 * Where the best learning rate is known in closed form: gradient descent on a quadratic with a
 * constant Hessian H. Each step multiplies the error along H's eigenvector i by 1 − lr·λᵢ; the
 * worst factor max|1 − lr·λ| is smallest at lr* = 2/(λmin + λmax), where it is
 * (λmax − λmin)/(λmax + λmin). The search judges its own starts after a fixed number of steps,
 * so its best can sit a little off lr* (the worst case over every start); on Σxᵢ² all λ are
 * equal and lr* takes one step to the minimum from anywhere.
 */
export interface ClosedForm {
  lr: number;
  /** One line: the Hessian, its eigenvalues and what lr* does. */
  why: string;
}

/** Each quadratic objective's Hessian eigenvalues (λmin, λmax) and how to say it. */
const QUADRATICS: Partial<Record<ObjectiveName, { lambdaMin: number; lambdaMax: number; hessian: string }>> = {
  sphere: { lambdaMin: 2, lambdaMax: 2, hessian: 'H = 2I' },
  // (x + 2y − 7)² + (2x + y − 5)²: H = [[10, 8], [8, 10]], eigenvalues 2 and 18.
  booth: { lambdaMin: 2, lambdaMax: 18, hessian: 'H = [[10, 8], [8, 10]], λ = 2 and 18' },
};

/** Whether the optimizer, as resolved, takes plain gradient-descent steps x ← x − lr·g. */
function plainGradientDescent(optimizer: ResolvedOptimizer): boolean {
  const hp = optimizer.hyperparameters.tfjs;
  if (optimizer.definition.name === 'sgd') return true;
  if (optimizer.definition.name === 'torch.sgd')
    return hp.momentum === 0 && hp.weightDecay === 0 && hp.maximize === false;
  return false;
}

/**
 * The closed-form best lr for this optimizer on this objective, or null where none is known:
 * other optimizers, other objectives, or with noise, clipping or a schedule, which change the rule.
 */
export function closedFormLr(
  objective: ObjectiveName,
  optimizer: ResolvedOptimizer,
  plainRule: boolean,
): ClosedForm | null {
  const quadratic = QUADRATICS[objective];
  if (quadratic === undefined || !plainRule || !plainGradientDescent(optimizer)) return null;
  const { lambdaMin, lambdaMax, hessian } = quadratic;
  const lr = 2 / (lambdaMin + lambdaMax);
  const rate = (lambdaMax - lambdaMin) / (lambdaMax + lambdaMin);
  const what = rate === 0 ? 'one step to the minimum' : `each step multiplies the error by at most ${rate}`;
  return { lr, why: `gradient descent on a quadratic, ${hessian}: lr* = 2/(λmin + λmax) = ${lr}, ${what}` };
}
