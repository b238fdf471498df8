import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildScheduler, ReduceLROnPlateau } from '@optim-mirror/torch';
import { trainCommand } from '../scripts/train';
import type { TrainJson } from '../src/report/json';
import { parseExpression } from '../src/python';
import { schedulerCall } from '../src/python/schedulerCall';
import { FIXTURES, readJson, runInProcess, type CommandOutcome } from './helpers';

interface ScheduleCase {
  name: string;
  steps: number;
  lr: number[];
}
const SCHEDULES = readJson<{ cases: ScheduleCase[] }>(join(FIXTURES, 'torch-schedules.json')).cases;
const torchLr = (name: string): number[] => {
  const found = SCHEDULES.find((c) => c.name === name);
  if (!found) throw new Error(`no schedule case ${name}`);
  return found.lr;
};

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'scheduler-cli-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function train(...flags: string[]): Promise<CommandOutcome> {
  return runInProcess(trainCommand, [...flags, '--out', join(work, 'out'), '--backend', 'cpu']);
}

async function trainJson(...flags: string[]): Promise<TrainJson> {
  const json = join(work, 'run.json');
  const { code, stderr } = await train(...flags, '--json', json);
  expect(stderr).not.toMatch(/^train: /m);
  expect(code).toBe(0);
  return readJson<TrainJson>(json);
}

const RUNS = ['manual', 'tfjs', 'manual32', 'pytorch'] as const;

/**
 * torch's lr sequences are float64 recurrences, and so are the library's, operation for operation:
 * what can differ is libm (cos, pow) by an ulp a step, which over ≤ 100 chained steps of a few
 * roundings each stays below 100·4·2⁻⁵³ ≈ 4.4e-14. 1e-12 relative is the library's promise.
 */
function expectSameLr(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((lr, i) => {
    const scale = Math.max(Math.abs(expected[i]), Number.MIN_VALUE);
    if (Math.abs(lr - expected[i]) / scale > 1e-12) throw new Error(`step ${i + 1}: lr ${lr}, torch ${expected[i]}`);
  });
}

describe("every run's rows carry the lr torch.optim.lr_scheduler gives each step", () => {
  test.each([
    // [torch case, optimizer flags, the call as pasted, iterations]
    ['StepLR', ['--optimizer', 'torch.sgd', '--lr', '0.1'], 'StepLR(optimizer, step_size=10, gamma=0.5)', 80],
    ['ExponentialLR', ['--optimizer', 'torch.sgd', '--lr', '0.1'], 'optim.lr_scheduler.ExponentialLR(opt, 0.95)', 100],
    [
      'SequentialLR-warmup-cosine',
      ['--optimizer', 'torch.sgd', '--lr', '0.1'],
      'SequentialLR(schedulers=[LinearLR(start_factor=0.1, total_iters=5), CosineAnnealingLR(T_max=45, eta_min=0.001)], milestones=[5])',
      80,
    ],
    [
      'CyclicLR-triangular2',
      ['--optimizer', 'torch.sgd', '--lr', '0.1', '--momentum', '0.9'],
      "CyclicLR(base_lr=0.001, max_lr=0.05, step_size_up=8, step_size_down=12, mode='triangular2', base_momentum=0.85, max_momentum=0.95)",
      100,
    ],
    [
      'OneCycleLR-cos',
      ['--optimizer', 'torch.sgd', '--lr', '0.1', '--momentum', '0.9'],
      'torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=100)',
      100,
    ],
    [
      'OneCycleLR-adam-beta1',
      ['--optimizer', 'torch.adam', '--lr', '0.01'],
      'OneCycleLR(max_lr=0.01, total_steps=80, div_factor=10.0, final_div_factor=100.0, base_momentum=0.8, max_momentum=0.9)',
      80,
    ],
  ] as const)('%s', async (name, optimizer, call, iterations) => {
    const report = await trainJson(...optimizer, '--scheduler', call, '--iterations', String(iterations));
    expect(report.config.scheduler).toBe(call);
    const expected = torchLr(name).slice(0, iterations);
    for (const run of RUNS)
      expectSameLr(
        report.runs[run].rows.map((row) => row.lr),
        expected,
      );
    expect(report.diff.withinTolerance).toBe(true);
  });
});

describe("tf.train's optimizers follow a schedule without losing their state", () => {
  // The float32 replay runs the same rule with the scheduled lr: TF.js equals it to the bit only if
  // each step really used that lr (SGD and Momentum take it through setLearningRate, the others
  // read it every step) and kept its accumulators.
  test.each(['sgd', 'momentum', 'adagrad', 'adadelta', 'adam', 'adamax', 'rmsprop'])('%s', async (optimizer) => {
    const report = await trainJson(
      '--optimizer',
      optimizer,
      '--scheduler',
      'ExponentialLR(gamma=0.9)',
      '--iterations',
      '30',
    );
    const lrs = report.runs.tfjs.rows.map((row) => row.lr);
    lrs.forEach((lr, i) => expect(lr).toBeCloseTo(lrs[0] * 0.9 ** i, 12));
    expect(new Set(lrs).size).toBe(30);
    const tfjs = report.runs.tfjs.rows.map((row) => [...row.x, row.loss]);
    const replay = report.runs.manual32.rows.map((row) => [...row.x, row.loss]);
    expect(tfjs).toEqual(replay);
    expect(report.diff.withinTolerance).toBe(true);
    const unscheduled = await trainJson('--optimizer', optimizer, '--iterations', '30');
    expect(unscheduled.runs.tfjs.finalX).not.toEqual(report.runs.tfjs.finalX);
  });
});

test('ReduceLROnPlateau steps with the loss of the step just taken', async () => {
  const call = 'ReduceLROnPlateau(optimizer, factor=0.5, patience=1, threshold=5, threshold_mode="abs")';
  const report = await trainJson('--optimizer', 'torch.sgd', '--lr', '0.1', '--scheduler', call, '--iterations', '30');
  for (const run of RUNS) {
    const rows = report.runs[run].rows;
    // A fresh scheduler fed the run's losses in order must give the lr each next row used.
    let lr = 0.1;
    const target = { description: 'a learning rate', getLr: () => lr, setLr: (value: number) => (lr = value) };
    const scheduler = buildScheduler(schedulerCall(parseExpression(call)), target);
    expect(scheduler).toBeInstanceOf(ReduceLROnPlateau);
    rows.forEach((row, i) => {
      expect(row.lr).toBe(lr);
      if (i + 1 < rows.length) (scheduler as ReduceLROnPlateau).step(row.loss);
    });
    // The schedule did act: the lr fell at least twice in 30 steps.
    expect(new Set(rows.map((row) => row.lr)).size).toBeGreaterThan(2);
  }
});

test('the tables gain an lr column, as Python prints the float, only with a scheduler', async () => {
  const scheduled = await train('--scheduler', 'StepLR(step_size=2, gamma=0.5)', '--iterations', '3', '--lang', 'zh');
  expect(scheduled.code).toBe(0);
  const lines = scheduled.stdout.split('\n');
  expect(lines[0]).toBe('1. 数据: [ 5. 10.] \t损失函数: 125.0 \t梯度: [10. 20.] \t学习率: 0.1');
  expect(lines[2]).toBe('3. 数据: [3.2 6.4] \t损失函数: 51.2 \t梯度: [ 6.4 12.8] \t学习率: 0.05');
  const plain = await train('--iterations', '3');
  expect(plain.stdout.split('\n')[0]).toBe('1. data: [ 5. 10.] \tloss: 125.0 \tgrad: [10. 20.]');
});

test('the CSV gains an lr column only with a scheduler', async () => {
  const csv = join(work, 'rows.csv');
  expect((await train('--iterations', '3', '--csv', csv, '--scheduler', 'StepLR(step_size=2, gamma=0.5)')).code).toBe(
    0,
  );
  const scheduled = readFileSync(csv, 'utf8').split('\n');
  expect(scheduled[0]).toBe('run,iteration,loss,x1,x2,grad1,grad2,lr');
  expect(scheduled.filter((line) => line.startsWith('tfjs,')).map((line) => line.split(',').pop())).toEqual([
    '0.1',
    '0.1',
    '0.05',
  ]);
  expect((await train('--iterations', '3', '--csv', csv)).code).toBe(0);
  expect(readFileSync(csv, 'utf8').split('\n')[0]).toBe('run,iteration,loss,x1,x2,grad1,grad2');
});

describe('a scheduler that cannot run: one line naming what and why, exit 2, nothing written', () => {
  test.each([
    [
      ['--scheduler', 'Foo(step_size=3)'],
      /--scheduler: unknown scheduler 'Foo': torch\.optim\.lr_scheduler has LambdaLR/,
    ],
    [['--scheduler', 'StepLR(gamma=0.5)'], /--scheduler: StepLR: missing required argument 'step_size'/],
    [['--scheduler', 'CosineAnnealingLR()'], /--scheduler: CosineAnnealingLR: missing required argument 'T_max'/],
    [['--scheduler', 'OneCycleLR(total_steps=30)'], /--scheduler: OneCycleLR: missing required argument 'max_lr'/],
    [['--scheduler', 'StepLR(step_size=3, foo=2)'], /--scheduler: StepLR: got an unexpected keyword argument 'foo'/],
    [['--scheduler', 'StepLR(step_size=3, gamma=0)'], /--scheduler: StepLR: gamma must be > 0, got 0/],
    [
      ['--scheduler', 'OneCycleLR(max_lr=0.1, total_steps=10)', '--iterations', '30'],
      /--scheduler: OneCycleLR: total_steps=10 is shorter than the run's 30 iterations/,
    ],
    [['--scheduler', 'StepLR(step_size=3'], /--scheduler: unbalanced brackets: "\(" at 1:7 is never closed/],
    [['--scheduler', 'step_size=3'], /--scheduler: unexpected "=" at 1:10/],
    [['--scheduler', 'StepLR'], /--scheduler: not a call: "StepLR"/],
    [
      ['--scheduler', 'SequentialLR(schedulers=[StepLR(step_size=2), ExponentialLR(gamma=0.9)], milestones=[5, 6])'],
      /--scheduler: SequentialLR: needs one more scheduler than milestones/,
    ],
    [
      ['--optimizer', 'adam', '--scheduler', 'OneCycleLR(max_lr=0.1, total_steps=30)'],
      /--scheduler: OneCycleLR: cycle_momentum needs a β1 that can change between steps.*--optimizer torch\.adam/,
    ],
    [
      ['--optimizer', 'momentum', '--scheduler', 'CyclicLR(base_lr=0.01, max_lr=0.1)'],
      /--scheduler: CyclicLR: cycle_momentum needs a momentum .*setMomentum does not change its update.*--optimizer torch\.sgd/,
    ],
    [['--scheduler', 'StepLR(step_size=2)', '--scheduler', 'StepLR(step_size=3)'], /--scheduler is given twice/],
  ])('%j', async (flags, message) => {
    const { code, stdout, stderr } = await train(...flags, '--json', join(work, 'r.json'));
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stdout).toBe('');
    expect(readdirSync(work)).toEqual([]);
  });
});
