import * as tf from '@tensorflow/tfjs-core';
import { Adam, AdamW, NAdam, RMSprop, SGD } from '../src/classes';
import type { NamedTensor } from '../src/optimizer';
import { ADAM, NADAM, RMSPROP, SGD as SGD_RULE } from '../src/rules';
import { ReferenceOptimizer } from '../src/reference';
import { useBackend } from './backend';
import { OBJECTIVES, optimizerFor, referenceFor, ruleFor } from './helpers';

/*
 * The optimizer as a tf.Optimizer: its state saved and restored, serialized, shared by variables
 * of every shape, changed options between steps, and no tensor left behind.
 */

beforeAll(() => useBackend('cpu'));

/** Every optimizer, with options that make it keep every state entry it has. */
const FULL_STATE: Array<[string, object]> = [
  ['sgd', { lr: 0.002, momentum: 0.9, dampening: 0.1, weightDecay: 0.01 }],
  ['adam', { lr: 0.05, amsgrad: true, weightDecay: 0.01 }],
  ['adamw', { lr: 0.05, amsgrad: true }],
  ['adagrad', { lr: 0.1, initialAccumulatorValue: 0.1, lrDecay: 0.01 }],
  ['adadelta', { lr: 1, eps: 1e-3 }],
  ['rmsprop', { lr: 0.005, momentum: 0.5, centered: true }],
  ['adamax', { lr: 0.05 }],
  ['nadam', { lr: 0.05 }],
  ['radam', { lr: 0.05 }],
];

const START = [-1.5, 2, 0.5];

/** Steps of the n-D Rosenbrock valley on `x`, by TF.js autodiff. */
function steps(optimizer: tf.Optimizer, x: tf.Variable<tf.Rank.R1>, count: number): void {
  for (let k = 0; k < count; k++) {
    const { value, grads } = tf.variableGrads(() => OBJECTIVES.rosenbrock.tfjs(x), [x]);
    optimizer.applyGradients(grads);
    tf.dispose([value, ...Object.values(grads)]);
  }
}

async function snapshot(weights: NamedTensor[]): Promise<Array<[string, number[]]>> {
  return Promise.all(
    weights.map(async ({ name, tensor }) => [name, Array.from(await tensor.data())] as [string, number[]]),
  );
}

describe.each(FULL_STATE)('%s %j', (name, options) => {
  test('getWeights / setWeights resume to the bit: 5 steps, save, a new optimizer, restore, 5 steps = 10 steps', async () => {
    const straight = optimizerFor(name, options);
    const x = tf.variable(tf.tensor1d(START), true, 'resume-x');
    steps(straight, x, 10);
    const expectedX = Array.from(x.dataSync());
    const expectedState = await snapshot(await straight.getWeights());
    straight.dispose();
    x.dispose();

    const first = optimizerFor(name, options);
    const y = tf.variable(tf.tensor1d(START), true, 'resume-x');
    steps(first, y, 5);
    const saved = await first.getWeights();
    first.dispose();
    const second = optimizerFor(name, options);
    await second.setWeights(saved);
    tf.dispose(saved.map((w) => w.tensor));
    steps(second, y, 5);
    expect(Array.from(y.dataSync())).toEqual(expectedX);
    expect(await snapshot(await second.getWeights())).toEqual(expectedState);
    second.dispose();
    y.dispose();
  });

  test('state names are torch state_dict names, per variable, with the step count', async () => {
    const optimizer = optimizerFor(name, options);
    const x = tf.variable(tf.tensor1d(START), true, 'named-x');
    steps(optimizer, x, 2);
    const weights = await optimizer.getWeights();
    const names = weights.map((w) => w.name);
    tf.dispose(weights.map((w) => w.tensor));
    // The reference keeps the same state by the same names: torch's.
    const reference = referenceFor(ruleFor(name), options, 'float32');
    reference.step(Float64Array.from(START), Float64Array.of(1, 1, 1));
    const expected = ['iter', 'named-x/step', ...Object.keys(reference.stateTensors()).map((k) => `named-x/${k}`)];
    if (name === 'nadam') expected.push('named-x/mu_product');
    expect([...names].sort()).toEqual(expected.sort());
    if (name === 'sgd') expect(names).toContain('named-x/momentum_buffer');
    optimizer.dispose();
    x.dispose();
  });

  test('getConfig / fromConfig through tf.serialization rebuilds an equal optimizer', () => {
    const optimizer = optimizerFor(name, options);
    const className = optimizer.getClassName();
    expect(className).toBe(`torch.${ruleFor(name).className}`);
    const entry = tf.serialization.SerializationMap.getMap().classNameMap[className];
    expect(entry).toBeDefined();
    const [cls, fromConfig] = entry;
    // Through JSON, as a saved model's optimizer config travels.
    const config = JSON.parse(JSON.stringify(optimizer.getConfig())) as tf.serialization.ConfigDict;
    const rebuilt = fromConfig(cls, config);
    expect(rebuilt.getClassName()).toBe(className);
    expect(rebuilt.getConfig()).toEqual(optimizer.getConfig());
    expect(rebuilt.getConfig()).toMatchObject(options);
  });

  test('dispose() leaves no tensor; the count is constant across steps', () => {
    const x = tf.variable(tf.tensor1d(START));
    const before = tf.memory().numTensors;
    const optimizer = optimizerFor(name, options);
    steps(optimizer, x, 1);
    const afterOne = tf.memory().numTensors;
    steps(optimizer, x, 9);
    expect(tf.memory().numTensors).toBe(afterOne);
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});

describe('many variables in one applyGradients', () => {
  const shapes: Array<[string, number[], number[]]> = [
    ['scalar', [], [0.75]],
    ['vector', [3], [1, -2, 0.5]],
    ['matrix', [3, 4], Array.from({ length: 12 }, (_, i) => (i - 5.5) / 3)],
  ];

  test.each(FULL_STATE)(
    '%s: each variable is its own float32 reference, to the bit; one without gradient is skipped',
    (name, options) => {
      const variables = shapes.map(([label, shape, values]) =>
        tf.variable(tf.tensor(values, shape), true, `many-${label}`),
      );
      const idle = tf.variable(tf.tensor1d([3, 4]), true, 'many-idle');
      const optimizer = optimizerFor(name, options);
      const references = shapes.map(() => referenceFor(ruleFor(name), options, 'float32'));
      const mirrors = shapes.map(([, , values]) => Float64Array.from(values, Math.fround));
      // Σ w·v² (a different weight per variable), plus its cube on the scalar: the idle variable is not in it.
      const loss = (): tf.Scalar =>
        tf.addN(
          variables.map((v, i) => tf.sum(tf.mul(i + 1, tf.add(tf.square(v), i === 0 ? tf.pow(v, 3) : 0)))),
        ) as tf.Scalar;
      for (let k = 0; k < 8; k++) {
        const { value, grads } = optimizer.computeGradients(loss, [...variables, idle]);
        expect(Object.keys(grads)).not.toContain('many-idle');
        const gradArrays = variables.map((v) => Float64Array.from(grads[v.name].dataSync()));
        // Both forms tf.Optimizer takes: a map by name, and a list of { name, tensor }.
        optimizer.applyGradients(
          k % 2 === 0 ? grads : Object.entries(grads).map(([n, tensor]) => ({ name: n, tensor })),
        );
        references.forEach((ref, i) => ref.step(mirrors[i], gradArrays[i]));
        tf.dispose([value, ...Object.values(grads)]);
      }
      variables.forEach((v, i) => {
        expect(v.shape).toEqual(shapes[i][1]);
        expect(Array.from(v.dataSync())).toEqual(Array.from(mirrors[i]));
      });
      expect(Array.from(idle.dataSync())).toEqual([3, 4]);
      optimizer.dispose();
      tf.dispose([...variables, idle]);
    },
  );

  test('a gradient missing from a step leaves that variable and its step count alone, as torch skips p.grad None', async () => {
    const a = tf.variable(tf.tensor1d([1, 2]), true, 'skip-a');
    const b = tf.variable(tf.tensor1d([3, 4]), true, 'skip-b');
    const optimizer = new Adam({ lr: 0.1 });
    const refA = new ReferenceOptimizer(ADAM, { lr: 0.1 }, 'float32');
    const refB = new ReferenceOptimizer(ADAM, { lr: 0.1 }, 'float32');
    const [xa, xb] = [Float64Array.of(1, 2), Float64Array.of(3, 4)];
    for (let k = 0; k < 6; k++) {
      const ga = tf.mul(a, 2);
      const gb = tf.mul(b, 2);
      // b's gradient only on even steps; the map omits it otherwise.
      optimizer.applyGradients(k % 2 === 0 ? { 'skip-a': ga, 'skip-b': gb } : { 'skip-a': ga });
      refA.step(xa, Float64Array.from(ga.dataSync()));
      if (k % 2 === 0) refB.step(xb, Float64Array.from(gb.dataSync()));
      tf.dispose([ga, gb]);
    }
    expect(Array.from(a.dataSync())).toEqual(Array.from(xa));
    expect(Array.from(b.dataSync())).toEqual(Array.from(xb));
    const weights = await optimizer.getWeights();
    const steps = Object.fromEntries(
      await Promise.all(
        weights
          .filter((w) => w.name.endsWith('/step'))
          .map(async (w): Promise<[string, number]> => [w.name, (await w.tensor.data<'int32'>())[0]]),
      ),
    );
    expect(steps).toEqual({ 'skip-a/step': 6, 'skip-b/step': 3 });
    tf.dispose(weights.map((w) => w.tensor));
    optimizer.dispose();
    tf.dispose([a, b]);
  });
});

describe('options changed between steps keep the state', () => {
  function compare<O extends { lr: number }>(
    make: () => tf.Optimizer & { setOptions(o: Partial<O>): void; getOptions(): O },
    reference: ReferenceOptimizer<O>,
    changes: Array<Partial<O>>,
  ): void {
    const x = tf.variable(tf.tensor1d(START));
    const xr = Float64Array.from(START, Math.fround);
    const optimizer = make();
    for (const change of changes) {
      optimizer.setOptions(change);
      reference.setOptions(change);
      for (let k = 0; k < 4; k++) {
        const { value, grads } = tf.variableGrads(() => OBJECTIVES.rosenbrock.tfjs(x), [x]);
        const grad = Float64Array.from(grads[x.name].dataSync());
        optimizer.applyGradients(grads);
        reference.step(xr, grad);
        tf.dispose([value, ...Object.values(grads)]);
      }
      expect(Array.from(x.dataSync())).toEqual(Array.from(xr));
      expect(optimizer.getOptions()).toMatchObject(change);
    }
    expect(reference.steps).toBe(4 * changes.length);
    optimizer.dispose();
    x.dispose();
  }

  test('Adam: lr and betas', () => {
    compare(() => new Adam({ lr: 0.05 }), new ReferenceOptimizer(ADAM, { lr: 0.05 }, 'float32'), [
      {},
      { lr: 0.01 },
      { betas: [0.8, 0.99] },
      { lr: 0.02, betas: [0.95, 0.9999] },
    ]);
  });

  test('SGD: lr and momentum (the buffer carries over)', () => {
    const options = { lr: 0.001, momentum: 0.9 };
    compare(() => new SGD(options), new ReferenceOptimizer(SGD_RULE, options, 'float32'), [
      {},
      { momentum: 0.5 },
      { lr: 0.0005 },
    ]);
  });

  test('RMSprop: alpha, momentum and lr', () => {
    const options = { lr: 0.005, momentum: 0.5, centered: true };
    compare(() => new RMSprop(options), new ReferenceOptimizer(RMSPROP, options, 'float32'), [
      {},
      { alpha: 0.9, momentum: 0.8 },
      { lr: 0.001 },
    ]);
  });

  test('NAdam: lr and betas, with mu_product carried over', () => {
    compare(() => new NAdam({ lr: 0.05 }), new ReferenceOptimizer(NADAM, { lr: 0.05 }, 'float32'), [
      {},
      { lr: 0.01, betas: [0.8, 0.99] },
    ]);
  });

  test('the lr accessor and setLearningRate are setOptions({ lr })', () => {
    const optimizer = new AdamW({ lr: 0.05 });
    optimizer.lr = 0.01;
    expect(optimizer.getOptions().lr).toBe(0.01);
    optimizer.setLearningRate(0.02);
    expect(optimizer.lr).toBe(0.02);
    expect(() => (optimizer.lr = -1)).toThrow('AdamW: lr must be ≥ 0, got -1');
    expect(optimizer.lr).toBe(0.02);
  });
});
