import type { ScheduleTarget, SchedulerCall } from '@optim-mirror/torch/reference';
import { adadelta } from '../optimizers/adadelta';
import { adagrad } from '../optimizers/adagrad';
import { adamax } from '../optimizers/adamax';
import { momentum } from '../optimizers/momentum';
import type { OptimizerDefinition } from '../optimizers/optimizer';
import { rmsprop } from '../optimizers/rmsprop';
import { sgd } from '../optimizers/sgd';
import { torchLibrary } from './library';
import type { OptimizerCall, OptionValue } from './optimizerCall';
import { tfTrainCall, type TfTrainCall } from './tfTrain';

/**
 * Which TF.js code follows torch's rule for the arguments given: tf.train's optimizer where its
 * rule *is* torch's for them, computed in the same precision, or else the class of the same name
 * from @optim-mirror/torch, with the reason.
 *
 * tf.train's rule is torch's exactly for
 * - SGD without momentum, weight decay or maximize: tf.train.sgd(lr) (x ← x − lr·g);
 * - SGD with momentum and dampening 0 (no weight decay or maximize): tf.train.momentum(lr, μ,
 *   nesterov): its accumulator a ← μa + g starts at 0, so the first step's a is g, torch's first
 *   buffer, and lr multiplies outside the buffer in both, so a schedule changing lr is followed;
 * - RMSprop with eps = 0 (no weight decay or maximize): TF.js's ε sits inside the root and torch's
 *   outside, which is the same root when ε is 0; TF.js keeps lr inside its momentum buffer
 *   (b ← μb + lr·g/√s) where torch multiplies after (b ← μb + g/√s, p ← p − lr·b): equal only while
 *   lr is constant, so with a schedule only without momentum, and only a schedule that sets none.
 * Each of these, and nothing else, is held by the test against torch's float64 rule within a
 * float32 bound (test/port.test.ts) and measured by every run of the command.
 *
 * Adam (and AdamW without weight decay), and Adamax with eps = 0, have torch's formula in
 * tf.train.adam and tf.train.adamax but not its precision: TF.js keeps the bias corrections' β1ᵗ
 * (and β2ᵗ) as float32 running products, torch computes them as Python floats (float64). 1 − βᵗ is
 * then off by up to β/(1 − β)·2⁻²⁴ relative from the first step (6e-5 for β2 = 0.999), an error
 * in every step size that torch's own float32 run does not make. It hides under float32's rounding
 * of x while the steps are small beside x, and shows once they are not: on Rosenbrock from
 * (−1.5, 2) at lr 0.1, tf.train.adam strays 13× further from torch's float64 path than torch's
 * float32 run does (the bound's ratio 13.5; 0.25 with the β powers in float64, 0.54 at lr 1e-3).
 * The port prints the library's class and measures that tf.train call beside it.
 */

export type PortChoice =
  | { kind: 'tf.train'; call: TfTrainCall }
  | {
      kind: 'library';
      className: string;
      /** Why no tf.train call follows torch here, in one line. */
      why: string;
      /** A tf.train call with torch's formula but not its precision, measured beside the library's. */
      alternative: { call: TfTrainCall; why: string } | null;
    };

const BETA_POWERS =
  "keeps β1ᵗ and β2ᵗ as float32 running products where torch computes them in float64: 1 − βᵗ is off by up to β/(1 − β)·2⁻²⁴ relative (6e-5 at β = 0.999), an error in every step that float32 rounding of torch's own run does not make, and that shows once the steps are large beside float32's resolution of x (13× the bound at lr 0.1 on Rosenbrock)";

/** Why `call` cannot drive `target`, in one line (torch's refusal or tf.train's limits), or null. */
function scheduleProblem(schedule: SchedulerCall | null, target: ScheduleTarget): string | null {
  if (schedule === null) return null;
  try {
    torchLibrary().buildScheduler(schedule, target);
    return null;
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0];
  }
}

/**
 * The schedule target of a tf.train optimizer as the project's mirror of it has it (its
 * lr, and why a momentum schedule cannot change it), naming the library class to use instead.
 */
function tfTrainTarget(definition: OptimizerDefinition, given: Map<string, number | boolean>): ScheduleTarget {
  const resolved = definition.resolve(given);
  if (typeof resolved === 'string') throw new Error(resolved);
  const target = resolved.manualRule('float64').schedule;
  const fixed = target.fixedMomentum;
  return fixed === undefined ? target : { ...target, fixedMomentum: { ...fixed, use: 'SGD from @optim-mirror/torch' } };
}

/** A target with an lr and nothing a momentum schedule could set. */
function lrOnlyTarget(description: string, lr: number): ScheduleTarget {
  let value = lr;
  return { description, getLr: () => value, setLr: (next) => void (value = next) };
}

function library(
  className: string,
  why: string,
  alternative: { call: TfTrainCall; why: string } | null = null,
): PortChoice {
  return { kind: 'library', className, why, alternative };
}

const num = (value: OptionValue | undefined): number => (typeof value === 'number' ? value : NaN);

function chooseSgd(o: Readonly<Record<string, OptionValue>>, schedule: SchedulerCall | null): PortChoice {
  if (o.maximize === true) return library('SGD', 'tf.train.sgd and tf.train.momentum cannot maximize');
  if (num(o.weightDecay) !== 0) return library('SGD', 'tf.train has no weight decay');
  const lr = num(o.lr);
  if (num(o.momentum) === 0) {
    const problem = scheduleProblem(schedule, tfTrainTarget(sgd, new Map([['lr', lr]])));
    return problem === null ? { kind: 'tf.train', call: tfTrainCall('sgd', o) } : library('SGD', problem);
  }
  if (num(o.dampening) !== 0) {
    return library('SGD', 'tf.train.momentum adds the gradient undamped (dampening 0 only)');
  }
  const target = tfTrainTarget(
    momentum,
    new Map<string, number | boolean>([
      ['lr', lr],
      ['momentum', num(o.momentum)],
      ['nesterov', o.nesterov === true],
    ]),
  );
  const problem = scheduleProblem(schedule, target);
  return problem === null ? { kind: 'tf.train', call: tfTrainCall('momentum', o) } : library('SGD', problem);
}

function chooseRmsprop(o: Readonly<Record<string, OptionValue>>, schedule: SchedulerCall | null): PortChoice {
  if (num(o.eps) !== 0) return library('RMSprop', rmsprop.porting.note);
  if (num(o.weightDecay) !== 0) return library('RMSprop', 'tf.train.rmsprop has no weight decay');
  if (o.maximize === true) return library('RMSprop', 'tf.train.rmsprop cannot maximize');
  if (schedule !== null) {
    const lrInBuffer =
      'tf.train.rmsprop keeps lr inside its momentum buffer (b ← μb + lr·g/√s, torch: b ← μb + g/√s, p ← p − lr·b): with a schedule only without momentum';
    if (num(o.momentum) !== 0) return library('RMSprop', lrInBuffer);
    if (scheduleProblem(schedule, lrOnlyTarget('tf.train.rmsprop', num(o.lr))) !== null) {
      return library('RMSprop', `${lrInBuffer}, and this schedule sets one`);
    }
  }
  return { kind: 'tf.train', call: tfTrainCall('rmsprop', o) };
}

/** Adam's formula without its variants, which tf.train.adam has: a measured alternative. */
function adamAlternative(
  o: Readonly<Record<string, OptionValue>>,
  schedule: SchedulerCall | null,
): { call: TfTrainCall; why: string } | null {
  if (num(o.weightDecay) !== 0 || o.amsgrad === true || o.maximize === true) return null;
  if (!followsSchedule('tf.train.adam', o, schedule)) return null;
  return { call: tfTrainCall('adam', o), why: `torch's formula, but tf.train.adam ${BETA_POWERS}` };
}

/** Whether tf.train.adam or tf.train.adamax can follow the schedule: its lr, and no β1 (accBeta1 folds each β1 in). */
function followsSchedule(
  description: string,
  o: Readonly<Record<string, OptionValue>>,
  schedule: SchedulerCall | null,
): boolean {
  const fixedMomentum = { what: 'a β1', why: `${description} folds each β1 into a running product`, use: 'Adam' };
  return scheduleProblem(schedule, { ...lrOnlyTarget(description, num(o.lr)), fixedMomentum }) === null;
}

/** TF.js code that follows torch.optim's rule for this call. */
export function choosePort(optimizer: OptimizerCall, schedule: SchedulerCall | null): PortChoice {
  const o = optimizer.options;
  switch (optimizer.className) {
    case 'SGD':
      return chooseSgd(o, schedule);
    case 'RMSprop':
      return chooseRmsprop(o, schedule);
    case 'Adam':
    case 'AdamW': {
      const alternative = adamAlternative(o, schedule);
      if (alternative !== null) {
        const why =
          "tf.train.adam has torch's formula but keeps the bias corrections' β1ᵗ, β2ᵗ in float32, torch in float64";
        return library(optimizer.className, why, alternative);
      }
      if (optimizer.className === 'AdamW') return library('AdamW', 'TF.js has no AdamW (decoupled weight decay)');
      return library('Adam', 'tf.train.adam has no weight decay, amsgrad or maximize, and its β1ᵗ, β2ᵗ are float32');
    }
    case 'Adamax': {
      const plain =
        num(o.eps) === 0 &&
        num(o.weightDecay) === 0 &&
        o.maximize !== true &&
        followsSchedule('tf.train.adamax', o, schedule);
      const alternative = plain
        ? {
            call: tfTrainCall('adamax', o),
            why: "torch's formula at eps 0, but tf.train.adamax keeps β1ᵗ as a float32 running product where torch computes it in float64",
          }
        : null;
      return library('Adamax', adamax.porting.note, alternative);
    }
    case 'Adagrad':
      return library('Adagrad', adagrad.porting.note);
    case 'Adadelta':
      return library('Adadelta', adadelta.porting.note);
    case 'NAdam':
    case 'RAdam':
      return library(optimizer.className, `TF.js has no ${optimizer.className}`);
  }
}
