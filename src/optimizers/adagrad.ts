import { ADAGRAD, ReferenceOptimizer } from '@optim-mirror/torch/reference';
import { NON_NEGATIVE } from './optimizer';
import { lazyState, referenceRule, TFJS_BACKEND_EPSILON, type Rounding, type UpdateRule } from './rule';
import { DEFAULT_LR, defineTfTrain, LR_FLAG } from './tfTrain';

/**
 * Adagrad.
 *   TF.js   tf.train.adagrad(lr, initialAccumulatorValue = 0.1):
 *           s ← s + g²;   x ← x − lr·g / √(s + ε),   ε = the backend's epsilon (1e-7), not settable.
 *   PyTorch optim.Adagrad(lr, initial_accumulator_value = 0, eps = 1e-10):
 *           s ← s + g²;   x ← x − lr·g / (√s + ε).
 * Differs: ε inside the root in TF.js, outside in PyTorch, and 1000× larger; the accumulator starts
 * at 0.1 in TF.js and 0 in PyTorch, which damps TF.js's first steps when gradients are small.
 */
export interface AdagradHyperparameters {
  lr: number;
  initialAccumulatorValue: number;
}

export function adagradTfjsRule(hp: AdagradHyperparameters, round: Rounding): UpdateRule {
  const { initialAccumulatorValue } = hp;
  const epsilon = round(TFJS_BACKEND_EPSILON);
  const state = lazyState(1, round(initialAccumulatorValue)); // squared-gradient sum s
  return {
    step(x, grad) {
      // TF.js reads learningRate at every step.
      const negativeLr = round(-hp.lr);
      const [s] = state(x.length);
      for (let i = 0; i < x.length; i++) {
        s[i] = round(s[i] + round(grad[i] * grad[i]));
        const scaled = round(grad[i] / round(Math.sqrt(round(s[i] + epsilon))));
        x[i] = round(round(scaled * negativeLr) + x[i]);
      }
    },
  };
}

export interface AdagradTorchHyperparameters {
  lr: number;
  initialAccumulatorValue: number;
  epsilon: number;
}

export const adagrad = defineTfTrain<AdagradHyperparameters, AdagradTorchHyperparameters>({
  name: 'adagrad',
  title: 'Adagrad',
  colour: '#2ca02c',
  tfjsCall: 'tf.train.adagrad(lr, initialAccumulatorValue)',
  torchCall: 'torch.optim.Adagrad(lr, initial_accumulator_value, eps)',
  tfjsUpdate: 's ← s + g²  (s starts at 0.1);  x ← x − lr·g / √(s + 1e-7)',
  torchUpdate: 's ← s + g²  (s starts at 0);  x ← x − lr·g / (√s + ε), ε = 1e-10',
  sameRuleAsTorch: false,
  ruleDifference: `ε inside the root in TF.js (g/√(s+ε), ε = ${TFJS_BACKEND_EPSILON} fixed), outside in PyTorch (g/(√s+ε))`,
  porting: {
    code: 'new Adagrad({ lr, initialAccumulatorValue: 0, eps: 1e-10 }) from @optim-mirror/torch',
    note: 'no tf.train call matches: TF.js fixes ε at 1e-7 and puts it inside the root, and starts the sum at 0.1',
  },
  flags: {
    lr: LR_FLAG,
    initialAccumulatorValue: {
      flag: 'initial-accumulator-value',
      kind: 'number',
      meaning: 'starting value of the squared-gradient sum',
      domain: NON_NEGATIVE,
    },
  },
  tfjsDefaults: { lr: DEFAULT_LR, initialAccumulatorValue: 0.1 },
  torchDefaults: { lr: DEFAULT_LR, initialAccumulatorValue: 0, epsilon: 1e-10 },
  torchTakes: ['lr', 'initialAccumulatorValue'],
  tfjsRule: adagradTfjsRule,
  torchRule: ({ lr, initialAccumulatorValue, epsilon }) =>
    referenceRule(new ReferenceOptimizer(ADAGRAD, { lr, initialAccumulatorValue, eps: epsilon }), 'Adagrad'),
  create: (tf, { lr, initialAccumulatorValue }) => tf.train.adagrad(lr, initialAccumulatorValue),
});
