import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { Adam, SGD } from '../src/classes';
import { ADAM } from '../src/optimizers/adam';
import { SGD as SGD_RULE } from '../src/optimizers/sgd';
import { ReferenceOptimizer } from '../src/reference';
import {
  CosineAnnealingLR,
  CyclicLR,
  ExponentialLR,
  OneCycleLR,
  scheduleTarget,
  StepLR,
  type LRScheduler,
  type ScheduleTarget,
} from '../src/schedulers';

/**
 * Schedulers drive this library's optimizers and tf.train's through one target, and never reset
 * their state: each run below equals a replay, step by step, of the optimizer's own update with
 * the scheduled lr (and momentum or β1), in float32 as TF.js's cpu backend computes it. Where
 * tf.train cannot follow a momentum or β1 schedule, the scheduler refuses at construction.
 */

const r = Math.fround;

beforeAll(async () => {
  tf.enableProdMode(); // no debug checks, no advice to install tfjs-node
  await tf.setBackend('cpu');
  await tf.ready();
});

/** The gradient of Σx²: 2x, exact in float32. */
const gradientOf = (x: readonly number[]): number[] => x.map((v) => 2 * v);

/**
 * Steps a variable `steps` times with the optimizer, the scheduler stepping after each optimizer
 * step (torch's order): the positions after each step, and the lr each step used.
 */
function drive(
  optimizer: tf.Optimizer,
  scheduler: { step(): void; getLastLr(): number[] },
  x0: readonly number[],
  steps: number,
): { xs: number[][]; lrs: number[] } {
  const x = tf.variable(tf.tensor1d([...x0]));
  const xs: number[][] = [];
  const lrs: number[] = [];
  for (let k = 0; k < steps; k++) {
    lrs.push(scheduler.getLastLr()[0]);
    tf.tidy(() => optimizer.applyGradients({ [x.name]: tf.mul(x, 2) }));
    scheduler.step();
    xs.push(Array.from(x.dataSync()));
  }
  x.dispose();
  return { xs, lrs };
}

const X0 = [1.5, -0.75, 3];

describe('tf.train optimizers follow the lr schedule, their state kept', () => {
  test('tf.train.sgd with StepLR: x ← x − lr_k·g_k exactly, in a float32 replay', () => {
    const optimizer = tf.train.sgd(0.1);
    const scheduler = new StepLR(optimizer, { stepSize: 5, gamma: 0.5 });
    const { xs, lrs } = drive(optimizer, scheduler, X0, 20);
    // The lrs torch's StepLR gives, in float64.
    expect(lrs).toEqual([...Array(20).keys()].map((k) => 0.1 * 0.5 ** Math.floor(k / 5)));
    let x = X0.map(r);
    for (let k = 0; k < 20; k++) {
      const g = gradientOf(x);
      // SGDOptimizer: value + c·g, with c = −lr held in a float32 scalar.
      x = x.map((v, i) => r(r(r(-lrs[k]) * g[i]) + v));
      expect(xs[k]).toEqual(x);
    }
    expect(optimizer.getConfig().learningRate).toBe(scheduler.getLastLr()[0]);
    optimizer.dispose();
  });

  test('tf.train.momentum with CosineAnnealingLR: the accumulation carries over every lr change', () => {
    const optimizer = tf.train.momentum(0.05, 0.9);
    const scheduler = new CosineAnnealingLR(optimizer, { TMax: 8, etaMin: 0.001 });
    const { xs, lrs } = drive(optimizer, scheduler, X0, 20);
    let x = X0.map(r);
    let accumulation = x.map(() => 0);
    for (let k = 0; k < 20; k++) {
      const g = gradientOf(x);
      accumulation = accumulation.map((a, i) => r(r(r(0.9) * a) + g[i]));
      x = x.map((v, i) => r(r(r(-lrs[k]) * accumulation[i]) + v));
      expect(xs[k]).toEqual(x);
    }
    optimizer.dispose();
  });

  test('tf.train.adam with ExponentialLR: the moments and bias corrections carry over every lr change', () => {
    const [beta1, beta2] = [0.9, 0.999];
    const optimizer = tf.train.adam(0.1, beta1, beta2);
    const scheduler = new ExponentialLR(optimizer, { gamma: 0.8 });
    const { xs, lrs } = drive(optimizer, scheduler, X0, 15);
    const eps = r(tf.backend().epsilon());
    let x = X0.map(r);
    let m = x.map(() => 0);
    let v = x.map(() => 0);
    let [acc1, acc2] = [r(beta1), r(beta2)];
    for (let k = 0; k < 15; k++) {
      const g = gradientOf(x);
      const [c1, c2] = [r(1 - acc1), r(1 - acc2)];
      m = m.map((mi, i) => r(r(mi * r(beta1)) + r(g[i] * r(1 - beta1))));
      v = v.map((vi, i) => r(r(vi * r(beta2)) + r(r(g[i] * g[i]) * r(1 - beta2))));
      x = x.map((xi, i) => {
        const step = r(r(m[i] / c1) / r(r(Math.sqrt(r(v[i] / c2))) + eps));
        return r(r(step * r(-lrs[k])) + xi);
      });
      [acc1, acc2] = [r(acc1 * r(beta1)), r(acc2 * r(beta2))];
      expect(xs[k]).toEqual(x);
    }
    optimizer.dispose();
  });

  test("tf.train.rmsprop's momentum can be cycled: it reads its momentum at every step", () => {
    const optimizer = tf.train.rmsprop(0.01, 0.9, 0.5);
    const scheduler = new CyclicLR(optimizer, { baseLr: 0.001, maxLr: 0.01, stepSizeUp: 4 });
    const target = scheduleTarget(optimizer);
    const momenta: number[] = [];
    // The momentum each step uses, read when drive() reads the lr.
    const recording = {
      step: () => scheduler.step(),
      getLastLr: () => {
        momenta.push(target.momentum?.get() ?? Number.NaN);
        return scheduler.getLastLr();
      },
    };
    const { xs, lrs } = drive(optimizer, recording, X0, 12);
    for (const [k, m] of [0.9, 0.875, 0.85].entries()) expect(momenta[k]).toBeCloseTo(m, 15);
    const eps = r(tf.backend().epsilon());
    let x = X0.map(r);
    let meanSquare = x.map(() => 0);
    let moments = x.map(() => 0);
    for (let k = 0; k < 12; k++) {
      const g = gradientOf(x);
      // RMSPropOptimizer (not centered): ms ← ρ·ms + (1 − ρ)·g²; mom ← μ·mom + lr·g / √(ms + ε).
      meanSquare = meanSquare.map((s, i) => r(r(s * r(0.9)) + r(r(g[i] * g[i]) * r(1 - 0.9))));
      moments = moments.map((a, i) =>
        r(r(a * r(momenta[k])) + r(r(g[i] * r(lrs[k])) / r(Math.sqrt(r(meanSquare[i] + eps))))),
      );
      x = x.map((xi, i) => r(xi - moments[i]));
      expect(xs[k]).toEqual(x);
    }
    optimizer.dispose();
  });
});

describe("tf.train's settings, measured", () => {
  const oneStep = (optimizer: tf.Optimizer, change: () => void): number[] => {
    const x = tf.variable(tf.tensor1d([1, 2]));
    tf.tidy(() => optimizer.applyGradients({ [x.name]: tf.mul(x, 2) }));
    change();
    tf.tidy(() => optimizer.applyGradients({ [x.name]: tf.mul(x, 2) }));
    const out = Array.from(x.dataSync());
    x.dispose();
    optimizer.dispose();
    return out;
  };
  /** Writes a field TypeScript declares protected, as a careless schedule would. */
  const assign = (optimizer: tf.Optimizer, field: string, value: number): void => {
    Object.assign(optimizer, { [field]: value });
  };

  test('assigning learningRate on tf.train.sgd changes nothing: only setLearningRate does', () => {
    const untouched = oneStep(tf.train.sgd(0.1), () => undefined);
    const sgd = tf.train.sgd(0.1);
    expect(oneStep(sgd, () => assign(sgd, 'learningRate', 0.5))).toEqual(untouched);
    const set = tf.train.sgd(0.1);
    expect(oneStep(set, () => set.setLearningRate(0.5))).not.toEqual(untouched);
  });

  test("tf.train.momentum's setMomentum changes nothing", () => {
    const untouched = oneStep(tf.train.momentum(0.1, 0.9), () => undefined);
    const momentum = tf.train.momentum(0.1, 0.9);
    expect(oneStep(momentum, () => momentum.setMomentum(0.1))).toEqual(untouched);
  });

  test('tf.train.adam reads learningRate at every step', () => {
    const untouched = oneStep(tf.train.adam(0.1), () => undefined);
    const adam = tf.train.adam(0.1);
    expect(oneStep(adam, () => assign(adam, 'learningRate', 0.5))).not.toEqual(untouched);
  });
});

/** What the tests use of a ReferenceOptimizer, whatever its rule's options. */
interface Reference {
  readonly options: { lr: number; momentum?: number; betas?: readonly [number, number] };
  setOptions(options: { lr?: number; momentum?: number; betas?: readonly [number, number] }): void;
  step(x: Float64Array, grad: ArrayLike<number>): void;
}

/** A target over the float32 reference of a rule: the schedule drives it exactly as the library's optimizer. */
function referenceTarget(reference: Reference): ScheduleTarget {
  const options = (): { lr: number; momentum?: number; betas?: readonly [number, number] } => reference.options;
  return {
    description: 'the float32 reference',
    getLr: () => options().lr,
    setLr: (lr) => reference.setOptions({ lr }),
    ...(options().betas !== undefined
      ? {
          beta1: {
            get: () => (options().betas ?? [0, 0])[0],
            set: (b1: number) => reference.setOptions({ betas: [b1, (options().betas ?? [0, 0])[1]] }),
          },
        }
      : {
          momentum: {
            get: () => options().momentum ?? 0,
            set: (momentum: number) => reference.setOptions({ momentum }),
          },
        }),
  };
}

/** The library's optimizer and the float32 reference of its rule, each driven by its own scheduler. */
function compareWithReference(
  optimizer: tf.Optimizer,
  reference: Reference,
  schedule: (target: tf.Optimizer | ScheduleTarget) => LRScheduler,
  steps: number,
): { xs: number[][]; momenta: number[] } {
  const scheduler = schedule(optimizer);
  const twin = schedule(referenceTarget(reference));
  const { xs } = drive(optimizer, scheduler, X0, steps);
  const x = Float64Array.from(X0.map(r));
  const momenta: number[] = [];
  for (let k = 0; k < steps; k++) {
    momenta.push(reference.options.betas?.[0] ?? reference.options.momentum ?? Number.NaN);
    reference.step(x, gradientOf(Array.from(x)));
    twin.step();
    expect(xs[k]).toEqual(Array.from(x));
  }
  return { xs, momenta };
}

describe("the library's optimizers follow lr and momentum or β1 schedules, their state kept", () => {
  test('Adam with OneCycleLR cycling β1: the run equals the float32 reference of Adam with the same schedule', () => {
    const options = { lr: 0.01, betas: [0.9, 0.999] as const };
    const { momenta } = compareWithReference(
      new Adam(options),
      new ReferenceOptimizer(ADAM, options, 'float32'),
      (target) => new OneCycleLR(target, { maxLr: 0.05, totalSteps: 30, baseMomentum: 0.8, maxMomentum: 0.9 }),
      30,
    );
    // β1 really moved: from max_momentum down to base_momentum at the peak, and back.
    expect(momenta[0]).toBe(0.9);
    expect(Math.min(...momenta)).toBeCloseTo(0.8, 12);
  });

  test('SGD with CyclicLR cycling momentum: the run equals the float32 reference of SGD with the same schedule', () => {
    const options = { lr: 0.05, momentum: 0.9 };
    const { momenta } = compareWithReference(
      new SGD(options),
      new ReferenceOptimizer(SGD_RULE, options, 'float32'),
      (target) => new CyclicLR(target, { baseLr: 0.005, maxLr: 0.05, stepSizeUp: 5, mode: 'triangular2' }),
      25,
    );
    for (const [k, m] of [0.9, 0.88, 0.86, 0.84, 0.82, 0.8].entries()) expect(momenta[k]).toBeCloseTo(m, 15);
  });

  test('changing the lr through the schedule keeps the moments: restarting Adam instead gives another run', () => {
    const schedule = (target: tf.Optimizer): LRScheduler => new ExponentialLR(target, { gamma: 0.9 });
    const kept = new Adam({ lr: 0.05 });
    const keptRun = drive(kept, schedule(kept), X0, 10).xs;
    // The same lrs, but a fresh Adam (fresh moments) for every step.
    const lrs = [...Array(10).keys()].map((k) => 0.05 * 0.9 ** k);
    let x = X0;
    const restarted: number[][] = [];
    for (const lr of lrs) {
      const fresh = new Adam({ lr });
      x = drive(fresh, { step: () => undefined, getLastLr: () => [lr] }, x, 1).xs[0];
      restarted.push(x);
      fresh.dispose();
    }
    expect(restarted[0]).toEqual(keptRun[0]);
    expect(restarted[9]).not.toEqual(keptRun[9]);
  });
});

describe('where tf.train cannot follow, the scheduler refuses at construction', () => {
  test('CyclicLR cycling momentum on tf.train.momentum', () => {
    expect(() => new CyclicLR(tf.train.momentum(0.1, 0.9), { baseLr: 0.01, maxLr: 0.1 })).toThrow(
      /^CyclicLR: cycleMomentum needs a momentum that can change between steps, and tf\.train\.momentum's setMomentum does not change its update: use SGD from @optim-mirror\/torch$/,
    );
  });

  test('OneCycleLR cycling β1 on tf.train.adam', () => {
    expect(() => new OneCycleLR(tf.train.adam(0.01), { maxLr: 0.1, totalSteps: 10 })).toThrow(
      /^OneCycleLR: cycleMomentum needs a β1 that can change between steps, and tf\.train\.adam folds each β1 into a running product \(accBeta1\) where torch takes 1 − β1ᵗ of the current β1: use Adam from @optim-mirror\/torch$/,
    );
  });

  test('CyclicLR cycling momentum on tf.train.sgd, which has none', () => {
    expect(() => new CyclicLR(tf.train.sgd(0.1), { baseLr: 0.01, maxLr: 0.1 })).toThrow(
      /^CyclicLR: cycleMomentum needs a momentum that can change between steps, and tf\.train\.sgd has none .*: use SGD from @optim-mirror\/torch$/,
    );
  });

  test('OneCycleLR cycling momentum on tf.train.adagrad, which torch refuses too', () => {
    expect(() => new OneCycleLR(tf.train.adagrad(0.1), { maxLr: 0.1, totalSteps: 10 })).toThrow(
      /^OneCycleLR: cycleMomentum needs an optimizer with a momentum or β1, and tf\.train\.adagrad has neither .*: pass cycleMomentum false$/,
    );
  });

  test('with cycleMomentum false the same optimizers follow the lr', () => {
    const momentum = tf.train.momentum(0.1, 0.9);
    const scheduler = new CyclicLR(momentum, { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 4, cycleMomentum: false });
    scheduler.step();
    expect(momentum.getConfig().learningRate).toBeCloseTo(0.0325, 15);
    const adam = tf.train.adam(0.01);
    new OneCycleLR(adam, { maxLr: 0.1, totalSteps: 10, cycleMomentum: false });
    expect(adam.getConfig().learningRate).toBeCloseTo(0.1 / 25, 15);
    momentum.dispose();
    adam.dispose();
  });
});
