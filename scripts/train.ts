// `npm run train`: parse flags, run, print, write, set the exit code. Everything else is in src/.
import { parseTrainArgs, trainHelp } from '../src/cli/trainOptions';
import { UsageError } from '../src/cli/usageError';
import { whyNotWritableDirectory, whyNotWritableFile } from '../src/io/writable';
import { writeTrainOutputs } from '../src/output';
import { formatTrainReport } from '../src/report/consoleReport';
import { BackendUnavailableError } from '../src/tfjs/backend';
import { exitCodeFor, train } from '../src/train';

const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0];

async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseTrainArgs(argv);
    if (!parsed.help) {
      const { outDir, jsonPath } = parsed.config;
      const outProblem = whyNotWritableDirectory(outDir);
      if (outProblem) throw new UsageError(`--out cannot be written: ${outProblem}`);
      const jsonProblem = jsonPath === null ? null : whyNotWritableFile(jsonPath);
      if (jsonProblem) throw new UsageError(`--json cannot be written: ${jsonProblem}`);
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

  let result;
  try {
    result = await train(parsed.config);
  } catch (error) {
    if (!(error instanceof BackendUnavailableError)) throw error;
    process.stderr.write(`train: ${error.message}\n`);
    return 2;
  }
  process.stderr.write(result.backendDescription + '\n');
  process.stdout.write(formatTrainReport(result) + '\n');

  try {
    const written = await writeTrainOutputs(result);
    process.stdout.write(`wrote ${written.join(', ')}\n`);
  } catch (error) {
    process.stderr.write(`train: could not write the outputs: ${firstLine(error)}\n`);
    return 4;
  }
  return exitCodeFor(result);
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
