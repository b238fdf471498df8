/**
 * A torch state file into one of the library's TF.js optimizers and back, through the optimizer's
 * own getWeights / setWeights (`iter`, then per variable `<name>/step`, `<name>/<torch name>`).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensor, TorchOptimizer } from '../optimizer';
import { readTorchStateFile, showShape, type TorchStateDict } from './format';
import {
  checkAgainstOptimizer,
  parameterStates,
  ruleOfClass,
  stateDictOf,
  stateLayout,
  toFloat32,
  type ParameterStateValues,
  type SomeRule,
} from './mapping';

export interface FromTorchStateOptions {
  /**
   * Also set the variables to the file's parameters (default true): the state belongs to those
   * values, and resuming means continuing from them. false leaves the variables as they are (their
   * values come from elsewhere, a model checkpoint); their shapes are checked either way.
   */
  assignParameters?: boolean;
}

/** The rule behind a library optimizer, from its serialization name (`torch.Adam`). */
function ruleOf(optimizer: tf.Optimizer): SomeRule {
  const name = optimizer.getClassName();
  if (!name.startsWith('torch.')) throw new Error(`${name} is not one of @optim-mirror/torch's optimizers`);
  return ruleOfClass(name.slice('torch.'.length));
}

function checkVariables(fileCount: number, variables: readonly tf.Variable[]): void {
  if (variables.length !== fileCount) {
    throw new Error(
      `the file has ${fileCount} parameter${fileCount === 1 ? '' : 's'}; ${variables.length} variable${variables.length === 1 ? ' was' : 's were'} given`,
    );
  }
  const seen = new Set<string>();
  for (const variable of variables) {
    if (seen.has(variable.name)) throw new Error(`variable ${variable.name} is given twice`);
    seen.add(variable.name);
    if (variable.dtype !== 'float32') {
      throw new Error(`variable ${variable.name} is ${variable.dtype}; the optimizers train float32 variables`);
    }
  }
}

/**
 * Loads a torch state file (scripts/export_torch_state.py's, or `toTorchStateDict`'s) into a
 * library optimizer for `variables`, given in torch's parameter order. Replaces the optimizer's
 * whole state: each variable's step count (and with it the bias corrections), its state tensors
 * and scalars (NAdam's mu_product), by torch's names; a parameter torch has not stepped starts
 * afresh. By default the variables take the file's parameter values too (see
 * `FromTorchStateOptions`). Values are rounded to float32, as torch's load_state_dict casts a
 * state to a float32 parameter's dtype. The optimizer's options must be the file's, but for lr (a
 * schedule changes it; the optimizer keeps its own).
 *
 * Everything is checked before anything changes: on an Error (one line: what, and why) the
 * optimizer and the variables are as they were.
 */
export async function fromTorchStateDict<O extends { lr: number }>(
  optimizer: TorchOptimizer<O>,
  json: unknown,
  variables: readonly tf.Variable[],
  { assignParameters = true }: FromTorchStateOptions = {},
): Promise<void> {
  const file = readTorchStateFile(json);
  const rule = ruleOf(optimizer);
  const options = optimizer.getOptions();
  checkAgainstOptimizer(rule, file, options);
  checkVariables(file.parameters.length, variables);
  file.parameters.forEach((parameter, i) => {
    if (showShape(parameter.shape) !== showShape(variables[i].shape)) {
      throw new Error(
        `parameter ${i} has shape ${showShape(parameter.shape)}, variable ${variables[i].name} ${showShape(variables[i].shape)}`,
      );
    }
  });
  const states = parameterStates(rule, options, file);
  // Rounded (and range-checked) before anything changes.
  const parameterValues = file.parameters.map((p, i) => toFloat32(p.values, `parameter ${i}`));
  const stateValues = states.map((state, i) =>
    state === null
      ? null
      : {
          step: state.step,
          tensors: Object.entries(state.tensors).map(
            ([key, v]) => [key, toFloat32(v, `${key} of parameter ${i}`)] as const,
          ),
          scalars: Object.entries(state.scalars).map(([key, v]) => [key, Math.fround(v)] as const),
        },
  );

  const weights: NamedTensor[] = [
    { name: 'iter', tensor: tf.scalar(Math.max(0, ...states.map((s) => s?.step ?? 0)), 'int32') },
  ];
  stateValues.forEach((state, i) => {
    if (state === null) return;
    const { name, shape } = variables[i];
    weights.push({ name: `${name}/step`, tensor: tf.scalar(state.step, 'int32') });
    for (const [key, values] of state.tensors)
      weights.push({ name: `${name}/${key}`, tensor: tf.tensor(values, shape) });
    for (const [key, value] of state.scalars) weights.push({ name: `${name}/${key}`, tensor: tf.scalar(value) });
  });
  try {
    await optimizer.setWeights(weights);
  } finally {
    tf.dispose(weights.map((w) => w.tensor));
  }
  if (assignParameters) {
    variables.forEach((variable, i) => {
      tf.tidy(() => variable.assign(tf.tensor(parameterValues[i], variable.shape)));
    });
  }
}

/**
 * The optimizer's state and the variables' values (in torch's parameter order) as a torch state
 * file, for scripts/export_torch_state.py's import_torch_state: float32 tensors, the options by
 * torch's names, `torch_version` null. Every variable the optimizer keeps state for must be given.
 */
export async function toTorchStateDict<O extends { lr: number }>(
  optimizer: TorchOptimizer<O>,
  variables: readonly tf.Variable[],
): Promise<TorchStateDict> {
  const rule = ruleOf(optimizer);
  const options = optimizer.getOptions();
  checkVariables(variables.length, variables);
  const layout = stateLayout(rule, options);
  const weights = await optimizer.getWeights();
  try {
    const states = new Map<string, ParameterStateValues>();
    for (const { name: weightName, tensor } of weights.slice(1)) {
      const slash = weightName.lastIndexOf('/');
      const [name, key] = [weightName.slice(0, slash), weightName.slice(slash + 1)];
      if (!variables.some((v) => v.name === name)) {
        throw new Error(`the optimizer holds state for variable ${name}, which is not among the variables given`);
      }
      let state = states.get(name);
      if (state === undefined) {
        state = { step: 0, tensors: {}, scalars: {} };
        states.set(name, state);
      }
      const values = Float64Array.from(await tensor.data());
      if (key === 'step') state.step = values[0];
      else if (layout.scalars.includes(key)) state.scalars[key] = values[0];
      else state.tensors[key] = values;
    }
    const parameters = await Promise.all(
      variables.map(async (v) => ({ name: v.name, shape: v.shape, values: await v.data() })),
    );
    return stateDictOf(
      rule,
      options,
      parameters,
      variables.map((v) => states.get(v.name) ?? null),
      'float32',
    );
  } finally {
    tf.dispose(weights.map((w) => w.tensor));
  }
}
