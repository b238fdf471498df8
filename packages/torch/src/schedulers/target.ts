import * as tf from '@tensorflow/tfjs-core';
import { optionsTarget, type Knob, type OptionsOptimizer, type ScheduleTarget } from './optionsTarget';

export type { Knob, ScheduleTarget } from './optionsTarget';

/** The library's class names ("torch.SGD") without the prefix, for messages. */
function libraryName(optimizer: object): string {
  const name = (optimizer.constructor as { className?: unknown }).className;
  return typeof name === 'string' ? name.replace(/^torch\./, '') : optimizer.constructor.name;
}

/** What schedulers accept: a target, an optimizer of this library, or a tf.train optimizer. */
export type Schedulable = ScheduleTarget | tf.Optimizer | OptionsOptimizer;

function isTarget(value: object): value is ScheduleTarget {
  const candidate = value as Partial<ScheduleTarget>;
  return typeof candidate.getLr === 'function' && typeof candidate.setLr === 'function';
}

function isOptionsOptimizer(value: object): value is OptionsOptimizer {
  const candidate = value as Partial<OptionsOptimizer>;
  if (typeof candidate.getOptions !== 'function' || typeof candidate.setOptions !== 'function') return false;
  const options: unknown = candidate.getOptions();
  return typeof options === 'object' && options !== null && typeof (options as { lr?: unknown }).lr === 'number';
}

/**
 * tf.train's optimizers keep the lr in a field TypeScript declares protected (the `protected` is
 * compile-time only); Adam, Adagrad, Adadelta, Adamax and RMSProp read it at every step, RMSProp
 * its momentum too.
 */
interface TfTrainFields {
  learningRate: number;
  momentum?: number;
}

/** The library class that does what a tf.train optimizer cannot, by tf.train's class name. */
const LIBRARY_EQUIVALENT: Partial<Record<string, string>> = {
  SGD: 'SGD',
  Momentum: 'SGD',
  Adam: 'Adam',
  Adamax: 'Adamax',
  RMSProp: 'RMSprop',
  Adagrad: 'Adagrad',
  Adadelta: 'Adadelta',
};

/** tf.train's factory name for a class name: `Momentum` → `tf.train.momentum`. */
function tfTrainName(className: string): string {
  return `tf.train.${className === 'RMSProp' ? 'rmsprop' : className.toLowerCase()}`;
}

/**
 * What tfjs-core 4.x's optimizers do with each setting, read from their applyGradients:
 * - SGDOptimizer and MomentumOptimizer step by the scalar tensor `c` that only setLearningRate
 *   renews; assigning `learningRate` changes nothing.
 * - Adam, Adagrad, Adadelta, Adamax and RMSProp multiply by `this.learningRate` at every step.
 * - MomentumOptimizer multiplies by the tensor `m` made once in its constructor; setMomentum only
 *   changes the `momentum` field that getConfig reports.
 * - Adam and Adamax read `this.beta1` for the moment update, but their bias correction is the
 *   running product of the β1s in force (the float32 variable accBeta1), where torch divides by
 *   1 − β1ᵗ with the current β1: no assignment makes them follow torch's β1 schedule.
 * - RMSProp multiplies its moment buffer by `this.momentum` at every step.
 */
function tfTrainTarget(optimizer: tf.Optimizer): ScheduleTarget {
  const className = optimizer.getClassName();
  const description = tfTrainName(className);
  // Protected fields, see TfTrainFields.
  const fields = optimizer as unknown as TfTrainFields;
  const use = `${LIBRARY_EQUIVALENT[className] ?? 'an optimizer'} from @optim-mirror/torch`;
  if (typeof fields.learningRate !== 'number') {
    throw new Error(`${description} has no learning rate a schedule can read (a tf.train optimizer was expected)`);
  }
  const getLr = (): number => fields.learningRate;
  switch (className) {
    case 'SGD':
      return {
        description,
        getLr,
        setLr: (lr) => (optimizer as tf.SGDOptimizer).setLearningRate(lr),
        fixedMomentum: {
          what: 'a momentum',
          why: `${description} has none (torch's SGD always has one, 0 by default)`,
          use,
        },
      };
    case 'Momentum':
      return {
        description,
        getLr,
        setLr: (lr) => (optimizer as tf.MomentumOptimizer).setLearningRate(lr),
        fixedMomentum: {
          what: 'a momentum',
          why: `${description}'s setMomentum does not change its update`,
          use,
        },
      };
    case 'Adam':
    case 'Adamax':
      return {
        description,
        getLr,
        setLr: (lr) => {
          fields.learningRate = lr;
        },
        fixedMomentum: {
          what: 'a β1',
          why: `${description} folds each β1 into a running product (accBeta1) where torch takes 1 − β1ᵗ of the current β1`,
          use,
        },
      };
    case 'RMSProp':
      return {
        description,
        getLr,
        setLr: (lr) => {
          fields.learningRate = lr;
        },
        momentum: {
          get: () => fields.momentum ?? 0,
          set: (value) => {
            fields.momentum = value;
          },
        },
      };
    case 'Adagrad':
    case 'Adadelta':
      return {
        description,
        getLr,
        setLr: (lr) => {
          fields.learningRate = lr;
        },
      };
    default:
      throw new Error(
        `${description}: a schedule cannot tell whether ${className} reads its learning rate at every step: use a tf.train optimizer or one from @optim-mirror/torch`,
      );
  }
}

/**
 * torch keeps `initial_lr`, `max_lr`, `min_lr`, `max_momentum` and `base_momentum` in the param
 * group, shared by every scheduler of the optimizer (the second scheduler's base_lrs are the
 * initial_lr the first one recorded); here they live beside the target.
 */
const GROUPS = new WeakMap<ScheduleTarget, Map<string, number>>();
const TARGETS = new WeakMap<object, ScheduleTarget>();

/**
 * The target of an optimizer: the same object for the same optimizer, so schedulers built on it
 * share torch's param-group entries and can be chained or sequenced.
 */
export function scheduleTarget(optimizer: Schedulable): ScheduleTarget {
  if (isTarget(optimizer)) return optimizer;
  const known = TARGETS.get(optimizer);
  if (known) return known;
  let target: ScheduleTarget;
  if (isOptionsOptimizer(optimizer)) target = optionsTarget(optimizer, libraryName(optimizer));
  // tf.Optimizer's instanceof checks for minimize, computeGradients and applyGradients, so it also
  // recognizes optimizers of another copy of tfjs-core.
  else if (optimizer instanceof tf.Optimizer) target = tfTrainTarget(optimizer);
  else {
    throw new Error(
      'a scheduler needs an optimizer: one from @optim-mirror/torch, a tf.train optimizer or a ScheduleTarget',
    );
  }
  TARGETS.set(optimizer, target);
  return target;
}

/** torch's param group entries beyond lr, for this target. */
export function groupOf(target: ScheduleTarget): Map<string, number> {
  let group = GROUPS.get(target);
  if (!group) {
    group = new Map();
    GROUPS.set(target, group);
  }
  return group;
}

/** A param-group entry torch would have set already (a KeyError in torch if not). */
export function groupValue(target: ScheduleTarget, key: string): number {
  const value = groupOf(target).get(key);
  if (value === undefined) throw new Error(`${target.description}: no '${key}' in its param group`);
  return value;
}

/**
 * The knob torch cycles for `cycle_momentum`: β1 when the optimizer has betas, else the momentum
 * (torch: `use_beta1 = 'betas' in optimizer.defaults`). An Error in one line when there is none
 * that can change between steps, naming the library class that can.
 */
export function cycledKnob(target: ScheduleTarget, scheduler: string, cycleMomentum: string): Knob {
  const knob = target.beta1 ?? target.momentum;
  if (knob) return knob;
  if (target.fixedMomentum) {
    const { what, why, use } = target.fixedMomentum;
    throw new Error(
      `${scheduler}: ${cycleMomentum} needs ${what} that can change between steps, and ${why}: use ${use}`,
    );
  }
  throw new Error(
    `${scheduler}: ${cycleMomentum} needs an optimizer with a momentum or β1, and ${target.description} has neither (torch: "optimizer must support momentum or beta1 with \`cycle_momentum\` option enabled"): pass ${cycleMomentum} false`,
  );
}
