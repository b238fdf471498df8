import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchCommand } from '../scripts/bench';
import { parityCommand } from '../scripts/parity';
import { trainCommand } from '../scripts/train';
import type { Command } from '../src/cli/command';
import { commitOutputs, OutputError, planOutputs, REAL_FS } from '../src/io/outputs';
import { runInProcess } from './helpers';

const ROOT = join(__dirname, '..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'commands-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const COMMANDS: Array<[string, Command]> = [
  ['train', trainCommand],
  ['bench', benchCommand],
  ['parity', parityCommand],
];

describe.each(COMMANDS)('%s follows the one flag contract', (name, command) => {
  test('--help: usage, every flag, examples, no line over 100 columns; exit 0', async () => {
    const { code, stdout } = await runInProcess(command, ['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: npm run ${name} -- \\[flags\\]`));
    expect(stdout).toContain('Examples:');
    for (const flag of command.spec.flags) expect(stdout).toContain(`--${flag.name}`);
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  test('--version prints the version; exit 0', async () => {
    expect(await runInProcess(command, ['--version'])).toEqual({
      code: 0,
      stdout: `optim-mirror ${VERSION}\n`,
      stderr: '',
    });
  });

  test.each([
    [['--frobnicate'], 'unknown flag --frobnicate (see --help)'],
    [['--out', 'a', '--out', 'b'], '--out is given twice'],
    [['--out='], '--out needs a value, got an empty one'],
    [['--out'], '--out needs a value'],
    [['stray'], 'unexpected argument "stray": every input is a --flag (see --help)'],
  ])('%j: one line naming the flag, exit 2, nothing written', async (argv, message) => {
    const { code, stdout, stderr } = await runInProcess(command, argv);
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: `${name}: ${message}\n` });
    expect(readdirSync(work)).toEqual([]);
  });

  test('flags npm took for itself (npm run x --flag without --) are named, with the fix', async () => {
    const env = { npm_lifecycle_event: name, npm_config_out: 'true' };
    const { code, stderr } = await runInProcess(command, ['x'], env);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `${name}: npm took --out for itself: put -- before the flags, as in npm run ${name} -- --out …\n`,
    );
  });
});

describe('exit codes: a bug is never reported as an output error', () => {
  const failing = (error: Error): Command => ({
    spec: { name: 'demo', summary: 'fails on purpose', description: [], flags: [], examples: [] },
    run: () => Promise.reject(error),
  });

  test.each([
    [
      new TypeError("Cannot read properties of undefined (reading 'x')"),
      70,
      "demo: internal error (a bug, please report it): Cannot read properties of undefined (reading 'x')\n",
    ],
    [
      new RangeError('Maximum call stack size exceeded'),
      70,
      'demo: internal error (a bug, please report it): Maximum call stack size exceeded\n',
    ],
    [
      new OutputError('could not write r.json: ENOSPC: no space left on device'),
      4,
      'demo: could not write the outputs, nothing was written: could not write r.json: ENOSPC: no space left on device\n',
    ],
  ])('%s → exit %d', async (error, code, stderr) => {
    expect(await runInProcess(failing(error), [])).toEqual({ code, stdout: '', stderr });
  });

  test("a failure inside a commit that is not the file system's passes through as a bug", async () => {
    const plan = planOutputs([{ flag: '--json', path: join(work, 'r.json') }]);
    const broken = { ...REAL_FS, writeTemporary: () => Promise.reject(new TypeError('data.map is not a function')) };
    const error = await commitOutputs(plan, new Map([[plan.outputs[0], '{}']]), () => Promise.resolve(), broken).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect(readdirSync(work)).toEqual([]);
  });
});

describe('bench', () => {
  test.each([
    [['--json=', '--out', 'x'], /--json needs a value, got an empty one/],
    [
      (dir: string) => ['--out', dir, '--json', join(dir, 'bench.png')],
      /--json .*bench\.png is also where --out .*bench\.png writes/,
    ],
    [(dir: string) => ['--out', join(dir, 'f', 'sub')], /--out .*sub cannot be written: .*f is not a folder/],
    [['--sizes', '10,abc'], /--sizes must be a finite number, got "abc"/],
  ])('%j: exit 2 before any measurement, nothing written', async (flags, message) => {
    writeFileSync(join(work, 'f'), '');
    const argv = typeof flags === 'function' ? flags(work) : flags;
    const { code, stdout, stderr } = await runInProcess(benchCommand, argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
    expect(readdirSync(work)).toEqual(['f']);
  });

  test('--json: results per implementation and size, and the machine', async () => {
    const json = join(work, 'bench.json');
    const { code, stdout } = await runInProcess(benchCommand, [
      '--sizes',
      '100,3000',
      '--steps',
      '2',
      '--json',
      json,
      '--out',
      work,
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8')) as {
      results: Array<{ impl: string; n: number; msPerStep: number; peakRssMiB: number; tensorMiB: number | null }>;
      machine: { cores: number; node: string };
    };
    expect(Object.keys(report)).toEqual(['results', 'machine']);
    const impls = ['manual', 'tfjs-cpu', 'tfjs-wasm', 'tfjs-wasm-adam', 'torch-wasm-adam', 'torch-wasm-adamw'];
    expect(report.results.map((r) => `${r.impl}@${r.n}`)).toEqual(
      [100, 3000].flatMap((n) => impls.map((impl) => `${impl}@${n}`)),
    );
    for (const r of report.results) {
      expect(Object.keys(r)).toEqual(['impl', 'n', 'msPerStep', 'peakRssMiB', 'tensorMiB']);
      expect(r.msPerStep).toBeGreaterThan(0);
      expect(r.peakRssMiB).toBeGreaterThan(10);
    }
    // What TF.js holds for N = 3000 float32 parameters, in bytes: x (12 000) and tf.train.sgd's −lr
    // scalar; x and two moments for Adam (tf.train.adam also keeps β1ᵗ and β2ᵗ as scalars).
    const held = (impl: string): number | null => {
      const mib = report.results.find((r) => r.impl === impl && r.n === 3000)?.tensorMiB ?? null;
      return mib === null ? null : Math.round(mib * 2 ** 20);
    };
    expect(held('manual')).toBeNull();
    expect(held('tfjs-wasm')).toBe(12_004);
    expect(held('tfjs-wasm-adam')).toBe(36_008);
    expect(held('torch-wasm-adam')).toBe(36_000);
    expect(held('torch-wasm-adamw')).toBe(36_000);
    expect(report.machine.node).toBe(process.version);
    expect(stdout).toMatch(/impl +N +ms\/step +peak RSS MiB/);
    expect(readFileSync(join(work, 'bench.png')).subarray(1, 4).toString()).toBe('PNG');
  });
});

test('parity --help writes nothing (docs/parity.md untouched)', async () => {
  const report = join(ROOT, 'docs', 'parity.md');
  const before = statSync(report).mtimeMs;
  const { code, stdout } = await runInProcess(parityCommand, ['--help']);
  expect(code).toBe(0);
  expect(stdout).toMatch(/^Usage: npm run parity/);
  expect(statSync(report).mtimeMs).toBe(before);
});

describe('the installed entry, a real process', () => {
  const cli = (...argv: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'dist', 'scripts', 'cli.js'), ...argv], { encoding: 'utf8' });

  test('optim-mirror lists the commands; optim-mirror train --version', () => {
    const overview = cli('--help');
    expect(overview.status).toBe(0);
    expect(overview.stdout).toMatch(/^Usage: optim-mirror <command>/);
    for (const [name] of COMMANDS) expect(overview.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(cli('train', '--version').stdout).toBe(`optim-mirror ${VERSION}\n`);
  });

  test('an unknown command: exit 2, one line', () => {
    const run = cli('trian');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'optim-mirror: unknown command "trian" (one of train, bench, port, playground, build-web, parity; see --help)\n',
    );
  });

  test('npm run train --lr 0.5 (npm takes --lr): exit 2 and the fix', () => {
    const run = spawnSync('npm', ['run', '-s', 'train', '--lr', '0.5'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'train: npm took --lr for itself: put -- before the flags, as in npm run train -- --lr …',
    );
  });
});
