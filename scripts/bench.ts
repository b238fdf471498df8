// `npm run bench`: time one SGD step per implementation and size, each in a process of its own.
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseWholeNumber } from '../src/cli/numbers';
import { parseArgsMessage } from '../src/cli/parseArgsMessage';
import { UsageError } from '../src/cli/usageError';
import { benchChartConfig, BENCH_CHART_SIZE } from '../src/bench/benchChart';
import { BENCH_IMPLS, type BenchImpl } from '../src/bench/impls';
import type { BenchResult } from '../src/bench/measure';
import { writeFileAtomic } from '../src/io/atomicWrite';
import { firstLine } from '../src/io/errorText';
import { whyNotWritableDirectory, whyNotWritableFile } from '../src/io/writable';
import { renderChartPng } from '../src/plot/chartCanvas';

const WORKER = join(__dirname, '..', 'src', 'bench', 'worker.js');
const MAX_SIZE = 100_000_000;

interface BenchOptions {
  sizes: number[];
  steps: number;
  jsonPath: string | null;
  outDir: string;
  straightforward: boolean;
}

function parseBenchArgs(argv: string[]): BenchOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        sizes: { type: 'string' },
        steps: { type: 'string' },
        json: { type: 'string' },
        out: { type: 'string' },
        straightforward: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(parseArgsMessage(error));
  }
  if (values.help) return 'help';
  const sizesText = values.sizes ?? '1000,1000000,10000000';
  const sizes = sizesText.split(',').map((text) => parseWholeNumber('sizes', text.trim(), 1, MAX_SIZE));
  const steps = values.steps === undefined ? 10 : parseWholeNumber('steps', values.steps, 1, 10_000);
  const outDir = values.out ?? 'output';
  const outProblem = whyNotWritableDirectory(outDir);
  if (outProblem) throw new UsageError(`--out cannot be written: ${outProblem}`);
  const jsonPath = values.json ?? null;
  const jsonProblem = jsonPath === null ? null : whyNotWritableFile(jsonPath);
  if (jsonProblem) throw new UsageError(`--json cannot be written: ${jsonProblem}`);
  return { sizes, steps, jsonPath, outDir, straightforward: values.straightforward === true };
}

const HELP = `Usage: npm run bench -- [flags]

Times one SGD step (loss, gradient, update) on Σxᵢ² for each size and each implementation
available: manual (a Float64Array loop), tfjs-cpu, tfjs-wasm, tfjs-tensorflow (when
@tensorflow/tfjs-node is installed). Each measurement runs in its own process: warm-up, then the
median of --steps timed steps, and that process's peak RSS.

  --sizes LIST        comma-separated N (default 1000,1000000,10000000)
  --steps K           timed steps per measurement (default 10)
  --json FILE         write { results: [{ impl, n, msPerStep, peakRssMiB }], machine }
  --out DIR           where bench.png goes (default output/)
  --straightforward   time TF.js through plain autodiff instead of the project's custom gradient`;

function tensorflowAvailable(): boolean {
  try {
    require.resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
}

function runWorker(impl: BenchImpl, n: number, steps: number, straightforward: boolean): BenchResult {
  const args = [WORKER, impl, String(n), String(steps), ...(straightforward ? ['straightforward'] : [])];
  const output = execFileSync(process.execPath, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 20,
  });
  return JSON.parse(output.trim().split('\n').pop() as string) as BenchResult;
}

function formatTable(results: readonly BenchResult[]): string {
  const lines = [`${'impl'.padEnd(18)}${'N'.padStart(12)}${'ms/step'.padStart(12)}${'peak RSS MiB'.padStart(15)}`];
  for (const r of results) {
    lines.push(
      `${r.impl.padEnd(18)}${String(r.n).padStart(12)}${r.msPerStep.toFixed(3).padStart(12)}${r.peakRssMiB.toFixed(0).padStart(15)}`,
    );
  }
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseBenchArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const impls = BENCH_IMPLS.filter((impl) => impl !== 'tfjs-tensorflow' || tensorflowAvailable());
  if (!impls.includes('tfjs-tensorflow'))
    process.stderr.write('bench: tfjs-tensorflow skipped: @tensorflow/tfjs-node is not installed\n');
  const results: BenchResult[] = [];
  for (const n of options.sizes) {
    for (const impl of impls) {
      const result = runWorker(impl, n, options.steps, options.straightforward);
      results.push(result);
      process.stderr.write(`bench: ${impl} N=${n}: ${result.msPerStep.toFixed(3)} ms/step\n`);
    }
  }
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    tfjs: (require('@tensorflow/tfjs-core/package.json') as { version: string }).version,
    tfjsPath: options.straightforward ? 'autodiff' : 'custom gradient',
    steps: options.steps,
  };
  process.stdout.write(formatTable(results) + '\n');
  const note = [
    `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, TF.js ${machine.tfjs}; median of ${options.steps} steps after warm-up.`,
  ];
  const { png } = await renderChartPng(BENCH_CHART_SIZE, benchChartConfig(results, note));
  const pngPath = join(options.outDir, 'bench.png');
  writeFileAtomic(pngPath, png);
  const written = [pngPath];
  if (options.jsonPath !== null) {
    writeFileAtomic(options.jsonPath, JSON.stringify({ results, machine }, null, 2) + '\n');
    written.push(options.jsonPath);
  }
  process.stdout.write(`wrote ${written.join(', ')}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${firstLine(error)}\n`);
    process.exitCode = 1;
  },
);
