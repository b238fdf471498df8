import type * as TfCore from '@tensorflow/tfjs-core';
import {
  readHyperparameters,
  type HyperparameterFlag,
  type HyperparameterValues,
  type OptimizerDefinition,
  type ResolvedOptimizer,
  type TakenFlag,
  type Value,
} from './optimizer';
import type { ScheduleTarget } from '@optim-mirror/torch/reference';
import { float32, float64, type Rounding, type TrainingRule, type UpdateRule } from './rule';

/** The learning rate every tf.train optimizer starts from unless told otherwise: the original's. */
export const DEFAULT_LR = 0.1;

/** The TF.js flag --lr, the same for every tf.train optimizer. */
export const LR_FLAG: HyperparameterFlag = {
  flag: 'lr',
  kind: 'number',
  meaning: 'learning rate',
  domain: { words: 'must be ≥ 0', accepts: (v) => v >= 0 },
};

/**
 * One `tf.train` optimizer: H is its hyperparameters by TF.js's names, P the torch.optim
 * hyperparameters its `pytorch` run uses (by the same names where they share a role).
 */
/** Every hyperparameter of a tf.train optimizer is a number or a switch. */
type Plain<H> = { [K in keyof H]: number | boolean } & { lr: number };

export interface TfTrainSpec<H extends Plain<H>, P extends object> {
  name: string;
  title: string;
  colour: string;
  tfjsCall: string;
  torchCall: string;
  tfjsUpdate: string;
  torchUpdate: string;
  sameRuleAsTorch: boolean;
  ruleDifference: string;
  /** What to write in TF.js to get torch.optim's behaviour. */
  porting: { code: string; note: string };
  /** Each hyperparameter's flag. */
  flags: { readonly [K in keyof H]: HyperparameterFlag };
  /** What TF.js uses when a flag is not given (lr: ours, 0.1, for all). */
  tfjsDefaults: H;
  /** What torch.optim uses when a flag is not given. */
  torchDefaults: P;
  /** The flags that also set the pytorch run (default: every flag it shares with P). */
  torchTakes: ReadonlyArray<keyof H & keyof P & string>;
  /** A rule across hyperparameters, or null when they fit. */
  check?(hp: H): string | null;
  /** The Float64 (round = identity) or float32 (Math.fround) mirror of TF.js's rule. */
  tfjsRule(hp: H, round: Rounding): UpdateRule;
  /** torch.optim's rule in float64 (the library's reference), with these hyperparameters. */
  torchRule(hp: P): TrainingRule;
  /** The hyperparameter TF.js reads at every step as a momentum (RMSProp's), which a schedule may cycle. */
  scheduledMomentum?: keyof H & string;
  /**
   * Why a schedule cannot cycle this optimizer's momentum or β1 in TF.js (its constructor fixes
   * them), and the torch.* optimizer that can.
   */
  fixedMomentum?: { what: string; why: string; use: string };
  /** The real tf.train optimizer. */
  create(tf: typeof TfCore, hp: H): TfCore.Optimizer;
}

function values(hp: object): HyperparameterValues {
  const out: HyperparameterValues = {};
  for (const [key, value] of Object.entries(hp) as Array<[string, Value]>) out[key] = value;
  return out;
}

/**
 * What a schedule drives in a mirror of TF.js's rule: the lr, which the mirror reads at every step
 * as TF.js does, and RMSProp's momentum. A momentum or β1 TF.js cannot change is refused by the
 * TF.js run's own schedule first.
 */
function mirrorTarget<H extends Plain<H>, P extends object>(spec: TfTrainSpec<H, P>, hp: H): ScheduleTarget {
  const values: Record<string, number | boolean> = hp;
  // Named as the TF.js run is: a schedule refuses both for the same reason.
  const description = spec.tfjsCall.replace(/\(.*/, '');
  const lr = { getLr: () => hp.lr, setLr: (value: number) => void (values.lr = value) };
  const key = spec.scheduledMomentum;
  if (key === undefined) return { description, ...lr, fixedMomentum: spec.fixedMomentum };
  return {
    description,
    ...lr,
    momentum: { get: () => Number(values[key]), set: (value: number) => void (values[key] = value) },
  };
}

/** The definition the registry lists, from a tf.train optimizer's typed spec. */
export function defineTfTrain<H extends Plain<H>, P extends object>(spec: TfTrainSpec<H, P>): OptimizerDefinition {
  const flags: TakenFlag[] = Object.entries<HyperparameterFlag>(spec.flags).map(([key, flag]) => ({ ...flag, key }));
  const flagNames = Object.fromEntries(flags.map(({ key, flag }) => [key, flag]));
  const torchFlagNames = Object.fromEntries(spec.torchTakes.map((key) => [key, spec.flags[key].flag]));
  const definition: OptimizerDefinition = {
    name: spec.name,
    title: spec.title,
    vocabulary: 'tf.train',
    colour: spec.colour,
    flags,
    defaults: { tfjs: values(spec.tfjsDefaults), pytorch: values(spec.torchDefaults) },
    tfjsCall: spec.tfjsCall,
    torchCall: spec.torchCall,
    tfjsUpdate: spec.tfjsUpdate,
    torchUpdate: spec.torchUpdate,
    sameRuleAsTorch: spec.sameRuleAsTorch,
    ruleDifference: spec.ruleDifference,
    porting: spec.porting,
    resumesTorch: false,
    resolve(given): ResolvedOptimizer | string {
      const tfjs = readHyperparameters(given, flagNames, spec.tfjsDefaults);
      const problem = spec.check?.(tfjs) ?? null;
      if (problem) return problem;
      const pytorch = readHyperparameters(given, torchFlagNames, spec.torchDefaults);
      return {
        definition,
        hyperparameters: { tfjs: values(tfjs), pytorch: values(pytorch) },
        lr: tfjs.lr,
        manualRule(precision) {
          // A copy per run: a schedule changes its lr (and momentum) between steps.
          const hp: H = { ...tfjs };
          const rule = spec.tfjsRule(hp, precision === 'float32' ? float32 : float64);
          return { step: (x, grad) => rule.step(x, grad), schedule: mirrorTarget(spec, hp) };
        },
        pytorchRule: () => spec.torchRule(pytorch),
        createTfjs: ({ tf }) => spec.create(tf, tfjs),
      };
    },
  };
  return definition;
}
