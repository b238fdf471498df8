// `npm run bench` (`optim-mirror bench`): time one SGD step per implementation and size, each in a process of its own.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchChartConfig, BENCH_CHART_SIZE } from '../src/bench/benchChart';
import { BENCH_IMPLS, type BenchImpl } from '../src/bench/impls';
import { TUNE_CASE_FLAGS, type TunePhases } from '../src/bench/tuneCase';
import type { BenchResult } from '../src/bench/measure';
import { EXIT, runAsProcess, type Command } from '../src/cli/command';
import { flagText, type CommandSpec, type FlagValues } from '../src/cli/flags';
import { onInterrupt } from '../src/cli/interrupt';
import { parseWholeNumber } from '../src/cli/numbers';
import { UsageError } from '../src/cli/usageError';
import { jsonText } from '../src/format/jsonText';
import {
  commitOutputs,
  writeToStream,
  planOutputs,
  shownPath,
  type OutputData,
  type OutputRequest,
  type PlannedOutput,
} from '../src/io/outputs';
import { projectRoot } from '../src/io/projectRoot';
import { renderChartPng } from '../src/plot/chartCanvas';

// The compiled workers, also when this file runs as TypeScript (in tests).
const WORKER = join(projectRoot(), 'dist', 'src', 'bench', 'worker.js');
const TUNE_WORKER = join(projectRoot(), 'dist', 'src', 'bench', 'tuneWorker.js');
const TRAIN = join(projectRoot(), 'dist', 'scripts', 'train.js');
const CASES = ['steps', 'tune'] as const;
type BenchCase = (typeof CASES)[number];
const MAX_SIZE = 100_000_000;

export const BENCH_SPEC: CommandSpec = {
  name: 'bench',
  summary:
    "Times one step (loss, gradient, update) on Σxᵢ² for each size and each implementation available: SGD by the manual Float64Array loop, tfjs-cpu, tfjs-wasm and tfjs-tensorflow (when @tensorflow/tfjs-node is installed); Adam on wasm by tf.train.adam (tfjs-wasm-adam) and by @optim-mirror/torch's Adam and AdamW (torch-wasm-adam, torch-wasm-adamw).",
  description: [
    "Each measurement runs in its own process: warm-up, then the median of --steps timed steps, that process's peak RSS and what TF.js holds (parameters and optimizer state). Writes bench.png (log-log) into --out, and the numbers as JSON with --json.",
    'Exit codes: 0 done; 2 bad input (nothing run or written); 4 an output could not be written (nothing written); 70 an internal error (a bug: please report it); 130/143 interrupted.',
  ],
  flags: [
    {
      name: 'sizes',
      value: 'LIST',
      help: 'comma-separated N, whole numbers from 1 to 10⁸ (default 1000,1000000,10000000)',
    },
    { name: 'steps', value: 'K', help: 'timed steps per measurement, 1 to 10000 (default 10)' },
    {
      name: 'json',
      value: 'FILE',
      help: 'also write { results: [{ impl, n, msPerStep, peakRssMiB, tensorMiB }], machine }; - writes it to standard output',
    },
    { name: 'out', value: 'DIR', help: 'where bench.png goes (default output/)' },
    { name: 'straightforward', help: "time TF.js through plain autodiff instead of the project's custom gradient" },
    {
      name: 'cases',
      value: 'LIST',
      help: `what to measure: steps (one step per implementation and size, bench.png) and tune (\`train ${TUNE_CASE_FLAGS.join(' ')}\` end to end, and its phases); default steps`,
    },
  ],
  examples: [
    { command: 'npm run bench', note: 'every implementation at 10³, 10⁶ and 10⁷ parameters' },
    {
      command: 'npm run bench -- --sizes 1000,100000 --steps 50 --json bench.json',
      note: 'smaller sizes, more steps, and the numbers as JSON',
    },
    { command: 'npm run bench -- --cases tune', note: 'how long train --tune takes, and where the time goes' },
  ],
};

function tensorflowAvailable(): boolean {
  try {
    require.resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
}

function tfjsVersion(): string {
  const path = require.resolve('@tensorflow/tfjs-core/package.json');
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

/** One measurement in a child process of its own (its peak RSS is the measurement's); killed on an interrupt. */
async function runWorker(impl: BenchImpl, n: number, steps: number, straightforward: boolean): Promise<BenchResult> {
  const args = [WORKER, impl, String(n), String(steps), ...(straightforward ? ['straightforward'] : [])];
  const child = execFile(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  const forget = onInterrupt(() => child.kill());
  try {
    const output = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (chunk: string) => (stdout += chunk));
      child.stderr?.on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => {
        if (code === 0) resolve(stdout);
        else reject(new Error(`the ${impl} measurement at N=${n} failed: ${stderr.trim().split('\n').pop() ?? code}`));
      });
    });
    return JSON.parse(output.trim().split('\n').pop() ?? '') as BenchResult;
  } finally {
    forget();
  }
}

/** A child process's stdout, or an error naming what failed; killed on an interrupt. */
async function childOutput(what: string, args: readonly string[]): Promise<string> {
  const child = execFile(process.execPath, [...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const forget = onInterrupt(() => child.kill());
  try {
    return await new Promise<string>((resolve, reject) => {
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (chunk: string) => (stdout += chunk));
      child.stderr?.on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => {
        if (code === 0) resolve(stdout);
        else reject(new Error(`${what} failed: ${stderr.trim().split('\n').pop() ?? code}`));
      });
    });
  } finally {
    forget();
  }
}

/** The tuning case: the real command end to end (wall clock, process start included), then its phases. */
export interface TuneCaseResult extends TunePhases {
  endToEndMs: number;
}

async function runTuneCase(outDir: string): Promise<TuneCaseResult> {
  const started = performance.now();
  await childOutput('train --tune', [TRAIN, ...TUNE_CASE_FLAGS, '--out', outDir]);
  const endToEndMs = performance.now() - started;
  const phases = JSON.parse((await childOutput('the tuning phases', [TUNE_WORKER])).trim()) as TunePhases;
  return { endToEndMs, ...phases };
}

function formatTuneCase(result: TuneCaseResult): string {
  const ms = (value: number): string => `${(value / 1000).toFixed(2)} s`;
  return [
    `tune: train ${TUNE_CASE_FLAGS.join(' ')}: ${ms(result.endToEndMs)} end to end`,
    `  search (Float64, ${result.searchSteps} steps) ${ms(result.searchMs)}, loading TF.js ${ms(result.loadMs)}, TF.js confirmation (4 runs × 7) ${ms(result.confirmMs)}, charts ${ms(result.chartsMs)}`,
  ].join('\n');
}

function benchCases(values: FlagValues): BenchCase[] {
  const text = flagText(values, 'cases') ?? 'steps';
  const cases = text.split(',').map((name) => name.trim());
  for (const name of cases)
    if (!(CASES as readonly string[]).includes(name))
      throw new UsageError(`--cases must list ${CASES.join(', ')}, got "${name}"`);
  return cases as BenchCase[];
}

function formatTable(results: readonly BenchResult[]): string {
  const lines = [
    `${'impl'.padEnd(18)}${'N'.padStart(12)}${'ms/step'.padStart(12)}${'peak RSS MiB'.padStart(15)}${'tensors MiB'.padStart(14)}`,
  ];
  for (const r of results) {
    const tensors = r.tensorMiB === null ? '—' : r.tensorMiB.toFixed(1);
    const cells = [
      String(r.n).padStart(12),
      r.msPerStep.toFixed(3).padStart(12),
      r.peakRssMiB.toFixed(0).padStart(15),
      tensors.padStart(14),
    ];
    lines.push(`${r.impl.padEnd(18)}${cells.join('')}`);
  }
  return lines.join('\n');
}

function benchSizes(values: FlagValues): number[] {
  const text = flagText(values, 'sizes') ?? '1000,1000000,10000000';
  return text.split(',').map((size) => parseWholeNumber('sizes', size.trim(), 1, MAX_SIZE));
}

export const benchCommand: Command = {
  spec: BENCH_SPEC,
  async run(values, _positionals, io) {
    const cases = benchCases(values);
    const sizes = benchSizes(values);
    const stepsText = flagText(values, 'steps');
    const steps = stepsText === undefined ? 10 : parseWholeNumber('steps', stepsText, 1, 10_000);
    const straightforward = values.straightforward === true;
    const outDir = flagText(values, 'out') ?? 'output';
    const jsonPath = flagText(values, 'json');
    const measureSteps = cases.includes('steps');
    const files: OutputRequest[] = measureSteps ? [{ flag: '--out', path: join(outDir, 'bench.png') }] : [];
    if (jsonPath !== undefined) files.push({ flag: '--json', path: jsonPath });
    // Every path checked before any measurement: a bad one is exit 2 with nothing run or written.
    const plan = planOutputs(files, measureSteps ? [{ flag: '--out', path: outDir }] : []);
    const report = plan.outputs.some((output) => output.kind === 'stdout') ? io.stderr : io.stdout;

    const impls = BENCH_IMPLS.filter((impl) => impl !== 'tfjs-tensorflow' || tensorflowAvailable());
    if (measureSteps && !impls.includes('tfjs-tensorflow')) {
      io.stderr('bench: tfjs-tensorflow skipped: @tensorflow/tfjs-node is not installed\n');
    }
    const results: BenchResult[] = [];
    for (const n of measureSteps ? sizes : []) {
      for (const impl of impls) {
        const result = await runWorker(impl, n, steps, straightforward);
        results.push(result);
        io.stderr(`bench: ${impl} N=${n}: ${result.msPerStep.toFixed(3)} ms/step\n`);
      }
    }
    let tune: TuneCaseResult | null = null;
    if (cases.includes('tune')) {
      // Its charts go to a folder of its own, removed after: the case measures, it does not keep pictures.
      const scratch = mkdtempSync(join(tmpdir(), 'bench-tune-'));
      try {
        tune = await runTuneCase(scratch);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    }
    const machine = {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      tfjs: tfjsVersion(),
      tfjsPath: straightforward ? 'autodiff' : 'custom gradient',
      steps,
    };
    if (measureSteps) report(formatTable(results) + '\n');
    if (tune) report(formatTuneCase(tune) + '\n');
    const data = new Map<PlannedOutput, OutputData>();
    if (measureSteps) {
      const note = [
        `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, TF.js ${machine.tfjs}; median of ${steps} steps after warm-up.`,
      ];
      const { png } = await renderChartPng(BENCH_CHART_SIZE, benchChartConfig(results, note));
      data.set(plan.outputs[0], png);
    }
    // `tune` only when that case ran: { results, machine } stays what it was for the step case.
    const json = tune ? { results, tune, machine } : { results, machine };
    if (jsonPath !== undefined) data.set(plan.outputs[plan.outputs.length - 1], jsonText(json));
    await commitOutputs(plan, data, (bytes) => writeToStream(io.stdoutStream, bytes));
    if (plan.outputs.length > 0) report(`wrote ${plan.outputs.map(shownPath).join(', ')}\n`);
    return EXIT.ok;
  },
};

if (require.main === module) runAsProcess(benchCommand);
