import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The compiled CLI, as `npm run train` runs it (`npm test` compiles first).
const CLI = join(__dirname, '..', 'dist', 'scripts', 'train.js');

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'train-cli-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function train(...flags: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, ...flags], { encoding: 'utf8', cwd: work });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('defaults: two tables and the diff on stdout, one backend line on stderr, Loss.png written', () => {
  const out = join(work, 'out');
  const { code, stdout, stderr } = train('--out', out, '--backend', 'cpu');
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

test('--json writes the contract: config, backend, runs.{manual,tfjs} with rows, finalX, diverged; diff', () => {
  const json = join(work, 'run.json');
  const { code } = train('--out', join(work, 'out'), '--json', json, '--backend', 'cpu', '--iterations', '5', '--x0=-1,2,3');
  expect(code).toBe(0);
  const report = JSON.parse(readFileSync(json, 'utf8'));
  expect(Object.keys(report)).toEqual(['config', 'backend', 'runs', 'diff']);
  expect(report.backend).toBe('cpu');
  expect(report.config).toMatchObject({ lr: 0.1, iterations: 5, x0: [-1, 2, 3] });
  for (const [name, precision] of [['manual', 'float64'], ['tfjs', 'float32']]) {
    const run = report.runs[name];
    expect(run.precision).toBe(precision);
    expect(run.rows).toHaveLength(5);
    expect(Object.keys(run.rows[0])).toEqual(['iteration', 'x', 'loss', 'grad']);
    expect(run.rows[0]).toEqual({ iteration: 1, x: [-1, 2, 3], loss: 14, grad: [-2, 4, 6] });
    expect(run.finalX).toHaveLength(3);
    expect(run.diverged).toBeNull();
  }
  expect(report.diff.withinTolerance).toBe(true);
  expect(readdirSync(work).sort()).toEqual(['out', 'run.json']);
});

test('divergence: which run and where, exit 3, JSON and chart of the finite part still written', () => {
  const json = join(work, 'run.json');
  const { code, stdout } = train('--lr', '5', '--iterations', '60', '--out', join(work, 'out'), '--json', json, '--backend', 'cpu');
  expect(code).toBe(3);
  expect(stdout).toMatch(/diverged: TF\.js \(float32\) at iteration 21/);
  const report = JSON.parse(readFileSync(json, 'utf8'));
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
    [['--x0', ''], /--x0 must be comma-separated numbers/],
    [['--x0', '1,,2'], /--x0 must be comma-separated numbers/],
    [['--x0', '1,x'], /--x0 must be comma-separated finite numbers, got "x"/],
    [['--x0', '-1,2'], /--x0 needs a value; for one that starts with a minus write --x0=VALUE/],
    [['--lang', 'fr'], /--lang must be one of en, zh/],
    [['--backend', 'gpu'], /--backend must be one of auto, tensorflow, wasm, cpu/],
    [['--backend', 'tensorflow'], /--backend tensorflow: the native backend needs @tensorflow\/tfjs-node/],
    [['--frobnicate'], /unknown flag --frobnicate/],
    [['--lr'], /--lr needs a value/],
    [['extra'], /positional|Unexpected argument/],
  ])('%j', (flags, message) => {
    const out = join(work, 'out');
    const json = join(work, 'r.json');
    const { code, stdout, stderr } = train(...flags, '--out', out, '--json', json);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
    expect(readdirSync(work)).toEqual([]);
  });

  test('an --out that cannot be a directory', () => {
    const { code, stderr } = train('--out', '/etc/hostname/plots');
    expect(code).toBe(2);
    expect(stderr).toBe('train: --out cannot be written: /etc/hostname is not a directory\n');
  });
});

test('--help lists every flag and exits 0', () => {
  const { code, stdout } = train('--help');
  expect(code).toBe(0);
  for (const flag of ['--optimizer', '--objective', '--lr', '--iterations', '--x0', '--lang', '--out', '--json', '--backend', '--help']) {
    expect(stdout).toContain(flag);
  }
});
