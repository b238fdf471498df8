import { adadeltaTfjsRule, adadeltaTorchRule, type AdadeltaHyperparameters } from './adadelta';
import {
  adagradTfjsRule,
  adagradTorchRule,
  type AdagradHyperparameters,
  type AdagradTorchHyperparameters,
} from './adagrad';
import { adamTfjsRule, adamTorchRule, type AdamHyperparameters } from './adam';
import { adamaxTfjsRule, adamaxTorchRule, type AdamaxHyperparameters, type AdamaxTorchHyperparameters } from './adamax';
import { momentumTfjsRule, momentumTorchRule, type MomentumHyperparameters } from './momentum';
import { rmspropTfjsRule, rmspropTorchRule, type RmspropHyperparameters } from './rmsprop';
import { TFJS_BACKEND_EPSILON, type Rounding, type UpdateRule } from './rule';
import { sgdTfjsRule, sgdTorchRule } from './sgd';

export type OptimizerName = 'sgd' | 'momentum' | 'adagrad' | 'adadelta' | 'adam' | 'adamax' | 'rmsprop';
export const OPTIMIZER_NAMES: readonly OptimizerName[] = [
  'sgd',
  'momentum',
  'adagrad',
  'adadelta',
  'adam',
  'adamax',
  'rmsprop',
];

/** Every hyperparameter, by its TF.js name. */
export interface AllHyperparameters {
  lr: number;
  momentum: number;
  nesterov: boolean;
  beta1: number;
  beta2: number;
  epsilon: number;
  decay: number;
  rho: number;
  initialAccumulatorValue: number;
  centered: boolean;
}
export type HyperparameterName = keyof AllHyperparameters;
/** The hyperparameters one optimizer uses, resolved: only its own keys are present. */
export type Hyperparameters = Partial<AllHyperparameters>;

export interface HyperparameterSpec {
  flag: string;
  kind: 'number' | 'boolean';
  /** The rule for a number's domain, in words, and its check. */
  domain?: { rule: string; accepts: (value: number) => boolean };
}

const nonNegative = { rule: 'must be ≥ 0', accepts: (v: number) => v >= 0 };
const unitInterval = { rule: 'must be in [0, 1]', accepts: (v: number) => v >= 0 && v <= 1 };
// TF.js keeps β as a float32 and divides by 1 − βᵗ: a β that float32 rounds to 1 divides by zero.
const beta = {
  rule: 'must be in [0, 1) and stay below 1 in float32 (TF.js divides by 1 − βᵗ in float32)',
  accepts: (v: number) => v >= 0 && Math.fround(v) < 1,
};

export const HYPERPARAMETERS: Record<HyperparameterName, HyperparameterSpec> = {
  lr: { flag: 'lr', kind: 'number', domain: nonNegative },
  momentum: { flag: 'momentum', kind: 'number', domain: nonNegative },
  nesterov: { flag: 'nesterov', kind: 'boolean' },
  beta1: { flag: 'beta1', kind: 'number', domain: beta },
  beta2: { flag: 'beta2', kind: 'number', domain: beta },
  epsilon: { flag: 'epsilon', kind: 'number', domain: nonNegative },
  decay: {
    flag: 'decay',
    kind: 'number',
    domain: { rule: 'must be ≥ 0 (rmsprop: at most 1)', accepts: (v: number) => v >= 0 },
  },
  rho: { flag: 'rho', kind: 'number', domain: unitInterval },
  initialAccumulatorValue: { flag: 'initial-accumulator-value', kind: 'number', domain: nonNegative },
  centered: { flag: 'centered', kind: 'boolean' },
};

/** The learning rate every optimizer starts from unless told otherwise: the original's. */
export const DEFAULT_LR = 0.1;

export interface OptimizerSpec {
  name: OptimizerName;
  /** As people write it: in titles and reports. */
  title: string;
  /** The TF.js constructor and the torch.optim class it is held against. */
  tfjsCall: string;
  torchCall: string;
  /** The flags this optimizer takes (lr included). */
  takes: readonly HyperparameterName[];
  /** The flags that also set the pytorch run (default: all of `takes`). */
  torchTakes?: readonly HyperparameterName[];
  /** What TF.js uses when a flag is not given (lr: ours, 0.1, for all). */
  tfjsDefaults: Hyperparameters;
  /** What torch.optim uses when a flag is not given, by the TF.js name of the same role. */
  torchDefaults: Hyperparameters;
  /** A rule across flags, or null when they fit. */
  check?: (hp: Hyperparameters) => string | null;
  /** Whether TF.js's update is PyTorch's, given the same hyperparameters. */
  sameRuleAsTorch: boolean;
  /** One line: how the two rules differ (or that they do not). */
  ruleDifference: string;
  /** Each library's update, as formulas, for the parity report. */
  tfjsUpdate: string;
  torchUpdate: string;
  /** Float64 (round = identity) or float32 (Math.fround) mirror of TF.js's rule. */
  tfjsRule(hp: Hyperparameters, round: Rounding): UpdateRule;
  /** torch.optim's rule in float64. */
  torchRule(hp: Hyperparameters): UpdateRule;
}

const EPS = TFJS_BACKEND_EPSILON;

export const OPTIMIZERS: Record<OptimizerName, OptimizerSpec> = {
  sgd: {
    name: 'sgd',
    title: 'SGD',
    tfjsCall: 'tf.train.sgd(lr)',
    torchCall: 'torch.optim.SGD(lr)',
    takes: ['lr'],
    tfjsDefaults: { lr: DEFAULT_LR },
    torchDefaults: { lr: DEFAULT_LR },
    sameRuleAsTorch: true,
    ruleDifference: 'x ← x − lr·g in both',
    tfjsUpdate: 'x ← x + c·g, c = −lr (a float32 scalar)',
    torchUpdate: 'x ← x − lr·g',
    tfjsRule: (hp, round) => sgdTfjsRule(hp as { lr: number }, round),
    torchRule: (hp) => sgdTorchRule(hp as { lr: number }),
  },
  momentum: {
    name: 'momentum',
    title: 'Momentum',
    tfjsCall: 'tf.train.momentum(lr, momentum, useNesterov)',
    torchCall: 'torch.optim.SGD(lr, momentum, nesterov)',
    takes: ['lr', 'momentum', 'nesterov'],
    tfjsDefaults: { lr: DEFAULT_LR, momentum: 0.9, nesterov: false },
    torchDefaults: { lr: DEFAULT_LR, momentum: 0.9, nesterov: false },
    check: (hp) =>
      hp.nesterov && !(hp.momentum! > 0)
        ? '--nesterov needs --momentum > 0 (PyTorch refuses Nesterov without momentum)'
        : null,
    sameRuleAsTorch: true,
    ruleDifference: 'b ← m·b + g, x ← x − lr·b in both (Nesterov: x ← x − lr·(g + m·b))',
    tfjsUpdate: 'a ← m·a + g;  x ← x − lr·a  (Nesterov: x ← x − lr·(g + m·a)); a starts at 0',
    torchUpdate: 'b ← g (first step), then b ← m·b + g;  x ← x − lr·b  (Nesterov: x ← x − lr·(g + m·b))',
    tfjsRule: (hp, round) => momentumTfjsRule(hp as MomentumHyperparameters, round),
    torchRule: (hp) => momentumTorchRule(hp as MomentumHyperparameters),
  },
  adagrad: {
    name: 'adagrad',
    title: 'Adagrad',
    tfjsCall: 'tf.train.adagrad(lr, initialAccumulatorValue)',
    torchCall: 'torch.optim.Adagrad(lr, initial_accumulator_value, eps)',
    takes: ['lr', 'initialAccumulatorValue'],
    tfjsDefaults: { lr: DEFAULT_LR, initialAccumulatorValue: 0.1 },
    torchDefaults: { lr: DEFAULT_LR, initialAccumulatorValue: 0, epsilon: 1e-10 },
    sameRuleAsTorch: false,
    ruleDifference: `ε inside the root in TF.js (g/√(s+ε), ε = ${EPS} fixed), outside in PyTorch (g/(√s+ε))`,
    tfjsUpdate: 's ← s + g²  (s starts at 0.1);  x ← x − lr·g / √(s + 1e-7)',
    torchUpdate: 's ← s + g²  (s starts at 0);  x ← x − lr·g / (√s + ε), ε = 1e-10',
    tfjsRule: (hp, round) => adagradTfjsRule(hp as AdagradHyperparameters, round),
    torchRule: (hp) => adagradTorchRule(hp as AdagradTorchHyperparameters),
  },
  adadelta: {
    name: 'adadelta',
    title: 'Adadelta',
    tfjsCall: 'tf.train.adadelta(lr, rho, epsilon)',
    torchCall: 'torch.optim.Adadelta(lr, rho, eps)',
    takes: ['lr', 'rho', 'epsilon'],
    tfjsDefaults: { lr: DEFAULT_LR, rho: 0.95, epsilon: EPS },
    torchDefaults: { lr: DEFAULT_LR, rho: 0.9, epsilon: 1e-6 },
    sameRuleAsTorch: false,
    ruleDifference:
      'TF.js divides by the squared-gradient average from before this step, which always equals its update average: Δ = g, so tf.train.adadelta is SGD; PyTorch (and the paper) divide by the updated one',
    tfjsUpdate: 'Δ ← √(u + ε)/√(s_old + ε)·g;  s ← ρs + (1−ρ)g²;  u ← ρu + (1−ρ)Δ²;  x ← x − lr·Δ',
    torchUpdate: 's ← ρs + (1−ρ)g²;  Δ ← √(u + ε)/√(s + ε)·g;  u ← ρu + (1−ρ)Δ²;  x ← x − lr·Δ',
    tfjsRule: (hp, round) => adadeltaTfjsRule(hp as AdadeltaHyperparameters, round),
    torchRule: (hp) => adadeltaTorchRule(hp as AdadeltaHyperparameters),
  },
  adam: {
    name: 'adam',
    title: 'Adam',
    tfjsCall: 'tf.train.adam(lr, beta1, beta2, epsilon)',
    torchCall: 'torch.optim.Adam(lr, betas, eps)',
    takes: ['lr', 'beta1', 'beta2', 'epsilon'],
    tfjsDefaults: { lr: DEFAULT_LR, beta1: 0.9, beta2: 0.999, epsilon: EPS },
    torchDefaults: { lr: DEFAULT_LR, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
    sameRuleAsTorch: true,
    ruleDifference: 'x ← x − lr·m̂/(√v̂ + ε) in both; only the default ε differs',
    tfjsUpdate: 'm ← β1m + (1−β1)g;  v ← β2v + (1−β2)g²;  x ← x − lr·(m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ε)',
    torchUpdate: 'm, v the same;  x ← x − (lr/(1−β1ᵗ))·m / (√v/√(1−β2ᵗ) + ε)',
    tfjsRule: (hp, round) => adamTfjsRule(hp as AdamHyperparameters, round),
    torchRule: (hp) => adamTorchRule(hp as AdamHyperparameters),
  },
  adamax: {
    name: 'adamax',
    title: 'Adamax',
    tfjsCall: 'tf.train.adamax(lr, beta1, beta2, epsilon, decay)',
    torchCall: 'torch.optim.Adamax(lr, betas, eps)',
    takes: ['lr', 'beta1', 'beta2', 'epsilon', 'decay'],
    torchTakes: ['lr', 'beta1', 'beta2', 'epsilon'],
    tfjsDefaults: { lr: DEFAULT_LR, beta1: 0.9, beta2: 0.999, epsilon: EPS, decay: 0 },
    torchDefaults: { lr: DEFAULT_LR, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
    sameRuleAsTorch: false,
    ruleDifference:
      'ε added to u in the denominator in TF.js (m/(u+ε)); inside the max in PyTorch (u ← max(β2·u, |g|+ε)); PyTorch has no learning-rate decay',
    tfjsUpdate: 'm ← β1m + (1−β1)g;  u ← max(β2u, |g|);  x ← x − lr/(1 + decay·(t−1))/(1−β1ᵗ)·m/(u + ε)',
    torchUpdate: 'm ← β1m + (1−β1)g;  u ← max(β2u, |g| + ε);  x ← x − lr/(1−β1ᵗ)·m/u',
    tfjsRule: (hp, round) => adamaxTfjsRule(hp as AdamaxHyperparameters, round),
    torchRule: (hp) => adamaxTorchRule(hp as AdamaxTorchHyperparameters),
  },
  rmsprop: {
    name: 'rmsprop',
    title: 'RMSProp',
    tfjsCall: 'tf.train.rmsprop(lr, decay, momentum, epsilon, centered)',
    torchCall: 'torch.optim.RMSprop(lr, alpha, eps, momentum, centered)',
    takes: ['lr', 'decay', 'momentum', 'epsilon', 'centered'],
    tfjsDefaults: { lr: DEFAULT_LR, decay: 0.9, momentum: 0, epsilon: EPS, centered: false },
    torchDefaults: { lr: DEFAULT_LR, decay: 0.99, momentum: 0, epsilon: 1e-8, centered: false },
    check: (hp) => (hp.decay! > 1 ? '--decay for rmsprop is an averaging weight and must be in [0, 1]' : null),
    sameRuleAsTorch: false,
    ruleDifference:
      'ε inside the root in TF.js (√(s+ε); centered: √(s−ḡ²−ε), ε subtracted), outside in PyTorch (√s+ε; centered √(s−ḡ²)+ε)',
    tfjsUpdate:
      's ← ρs + (1−ρ)g²;  b ← μb + lr·g/√(s + ε);  x ← x − b.  Centered: ḡ ← ρḡ + (1−ρ)g, root √(s − (ḡ² + ε))',
    torchUpdate:
      's ← αs + (1−α)g²;  d ← √s + ε;  b ← μb + g/d, x ← x − lr·b (μ = 0: x ← x − lr·g/d).  Centered: d ← √(s − ḡ²) + ε',
    tfjsRule: (hp, round) => rmspropTfjsRule(hp as RmspropHyperparameters, round),
    torchRule: (hp) => rmspropTorchRule(hp as RmspropHyperparameters),
  },
};

/**
 * The hyperparameters each run uses: flags given apply to both (the pytorch run only where
 * torch.optim has the same parameter); the rest are each library's defaults.
 */
export function resolveHyperparameters(
  spec: OptimizerSpec,
  given: Hyperparameters,
): { tfjs: Hyperparameters; torch: Hyperparameters } {
  const pick = (defaults: Hyperparameters, takes: readonly HyperparameterName[]): Hyperparameters => {
    const resolved: Hyperparameters = { ...defaults };
    for (const name of takes) if (given[name] !== undefined) (resolved as Record<string, unknown>)[name] = given[name];
    return resolved;
  };
  return { tfjs: pick(spec.tfjsDefaults, spec.takes), torch: pick(spec.torchDefaults, spec.torchTakes ?? spec.takes) };
}
