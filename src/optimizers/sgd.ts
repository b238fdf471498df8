import { ReferenceOptimizer, SGD } from '@optim-mirror/torch/reference';
import { LR_FLAG, DEFAULT_LR, defineTfTrain } from './tfTrain';
import { referenceRule, type Rounding, type UpdateRule } from './rule';

/**
 * SGD.
 *   TF.js   tf.train.sgd(lr):  x ← x + c·g, with c = −lr kept as a float32 scalar.
 *   PyTorch optim.SGD(lr):     x ← x − lr·g  (param.add_(grad, alpha=−lr)).
 * The same rule: in float64, x + (−lr)·g and x − lr·g are the same number (negation is exact).
 * TF.js's only difference is float32 itself (lr = 0.1 becomes 0.100000001490116…).
 */
export interface SgdHyperparameters {
  lr: number;
}

export function sgdTfjsRule(hp: SgdHyperparameters, round: Rounding): UpdateRule {
  return {
    step(x, grad) {
      // setLearningRate makes c anew; a schedule may change hp.lr between steps.
      const c = round(-hp.lr);
      for (let i = 0; i < x.length; i++) x[i] = round(round(c * grad[i]) + x[i]);
    },
  };
}

export const sgd = defineTfTrain<SgdHyperparameters, SgdHyperparameters>({
  name: 'sgd',
  title: 'SGD',
  // The original's red.
  colour: '#d62728',
  tfjsCall: 'tf.train.sgd(lr)',
  torchCall: 'torch.optim.SGD(lr)',
  tfjsUpdate: 'x ← x + c·g, c = −lr (a float32 scalar)',
  torchUpdate: 'x ← x − lr·g',
  sameRuleAsTorch: true,
  ruleDifference: 'x ← x − lr·g in both',
  porting: {
    code: 'tf.train.sgd(lr)',
    note: 'the same rule: exact for torch.optim.SGD(params, lr) (momentum, dampening or weight_decay: SGD from @optim-mirror/torch)',
  },
  flags: { lr: LR_FLAG },
  tfjsDefaults: { lr: DEFAULT_LR },
  torchDefaults: { lr: DEFAULT_LR },
  torchTakes: ['lr'],
  fixedMomentum: {
    what: 'a momentum',
    why: "tf.train.sgd has none (torch's SGD always has one, 0 by default)",
    use: 'SGD from @optim-mirror/torch (--optimizer torch.sgd)',
  },
  tfjsRule: sgdTfjsRule,
  torchRule: ({ lr }) => referenceRule(new ReferenceOptimizer(SGD, { lr }), 'SGD'),
  create: (tf, { lr }) => tf.train.sgd(lr),
});
