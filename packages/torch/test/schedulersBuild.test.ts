import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { SGD } from '../src/classes';
import {
  buildScheduler,
  ChainedScheduler,
  checkSchedulerCall,
  OneCycleLR,
  ReduceLROnPlateau,
  SCHEDULER_SPECS,
  SequentialLR,
  StepLR,
  type SchedulerCall,
  type SchedulerValue,
} from '../src/schedulers';

/**
 * buildScheduler: a torch-style call bound as Python binds arguments, checked against each
 * scheduler's spec, and refused in one line that names the scheduler, the argument and the rule.
 */

const call = (
  name: string,
  positional: SchedulerValue[] = [],
  keyword: Record<string, SchedulerValue> = {},
): SchedulerCall => ({
  name,
  positional,
  keyword,
});

/** The message of the Error `build` throws (one line, or the test fails). */
function refusal(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  tf.enableProdMode(); // no debug checks, no advice to install tfjs-node
  await tf.setBackend('cpu');
});

const sgd = (): SGD => new SGD({ lr: 0.1, momentum: 0.9 });

describe('buildScheduler refuses bad calls in one line', () => {
  test.each<[string, SchedulerCall, string | RegExp]>([
    [
      'an unknown scheduler',
      call('StepLr', ['optimizer', 10]),
      /^unknown scheduler 'StepLr' \(did you mean 'StepLR'\?\): torch\.optim\.lr_scheduler has LambdaLR, .*PolynomialLR$/,
    ],
    [
      'an unknown argument',
      call('StepLR', ['optimizer'], { step_size: 10, gama: 0.5 }),
      "StepLR: got an unexpected keyword argument 'gama' (did you mean 'gamma'?)",
    ],
    [
      "this library's spelling of an argument",
      call('StepLR', ['optimizer'], { stepSize: 10 }),
      "StepLR: got an unexpected keyword argument 'stepSize' (did you mean 'step_size'?)",
    ],
    [
      'an argument nothing like the others',
      call('ExponentialLR', ['optimizer'], { gamma: 0.9, warmup: 3 }),
      "ExponentialLR: got an unexpected keyword argument 'warmup' (it takes gamma, last_epoch, verbose)",
    ],
    ['a missing required argument', call('StepLR', ['optimizer']), "StepLR: missing required argument 'step_size'"],
    [
      'two missing required arguments',
      call('CyclicLR', ['optimizer']),
      "CyclicLR: missing required arguments 'base_lr' and 'max_lr'",
    ],
    [
      'an argument given twice',
      call('StepLR', ['optimizer', 10, 0.5], { gamma: 0.1 }),
      "StepLR: got multiple values for argument 'gamma'",
    ],
    [
      'too many positional arguments',
      call('StepLR', ['optimizer', 10, 0.5, -1, false, 7]),
      'StepLR: takes at most 4 positional arguments after the optimizer (step_size, gamma, last_epoch, verbose), got 5',
    ],
    [
      'a string for a number',
      call('StepLR', ['optimizer'], { step_size: '10' }),
      "StepLR: step_size must be an integer, got '10'",
    ],
    ['a fraction for an integer', call('StepLR', ['optimizer', 2.5]), 'StepLR: step_size must be an integer, got 2.5'],
    [
      'a zero period',
      call('StepLR', ['optimizer', 0]),
      'StepLR: step_size must be an integer ≥ 1, got 0 (torch divides by it)',
    ],
    [
      "StepLR's gamma ≤ 0",
      call('StepLR', ['optimizer', 10], { gamma: 0 }),
      'StepLR: gamma must be > 0, got 0 (torch accepts it, but a gamma ≤ 0 zeroes the lr or flips its sign: refused here)',
    ],
    [
      "MultiStepLR's gamma ≤ 0",
      call('MultiStepLR', ['optimizer', [10, 20]], { gamma: -0.5 }),
      'MultiStepLR: gamma must be > 0, got -0.5 (torch accepts it, but a gamma ≤ 0 zeroes the lr or flips its sign: refused here)',
    ],
    [
      "ExponentialLR's gamma ≤ 0",
      call('ExponentialLR', ['optimizer', 0]),
      'ExponentialLR: gamma must be > 0, got 0 (torch accepts it, but a gamma ≤ 0 zeroes the lr or flips its sign: refused here)',
    ],
    [
      "CyclicLR's exp_range gamma ≤ 0",
      call('CyclicLR', ['optimizer', 0.01, 0.1], { mode: 'exp_range', gamma: 0 }),
      /^CyclicLR: gamma must be > 0 with mode 'exp_range' \(torch accepts it, .*: refused here\)$/,
    ],
    [
      'OneCycleLR without total_steps',
      call('OneCycleLR', ['optimizer', 0.1], { epochs: 10 }),
      'OneCycleLR: needs total_steps, or epochs and steps_per_epoch (torch raises ValueError: "You must define either total_steps OR (epochs AND steps_per_epoch)")',
    ],
    [
      'an unknown mode',
      call('ReduceLROnPlateau', ['optimizer'], { mode: 'minimum' }),
      "ReduceLROnPlateau: mode must be one of 'min', 'max', got 'minimum' (torch raises ValueError: \"mode … is unknown!\")",
    ],
    [
      'a factor ≥ 1',
      call('ReduceLROnPlateau', ['optimizer'], { factor: 1 }),
      /^ReduceLROnPlateau: factor must be in \[0, 1\), got 1 \(torch raises ValueError "Factor should be < 1\.0\." /,
    ],
    [
      'a bool for a number',
      call('LinearLR', ['optimizer'], { start_factor: true }),
      'LinearLR: start_factor must be a finite number, got True',
    ],
    [
      'None for a required number',
      call('CosineAnnealingLR', ['optimizer', null]),
      'CosineAnnealingLR: T_max must not be None',
    ],
    [
      'a scheduler where a number goes',
      call('ExponentialLR', ['optimizer'], { gamma: call('StepLR') }),
      'ExponentialLR: gamma must be a finite number, got StepLR(...)',
    ],
    [
      'a number where a function goes',
      call('LambdaLR', ['optimizer', 0.95]),
      'LambdaLR: lr_lambda must be a function, got 0.95',
    ],
    [
      'a list of two for a per-group value',
      call('OneCycleLR', ['optimizer'], { max_lr: [0.1, 0.2], total_steps: 10 }),
      'OneCycleLR: max_lr must be one value, or a list of one (one param group), got [0.1, 0.2]',
    ],
    [
      'resuming',
      call('StepLR', ['optimizer', 10], { last_epoch: 5 }),
      /^StepLR: last_epoch must be -1, got 5 \(resuming a schedule from a checkpoint is not supported here/,
    ],
    [
      'a nested call with a missing argument',
      call('SequentialLR', ['optimizer'], {
        schedulers: [call('LinearLR', ['optimizer']), call('CosineAnnealingLR', ['optimizer'])],
        milestones: [5],
      }),
      "SequentialLR: schedulers[1]: CosineAnnealingLR: missing required argument 'T_max'",
    ],
    [
      'schedulers and milestones that do not match',
      call('SequentialLR', ['optimizer'], { schedulers: [call('LinearLR'), call('StepLR', [3])], milestones: [5, 9] }),
      /^SequentialLR: needs one more scheduler than milestones \(torch raises ValueError: /,
    ],
    [
      'milestones out of order',
      call('SequentialLR', ['optimizer'], {
        schedulers: [call('LinearLR'), call('StepLR', [3]), call('ExponentialLR', [0.9])],
        milestones: [9, 5],
      }),
      'SequentialLR: milestones must increase (torch does not check, but bisects them as sorted)',
    ],
    [
      'ReduceLROnPlateau inside SequentialLR',
      call('SequentialLR', ['optimizer'], {
        schedulers: [call('LinearLR'), call('ReduceLROnPlateau')],
        milestones: [5],
      }),
      'SequentialLR: schedulers must not hold a ReduceLROnPlateau (torch 2.x raises ValueError: its step needs a metric)',
    ],
    [
      'an empty ChainedScheduler',
      call('ChainedScheduler', [[]]),
      'ChainedScheduler: schedulers must hold at least one scheduler (torch raises ValueError)',
    ],
    [
      'a number where schedulers go',
      call('ChainedScheduler', [3]),
      'ChainedScheduler: schedulers must be a list of schedulers, got 3',
    ],
  ])('%s', (_, bad, message) => {
    const optimizer = sgd();
    const text = refusal(() => buildScheduler(bad, optimizer));
    if (typeof message === 'string') expect(text).toBe(message);
    else expect(text).toMatch(message);
    // Nothing was built: the optimizer's lr is as it was.
    expect(optimizer.lr).toBe(0.1);
  });

  test("OneCycleLR's total_steps shorter than the run", () => {
    const oneCycle = call('OneCycleLR', ['optimizer', 0.1], { total_steps: 50 });
    expect(refusal(() => buildScheduler(oneCycle, sgd(), { iterations: 60 }))).toBe(
      'OneCycleLR: total_steps=50 is shorter than the run\'s 60 iterations (torch raises ValueError: "Tried to step 51 times. The specified number of total steps is 50")',
    );
    expect(() => buildScheduler(oneCycle, sgd(), { iterations: 50 })).not.toThrow();
    const epochs = call('OneCycleLR', ['optimizer', 0.1], { epochs: 4, steps_per_epoch: 10 });
    expect(refusal(() => checkSchedulerCall(epochs, { iterations: 41 }))).toMatch(
      /^OneCycleLR: epochs·steps_per_epoch=40 is shorter than the run's 41 iterations/,
    );
  });

  test('OneCycleLR over exactly total_steps iterations: accepted (its last, negative linear lr is never used)', () => {
    const linear = call('OneCycleLR', ['optimizer', 0.5], { total_steps: 80, anneal_strategy: 'linear' });
    expect(() => checkSchedulerCall(linear, { iterations: 80 })).not.toThrow();
    expect(refusal(() => checkSchedulerCall(linear, { iterations: 81 }))).toMatch(
      /is shorter than the run's 81 iterations/,
    );
  });

  test('what the optimizer cannot do, named as torch names the argument', () => {
    const momentum = tf.train.momentum(0.1, 0.9);
    expect(refusal(() => buildScheduler(call('CyclicLR', ['optimizer', 0.01, 0.1]), momentum))).toMatch(
      /^CyclicLR: cycle_momentum needs a momentum that can change between steps, and tf\.train\.momentum's setMomentum does not change its update: use SGD from @optim-mirror\/torch$/,
    );
    momentum.dispose();
  });

  test("the library's classes name arguments as the library spells them", () => {
    expect(refusal(() => new StepLR(sgd(), { stepSize: 0 }))).toBe(
      'StepLR: stepSize must be an integer ≥ 1, got 0 (torch divides by it)',
    );
    expect(refusal(() => new OneCycleLR(sgd(), { maxLr: 0.1 }))).toMatch(
      /^OneCycleLR: needs totalSteps, or epochs and stepsPerEpoch /,
    );
    expect(refusal(() => new StepLR(sgd(), { stepSize: 3, gama: 0.1 } as unknown as { stepSize: number }))).toBe(
      'StepLR: unknown option gama (it takes stepSize, gamma)',
    );
  });
});

describe('buildScheduler binds arguments as Python does', () => {
  const lrsOf = (c: SchedulerCall, steps = 12): number[] => {
    const optimizer = sgd();
    const scheduler = buildScheduler(c, optimizer);
    const lrs = [optimizer.lr];
    for (let k = 0; k < steps; k++) {
      if (scheduler instanceof ReduceLROnPlateau) scheduler.step(1);
      else scheduler.step();
      lrs.push(optimizer.lr);
    }
    return lrs;
  };

  test('positional and keyword arguments, with or without the optimizer, give the same scheduler', () => {
    const expected = lrsOf(call('StepLR', [], { step_size: 4, gamma: 0.5 }));
    expect(expected[4]).toBeCloseTo(0.05, 15);
    for (const same of [
      call('StepLR', ['optimizer', 4, 0.5]),
      call('StepLR', ['opt', 4], { gamma: 0.5 }),
      call('StepLR', ['self.optimizer'], { step_size: 4, gamma: 0.5 }),
      call('StepLR', [null, 4, 0.5]),
      call('StepLR', [4, 0.5]),
      call('StepLR', [], { optimizer: 'optimizer', step_size: 4, gamma: 0.5 }),
      call('StepLR', ['optimizer', 4, 0.5, -1, true]),
    ]) {
      expect(lrsOf(same)).toEqual(expected);
    }
    expect(refusal(() => buildScheduler(call('StepLR', ['optimizer', 4], { optimizer: 'opt' }), sgd()))).toBe(
      "StepLR: got multiple values for argument 'optimizer'",
    );
  });

  test("ReduceLROnPlateau's mode is not taken for the optimizer", () => {
    for (const c of [
      call('ReduceLROnPlateau', ['max']),
      call('ReduceLROnPlateau', ['optimizer', 'max']),
      call('ReduceLROnPlateau', [], { mode: 'max' }),
    ]) {
      const scheduler = buildScheduler(c, sgd());
      expect(scheduler instanceof ReduceLROnPlateau && scheduler.mode).toBe('max');
    }
  });

  test('a per-group list of one is its value', () => {
    expect(lrsOf(call('OneCycleLR', ['optimizer'], { max_lr: [0.1], total_steps: 12 }))).toEqual(
      lrsOf(call('OneCycleLR', ['optimizer', 0.1, 12])),
    );
  });

  test("ChainedScheduler takes 2.x's optimizer after the schedulers", () => {
    const schedulers = [call('ExponentialLR', ['optimizer', 0.9])];
    const scheduler = buildScheduler(call('ChainedScheduler', [schedulers, 'optimizer']), sgd());
    expect(scheduler).toBeInstanceOf(ChainedScheduler);
    expect(lrsOf(call('ChainedScheduler', [], { schedulers, optimizer: 'optimizer' }))).toEqual(
      lrsOf(call('ExponentialLR', ['optimizer', 0.9])),
    );
  });

  test('nested schedulers are built in argument order on the same optimizer, before the one that takes them', () => {
    const optimizer = sgd();
    const scheduler = buildScheduler(
      call('SequentialLR', ['optimizer'], {
        schedulers: [
          call('LinearLR', ['optimizer'], { start_factor: 0.5, total_iters: 2 }),
          call('ExponentialLR', ['optimizer', 0.5]),
        ],
        milestones: [2],
      }),
      optimizer,
    );
    if (!(scheduler instanceof SequentialLR)) throw new Error(`a SequentialLR was expected, got ${scheduler.name}`);
    const [linear, exponential] = scheduler.schedulers;
    expect([linear.name, exponential.name]).toEqual(['LinearLR', 'ExponentialLR']);
    expect(linear.target).toBe(exponential.target);
    // ExponentialLR was built after LinearLR's initial step, and records the same initial_lr.
    expect(exponential.baseLrs).toEqual([0.1]);
    const lrs = [optimizer.lr];
    for (let k = 0; k < 4; k++) {
      scheduler.step();
      lrs.push(optimizer.lr);
    }
    expect(lrs.map((lr) => lr.toFixed(6))).toEqual(['0.050000', '0.075000', '0.100000', '0.050000', '0.025000']);
  });

  test('checkSchedulerCall checks without building', () => {
    const optimizer = sgd();
    checkSchedulerCall(call('CyclicLR', ['optimizer', 0.01, 0.2], { step_size_up: 5 }));
    expect(optimizer.lr).toBe(0.1);
  });

  test('every spec lists each argument once, required ones without a default', () => {
    for (const spec of Object.values(SCHEDULER_SPECS)) {
      const names = spec.args.map((arg) => arg.torch);
      expect(new Set(names).size).toBe(names.length);
      for (const arg of spec.args) expect(arg.required === true ? !('default' in arg) : true).toBe(true);
    }
  });
});
