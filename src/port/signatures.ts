import { RULES, type AnyTorchRule, type OptionSpec } from '@optim-mirror/torch/reference';

/**
 * torch.optim's constructors as Python binds their arguments: which arguments go by position, and
 * the keyword-only ones that choose how torch runs its kernels rather than what it computes. The
 * options themselves (names, defaults, domains) are @optim-mirror/torch's OptionSpecs; this file
 * adds only what they do not hold: torch's positional order and the kernel switches.
 *
 * Read from `inspect.signature` in torch 1.13 (and PyTorch 2.x's documentation for what it added):
 * 1.13 and 2.x agree on the order of the numerical arguments after `params`, but not on what
 * follows them (1.13's RMSprop takes `foreach` 7th where 2.x takes `capturable`, 2.x's NAdam and
 * RAdam take `decoupled_weight_decay` where 1.13 takes `foreach`), so only the numerical ones are
 * bound by position here, everything else by keyword.
 */

/** An argument torch takes that changes how it computes a step, not the step (or adds a variant). */
export interface KernelSwitch {
  torch: string;
  /** torch's default, as Python writes it. */
  default: boolean | null;
  /** The first version whose signature has it: 1.13, or only PyTorch 2.x. */
  since: '1.13' | '2.x';
}

/** torch.optim's classes that @optim-mirror/torch has, by torch's name. */
export type TorchOptimizerName =
  'SGD' | 'Adam' | 'AdamW' | 'Adagrad' | 'Adadelta' | 'RMSprop' | 'Adamax' | 'NAdam' | 'RAdam';

export interface OptimizerSignature {
  className: TorchOptimizerName;
  rule: AnyTorchRule;
  /** After `params`: the arguments bound by position, in torch's order (each an option of the rule). */
  positional: readonly string[];
  /** Keyword-only options of the rule (maximize), by torch's name. */
  keywordOnly: readonly string[];
  switches: readonly KernelSwitch[];
}

const FOREACH: KernelSwitch = { torch: 'foreach', default: null, since: '1.13' };
const differentiable = (since: '1.13' | '2.x'): KernelSwitch => ({ torch: 'differentiable', default: false, since });
const capturable = (since: '1.13' | '2.x'): KernelSwitch => ({ torch: 'capturable', default: false, since });
const fused = (since: '1.13' | '2.x'): KernelSwitch => ({ torch: 'fused', default: null, since });
const DECOUPLED: KernelSwitch = { torch: 'decoupled_weight_decay', default: false, since: '2.x' };

type SignatureFacts = Omit<OptimizerSignature, 'rule' | 'className'>;

const FACTS: Record<TorchOptimizerName, SignatureFacts> = {
  SGD: {
    positional: ['lr', 'momentum', 'dampening', 'weight_decay', 'nesterov'],
    keywordOnly: ['maximize'],
    switches: [FOREACH, differentiable('1.13'), fused('2.x')],
  },
  Adam: {
    positional: ['lr', 'betas', 'eps', 'weight_decay', 'amsgrad'],
    keywordOnly: ['maximize'],
    switches: [FOREACH, capturable('1.13'), differentiable('1.13'), fused('1.13'), DECOUPLED],
  },
  AdamW: {
    positional: ['lr', 'betas', 'eps', 'weight_decay', 'amsgrad'],
    keywordOnly: ['maximize'],
    switches: [FOREACH, capturable('1.13'), differentiable('2.x'), fused('2.x')],
  },
  Adagrad: {
    positional: ['lr', 'lr_decay', 'weight_decay', 'initial_accumulator_value', 'eps'],
    keywordOnly: ['maximize'],
    switches: [FOREACH, differentiable('2.x'), fused('2.x')],
  },
  Adadelta: {
    positional: ['lr', 'rho', 'eps', 'weight_decay'],
    keywordOnly: ['maximize'],
    switches: [FOREACH, capturable('2.x'), differentiable('2.x')],
  },
  RMSprop: {
    positional: ['lr', 'alpha', 'eps', 'weight_decay', 'momentum', 'centered'],
    keywordOnly: ['maximize'],
    switches: [FOREACH, capturable('2.x'), differentiable('1.13')],
  },
  Adamax: {
    positional: ['lr', 'betas', 'eps', 'weight_decay'],
    keywordOnly: ['maximize'],
    switches: [FOREACH, capturable('2.x'), differentiable('2.x')],
  },
  NAdam: {
    positional: ['lr', 'betas', 'eps', 'weight_decay', 'momentum_decay'],
    keywordOnly: ['maximize'],
    switches: [FOREACH, capturable('2.x'), differentiable('2.x'), DECOUPLED],
  },
  RAdam: {
    positional: ['lr', 'betas', 'eps', 'weight_decay'],
    keywordOnly: ['maximize'],
    switches: [FOREACH, capturable('2.x'), differentiable('2.x'), DECOUPLED],
  },
};

/** torch options 1.13 does not take (NAdam and RAdam gained maximize in 2.x). */
export const NOT_IN_1_13: Readonly<Partial<Record<TorchOptimizerName, readonly string[]>>> = {
  NAdam: ['maximize'],
  RAdam: ['maximize'],
};

export const OPTIMIZER_SIGNATURES: readonly OptimizerSignature[] = (Object.keys(FACTS) as TorchOptimizerName[]).map(
  (className) => {
    const rule = RULES.find((r) => r.className === className);
    if (rule === undefined) throw new Error(`@optim-mirror/torch has no rule ${className}`);
    return { className, rule, ...FACTS[className] };
  },
);

export const OPTIMIZER_NAMES: readonly TorchOptimizerName[] = OPTIMIZER_SIGNATURES.map((s) => s.className);

export function signatureOf(className: TorchOptimizerName): OptimizerSignature {
  const signature = OPTIMIZER_SIGNATURES.find((s) => s.className === className);
  if (signature === undefined) throw new Error(`no signature for ${className}`);
  return signature;
}

/** The rule's option spec of a torch argument name, with its camelCase key. */
export function optionOf(signature: OptimizerSignature, torchName: string): { key: string; spec: OptionSpec } | null {
  for (const [key, spec] of Object.entries<OptionSpec>(signature.rule.options)) {
    if (spec.torch === torchName) return { key, spec };
  }
  return null;
}

/**
 * torch.optim's other optimizers, which TF.js and @optim-mirror/torch do not have, and why the port
 * cannot stand in for them.
 */
export const UNPORTED_OPTIMIZERS: Readonly<Record<string, string>> = {
  LBFGS: 'LBFGS re-evaluates the loss through a closure inside step()',
  SparseAdam: 'SparseAdam updates sparse gradients only',
  ASGD: 'ASGD (averaged SGD) is not in @optim-mirror/torch',
  Rprop: 'Rprop is not in @optim-mirror/torch',
};

/** torch.nn.utils's clipping functions: their arguments in torch's positional order. */
export interface ClipSignature {
  torch: 'clip_grad_norm_' | 'clip_grad_value_';
  /** The library's function. */
  library: 'clipGradNorm' | 'clipGradValue';
  positional: readonly string[];
  required: readonly string[];
  switches: readonly KernelSwitch[];
}

export const CLIP_SIGNATURES: readonly ClipSignature[] = [
  {
    torch: 'clip_grad_norm_',
    library: 'clipGradNorm',
    positional: ['parameters', 'max_norm', 'norm_type', 'error_if_nonfinite'],
    required: ['parameters', 'max_norm'],
    switches: [{ torch: 'foreach', default: null, since: '2.x' }],
  },
  {
    torch: 'clip_grad_value_',
    library: 'clipGradValue',
    positional: ['parameters', 'clip_value'],
    required: ['parameters', 'clip_value'],
    switches: [{ torch: 'foreach', default: null, since: '2.x' }],
  },
];
