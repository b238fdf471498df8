import type { Objective } from '../objectives/objective';
import type { TrainingRule } from '../optimizers/rule';
import type { Precision } from './history';
import { addNoise, type NoiseSource } from './noise';
import type { Trainer } from './runner';

/**
 * The hand-written loop on a Float64Array: loss and analytic gradient, then the rule's step.
 * With precision 'float32' the objective's float32 twin is used and x starts rounded to float32,
 * as a float32 tensor would hold it; the rule must then be the float32-rounding one. `noise`, when
 * given, adds its draws to every gradient (src/run/noise.ts); `clip`, when given, clips the
 * gradient in place before each step.
 */
export function manualTrainer(
  objective: Objective,
  rule: TrainingRule,
  x0: ArrayLike<number>,
  precision: Precision,
  clip: ((grad: Float64Array) => void) | null = null,
  noise: NoiseSource | null = null,
): Trainer {
  const x = Float64Array.from(x0, precision === 'float32' ? Math.fround : (v) => v);
  const grad = new Float64Array(x.length);
  return {
    precision,
    evaluate() {
      const loss = precision === 'float32' ? objective.value32(x) : objective.value(x);
      if (precision === 'float32') objective.gradient32(x, grad);
      else objective.gradient(x, grad);
      if (noise) addNoise(grad, noise(x.length), precision);
      return { x, loss, grad };
    },
    step() {
      // After the row recorded the gradient, as torch clips between backward() and step().
      clip?.(grad);
      rule.step(x, grad);
    },
    parameters: () => x,
    learningRate: () => rule.schedule.getLr(),
  };
}
