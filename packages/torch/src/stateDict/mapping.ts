/**
 * What a torch state file means for one of the library's rules: its hyperparameters as the
 * library's options, and each parameter's state_dict entries as the state the rule keeps (the same
 * names: the library keeps state by torch's names). Free of TF.js: the TF.js optimizer and the
 * reference both load through here.
 */
import { optionProblem, type OptionSpec, type OptionValue } from '../options';
import type { TorchRule } from '../rule';
import { RULES } from '../rules';
import {
  readTorchStateFile,
  show,
  showShape,
  TORCH_STATE_FORMAT,
  tensorJson,
  type FloatDtype,
  type HyperparameterJson,
  type TorchStateDict,
  type TorchStateEntryJson,
  type TorchStateFile,
  type TorchTensor,
} from './format';

/** Any of the rules, seen through what every rule shares. */
export type SomeRule = TorchRule<object>;

/** The library's options, by its names, each a number, a boolean or a pair. */
export type LibraryOptions = Record<string, OptionValue>;

/**
 * Keys of torch's param_groups that choose how torch runs the rule, not the rule: the for-loop,
 * foreach or fused kernels, CUDA graph capture, autograd through the step. Any value is taken;
 * the state they leave means the same.
 */
const IMPLEMENTATION_KEYS = new Set(['foreach', 'fused', 'capturable', 'differentiable']);

/** Keys that torch's learning-rate schedulers add to param_groups for their own bookkeeping. */
const SCHEDULER_KEYS = new Set(['initial_lr', 'max_lr', 'min_lr', 'max_momentum', 'base_momentum']);

/** The rule of a torch.optim class name, or an Error saying the library has none. */
export function ruleOfClass(className: string): SomeRule {
  const rule = RULES.find((r) => r.className === className);
  if (rule === undefined) {
    throw new Error(
      `torch.optim.${className} has no counterpart here (the library has ${RULES.map((r) => r.className).join(', ')})`,
    );
  }
  return rule as unknown as SomeRule;
}

function specsOf(rule: SomeRule): Array<[string, OptionSpec]> {
  return Object.entries(rule.options as Record<string, OptionSpec>);
}

/** torch's name, and the library's when it differs: `weight_decay (weightDecay)`. */
function bothNames(option: string, spec: OptionSpec): string {
  return spec.torch === option ? option : `${spec.torch} (${option})`;
}

/**
 * The file's hyperparameters as the rule's options, by the library's names, torch's defaults for
 * those the file does not have (an option the file's torch version lacks, as 1.13's NAdam and
 * RAdam lack maximize, behaves as its default there). Refuses an option out of its domain, one the
 * library does not know, and decoupled weight decay where the rule has none.
 */
export function optionsOfFile(rule: SomeRule, file: TorchStateFile): LibraryOptions {
  const specs = specsOf(rule);
  const given: LibraryOptions = {};
  for (const [key, value] of Object.entries(file.hyperparameters)) {
    const found = specs.find(([, spec]) => spec.torch === key);
    if (found !== undefined) {
      const problem = optionProblem(found[1], key, value);
      if (problem) throw new Error(`hyperparameter ${problem}`);
      given[found[0]] = value as OptionValue;
    } else if (key === 'decoupled_weight_decay') {
      // 2.x's NAdam and RAdam (and recent 2.x's Adam, of which AdamW is then the True case).
      const decoupled = rule.className === 'AdamW';
      if ((value ?? false) !== decoupled) {
        throw new Error(
          `hyperparameter decoupled_weight_decay is ${show(value)}: ${rule.className} ` +
            (decoupled ? 'always decays decoupled' : 'here adds λ·p to the gradient (decoupled decay is AdamW)'),
        );
      }
    } else if (!IMPLEMENTATION_KEYS.has(key) && !SCHEDULER_KEYS.has(key)) {
      throw new Error(
        `hyperparameter ${key} is not one of torch.optim.${rule.className}'s (${specs.map(([, s]) => s.torch).join(', ')})`,
      );
    }
  }
  const options: LibraryOptions = {};
  for (const [option, spec] of specs) options[option] = given[option] ?? spec.default;
  for (const crossRule of rule.rules) {
    if (crossRule.violated(options)) {
      const torchName = (option: string): string => (rule.options as Record<string, OptionSpec>)[option].torch;
      throw new Error(`hyperparameters: ${crossRule.message(torchName)}`);
    }
  }
  return options;
}

/**
 * The file's optimizer class and its hyperparameters as the library's options (camelCase, every
 * option, torch's defaults for those the file lacks), so that a caller can build the optimizer the
 * file was written by: `new Adam(torchOptionsFromStateDict(json).options)`.
 */
export function torchOptionsFromStateDict(json: unknown): { className: string; options: LibraryOptions } {
  const file = readTorchStateFile(json);
  return { className: file.className, options: optionsOfFile(ruleOfClass(file.className), file) };
}

function sameValue(a: OptionValue, b: OptionValue): boolean {
  return typeof a === 'object' && typeof b === 'object' ? a[0] === b[0] && a[1] === b[1] : a === b;
}

/**
 * Refuses a file whose class or options are not the optimizer's. lr may differ: a schedule
 * changes it between steps and param_groups hold the current one, so the optimizer's own lr is
 * kept (build the optimizer from `torchOptionsFromStateDict` to continue at the file's).
 */
export function checkAgainstOptimizer(rule: SomeRule, file: TorchStateFile, options: object): LibraryOptions {
  if (file.className !== rule.className) {
    throw new Error(`the file holds torch.optim.${file.className}'s state; the optimizer is ${rule.className}`);
  }
  const fileOptions = optionsOfFile(rule, file);
  const own = options as LibraryOptions;
  for (const [option, spec] of specsOf(rule)) {
    if (option === 'lr' || sameValue(fileOptions[option], own[option])) continue;
    throw new Error(
      `hyperparameter ${bothNames(option, spec)} differs: the file has ${show(fileOptions[option])}, ` +
        `the optimizer ${show(own[option])} (only lr may differ)`,
    );
  }
  return fileOptions;
}

/**
 * Values made float32, as torch's load_state_dict casts a float64 state to a float32 parameter;
 * a value beyond float32's range is refused rather than made infinite.
 */
export function toFloat32(values: Float64Array, what: string): Float32Array {
  const out = Float32Array.from(values);
  const i = out.findIndex((v) => !Number.isFinite(v));
  if (i >= 0) throw new Error(`${what} holds ${values[i]}, beyond float32's range`);
  return out;
}

/** The state one parameter holds between steps, as the rule keeps it (values not yet rounded). */
export interface ParameterStateValues {
  step: number;
  tensors: Record<string, Float64Array>;
  scalars: Record<string, number>;
}

/** What a parameter's state holds in torch for these options, by torch's names. */
export interface StateLayout {
  /** torch counts steps in the state (all but SGD). */
  step: boolean;
  /** State tensors of the parameter's shape. */
  tensors: string[];
  /** 0-dim tensors (NAdam's mu_product). */
  scalars: string[];
  /**
   * Tensors that may be absent: SGD's momentum_buffer, which torch creates on a parameter's first
   * step with momentum (absent, the next step starts it from the gradient, as torch does).
   */
  optional: string[];
  /** Entries torch may hold as None, taken as absent: SGD's momentum_buffer (1.13 keeps None without momentum). */
  none: string[];
}

export function stateLayout(rule: SomeRule, options: object): StateLayout {
  if (rule.className === 'SGD') {
    const momentum = (options as { momentum?: number }).momentum ?? 0;
    return {
      step: false,
      tensors: [],
      scalars: [],
      optional: momentum !== 0 ? ['momentum_buffer'] : [],
      none: ['momentum_buffer'],
    };
  }
  return {
    step: true,
    tensors: Object.keys(rule.initialTensors(options)),
    scalars: Object.keys(rule.initialScalars ?? {}),
    optional: [],
    none: [],
  };
}

function layoutWords(layout: StateLayout): string {
  const names = [...(layout.step ? ['step'] : []), ...layout.tensors, ...layout.scalars, ...layout.optional];
  return names.length > 0 ? names.join(', ') : 'nothing';
}

/** A single number kept as a Python number or a one-element tensor (torch's step and mu_product). */
function scalarValue(entry: number | TorchTensor, what: string): number {
  if (typeof entry === 'number') return entry;
  if (entry.values.length !== 1) throw new Error(`${what} has shape ${showShape(entry.shape)}; torch keeps one number`);
  return entry.values[0];
}

/**
 * Each parameter's state as the rule keeps it, or null for a parameter torch has not stepped yet
 * (an empty state, or only None). Refuses entries the rule does not keep with these options,
 * missing ones it needs, shapes that are not the parameter's, and step counts that are not counts.
 * Dtypes: torch's load_state_dict casts a state tensor to its parameter's dtype, and so do the
 * callers here (to float32 for TF.js), so a float64 state is taken, rounded where it goes.
 */
export function parameterStates(
  rule: SomeRule,
  options: object,
  file: TorchStateFile,
): Array<ParameterStateValues | null> {
  const layout = stateLayout(rule, options);
  const tensorNames = new Set([...layout.tensors, ...layout.optional]);
  return file.state.map((entries, i) => {
    const shape = file.parameters[i].shape;
    // Nothing but None: a parameter torch has not stepped.
    if ([...entries].every(([key, value]) => value === null && layout.none.includes(key))) return null;
    const state: ParameterStateValues = { step: 0, tensors: {}, scalars: {} };
    for (const [key, value] of entries) {
      const what = `${key} of parameter ${i}`;
      if (value === null && layout.none.includes(key)) continue;
      const known = key === 'step' ? layout.step : tensorNames.has(key) || layout.scalars.includes(key);
      if (!known) {
        throw new Error(
          `${what}: ${rule.className} keeps no ${key} with these options (it keeps ${layoutWords(layout)})`,
        );
      }
      if (value === null) throw new Error(`${what} is null; ${rule.className} needs a value there`);
      if (key === 'step') {
        const step = scalarValue(value, what);
        if (!Number.isInteger(step) || step < 0) throw new Error(`${what} is ${step}, not a count of steps`);
        state.step = step;
      } else if (layout.scalars.includes(key)) {
        state.scalars[key] = scalarValue(value, what);
      } else {
        if (typeof value === 'number') throw new Error(`${what} is the number ${value}; torch keeps a tensor there`);
        if (showShape(value.shape) !== showShape(shape)) {
          throw new Error(`${what} has shape ${showShape(value.shape)}, its parameter ${showShape(shape)}`);
        }
        state.tensors[key] = value.values;
      }
    }
    for (const key of [...(layout.step ? ['step'] : []), ...layout.tensors, ...layout.scalars]) {
      if (!entries.has(key)) {
        throw new Error(
          `the state of parameter ${i} has no ${key}, which ${rule.className} needs (it keeps ${layoutWords(layout)})`,
        );
      }
    }
    return state;
  });
}

/** The rule's options as torch's hyperparameters (torch's names; betas a list). */
export function hyperparametersOf(rule: SomeRule, options: object): Record<string, HyperparameterJson> {
  const own = options as LibraryOptions;
  const out: Record<string, HyperparameterJson> = {};
  for (const [option, spec] of specsOf(rule)) {
    const value = own[option];
    out[spec.torch] = typeof value === 'object' ? [value[0], value[1]] : value;
  }
  return out;
}

/** One parameter for `stateDictOf`: its shape and flat values, and a name if it has one. */
export interface ParameterValues {
  name?: string | null;
  shape: readonly number[];
  values: ArrayLike<number>;
}

/**
 * The file for a rule, its options, the parameters and their states (null: never stepped), every
 * tensor in `dtype`. The step is a 0-dim tensor, as PyTorch 2.x keeps it (1.13 takes it too:
 * Adadelta and RMSprop add to it, the others keep a tensor anyway); SGD counts none.
 */
export function stateDictOf(
  rule: SomeRule,
  options: object,
  parameters: readonly ParameterValues[],
  states: ReadonlyArray<ParameterStateValues | null>,
  dtype: FloatDtype,
): TorchStateDict {
  const layout = stateLayout(rule, options);
  return {
    format: TORCH_STATE_FORMAT,
    torch_version: null,
    optimizer: rule.className,
    hyperparameters: hyperparametersOf(rule, options),
    parameters: parameters.map(({ name, shape, values }) => ({
      name: name ?? null,
      ...tensorJson(dtype, shape, values),
    })),
    state: states.map((state, i) => {
      const entries: Record<string, TorchStateEntryJson> = {};
      if (state === null) return entries;
      if (layout.step) entries.step = tensorJson(dtype === 'float64' ? 'float64' : 'float32', [], [state.step]);
      for (const key of [...layout.tensors, ...layout.optional]) {
        const tensor = state.tensors[key];
        if (tensor !== undefined) entries[key] = tensorJson(dtype, parameters[i].shape, tensor);
      }
      for (const key of layout.scalars) {
        const value = state.scalars[key];
        if (value !== undefined) entries[key] = tensorJson(dtype, [], [value]);
      }
      return entries;
    }),
  };
}
