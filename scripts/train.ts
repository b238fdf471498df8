// `npm run train`: parse flags, run, print, write, set the exit code. Everything else is in src/.
import { basename, resolve } from 'node:path';
import { parseTrainArgs, trainHelp } from '../src/cli/trainOptions';
import type { TrainConfig } from '../src/config';
import { UsageError } from '../src/cli/usageError';
import { firstLine } from '../src/io/errorText';
import { whyNotWritableDirectory, whyNotWritableFile } from '../src/io/writable';
import { plannedOutputs, writeOutputs } from '../src/output';
import { formatCompareReport } from '../src/report/compareReport';
import { formatTrainReport } from '../src/report/consoleReport';
import { stderrProgress } from '../src/report/progress';
import { BackendUnavailableError } from '../src/tfjs/backend';
import { exitCodeFor, RUNS_PER_TRAINING, train, type TrainResult } from '../src/train';

/** Every output can be written, and no two land on the same file; else a UsageError. Creates nothing. */
function checkOutputs(configs: readonly TrainConfig[]): void {
  const outProblem = whyNotWritableDirectory(configs[0].outDir);
  if (outProblem) throw new UsageError(`--out cannot be written: ${outProblem}`);
  const planned = plannedOutputs(configs);
  const byPath = new Map<string, string>();
  for (const [what, path] of [
    ['--out', planned.loss],
    ['--out', planned.trajectory],
    ['--json', planned.json],
    ['--csv', planned.csv],
  ] as const) {
    if (path === null) continue;
    if (what !== '--out') {
      const problem = whyNotWritableFile(path);
      if (problem) throw new UsageError(`${what} cannot be written: ${problem}`);
    }
    const earlier = byPath.get(resolve(path));
    if (earlier)
      throw new UsageError(`${what} ${path} is also where ${earlier} writes: each output needs a file of its own`);
    byPath.set(resolve(path), what === '--out' ? basename(path) : what);
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseTrainArgs(argv);
    if (!parsed.help) checkOutputs(parsed.configs);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`train: ${error.message}\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(trainHelp() + '\n');
    return 0;
  }

  const { configs } = parsed;
  const progress = stderrProgress(configs.length * configs[0].iterations * RUNS_PER_TRAINING);
  const results: TrainResult[] = [];
  try {
    for (const config of configs) results.push(await train(config, () => progress.tick()));
  } catch (error) {
    if (!(error instanceof BackendUnavailableError)) throw error;
    process.stderr.write(`train: ${error.message}\n`);
    return 2;
  } finally {
    progress.stop();
  }
  process.stderr.write(results[0].backendDescription + '\n');
  process.stdout.write((results.length === 1 ? formatTrainReport(results[0]) : formatCompareReport(results)) + '\n');

  try {
    const written = await writeOutputs(results);
    process.stdout.write(`wrote ${written.join(', ')}\n`);
  } catch (error) {
    process.stderr.write(`train: could not write the outputs: ${firstLine(error)}\n`);
    return 4;
  }
  return Math.max(...results.map(exitCodeFor));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`train: internal error: ${firstLine(error)}\n`);
    process.exitCode = 70;
  },
);
