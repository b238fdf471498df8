import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainCommand } from '../scripts/train';
import { OBJECTIVES } from '../src/objectives/registry';
import { sensitivityChartConfig } from '../src/plot/sensitivityChart';
import type { CompareJson, TrainJson } from '../src/report/json';
import { gridSize, searchLearningRate, threeDigits } from '../src/tune/search';
import { startingPoints } from '../src/tune/starts';
import { scheduleStepper } from '../src/run/training';
import { tuneAll } from '../src/tune/tune';
import { configsFrom, readJson, runInProcess } from './helpers';

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'tune-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('the search', () => {
  test('gradient descent on Σxᵢ² lands on the closed form lr* = 2/(λmin + λmax) = 0.5, one step to the minimum', async () => {
    const tuning = await tuneAll(configsFrom('--tune', '--iterations', '30', '--optimizer', 'sgd,torch.sgd'), null);
    for (const t of tuning.optimizers) {
      expect(t.closedForm?.lr).toBe(0.5);
      expect(t.bestLr).not.toBeNull();
      expect(Math.abs((t.bestLr ?? 0) - 0.5)).toBeLessThan(0.01);
      // At 0.5 every start reaches the minimum in one step.
      expect(t.steps).toBe(1);
      expect(t.trials.length).toBeLessThanOrEqual(40);
    }
  });

  test("on Booth's quadratic (λ = 2 and 18) it lands near lr* = 0.1; with momentum no closed form is claimed", async () => {
    const tuning = await tuneAll(
      configsFrom('--tune', '--objective', 'booth', '--iterations', '30', '--optimizer', 'sgd,momentum'),
      null,
    );
    const [sgd, momentum] = tuning.optimizers;
    expect(sgd.closedForm?.lr).toBe(0.1);
    expect(Math.abs((sgd.bestLr ?? 0) / 0.1 - 1)).toBeLessThan(0.1);
    expect(momentum.closedForm).toBeNull();
  });

  test('a learning rate where a start diverges counts as worst and is never the best', async () => {
    // |1 − 2·lr|^1000 overflows past lr ≈ 2.2: those runs stop being finite.
    const tuning = await tuneAll(configsFrom('--tune', '--iterations', '500', '--tune-range', '1e-3,10'), null);
    const [sgd] = tuning.optimizers;
    const diverged = sgd.trials.filter((t) => t.diverged);
    expect(diverged.length).toBeGreaterThan(0);
    expect(diverged.every((t) => t.lr > 1 && t.meanGap === null && t.finalLosses.includes(null))).toBe(true);
    expect(sgd.trials.find((t) => t.lr === sgd.bestLr)?.diverged).toBe(false);
  });

  test('noise, clipping and a schedule change the rule: no closed form is claimed, and the search still runs', async () => {
    const torch = require('@optim-mirror/torch') as typeof import('@optim-mirror/torch');
    const plain = await tuneAll(configsFrom('--tune', '--iterations', '20'), null);
    for (const flags of [
      ['--noise', '0.1'],
      ['--clip-grad-norm', '1'],
      ['--scheduler', 'StepLR(step_size=5, gamma=0.5)'],
    ]) {
      const configs = configsFrom('--tune', '--iterations', '20', ...flags);
      const call = configs[0].scheduler?.call;
      const tuning = await tuneAll(configs, call ? scheduleStepper(torch, call, 20) : null);
      expect(tuning.optimizers[0].closedForm).toBeNull();
      expect(tuning.optimizers[0].bestLr).not.toBeNull();
      // Each changes what the runs do: the final losses differ from the plain search's.
      expect(tuning.optimizers[0].trials[5].finalLosses).not.toEqual(plain.optimizers[0].trials[5].finalLosses);
    }
  });

  test('the grid takes half the budget, its ends exactly as given; refinement never exceeds the budget', () => {
    const judged: number[] = [];
    const result = searchLearningRate([1e-4, 10], 40, (lr) => {
      judged.push(lr);
      return { score: { final: (Math.log(lr) - Math.log(0.0123)) ** 2, area: 0 }, detail: null };
    });
    expect(gridSize(40)).toBe(20);
    expect(judged.slice(0, 20)[0]).toBe(1e-4);
    expect(judged[19]).toBe(10);
    expect(judged.length).toBeLessThanOrEqual(40);
    expect(new Set(judged).size).toBe(judged.length);
    expect(judged.every((lr) => lr === threeDigits(lr) || lr === 1e-4 || lr === 10)).toBe(true);
    expect(Math.abs((result.best?.lr ?? 0) / 0.0123 - 1)).toBeLessThan(0.01);
    expect(result.atEdge).toBeNull();
  });

  test('an optimum beyond the range is reported as at its edge', () => {
    const result = searchLearningRate([1e-3, 1], 10, (lr) => ({ score: { final: 1 / lr, area: 0 }, detail: null }));
    expect(result.best?.lr).toBe(1);
    expect(result.atEdge).toBe('high');
  });
});

describe('starting points', () => {
  test('x⁰ first, then points as far from the nearest minimum as x⁰, the same for the same seed', () => {
    const sphere = OBJECTIVES.sphere;
    const points = startingPoints(sphere, [5, 10], 4, 7);
    expect(points[0]).toEqual([5, 10]);
    expect(points).toEqual(startingPoints(sphere, [5, 10], 4, 7));
    expect(points).not.toEqual(startingPoints(sphere, [5, 10], 4, 8));
    for (const [x, y] of points) {
      // Rounded to float32: within a float32 rounding of the radius √125.
      expect(Math.abs(Math.hypot(x, y) - Math.sqrt(125))).toBeLessThan(1e-5);
      expect(Math.fround(x)).toBe(x);
    }
  });
});

test('Sensitivity chart config: diverged lrs marked × on the top edge, the best ringed, the closed form drawn', async () => {
  const tuning = await tuneAll(configsFrom('--tune', '--iterations', '500', '--tune-range', '1e-3,10'), null);
  const [sgd] = tuning.optimizers;
  const config = sensitivityChartConfig({
    title: 't',
    minimum: 0,
    note: [],
    lines: [{ label: 'sgd', colour: '#d62728', trials: sgd.trials, bestLr: sgd.bestLr, closedForm: sgd.closedForm }],
  });
  const datasets = config.data.datasets;
  const ceiling = config.options?.scales?.y?.max;
  const divergedSet = datasets.find((d) => d.label?.endsWith('sgd diverged'));
  expect(divergedSet?.pointStyle).toBe('crossRot');
  expect(divergedSet?.data.map((p) => (p as { x: number }).x)).toEqual(
    sgd.trials.filter((t) => t.diverged).map((t) => t.lr),
  );
  expect(divergedSet?.data.every((p) => (p as { y: number }).y === ceiling)).toBe(true);
  // The line holds only lrs with a finite, positive loss: a log axis cannot hold the others.
  const line = datasets.find((d) => d.label === 'sgd');
  expect(line?.data.length).toBe(sgd.trials.filter((t) => t.meanGap !== null && t.meanGap > 0).length);
  expect(datasets.find((d) => d.label?.endsWith('sgd best'))?.data).toHaveLength(1);
  expect(
    datasets.find((d) => d.label?.startsWith('closed form for sgd'))?.data.map((p) => (p as { x: number }).x),
  ).toEqual([0.5, 0.5]);
});

describe('train --tune', () => {
  test('prints the table, writes Sensitivity.png, trains each optimizer at its best lr and records it in the JSON', async () => {
    const out = join(work, 'out');
    const json = join(work, 'run.json');
    const { code, stdout } = await runInProcess(trainCommand, [
      '--tune',
      '--optimizer',
      'sgd,adam',
      '--objective',
      'booth',
      '--iterations',
      '40',
      '--tune-budget',
      '12',
      '--starts',
      '2',
      '--seed',
      '3',
      '--out',
      out,
      '--json',
      json,
      '--backend',
      'cpu',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^tune: each optimizer's learning rate on booth, 40 iterations/);
    expect(stdout).toMatch(/closed form: gradient descent on a quadratic/);
    expect(readdirSync(out).sort()).toEqual(['Compare.png', 'Sensitivity.png', 'Trajectory.png']);
    const report = readJson<CompareJson>(json);
    expect(report.config.tune).toEqual({ range: [1e-4, 10], budget: 12, starts: 2, seed: 3 });
    expect(report.config.noise).toBeNull();
    const tuning = report.tuning!;
    expect(tuning.startPoints).toHaveLength(2);
    expect(tuning.startPoints[0]).toEqual([-6, -4]);
    for (const name of ['sgd', 'adam']) {
      const entry = tuning.optimizers[name];
      expect(entry.trials.length).toBeLessThanOrEqual(12);
      expect(entry.bestLr).not.toBeNull();
      // The TF.js confirmation ran at the tuned lr.
      expect(report.optimizers[name].hyperparameters.tfjs.lr).toBe(entry.bestLr);
    }
  });

  test('works with one optimizer: Loss.png and Sensitivity.png, the tuning in the JSON', async () => {
    const out = join(work, 'out');
    const json = join(work, 'one.json');
    const { code } = await runInProcess(trainCommand, [
      '--tune',
      '--iterations',
      '20',
      '--tune-budget',
      '8',
      '--out',
      out,
      '--json',
      json,
      '--backend',
      'cpu',
    ]);
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['Loss.png', 'Sensitivity.png']);
    const report = readJson<TrainJson>(json);
    expect(Object.keys(report)).toEqual(['config', 'backend', 'tuning', 'runs', 'diff', 'parity']);
    expect(report.tuning?.optimizers.sgd.bestLr).toBe(report.config.hyperparameters.tfjs.lr);
  });
});

describe('bad input: exit 2, one line naming the flag and the rule, nothing written', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--tune', '--tune-range', '10,1'], /^--tune-range must be two positive increasing learning rates/],
    [['--tune', '--tune-range', '0,1'], /^--tune-range must be two positive increasing/],
    [['--tune', '--tune-range', '1'], /^--tune-range must be two positive increasing/],
    [['--tune', '--tune-budget', '2.5'], /^--tune-budget must be a whole number from 3 to 1000/],
    [['--tune', '--tune-budget', '2'], /^--tune-budget must be a whole number from 3 to 1000/],
    [['--tune', '--starts', '0'], /^--starts must be a whole number from 1 to 100/],
    [['--starts', '3'], /^--starts shapes --tune's search: it needs --tune/],
    [['--tune-budget', '10'], /^--tune-budget shapes --tune's search: it needs --tune/],
    [['--tune-range', '1e-3,1'], /^--tune-range shapes --tune's search: it needs --tune/],
    [['--tune', '--lr', '0.1'], /^--lr and --tune: --tune searches the learning rate/],
    [['--noise=-1'], /^--noise must be ≥ 0/],
    [['--noise', 'nan'], /^--noise must be a finite number/],
    [['--noise', '1e39'], /^--noise 1e39 does not fit in float32/],
    [['--noise', '1', '--seed', '1.5'], /^--seed must be a whole number from 0 to 4294967295/],
    [['--noise', '1', '--seed', '4294967296'], /^--seed must be a whole number from 0 to 4294967295/],
    [['--seed', '3'], /^--seed seeds --noise and --tune: give one of them/],
    [['--animate', '--x0=1,2,3'], /^--animate needs a 2-D problem, and x0 has 3 numbers/],
    [['--objective', 'beale', '--x0=1,2,3'], /^--x0 has 3 numbers, but beale takes/],
  ];
  test.each(cases)('%j', async (flags, message) => {
    const out = join(work, 'out');
    const { code, stderr, stdout } = await runInProcess(trainCommand, [...flags, '--out', out]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(stderr.replace(/^train: /, '')).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });
});
