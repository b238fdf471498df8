import type * as TfCore from '@tensorflow/tfjs-core';
import type * as TorchLibrary from '@optim-mirror/torch';
import type { Precision } from '../run/history';
import type { TorchResume } from '../config';
import type { TrainingRule } from './rule';

/**
 * What the project knows about one optimizer, in one place: the flags it takes (with their domains
 * and each library's default), its rules, how to build it on TF.js, its formulas and how it differs
 * from torch.optim. Each optimizer's module defines one of these with its own typed
 * hyperparameters; the registry is a plain list of them.
 */

/** A hyperparameter's value as flags give it. */
export type Value = number | boolean | readonly [number, number];

/** The values a library uses, by hyperparameter name (for JSON, titles, differing defaults). */
export type HyperparameterValues = Record<string, Value>;

/** The set of names a command line spells hyperparameters in: TF.js's, or torch.optim's. */
export type Vocabulary = 'tf.train' | 'torch';

export interface Domain {
  /** The rule in words, after the flag: "must be ≥ 0". */
  words: string;
  accepts(value: number): boolean;
}

/** A hyperparameter's flag: `--beta1`, `--betas B1,B2`, `--nesterov`. */
export interface HyperparameterFlag {
  /** The flag, without dashes, in its vocabulary's spelling (`weight-decay`). */
  flag: string;
  kind: 'number' | 'boolean' | 'pair';
  /** What it means for this optimizer, in a few words: two optimizers that give a flag different meanings cannot share it in one comparison. */
  meaning: string;
  /** Values allowed (numbers; for a pair, each of the two). */
  domain?: Domain;
}

/** A flag as an optimizer takes it: read into the hyperparameter `key` (its name in the JSON). */
export interface TakenFlag extends HyperparameterFlag {
  key: string;
}

/** TF.js's API and torch's: what a run of this optimizer needs from them. */
export interface TfjsContext {
  tf: typeof TfCore;
  /** @optim-mirror/torch, loaded with TF.js (it needs the same tfjs-core). */
  torch: typeof TorchLibrary;
}

/** An optimizer with every hyperparameter settled: what the runs of one training use. */
export interface ResolvedOptimizer {
  definition: OptimizerDefinition;
  /** Each run's hyperparameters: the TF.js runs', and the pytorch run's (torch's defaults for what flags leave open). */
  hyperparameters: { tfjs: HyperparameterValues; pytorch: HyperparameterValues };
  /** The learning rate, as titles show it. */
  lr: number;
  /** The TF.js run's rule, in float64 (the `manual` run) or replayed in float32 (`manual32`). */
  manualRule(precision: Precision): TrainingRule;
  /** torch.optim's rule in float64: the `pytorch` run. */
  pytorchRule(): TrainingRule;
  /** The optimizer the `tfjs` run trains with. */
  createTfjs(context: TfjsContext): TfCore.Optimizer;
}

export interface OptimizerDefinition {
  /** As `--optimizer` spells it: `adam`, `torch.adamw`. */
  name: string;
  /** As people write it, in titles and reports. */
  title: string;
  vocabulary: Vocabulary;
  /** Its colour in every chart. */
  colour: string;
  /** The flags it takes, lr first. */
  flags: readonly TakenFlag[];
  /** Each library's default for every flag, for help and reports. */
  defaults: { tfjs: HyperparameterValues; pytorch: HyperparameterValues };
  /** The TF.js call and the torch.optim class it is held against. */
  tfjsCall: string;
  torchCall: string;
  /** Each library's update, as formulas. */
  tfjsUpdate: string;
  torchUpdate: string;
  /** Whether the TF.js run's rule is torch.optim's, given the same hyperparameters. */
  sameRuleAsTorch: boolean;
  /** One line: how the two rules differ (or that they do not). */
  ruleDifference: string;
  /** What to write in TF.js to get torch.optim's behaviour: the call, and why that one. */
  porting: { code: string; note: string };
  /**
   * The flags given (by flag name, each already in its domain) to a resolved optimizer, or a
   * one-line reason they do not fit together (`--nesterov needs --momentum > 0`). With `resume`
   * (torch.* optimizers only), the file's options take the place of torch's defaults, and every
   * run's rule starts from the file's state.
   */
  resolve(given: ReadonlyMap<string, Value>, resume?: TorchResume): ResolvedOptimizer | string;
  /** Whether it can continue a PyTorch run (`--resume-torch`): the torch.* optimizers can. */
  resumesTorch: boolean;
}

export const NON_NEGATIVE: Domain = { words: 'must be ≥ 0', accepts: (v) => v >= 0 };
export const UNIT_INTERVAL: Domain = { words: 'must be in [0, 1]', accepts: (v) => v >= 0 && v <= 1 };

/**
 * The flags given, read into an optimizer's typed hyperparameters over `defaults`. `flags` maps
 * hyperparameter names to flag names; each value was checked against its flag's kind and domain
 * when parsed, so the one cast here only restates that.
 */
export function readHyperparameters<H extends object>(
  given: ReadonlyMap<string, Value>,
  flags: Readonly<Record<string, string>>,
  defaults: H,
): H {
  const values: Record<string, unknown> = {};
  Object.assign(values, defaults);
  for (const [key, flag] of Object.entries(flags)) {
    const value = given.get(flag);
    if (value !== undefined) values[key] = value;
  }
  return values as H;
}
