import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { Adadelta, Adagrad, Adam, Adamax, AdamW, NAdam, RAdam, RMSprop, SGD } from '../src/classes';
import { clipGradNorm } from '../src/clip';
import { camelCase } from '../src/options';
import { ReferenceOptimizer, referenceClipGradNorm, type Precision } from '../src/reference';
import type { TorchRule } from '../src/rule';
import { RULES, type AnyTorchRule } from '../src/rules';

/*
 * What the package's tests share: the PyTorch traces, the objectives (float64 by hand, TF.js by
 * autodiff), and runs of the library against them.
 */

export interface Row {
  iteration: number;
  x: number[];
  loss: number;
  grad: number[];
}

/** One torch.optim run of torch-traces.json. */
export interface TraceCase {
  name: string;
  objective: ObjectiveName;
  x0: number[];
  iterations: number;
  /** torch.optim's class, lowercased. */
  torch: string;
  /** torch's keyword arguments. */
  params: Record<string, number | boolean | number[]>;
  rows: Row[];
  final_x: number[];
}

/** A case made for the library: its options, and a float32 run beside the float64 one. */
export interface LibraryCase extends TraceCase {
  cli: string;
  library: Record<string, number | boolean | number[]>;
  clip_grad_norm?: { max_norm: number; norm_type: number };
  rows_float32: Row[];
  final_x_float32: number[];
}

export interface ClipCase {
  name: string;
  function: 'clip_grad_norm_' | 'clip_grad_value_';
  grads: NestedNumbers[];
  max_norm?: number;
  /** A number, or "inf" (JSON has no Infinity). */
  norm_type?: number | 'inf';
  clip_value?: number;
  total_norm?: number;
  total_norm_float32?: number;
  clipped: NestedNumbers[];
  clipped_float32: NestedNumbers[];
}
export type NestedNumbers = number | NestedNumbers[];

/** A nested list's numbers, in order. */
export const flatten = (values: NestedNumbers): number[] =>
  Array.isArray(values) ? values.flatMap(flatten) : [values];
/** A nested list's shape, from its first elements. */
export const shapeOf = (values: NestedNumbers): number[] =>
  Array.isArray(values) ? [values.length, ...shapeOf(values[0])] : [];

interface TraceFile {
  cases: TraceCase[];
  library_cases: LibraryCase[];
  clip_cases: ClipCase[];
}

export const TRACES = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'torch-traces.json'), 'utf8'),
) as TraceFile;

// ---------------------------------------------------------------------------------------------
// Objectives.

export type ObjectiveName = 'sphere' | 'rosenbrock' | 'booth' | 'himmelblau';

interface Objective {
  /** Value and gradient in float64, by hand. */
  value(x: Float64Array): number;
  gradient(x: Float64Array): Float64Array;
  /** The same loss as a TF.js expression, differentiated by TF.js. */
  tfjs(x: tf.Tensor1D): tf.Scalar;
}

function coordinates(x: tf.Tensor1D): [tf.Tensor1D, tf.Tensor1D] {
  return [tf.slice(x, 0, 1), tf.slice(x, 1, 1)];
}

export const OBJECTIVES: Record<ObjectiveName, Objective> = {
  sphere: {
    value: (x) => x.reduce((sum, v) => sum + v * v, 0),
    gradient: (x) => x.map((v) => 2 * v),
    tfjs: (x) => tf.sum(tf.square(x)),
  },
  rosenbrock: {
    value(x) {
      let sum = 0;
      for (let i = 0; i + 1 < x.length; i++) sum += 100 * (x[i + 1] - x[i] * x[i]) ** 2 + (1 - x[i]) ** 2;
      return sum;
    },
    gradient(x) {
      const out = new Float64Array(x.length);
      for (let i = 0; i + 1 < x.length; i++) {
        const a = x[i + 1] - x[i] * x[i];
        out[i] += -400 * x[i] * a - 2 * (1 - x[i]);
        out[i + 1] += 200 * a;
      }
      return out;
    },
    tfjs(x) {
      const n = x.shape[0];
      const head = tf.slice(x, 0, n - 1);
      const tail = tf.slice(x, 1, n - 1);
      return tf.sum(tf.add(tf.mul(100, tf.square(tf.sub(tail, tf.square(head)))), tf.square(tf.sub(1, head))));
    },
  },
  booth: {
    value: ([x, y]) => (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2,
    gradient([x, y]) {
      const [p, q] = [x + 2 * y - 7, 2 * x + y - 5];
      return Float64Array.of(2 * p + 4 * q, 4 * p + 2 * q);
    },
    tfjs(v) {
      const [x, y] = coordinates(v);
      const p = tf.sub(tf.add(x, tf.mul(2, y)), 7);
      const q = tf.sub(tf.add(tf.mul(2, x), y), 5);
      return tf.sum(tf.add(tf.square(p), tf.square(q)));
    },
  },
  himmelblau: {
    value: ([x, y]) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
    gradient([x, y]) {
      const [p, q] = [x * x + y - 11, x + y * y - 7];
      return Float64Array.of(4 * x * p + 2 * q, 2 * p + 4 * y * q);
    },
    tfjs(v) {
      const [x, y] = coordinates(v);
      const p = tf.sub(tf.add(tf.square(x), y), 11);
      const q = tf.sub(tf.add(x, tf.square(y)), 7);
      return tf.sum(tf.add(tf.square(p), tf.square(q)));
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Rules and classes by torch's lowercased class name.

export function ruleFor(torchName: string): AnyTorchRule {
  const rule = RULES.find((r) => r.className.toLowerCase() === torchName);
  if (rule === undefined) throw new Error(`no rule for torch.optim.${torchName}`);
  return rule;
}

/** A case's options as the library spells them (camelCase; the traces' betas are lists). */
export function libraryOptions(trace: TraceCase): Record<string, unknown> {
  if ('library' in trace) return { ...(trace as LibraryCase).library };
  return Object.fromEntries(Object.entries(trace.params).map(([key, value]) => [camelCase(key), value]));
}

/**
 * A reference optimizer from options read from JSON. The rules are a union of types, each with
 * its own options type; the options' shape is checked at run time by resolveOptions (an unknown
 * or ill-typed option throws), which is why the one cast below is safe.
 */
export function referenceFor(rule: AnyTorchRule, options: object, precision: Precision): ReferenceOptimizer<object> {
  return new ReferenceOptimizer(rule as unknown as TorchRule<object>, options, precision);
}

const CLASSES: Record<string, (options: object) => tf.Optimizer> = {
  sgd: (options) => new SGD(options),
  adam: (options) => new Adam(options),
  adamw: (options) => new AdamW(options),
  adagrad: (options) => new Adagrad(options),
  adadelta: (options) => new Adadelta(options),
  rmsprop: (options) => new RMSprop(options),
  adamax: (options) => new Adamax(options),
  nadam: (options) => new NAdam(options),
  radam: (options) => new RAdam(options),
};

/** The library's tf.Optimizer for torch.optim.<torchName>. */
export function optimizerFor(torchName: string, options: object): tf.Optimizer {
  const make = CLASSES[torchName];
  if (make === undefined) throw new Error(`no class for torch.optim.${torchName}`);
  return make(options);
}

export function normType(value: number | 'inf' | undefined): number {
  return value === 'inf' ? Infinity : (value ?? 2);
}

// ---------------------------------------------------------------------------------------------
// Runs.

/** The float64 reference run of a case: its own float64 gradients, torch's rule in float64. */
export function referenceRun(trace: TraceCase): { rows: Row[]; finalX: number[] } {
  const objective = OBJECTIVES[trace.objective];
  const optimizer = referenceFor(ruleFor(trace.torch), libraryOptions(trace), 'float64');
  const clip = 'clip_grad_norm' in trace ? (trace as LibraryCase).clip_grad_norm : undefined;
  const x = Float64Array.from(trace.x0);
  const rows: Row[] = [];
  for (let k = 1; k <= trace.iterations; k++) {
    const grad = objective.gradient(x);
    rows.push({ iteration: k, x: Array.from(x), loss: objective.value(x), grad: Array.from(grad) });
    if (clip) referenceClipGradNorm([grad], clip.max_norm, clip.norm_type);
    optimizer.step(x, grad);
  }
  return { rows, finalX: Array.from(x) };
}

export interface TfjsRun {
  rows: Row[];
  finalX: number[];
  /** Steps after which TF.js's parameter equals the float32 reference's to the bit. */
  identicalSteps: number;
  /** The first step where they differ, or null. */
  firstDifference: string | null;
}

/**
 * The library's TF.js optimizer on the current backend, fed by TF.js's autodiff of the objective,
 * beside the float32 reference fed the very same gradients (read back from TF.js).
 */
export function tfjsRun(trace: LibraryCase): TfjsRun {
  const objective = OBJECTIVES[trace.objective];
  const options = libraryOptions(trace);
  const optimizer = optimizerFor(trace.torch, options);
  const reference = referenceFor(ruleFor(trace.torch), options, 'float32');
  const clip = trace.clip_grad_norm;
  const x = tf.variable(tf.tensor1d(trace.x0));
  const xr = Float64Array.from(trace.x0, Math.fround);
  const rows: Row[] = [];
  let identicalSteps = 0;
  let firstDifference: string | null = null;
  try {
    for (let k = 1; k <= trace.iterations; k++) {
      const { value, grads } = tf.variableGrads(() => objective.tfjs(x), [x]);
      const grad = Float64Array.from(grads[x.name].dataSync());
      rows.push({ iteration: k, x: Array.from(x.dataSync()), loss: value.dataSync()[0], grad: Array.from(grad) });
      if (clip) {
        clipGradNorm(grads, clip.max_norm, clip.norm_type);
        referenceClipGradNorm([grad], clip.max_norm, clip.norm_type, 'float32');
      }
      optimizer.applyGradients(grads);
      reference.step(xr, grad);
      tf.dispose([value, ...Object.values(grads)]);
      const xt = x.dataSync();
      if (xt.every((v, i) => Object.is(v, xr[i]))) identicalSteps += 1;
      else
        firstDifference ??= `step ${k}: TF.js [${Array.from(xt).join(', ')}], reference [${Array.from(xr).join(', ')}]`;
    }
    return { rows, finalX: Array.from(x.dataSync()), identicalSteps, firstDifference };
  } finally {
    optimizer.dispose();
    x.dispose();
  }
}

/** Every number of a row, in one list: x, then the loss, then the gradient. */
export function rowValues(row: Row): number[] {
  return [...row.x, row.loss, ...row.grad];
}

/** The largest |value| of a row (x, loss and gradient together). */
export function rowScale(row: Row): number {
  return Math.max(...rowValues(row).map(Math.abs));
}
