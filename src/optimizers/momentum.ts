import { ReferenceOptimizer, SGD } from '@optim-mirror/torch/reference';
import { NON_NEGATIVE } from './optimizer';
import { lazyState, referenceRule, type Rounding, type UpdateRule } from './rule';
import { DEFAULT_LR, defineTfTrain, LR_FLAG } from './tfTrain';

/**
 * Momentum (heavy ball), optionally Nesterov.
 *   TF.js   tf.train.momentum(lr, m, nesterov):  a ← m·a + g
 *           x ← x + c·a,  or with Nesterov  x ← x + c·(g + m·a),   c = −lr, a starts at 0.
 *   PyTorch optim.SGD(lr, momentum=m, nesterov):  b ← g on the first step, then b ← m·b + g;
 *           x ← x − lr·b,  or with Nesterov  x ← x − lr·(g + m·b).
 * The same rule (a zero buffer times m plus g is g). TF.js has no default momentum; PyTorch's is 0,
 * which would make this plain SGD, so both runs get our default, 0.9, unless --momentum is given.
 * TF.js's MomentumOptimizer.dispose() never frees SGD's learning-rate scalar (tfjs#4647): one
 * tensor is left behind per optimizer.
 */
export interface MomentumHyperparameters {
  lr: number;
  momentum: number;
  nesterov: boolean;
}

export function momentumTfjsRule(hp: MomentumHyperparameters, round: Rounding): UpdateRule {
  const { momentum, nesterov } = hp;
  const m = round(momentum);
  const state = lazyState(1); // accumulation a
  return {
    step(x, grad) {
      // setLearningRate makes c anew; the momentum scalar m stays what the constructor made.
      const c = round(-hp.lr);
      const [a] = state(x.length);
      for (let i = 0; i < x.length; i++) {
        a[i] = round(round(m * a[i]) + grad[i]);
        const direction = nesterov ? round(grad[i] + round(a[i] * m)) : a[i];
        x[i] = round(round(c * direction) + x[i]);
      }
    },
  };
}

export const momentum = defineTfTrain<MomentumHyperparameters, MomentumHyperparameters>({
  name: 'momentum',
  title: 'Momentum',
  colour: '#ff7f0e',
  tfjsCall: 'tf.train.momentum(lr, momentum, useNesterov)',
  torchCall: 'torch.optim.SGD(lr, momentum, nesterov)',
  tfjsUpdate: 'a ← m·a + g;  x ← x − lr·a  (Nesterov: x ← x − lr·(g + m·a)); a starts at 0',
  torchUpdate: 'b ← g (first step), then b ← m·b + g;  x ← x − lr·b  (Nesterov: x ← x − lr·(g + m·b))',
  sameRuleAsTorch: true,
  ruleDifference: 'b ← m·b + g, x ← x − lr·b in both (Nesterov: x ← x − lr·(g + m·b))',
  porting: {
    code: 'tf.train.momentum(lr, momentum, nesterov)',
    note: 'the same rule for torch.optim.SGD(params, lr, momentum, nesterov=…); pass the momentum, which torch defaults to 0 and tf.train to none (dampening or weight_decay: SGD from @optim-mirror/torch)',
  },
  flags: {
    lr: LR_FLAG,
    momentum: { flag: 'momentum', kind: 'number', meaning: 'momentum', domain: NON_NEGATIVE },
    nesterov: { flag: 'nesterov', kind: 'boolean', meaning: 'Nesterov momentum (a switch)' },
  },
  // tf.train.momentum has no default momentum, and torch's 0 would be plain SGD: ours, 0.9, for both.
  tfjsDefaults: { lr: DEFAULT_LR, momentum: 0.9, nesterov: false },
  torchDefaults: { lr: DEFAULT_LR, momentum: 0.9, nesterov: false },
  torchTakes: ['lr', 'momentum', 'nesterov'],
  check: (hp) =>
    hp.nesterov && !(hp.momentum > 0)
      ? '--nesterov needs --momentum > 0 (PyTorch refuses Nesterov without momentum)'
      : null,
  fixedMomentum: {
    what: 'a momentum',
    why: "tf.train.momentum's setMomentum does not change its update",
    use: 'SGD from @optim-mirror/torch (--optimizer torch.sgd)',
  },
  tfjsRule: momentumTfjsRule,
  torchRule: ({ lr, momentum, nesterov }) =>
    referenceRule(new ReferenceOptimizer(SGD, { lr, momentum, nesterov }), 'SGD'),
  create: (tf, { lr, momentum, nesterov }) => tf.train.momentum(lr, momentum, nesterov),
});
