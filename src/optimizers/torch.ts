import type * as TfCore from '@tensorflow/tfjs-core';
import {
  ADADELTA,
  ADAGRAD,
  ADAM,
  ADAMAX,
  ADAMW,
  NADAM,
  RADAM,
  ReferenceOptimizer,
  referenceFromTorchStateDict,
  RMSPROP,
  SGD,
  type OptionSpec,
  type TorchRule,
} from '@optim-mirror/torch/reference';
import type * as TorchLibrary from '@optim-mirror/torch';
import {
  readHyperparameters,
  type HyperparameterValues,
  type OptimizerDefinition,
  type ResolvedOptimizer,
  type TakenFlag,
  type Value,
} from './optimizer';
import type { Precision } from '../run/history';
import { referenceRule } from './rule';

/**
 * The `torch.*` optimizers: @optim-mirror/torch's, whose modules hold every fact (torch.optim's
 * options with their defaults and checks, the rule, its formula). Their flags are torch.optim's
 * argument names in kebab-case (`weight_decay` → `--weight-decay`), with torch's defaults, lr
 * included. Every run follows torch's rule: `tfjs` is the library's optimizer on TF.js, `manual`
 * and `pytorch` its float64 reference, `manual32` that reference in float32, which replays the
 * TF.js run's kernels.
 */

/** `weight_decay` → `weight-decay`. */
export function kebabCase(torchName: string): string {
  return torchName.replace(/_/g, '-');
}

/**
 * What each torch.optim argument means, one text per name (each optimizer's module says more): a
 * flag means the same to every optimizer that takes it, and to a tf.train optimizer taking a flag
 * of the same name (`--lr`, `--momentum`, `--rho`, …) it means the same too.
 */
const MEANINGS: Record<string, string> = {
  lr: 'learning rate',
  momentum: 'momentum',
  dampening: 'dampening: the gradient enters the momentum buffer scaled by 1 − dampening',
  weight_decay: 'weight decay λ (L2 on the gradient; AdamW: decoupled, p ← p·(1 − lr·λ))',
  nesterov: 'Nesterov momentum (a switch)',
  maximize: 'maximize the objective (a switch)',
  betas: 'β1,β2: decay rates of the first and second moment averages (Adamax: of the infinity norm)',
  eps: 'ε, for numerical stability (where it sits: see each optimizer)',
  amsgrad: 'AMSGrad: divide by the largest second moment so far (a switch)',
  lr_decay: 'learning-rate decay: step t uses lr / (1 + (t − 1)·lr_decay)',
  initial_accumulator_value: 'starting value of the squared-gradient sum',
  rho: 'averaging decay ρ',
  alpha: 'averaging decay α of the squared gradient',
  centered: 'centered RMSProp (a switch)',
  momentum_decay: "momentum decay ψ of NAdam's schedule μₜ = β1·(1 − ½·0.96^(t·ψ))",
};

function flagOf(key: string, spec: OptionSpec): TakenFlag {
  const flag = kebabCase(spec.torch);
  const meaning = MEANINGS[spec.torch] ?? spec.doc;
  if (spec.kind === 'boolean') return { key, flag, kind: 'boolean', meaning };
  return { key, flag, kind: spec.kind, meaning, domain: spec.domain };
}

function valuesOf(options: object): HyperparameterValues {
  const out: HyperparameterValues = {};
  for (const [key, value] of Object.entries(options) as Array<[string, Value]>) out[key] = value;
  return out;
}

function defineTorch<O extends { lr: number }>(
  rule: TorchRule<O>,
  colour: string,
  create: (library: typeof TorchLibrary, options: O) => TfCore.Optimizer,
): OptimizerDefinition {
  const specs = Object.entries<OptionSpec>(rule.options);
  const flagNames = Object.fromEntries(specs.map(([key, spec]) => [key, kebabCase(spec.torch)]));
  const defaults: Record<string, unknown> = Object.fromEntries(specs.map(([key, spec]) => [key, spec.default]));
  const defaultValues = valuesOf(defaults);
  const definition: OptimizerDefinition = {
    name: `torch.${rule.className.toLowerCase()}`,
    title: `torch.${rule.className}`,
    vocabulary: 'torch',
    colour,
    flags: specs.map(([key, spec]) => flagOf(key, spec)),
    defaults: { tfjs: defaultValues, pytorch: defaultValues },
    tfjsCall: `new ${rule.className}({ … }) from @optim-mirror/torch`,
    torchCall: `torch.optim.${rule.className}(params, …)`,
    tfjsUpdate: rule.formula,
    torchUpdate: rule.formula,
    sameRuleAsTorch: true,
    ruleDifference: "torch.optim's rule, run on TF.js by @optim-mirror/torch",
    porting: {
      code: `new ${rule.className}({ … }) from @optim-mirror/torch`,
      note: `torch.optim.${rule.className}'s arguments in camelCase, torch's defaults`,
    },
    resumesTorch: true,
    resolve(given, resume): ResolvedOptimizer | string {
      const options = readHyperparameters(given, flagNames, { ...defaults, ...resume?.options } as O);
      const broken = rule.rules.find((r) => r.violated(options));
      if (broken) return broken.message((option) => `--${flagNames[option]}`);
      // A reference optimizer at the file's state (torch's step counts, moments, buffers), or fresh.
      const reference = (precision: Precision): ReferenceOptimizer<O> => {
        const optimizer = new ReferenceOptimizer(rule, options, precision);
        if (resume) referenceFromTorchStateDict([optimizer], resume.json);
        return optimizer;
      };
      return {
        definition,
        hyperparameters: { tfjs: valuesOf(options), pytorch: valuesOf(options) },
        lr: options.lr,
        manualRule: (precision) => referenceRule(reference(precision), rule.className),
        pytorchRule: () => referenceRule(reference('float64'), rule.className),
        createTfjs: ({ torch }) => create(torch, options),
      };
    },
  };
  return definition;
}

/** The nine, in the order of torch.optim's documentation; each a colour of its own. */
export const TORCH_OPTIMIZERS: readonly OptimizerDefinition[] = [
  defineTorch(SGD, '#bcbd22', (torch, o) => new torch.SGD(o)),
  defineTorch(ADAM, '#17becf', (torch, o) => new torch.Adam(o)),
  defineTorch(ADAMW, '#0b3d91', (torch, o) => new torch.AdamW(o)),
  defineTorch(ADAGRAD, '#006d2c', (torch, o) => new torch.Adagrad(o)),
  defineTorch(ADADELTA, '#54278f', (torch, o) => new torch.Adadelta(o)),
  defineTorch(RMSPROP, '#ae017e', (torch, o) => new torch.RMSprop(o)),
  defineTorch(ADAMAX, '#b8860b', (torch, o) => new torch.Adamax(o)),
  defineTorch(NADAM, '#e6550d', (torch, o) => new torch.NAdam(o)),
  defineTorch(RADAM, '#525252', (torch, o) => new torch.RAdam(o)),
];
