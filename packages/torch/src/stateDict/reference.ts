/**
 * A torch state file into the reference (one ReferenceOptimizer per torch parameter, each over the
 * parameter's values flattened: torch's rules are per parameter and element-wise) and back. Free
 * of TF.js, as the reference entry is.
 */
import type { ReferenceOptimizer } from '../reference';
import { readTorchStateFile, type TorchStateDict } from './format';
import {
  checkAgainstOptimizer,
  parameterStates,
  ruleOfClass,
  stateDictOf,
  toFloat32,
  type ParameterValues,
} from './mapping';

type AnyReference = ReferenceOptimizer<object>;

function checkOptimizers(optimizers: readonly AnyReference[], count: number): void {
  if (optimizers.length !== count) {
    throw new Error(
      `the file has ${count} parameter${count === 1 ? '' : 's'}; ${optimizers.length} reference optimizer${optimizers.length === 1 ? ' was' : 's were'} given`,
    );
  }
  const first = optimizers[0];
  if (optimizers.some((o) => o.className !== first.className || o.precision !== first.precision)) {
    throw new Error('the reference optimizers are not all of one rule and one precision');
  }
  if (new Set(optimizers).size !== optimizers.length) throw new Error('a reference optimizer is given twice');
}

/**
 * Loads a torch state file into reference optimizers, one per parameter in torch's order, each
 * built with the rule and options of the file (lr may differ, as for `fromTorchStateDict`). Their
 * step counts, tensors and scalars become the file's (rounded to float32 in a float32 reference);
 * the parameters' values are the caller's to take: `torchParametersFromStateDict(json)`. Checked
 * before anything changes; an Error of one line otherwise.
 */
export function referenceFromTorchStateDict<O extends object>(
  optimizers: ReadonlyArray<ReferenceOptimizer<O>>,
  json: unknown,
): void {
  const file = readTorchStateFile(json);
  const references = optimizers as unknown as readonly AnyReference[];
  if (references.length === 0) throw new Error('no reference optimizer was given');
  checkOptimizers(references, file.parameters.length);
  const rule = ruleOfClass(references[0].className);
  const options = references[0].getOptions();
  if (references.some((o) => JSON.stringify(o.getOptions()) !== JSON.stringify(options))) {
    throw new Error('the reference optimizers do not all have the same options');
  }
  checkAgainstOptimizer(rule, file, options);
  const states = parameterStates(rule, options, file);
  if (references[0].precision === 'float32') {
    states.forEach((state, i) => {
      for (const [key, values] of Object.entries(state?.tensors ?? {})) toFloat32(values, `${key} of parameter ${i}`);
    });
  }
  references.forEach((optimizer, i) => optimizer.loadState(states[i]));
}

/**
 * Reference optimizers' states and the parameters' values as a torch state file, every tensor in
 * the references' precision (float64 or float32).
 */
export function referenceToTorchStateDict<O extends object>(
  optimizers: ReadonlyArray<ReferenceOptimizer<O>>,
  parameters: readonly ParameterValues[],
): TorchStateDict {
  const references = optimizers as unknown as readonly AnyReference[];
  if (references.length === 0) throw new Error('no reference optimizer was given');
  checkOptimizers(references, parameters.length);
  const [first] = references;
  const states = references.map((o) => {
    const state = o.saveState();
    if (state === null) return null;
    const tensors: Record<string, Float64Array> = {};
    for (const [key, values] of Object.entries(state.tensors)) if (values) tensors[key] = values;
    const scalars: Record<string, number> = {};
    for (const [key, value] of Object.entries(state.scalars)) if (value !== undefined) scalars[key] = value;
    return { step: state.step, tensors, scalars };
  });
  return stateDictOf(ruleOfClass(first.className), first.getOptions(), parameters, states, first.precision);
}
