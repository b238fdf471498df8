import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompareJson, TrainJson } from '../src/report/json';
import { trainCommand } from '../scripts/train';
import type { TorchTrace } from '../src/parity/measure';
import { readJson, runInProcess, type CommandOutcome } from './helpers';

// The compiled entry, as `npm run train` runs it (`npm test` compiles first): spawned where a process proves something.
const CLI = join(__dirname, '..', 'dist', 'scripts', 'train.js');

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'train-cli-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** `train` in this process, with paths inside the test's folder. */
function train(...flags: string[]): Promise<CommandOutcome> {
  return runInProcess(trainCommand, flags);
}

function spawnTrain(...flags: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, ...flags], { encoding: 'utf8', cwd: work });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('the built entry, defaults: two tables and the diff on stdout, one backend line on stderr, Loss.png written', () => {
  const out = join(work, 'out');
  const { code, stdout, stderr } = spawnTrain('--out', out, '--backend', 'cpu');
  expect(code).toBe(0);
  const lines = stdout.split('\n');
  expect(lines.filter((line) => /^\d+\. data: /.test(line))).toHaveLength(60);
  expect(lines.filter((line) => line === '-'.repeat(64))).toHaveLength(1);
  expect(lines[0]).toBe('1. data: [ 5. 10.] \tloss: 125.0 \tgrad: [10. 20.]');
  expect(stdout).toMatch(/verdict: TF\.js agrees with the Float64 loop within float32 tolerance/);
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(/^backend: cpu /);
  expect(readdirSync(out)).toEqual(['Loss.png']);
});

test('--trajectory draws the path of one optimizer; it needs a 2-D problem', async () => {
  const out = join(work, 'out');
  expect((await train('--trajectory', '--out', out, '--iterations', '5')).code).toBe(0);
  expect(readdirSync(out).sort()).toEqual(['Loss.png', 'Trajectory.png']);
  const bad = await train('--trajectory', '--x0=1,2,3', '--out', join(work, 'other'));
  expect(bad.code).toBe(2);
  expect(bad.stderr).toBe('train: --trajectory needs a 2-D problem, and x0 has 3 numbers\n');
});

test('--json writes the contract: config, backend, runs.{manual,tfjs} with rows, finalX, diverged; diff', async () => {
  const json = join(work, 'run.json');
  const { code } = await train(
    '--out',
    join(work, 'out'),
    '--json',
    json,
    '--backend',
    'cpu',
    '--iterations',
    '5',
    '--x0=-1,2,3',
  );
  expect(code).toBe(0);
  const report = readJson<TrainJson>(json);
  expect(Object.keys(report)).toEqual(['config', 'backend', 'runs', 'diff', 'parity']);
  expect(report.backend).toBe('cpu');
  expect(report.config).toMatchObject({ optimizer: 'sgd', objective: 'sphere', iterations: 5, x0: [-1, 2, 3] });
  expect(report.config.hyperparameters).toEqual({ tfjs: { lr: 0.1 }, pytorch: { lr: 0.1 } });
  expect(Object.keys(report.runs)).toEqual(['manual', 'tfjs', 'manual32', 'pytorch']);
  for (const [name, precision] of [
    ['manual', 'float64'],
    ['tfjs', 'float32'],
    ['manual32', 'float32'],
    ['pytorch', 'float64'],
  ] as const) {
    const run = report.runs[name];
    expect(run.precision).toBe(precision);
    expect(run.rows).toHaveLength(5);
    expect(Object.keys(run.rows[0])).toEqual(['iteration', 'x', 'loss', 'grad', 'lr']);
    expect(run.rows[0]).toEqual({ iteration: 1, x: [-1, 2, 3], loss: 14, grad: [-2, 4, 6], lr: 0.1 });
    expect(run.finalX).toHaveLength(3);
    expect(run.diverged).toBeNull();
  }
  expect(report.diff.withinTolerance).toBe(true);
  expect(readdirSync(work).sort()).toEqual(['out', 'run.json']);
});

test('divergence: which run and where, exit 3, JSON and chart of the finite part still written', async () => {
  const json = join(work, 'run.json');
  const { code, stdout } = await train(
    '--lr',
    '5',
    '--iterations',
    '60',
    '--out',
    join(work, 'out'),
    '--json',
    json,
    '--backend',
    'cpu',
  );
  expect(code).toBe(3);
  expect(stdout).toMatch(/diverged: TF\.js \(float32\) at iteration 21/);
  const report = readJson<TrainJson>(json);
  expect(report.runs.tfjs.diverged).toEqual({ iteration: 21 });
  expect(report.runs.tfjs.rows).toHaveLength(20);
  expect(report.runs.manual.diverged).toBeNull();
  expect(existsSync(join(work, 'out', 'Loss.png'))).toBe(true);
});

describe('bad input: one line naming the flag, exit 2, no stack trace, nothing written', () => {
  test.each([
    [['--lr', 'abc'], /--lr must be a finite number/],
    [['--lr', 'NaN'], /--lr must be a finite number/],
    [['--lr', 'Infinity'], /--lr must be a finite number/],
    [['--lr=-0.1'], /--lr must be ≥ 0/],
    [['--iterations', '0'], /--iterations must be a whole number from 1 to/],
    [['--iterations', '2.5'], /--iterations must be a whole number/],
    [['--iterations', '1e12'], /--iterations must be a whole number from 1 to 100000/],
    [['--x0', ''], /--x0 needs a value, got an empty one/],
    [['--x0', '1,,2'], /--x0 must be comma-separated numbers/],
    [['--x0', '1,x'], /--x0 must be comma-separated finite numbers, got "x"/],
    [['--x0', '-1,2'], /--x0 needs a value; for one that starts with a minus write --x0=VALUE/],
    [['--lang', 'fr'], /--lang must be one of en, zh/],
    [['--backend', 'gpu'], /--backend must be one of auto, tensorflow, wasm, cpu/],
    [['--frobnicate'], /unknown flag --frobnicate/],
    [['--lr'], /--lr needs a value/],
    [['extra'], /unexpected argument "extra"/],
    [['--optimizer', 'lbfgs'], /--optimizer must be one of sgd, momentum, adagrad, adadelta, adam, adamax, rmsprop/],
    [
      ['--optimizer', 'adam', '--rho', '0.9'],
      /--rho does not apply to --optimizer adam \(it takes --lr, --beta1, --beta2, --epsilon; tf.train optimizers take TF.js's argument names\)/,
    ],
    [['--lr', '0.1', '--momentum', '0.9'], /--momentum does not apply to --optimizer sgd/],
    [['--optimizer', 'adam', '--beta1', '1'], /--beta1 must be in \[0, 1\) and stay below 1 in float32.*, got "1"/],
    [['--optimizer', 'adam', '--beta1', '0.99999999999'], /--beta1 must be in \[0, 1\) and stay below 1 in float32/],
    [['--optimizer', 'momentum', '--momentum=-0.5'], /--momentum must be ≥ 0/],
    [['--optimizer', 'momentum', '--momentum', '0', '--nesterov'], /--nesterov needs --momentum > 0/],
    [['--optimizer', 'rmsprop', '--decay', '2'], /--decay must be in \[0, 1\], got "2"/],
    [['--optimizer', 'adadelta', '--rho', '1.5'], /--rho must be in \[0, 1\]/],
    [['--objective', 'booth', '--x0=1,2,3'], /--x0 has 3 numbers, but booth takes exactly 2 dimensions/],
    [['--objective', 'rosenbrock', '--x0', '1'], /--x0 has 1 number, but rosenbrock takes a dimension of at least 2/],
    [['--objective', 'nonesuch'], /--objective must be one of sphere, rosenbrock, booth, himmelblau/],
    [['--tables', 'manual,torch'], /--tables must be one of manual, tfjs, manual32, pytorch, got "torch"/],
    [['--optimizer', 'adam,adam'], /--optimizer names adam twice/],
    [['--optimizer', 'sgd', '--optimizer', 'adam'], /--optimizer is given twice/],
    [['--lr=1e-400'], /--lr 1e-400 is too small to be told from 0/],
    [['--lr', '1e39'], /--lr 1e39 does not fit in float32/],
    [['--x0=1e39,1'], /--x0 1e39 does not fit in float32/],
    [['--objective', 'booth', '--x0=1,2,3', '--dim', '2'], /--dim 2 is shorter than --x0 \(3 numbers\)/],
    [
      ['--optimizer', 'rmsprop,adamax', '--decay', '0.9'],
      /--decay means averaging decay \(torch: alpha\) to rmsprop and learning-rate decay to adamax: compare them in separate runs/,
    ],
    [['--optimizer', 'sgd,adam', '--tables', 'pytorch'], /--tables shapes the tables of one optimizer/],
    [['--tables', 'manual,manual'], /--tables names a run twice/],
    [['--optimizer', 'adam,nadam'], /--optimizer must be one of/],
    [['--csv', ''], /--csv needs a value, got an empty one/],
    [['--out='], /--out needs a value, got an empty one/],
    [['--json', ' '], /--json needs a value, got an empty one/],
    [['--log=yes'], /--log is a switch and takes no value/],
  ])('%j', async (flags, message) => {
    const out = join(work, 'out');
    const json = join(work, 'r.json');
    const { code, stdout, stderr } = await train(...flags, '--out', out, '--json', json);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
    expect(readdirSync(work)).toEqual([]);
  });

  // Where @tensorflow/tfjs-node did install, --backend tensorflow is no bad input: nothing to check there.
  const tfjsNodeInstalled = ((): boolean => {
    try {
      require.resolve('@tensorflow/tfjs-node');
      return true;
    } catch {
      return false;
    }
  })();
  (tfjsNodeInstalled ? test.skip : test)('--backend tensorflow without @tensorflow/tfjs-node', async () => {
    const { code, stdout, stderr } = await train('--backend', 'tensorflow', '--out', join(work, 'out'));
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^train: --backend tensorflow: the native backend needs @tensorflow\/tfjs-node, which is not installed/,
    );
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stdout).toBe('');
    expect(readdirSync(work)).toEqual([]);
  });

  test('outputs that would land on one file, or a --json that names a directory', async () => {
    const out = join(work, 'out');
    for (const [flags, message] of [
      [['--json', join(work, 'x'), '--csv', join(work, 'x')], /^train: --csv .* is also where --json .* writes/],
      [['--json', join(out, 'Loss.png')], /^train: --json .*Loss\.png is also where --out .*Loss\.png writes/],
      [['--json', join(work, 'nodir') + '/'], /^train: --json .*nodir\/ names a folder, not a file/],
    ] as const) {
      const { code, stderr } = await train(...flags, '--out', out);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(readdirSync(work)).toEqual([]);
    }
  });

  test('an --out that cannot be a directory', async () => {
    const { code, stderr } = await train('--out', '/etc/hostname/plots');
    expect(code).toBe(2);
    expect(stderr).toBe('train: --out /etc/hostname/plots cannot be written: /etc/hostname is not a folder\n');
  });
});

test('a trace case through the CLI: runs.pytorch reproduces torch.optim to 1e-9', async () => {
  const trace = readJson<{ cases: TorchTrace[] }>(join(__dirname, 'fixtures', 'torch-traces.json')).cases.find(
    (c) => c.name === 'rmsprop-centered-momentum',
  )!;
  const json = join(work, 'trace.json');
  const { code } = await train(
    ...trace.cli.split(' '),
    '--objective',
    trace.objective,
    `--x0=${trace.x0.join(',')}`,
    '--iterations',
    String(trace.iterations),
    '--json',
    json,
    '--out',
    join(work, 'out'),
  );
  expect(code).toBe(0);
  const rows = readJson<TrainJson>(json).runs.pytorch.rows;
  trace.rows.forEach((row, k) => {
    row.x.forEach((v, i) => expect(Math.abs(rows[k].x[i] - v) / Math.abs(v)).toBeLessThan(1e-9));
    expect(Math.abs(rows[k].loss - row.loss) / row.loss).toBeLessThan(1e-9);
  });
});

test('--tables prints the runs asked for, one 64-dash line between each', async () => {
  const { code, stdout } = await train(
    '--tables',
    'manual,tfjs,manual32,pytorch',
    '--iterations',
    '3',
    '--out',
    join(work, 'out'),
  );
  expect(code).toBe(0);
  expect(stdout.split('\n').filter((line) => line === '-'.repeat(64))).toHaveLength(3);
  expect(stdout.split('\n').filter((line) => line.startsWith('1. data: '))).toHaveLength(4);
});

test('compare: --optimizer LIST prints one summary row each, writes Compare.png and Trajectory.png, the JSON holds every run', async () => {
  const json = join(work, 'compare.json');
  const csv = join(work, 'compare.csv');
  const out = join(work, 'out');
  const { code, stdout } = await train(
    '--optimizer',
    'adam,sgd',
    '--objective',
    'himmelblau',
    '--lr',
    '0.01',
    '--iterations',
    '20',
    '--out',
    out,
    '--json',
    json,
    '--csv',
    csv,
  );
  expect(code).toBe(0);
  const lines = stdout.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^compare: 2 optimizers on himmelblau/);
  expect(lines.filter((line) => /^(adam|sgd) +0\.01 /.test(line))).toHaveLength(2);
  expect(stdout).not.toMatch(/^1\. data:/m);
  expect(readdirSync(out).sort()).toEqual(['Compare.png', 'Trajectory.png']);
  const report = readJson<CompareJson>(json);
  expect(report.config.optimizers).toEqual(['adam', 'sgd']);
  expect(Object.keys(report.optimizers)).toEqual(['adam', 'sgd']);
  expect(Object.keys(report.optimizers.adam.runs)).toEqual(['manual', 'tfjs', 'manual32', 'pytorch']);
  expect(report.optimizers.adam.runs.tfjs.rows).toHaveLength(20);
  expect(report.optimizers.adam.hyperparameters).toEqual({
    tfjs: { lr: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
    pytorch: { lr: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
  });
  const rows = readFileSync(csv, 'utf8').trimEnd().split('\n');
  expect(rows[0]).toBe('run,iteration,loss,x1,x2,grad1,grad2');
  expect(rows).toHaveLength(1 + 2 * 4 * 20);
  expect(rows[1]).toMatch(/^adam\/manual,1,/);
});

test('--optimizer all trains all seven; a flag none of them takes is bad input', async () => {
  const { code, stdout } = await train('--optimizer', 'all', '--iterations', '3', '--out', join(work, 'out'));
  expect(code).toBe(0);
  expect(stdout).toMatch(/^compare: 7 optimizers/);
  const bad = await train('--optimizer', 'sgd,adam', '--rho', '0.9', '--out', join(work, 'out2'));
  expect(bad.code).toBe(2);
  expect(bad.stderr).toBe('train: --rho applies to none of --optimizer sgd,adam\n');
});

test('no progress output when stderr is not a terminal', async () => {
  const { code, stderr } = await train(
    '--optimizer',
    'all',
    '--objective',
    'rosenbrock',
    '--lr',
    '0.001',
    '--iterations',
    '300',
    '--out',
    join(work, 'out'),
  );
  expect(code).toBe(0);
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(/^backend: /);
});

test('--help lists every flag and exits 0', async () => {
  const { code, stdout } = await train('--help');
  expect(code).toBe(0);
  const flags = [
    '--optimizer',
    '--objective',
    '--lr',
    '--momentum',
    '--nesterov',
    '--beta1',
    '--beta2',
    '--epsilon',
    '--decay',
    '--rho',
  ];
  flags.push(
    '--initial-accumulator-value',
    '--centered',
    '--iterations',
    '--x0',
    '--dim',
    '--tables',
    '--lang',
    '--log',
    '--trajectory',
  );
  flags.push('--out', '--json', '--csv', '--backend', '--help');
  for (const flag of flags) {
    expect(stdout).toContain(flag);
  }
});
