// `npm run train`: parse flags, run, print, write, set the exit code. Everything else is in src/.
import { parseTrainArgs, trainHelp } from '../src/cli/trainOptions';
import { UsageError } from '../src/cli/usageError';
import { whyNotWritableDirectory, whyNotWritableFile } from '../src/io/writable';
import { writeOutputs } from '../src/output';
import { formatCompareReport } from '../src/report/compareReport';
import { formatTrainReport } from '../src/report/consoleReport';
import { stderrProgress } from '../src/report/progress';
import { BackendUnavailableError } from '../src/tfjs/backend';
import { exitCodeFor, RUNS_PER_TRAINING, train, type TrainResult } from '../src/train';

const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0];

async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseTrainArgs(argv);
    if (!parsed.help) {
      const { outDir, jsonPath, csvPath } = parsed.configs[0];
      const outProblem = whyNotWritableDirectory(outDir);
      if (outProblem) throw new UsageError(`--out cannot be written: ${outProblem}`);
      for (const [flag, path] of [['json', jsonPath], ['csv', csvPath]] as const) {
        const problem = path === null ? null : whyNotWritableFile(path);
        if (problem) throw new UsageError(`--${flag} cannot be written: ${problem}`);
      }
    }
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
    for (const config of configs) results.push(await train(config, progress.tick));
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
