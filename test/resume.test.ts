import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainCommand } from '../scripts/train';
import type { TrainJson } from '../src/report/json';
import { FIXTURES, readJson, runInProcess, type CommandOutcome } from './helpers';

/*
 * --resume-torch against real PyTorch (test/fixtures/make-torch-resume.py, torch 1.13): torch
 * trained 50 steps, exported its state, and trained 50 more. The command line loaded with that
 * export must take torch's steps 51–100: the float64 runs to the last bits, the TF.js run equal to
 * its float32 replay loaded from the same file.
 */

interface ResumeCase {
  optimizer: string;
  float64: { export: unknown; trace: number[][] };
  float32: { export: unknown; trace: number[][] };
}
const FIXTURE = readJson<{ split: number; steps: number; x0: number[]; cases: Record<string, ResumeCase> }>(
  join(FIXTURES, 'torch-resume.json'),
);

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'resume-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function stateFile(content: unknown, name = 'state.json'): string {
  const path = join(work, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function train(...flags: string[]): Promise<CommandOutcome> {
  return runInProcess(trainCommand, [...flags, '--out', join(work, 'out'), '--backend', 'cpu']);
}

async function resumed(file: string, ...flags: string[]): Promise<TrainJson> {
  const json = join(work, 'run.json');
  const { code, stderr } = await train('--resume-torch', file, '--objective', 'rosenbrock', ...flags, '--json', json);
  expect(stderr).not.toMatch(/^train: /m);
  expect(code).toBe(0);
  return readJson<TrainJson>(json);
}

/** Largest |a − b| over the largest |b|, per row. */
function worstRelative(ours: number[][], torch: number[][]): number {
  let worst = 0;
  torch.forEach((row, k) => {
    const scale = Math.max(...row.map(Math.abs));
    row.forEach((v, i) => (worst = Math.max(worst, Math.abs(ours[k][i] - v) / scale)));
  });
  return worst;
}

const STEPS_AFTER = FIXTURE.steps - FIXTURE.split;

describe.each(Object.entries(FIXTURE.cases))('%s', (_name, fixture) => {
  test("float64: the pytorch and manual runs take torch's steps 51–100, to 1e-13 of each row", async () => {
    const report = await resumed(stateFile(fixture.float64.export), '--iterations', String(STEPS_AFTER));
    // torch's SGD counts no steps.
    const steps = fixture.optimizer === 'SGD' ? null : FIXTURE.split;
    expect(report.config.resumeTorch).toMatchObject({ optimizer: fixture.optimizer, steps });
    // Row k holds x before step 50 + k: torch's x after step 49 + k; finalX is x after step 100.
    const torchAfter = fixture.float64.trace.slice(FIXTURE.split - 1);
    for (const run of ['pytorch', 'manual'] as const) {
      const ours = [...report.runs[run].rows.map((row) => row.x), report.runs[run].finalX];
      // The float64 reference does torch's operations in torch's order: what is left are libm-level
      // roundings (pow, sqrt) torch's kernels may do otherwise, an ulp (2⁻⁵³ ≈ 1.1e-16) now and then,
      // which Rosenbrock's curvature amplifies over 50 steps; the library's own float64 traces stay
      // within 5.4e-14 of torch's, and 1e-13 leaves that margin, nothing more.
      expect(worstRelative(ours, torchAfter)).toBeLessThan(1e-13);
    }
  });

  test('float32: the TF.js run equals its float32 replay loaded from the same file, to the bit', async () => {
    const report = await resumed(stateFile(fixture.float32.export), '--iterations', String(STEPS_AFTER));
    const tfjs = report.runs.tfjs.rows.map((row) => [...row.x, row.loss]);
    expect(tfjs).toEqual(report.runs.manual32.rows.map((row) => [...row.x, row.loss]));
    expect(report.runs.tfjs.rows[0].x).toEqual(fixture.float32.trace[FIXTURE.split - 1]);
    expect(report.diff.withinTolerance).toBe(true);
  });

  test('without the state, the same start and options do not take those steps', async () => {
    const loaded = await resumed(stateFile(fixture.float64.export), '--iterations', String(STEPS_AFTER));
    const x0 = loaded.runs.pytorch.rows[0].x.join(',');
    const optimizer = loaded.config.optimizer;
    const flags = Object.entries(loaded.config.hyperparameters.pytorch).flatMap(([key, value]) => {
      const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      if (typeof value === 'boolean') return value ? [flag] : [];
      return [`${flag}=${Array.isArray(value) ? value.join(',') : String(value)}`];
    });
    const json = join(work, 'fresh.json');
    const again = await train(
      '--optimizer',
      optimizer,
      ...flags,
      '--objective',
      'rosenbrock',
      `--x0=${x0}`,
      '--iterations',
      String(STEPS_AFTER),
      '--json',
      json,
    );
    expect(again.code).toBe(0);
    const report = readJson<TrainJson>(json);
    const ours = [...report.runs.pytorch.rows.map((row) => row.x), report.runs.pytorch.finalX];
    expect(worstRelative(ours, fixture.float64.trace.slice(FIXTURE.split - 1))).toBeGreaterThan(1e-6);
  });
});

test('a schedule that sets β1 when built, and another lr: the run continues with both', async () => {
  const file = stateFile(FIXTURE.cases['adam-amsgrad'].float32.export);
  const call = 'OneCycleLR(max_lr=0.05, total_steps=20)';
  const report = await resumed(file, '--iterations', '20', '--lr', '0.01', '--scheduler', call);
  // OneCycleLR starts at max_lr / div_factor (25), whatever lr the optimizer had.
  expect(report.runs.tfjs.rows[0].lr).toBeCloseTo(0.05 / 25, 15);
  expect(report.runs.tfjs.rows.map((row) => [...row.x, row.loss])).toEqual(
    report.runs.manual32.rows.map((row) => [...row.x, row.loss]),
  );
  const plain = await resumed(file, '--iterations', '3', '--lr', '0.01');
  expect(plain.config.hyperparameters.pytorch.lr).toBe(0.01);
  expect(plain.runs.tfjs.rows.map((row) => row.lr)).toEqual([0.01, 0.01, 0.01]);
});

test('the report says where the run continues from', async () => {
  const file = stateFile(FIXTURE.cases['adam-amsgrad'].float64.export);
  const { code, stderr } = await train('--resume-torch', file, '--objective', 'rosenbrock', '--iterations', '2');
  expect(code).toBe(0);
  expect(stderr).toContain(`resumed: ${file}, torch.optim.Adam's state after 50 steps; iteration 1 is step 51`);
});

describe('a state file that does not fit: one line naming what and why, exit 2, nothing written', () => {
  const adam = FIXTURE.cases['adam-amsgrad'].float64.export as Record<string, unknown>;
  /** The same state for a parameter of three numbers (each tensor one number longer). */
  const longer = (entry: unknown): unknown => {
    const tensor = entry as { shape?: number[]; values?: unknown };
    return Array.isArray(tensor.values) && tensor.shape?.length === 1
      ? { ...tensor, shape: [3], values: [...(tensor.values as number[]), 0.5] }
      : entry;
  };
  const threeNumbers = {
    ...adam,
    parameters: (adam.parameters as unknown[]).map(longer),
    state: (adam.state as Array<Record<string, unknown>>).map((entries) =>
      Object.fromEntries(Object.entries(entries).map(([key, value]) => [key, longer(value)])),
    ),
  };
  const twoParameters = {
    ...adam,
    parameters: [...(adam.parameters as unknown[]), ...(adam.parameters as unknown[])],
    state: [...(adam.state as unknown[]), ...(adam.state as unknown[])],
  };
  test.each([
    ['missing', null, [], /--resume-torch: cannot read .*nowhere\.json: ENOENT/],
    ['not JSON', '{"format": ', [], /--resume-torch: .* is not JSON/],
    ['another format', { format: 'x' }, [], /--resume-torch: .*not a torch state export: its format is/],
    [
      'another optimizer',
      adam,
      ['--optimizer', 'torch.sgd'],
      /--resume-torch: the file holds torch\.optim\.Adam's state, and --optimizer is torch\.sgd/,
    ],
    ['a tf.train optimizer', adam, ['--optimizer', 'adam'], /--resume-torch needs a torch\.\* optimizer: adam/],
    [
      'a comparison',
      adam,
      ['--optimizer', 'torch.adam,torch.sgd'],
      /--resume-torch continues one optimizer \(the file's: torch\.adam\)/,
    ],
    ['a start of its own', adam, ['--x0=1,2'], /--x0 and --resume-torch: the run starts from the file's parameter/],
    ['a search of the lr', adam, ['--tune'], /--tune and --resume-torch/],
    ['other betas', adam, ['--betas', '0.8,0.999'], /--resume-torch: .*betas.*only lr may differ/],
    ['two parameters', twoParameters, [], /--resume-torch: .*the command line trains one vector, and the file holds 2/],
    [
      'a state float32 cannot hold',
      {
        ...adam,
        state: (adam.state as Array<Record<string, unknown>>).map((entries) => ({
          ...entries,
          exp_avg_sq: { ...(entries.exp_avg_sq as object), values: [1e40, 1] },
        })),
      },
      [],
      /--resume-torch: .*1e\+40 does not fit in float32/,
    ],
    [
      'a dimension the objective refuses',
      threeNumbers,
      ['--objective', 'booth'],
      /--resume-torch: the file's parameter has 3 numbers, but booth takes exactly 2/,
    ],
  ] as const)('%s', async (_what, content, flags, message) => {
    const file = content === null ? join(work, 'nowhere.json') : stateFile(content);
    const out = join(work, 'out');
    const objective = (flags as readonly string[]).includes('--objective') ? [] : ['--objective', 'rosenbrock'];
    const { code, stdout, stderr } = await runInProcess(trainCommand, [
      '--resume-torch',
      file,
      ...objective,
      ...flags,
      '--out',
      out,
      '--json',
      join(work, 'r.json'),
    ]);
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stdout).toBe('');
    expect(readdirSync(work).filter((f) => f !== 'state.json')).toEqual([]);
  });
});
