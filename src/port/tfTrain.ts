import { TFJS_BACKEND_EPSILON } from '../optimizers/rule';
import type { OptionValue } from './optimizerCall';

/**
 * tf.train's factories as their API takes arguments (tfjs-core 4.x), for the ones a port may
 * print: each parameter's name, TF.js's default (none: it must be passed), and which torch
 * argument it takes its value from. Every argument is passed explicitly in what the port prints,
 * so no TF.js default is ever in force; they are listed for the table, where they differ from
 * torch's.
 */

export type TfTrainFactory = 'sgd' | 'momentum' | 'rmsprop' | 'adam' | 'adamax';

export interface TfParameter {
  /** TF.js's name for it (the factory's parameter). */
  name: string;
  /** TF.js's default; undefined where the factory has none. */
  tfjsDefault?: number | boolean;
  /** The torch argument it stands for, and how its value is read from torch's options. */
  torch: string;
  read(options: Readonly<Record<string, OptionValue>>): number | boolean;
}

const option =
  (key: string) =>
  (options: Readonly<Record<string, OptionValue>>): number | boolean => {
    const value = options[key];
    if (typeof value === 'number' || typeof value === 'boolean') return value;
    throw new Error(`option ${key} is not a number or a switch`);
  };
const beta =
  (i: 0 | 1) =>
  (options: Readonly<Record<string, OptionValue>>): number => {
    const betas = options.betas;
    if (!Array.isArray(betas)) throw new Error('betas is not a pair');
    return (betas as readonly [number, number])[i];
  };

const LEARNING_RATE = (tfjsDefault?: number): TfParameter => ({
  name: 'learningRate',
  tfjsDefault,
  torch: 'lr',
  read: option('lr'),
});

export const TF_TRAIN_PARAMETERS: Readonly<Record<TfTrainFactory, readonly TfParameter[]>> = {
  sgd: [LEARNING_RATE()],
  momentum: [
    LEARNING_RATE(),
    { name: 'momentum', torch: 'momentum', read: option('momentum') },
    { name: 'useNesterov', tfjsDefault: false, torch: 'nesterov', read: option('nesterov') },
  ],
  rmsprop: [
    LEARNING_RATE(),
    { name: 'decay', tfjsDefault: 0.9, torch: 'alpha', read: option('alpha') },
    { name: 'momentum', tfjsDefault: 0, torch: 'momentum', read: option('momentum') },
    { name: 'epsilon', tfjsDefault: TFJS_BACKEND_EPSILON, torch: 'eps', read: option('eps') },
    { name: 'centered', tfjsDefault: false, torch: 'centered', read: option('centered') },
  ],
  adam: [
    LEARNING_RATE(0.001),
    { name: 'beta1', tfjsDefault: 0.9, torch: 'betas', read: beta(0) },
    { name: 'beta2', tfjsDefault: 0.999, torch: 'betas', read: beta(1) },
    { name: 'epsilon', tfjsDefault: TFJS_BACKEND_EPSILON, torch: 'eps', read: option('eps') },
  ],
  adamax: [
    LEARNING_RATE(0.002),
    { name: 'beta1', tfjsDefault: 0.9, torch: 'betas', read: beta(0) },
    { name: 'beta2', tfjsDefault: 0.999, torch: 'betas', read: beta(1) },
    { name: 'epsilon', tfjsDefault: TFJS_BACKEND_EPSILON, torch: 'eps', read: option('eps') },
    // A learning-rate decay torch's Adamax does not have: 0 is none.
    { name: 'decay', tfjsDefault: 0, torch: '', read: () => 0 },
  ],
};

/** A tf.train call: the factory and its arguments in order. */
export interface TfTrainCall {
  factory: TfTrainFactory;
  args: Array<{ parameter: TfParameter; value: number | boolean }>;
}

export function tfTrainCall(factory: TfTrainFactory, options: Readonly<Record<string, OptionValue>>): TfTrainCall {
  return {
    factory,
    args: TF_TRAIN_PARAMETERS[factory].map((parameter) => ({ parameter, value: parameter.read(options) })),
  };
}
