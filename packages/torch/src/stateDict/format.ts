/**
 * The file that carries a torch.optim optimizer's state between PyTorch and this library, as
 * scripts/export_torch_state.py writes it: read, checked and written here, free of TF.js and of
 * any optimizer's rule. Every refusal is an Error of one line naming what is wrong and why.
 */

/** The value of the file's "format". */
export const TORCH_STATE_FORMAT = 'optim-mirror/torch-state@1';

/** Nested lists of numbers (a number for a 0-dim tensor), as torch's `tolist()` gives them. */
export type NestedNumbers = number | NestedNumbers[];

/** A tensor in the file: its torch dtype (`float32`), shape and values. */
export interface TorchTensorJson {
  dtype: string;
  shape: number[];
  values: NestedNumbers;
}

/** A parameter in the file: its values, and its name when the exporter was given one. */
export interface TorchParameterJson extends TorchTensorJson {
  name?: string | null;
}

/** One state entry: a tensor, a Python number (1.13's int `step`) or None (1.13's SGD momentum_buffer). */
export type TorchStateEntryJson = TorchTensorJson | number | null;

/** A hyperparameter of `param_groups[0]`, JSON-safe: betas a list, None null. */
export type HyperparameterJson = number | boolean | string | null | number[];

/** The whole file. */
export interface TorchStateDict {
  format: typeof TORCH_STATE_FORMAT;
  /** torch.__version__ of the run that wrote it; null when this library wrote it. */
  torch_version: string | null;
  /** The torch.optim class: `Adam`, `SGD`, … */
  optimizer: string;
  /** param_groups[0] without `params`, by torch's names. */
  hyperparameters: Record<string, HyperparameterJson>;
  /** The parameters, in the optimizer's order. */
  parameters: TorchParameterJson[];
  /** One object per parameter, in the same order: its state_dict entries, `{}` before its first step. */
  state: Array<Record<string, TorchStateEntryJson>>;
}

/** The floating dtypes a file may hold; their values are all doubles, and all but float64 are float32 values. */
export const FLOAT_DTYPES = ['float16', 'bfloat16', 'float32', 'float64'] as const;
export type FloatDtype = (typeof FLOAT_DTYPES)[number];

/** A tensor read from the file, its values flat in row-major order. */
export interface TorchTensor {
  dtype: FloatDtype;
  shape: number[];
  values: Float64Array;
}

/** A parameter read from the file. */
export interface TorchParameter extends TorchTensor {
  name: string | null;
}

/** A state entry read from the file: a tensor, a number, or null (torch's None). */
export type TorchStateEntry = TorchTensor | number | null;

/** The file, read and checked for its form (not yet against an optimizer). */
export interface TorchStateFile {
  className: string;
  torchVersion: string | null;
  hyperparameters: Readonly<Record<string, unknown>>;
  parameters: TorchParameter[];
  /** Per parameter: its entries by torch's name. */
  state: Array<Map<string, TorchStateEntry>>;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as a message shows it: short, on one line. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number') return String(value); // JSON would write NaN and Infinity as null
  const line = (JSON.stringify(value) ?? typeof value).replace(/,/g, ', ');
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

export function showShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** The number of elements of a shape. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

/** A tensor's values, flat, checked against its shape and dtype. */
function flatValues(values: unknown, shape: readonly number[], dtype: FloatDtype, what: string): Float64Array {
  const out = new Float64Array(sizeOf(shape));
  let next = 0;
  const walk = (value: unknown, depth: number, at: number[]): void => {
    if (depth === shape.length) {
      const where = at.length > 0 ? ` at ${showShape(at)}` : '';
      if (typeof value !== 'number') throw new Error(`${what} holds ${show(value)}${where}, not a number`);
      // JSON has no NaN or infinity; 1e999 reads as Infinity.
      if (!Number.isFinite(value)) throw new Error(`${what} holds ${value}${where}: only finite values can be resumed`);
      if (dtype !== 'float64' && Math.fround(value) !== value) {
        throw new Error(
          `${what} holds ${value}${where}, which is not a ${dtype} value: the file is not what torch wrote`,
        );
      }
      out[next++] = value;
      return;
    }
    if (!Array.isArray(value) || value.length !== shape[depth]) {
      throw new Error(`${what}: its values do not have its shape ${showShape(shape)}`);
    }
    value.forEach((item, i) => walk(item, depth + 1, [...at, i]));
  };
  walk(values, 0, []);
  return out;
}

/** A tensor of the file: `{dtype, shape, values}`, floating, finite, its values of its shape and dtype. */
function readTensor(value: JsonObject, what: string): TorchTensor {
  const { dtype, shape, values } = value;
  if (typeof dtype !== 'string' || !Array.isArray(shape) || values === undefined) {
    throw new Error(`${what} is not a tensor {"dtype", "shape", "values"}: ${show(value)}`);
  }
  if (!(FLOAT_DTYPES as readonly string[]).includes(dtype)) {
    throw new Error(`${what} has dtype ${dtype}: only floating tensors (${FLOAT_DTYPES.join(', ')}) can be optimized`);
  }
  if (!shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) {
    throw new Error(`${what} has shape ${show(shape)}, not a list of sizes`);
  }
  const dims = shape as number[];
  return { dtype: dtype as FloatDtype, shape: [...dims], values: flatValues(values, dims, dtype as FloatDtype, what) };
}

function parse(json: unknown): unknown {
  if (typeof json !== 'string') return json;
  // The message is the cause, in one line (ES2020 has no Error cause).
  let problem: string;
  try {
    return JSON.parse(json);
  } catch (error) {
    problem = (error as Error).message.split('\n')[0];
  }
  throw new Error(`not JSON: ${problem}`);
}

/**
 * The file (its text, or the value JSON.parse made of it), checked for its form: the format tag,
 * an optimizer class name, hyperparameters, and parameters and state entries that are real
 * floating tensors of consistent shapes with finite values. What it means for an optimizer is
 * checked by the mapping.
 */
export function readTorchStateFile(json: unknown): TorchStateFile {
  const file = parse(json);
  if (!isObject(file)) throw new Error(`not a torch state export: expected a JSON object, got ${show(file)}`);
  if (file.format !== TORCH_STATE_FORMAT) {
    throw new Error(
      file.format === undefined
        ? `not a torch state export: it has no "format": "${TORCH_STATE_FORMAT}" (scripts/export_torch_state.py writes one)`
        : `not a torch state export: its format is ${show(file.format)}, not "${TORCH_STATE_FORMAT}"`,
    );
  }
  const { optimizer, hyperparameters, parameters, state } = file;
  const version = file.torch_version ?? null;
  if (typeof optimizer !== 'string' || optimizer === '') {
    throw new Error(`the file's "optimizer" is ${show(optimizer)}, not a torch.optim class name`);
  }
  if (version !== null && typeof version !== 'string') {
    throw new Error(`the file's "torch_version" is ${show(version)}, not a version`);
  }
  if (!isObject(hyperparameters))
    throw new Error(`the file's "hyperparameters" is ${show(hyperparameters)}, not an object`);
  if (!Array.isArray(parameters)) throw new Error(`the file's "parameters" is ${show(parameters)}, not a list`);
  if (!Array.isArray(state) || state.length !== parameters.length) {
    throw new Error(
      Array.isArray(state)
        ? `the file has ${parameters.length} parameters but ${state.length} state entries`
        : `the file's "state" is ${show(state)}, not a list`,
    );
  }
  return {
    className: optimizer,
    torchVersion: version,
    hyperparameters,
    parameters: parameters.map((parameter: unknown, i) => {
      if (!isObject(parameter)) throw new Error(`parameter ${i} is ${show(parameter)}, not a tensor`);
      const name = parameter.name ?? null;
      if (name !== null && typeof name !== 'string') throw new Error(`parameter ${i} has name ${show(name)}`);
      return { ...readTensor(parameter, `parameter ${i}`), name };
    }),
    state: state.map((entries: unknown, i) => {
      if (!isObject(entries)) throw new Error(`the state of parameter ${i} is ${show(entries)}, not an object`);
      const read = new Map<string, TorchStateEntry>();
      for (const [key, value] of Object.entries(entries)) {
        const what = `${key} of parameter ${i}`;
        if (value === null || typeof value === 'number') {
          if (typeof value === 'number' && !Number.isFinite(value)) {
            throw new Error(`${what} is ${value}: only finite values can be resumed`);
          }
          read.set(key, value);
        } else if (isObject(value)) read.set(key, readTensor(value, what));
        else throw new Error(`${what} is ${show(value)}, not a tensor, a number or null`);
      }
      return read;
    }),
  };
}

/** Flat values in row-major order as nested lists of a shape (a number for shape []). */
export function nest(values: ArrayLike<number>, shape: readonly number[]): NestedNumbers {
  let next = 0;
  const build = (depth: number): NestedNumbers =>
    depth === shape.length ? values[next++] : Array.from({ length: shape[depth] }, () => build(depth + 1));
  return build(0);
}

/** A tensor as the file holds it. */
export function tensorJson(dtype: FloatDtype, shape: readonly number[], values: ArrayLike<number>): TorchTensorJson {
  return { dtype, shape: [...shape], values: nest(values, shape) };
}

/** The parameters of a file, in its order, as flat values with their shapes (a copy). */
export function torchParametersFromStateDict(json: unknown): TorchParameter[] {
  return readTorchStateFile(json).parameters;
}
