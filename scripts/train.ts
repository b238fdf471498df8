// `npm run train` (`optim-mirror train`): parse, run, print, write, set the exit code. Everything else is in src/.
import { runAsProcess, type Command } from '../src/cli/command';
import { onInterrupt } from '../src/cli/interrupt';
import { TRAIN_SPEC, trainConfigs } from '../src/cli/trainOptions';
import { UsageError } from '../src/cli/usageError';
import {
  commitOutputs,
  writeToStream,
  planOutputs,
  shownPath,
  type OutputData,
  type PlannedOutput,
} from '../src/io/outputs';
import { renderTrainOutputs, trainOutputRequests } from '../src/output';
import { formatCompareReport } from '../src/report/compareReport';
import { formatTrainReport } from '../src/report/consoleReport';
import { stderrProgress } from '../src/report/progress';
import { BackendUnavailableError } from '../src/tfjs/backend';
import { exitCodeFor, RUNS_PER_TRAINING, train, type TrainResult } from '../src/train';

export const trainCommand: Command = {
  spec: TRAIN_SPEC,
  async run(values, _positionals, io) {
    const configs = trainConfigs(values);
    const requests = trainOutputRequests(configs);
    // Every path checked before any work: a bad one is exit 2 with nothing run or written.
    const plan = planOutputs(
      requests.files.map((file) => file.request),
      [requests.folder],
    );
    // With an output on standard output, the report moves to standard error.
    const report = plan.outputs.some((output) => output.kind === 'stdout') ? io.stderr : io.stdout;

    const progress = stderrProgress(configs.length * configs[0].iterations * RUNS_PER_TRAINING, io.stderrStream);
    const forget = onInterrupt(() => progress.stop());
    const results: TrainResult[] = [];
    try {
      for (const config of configs) results.push(await train(config, () => progress.tick()));
    } catch (error) {
      if (error instanceof BackendUnavailableError) throw new UsageError(error.message);
      throw error;
    } finally {
      progress.stop();
      forget();
    }
    io.stderr(results[0].backendDescription + '\n');
    report((results.length === 1 ? formatTrainReport(results[0]) : formatCompareReport(results)) + '\n');

    const rendered = await renderTrainOutputs(results, new Set(requests.files.map((file) => file.role)));
    const data = new Map<PlannedOutput, OutputData>();
    plan.outputs.forEach((output, i) => {
      const bytes = rendered.get(requests.files[i].role);
      if (bytes === undefined) throw new Error(`nothing rendered for ${requests.files[i].role}`);
      data.set(output, bytes);
    });
    await commitOutputs(plan, data, (bytes) => writeToStream(io.stdoutStream, bytes));
    report(`wrote ${plan.outputs.map(shownPath).join(', ')}\n`);
    return Math.max(...results.map(exitCodeFor));
  },
};

if (require.main === module) runAsProcess(trainCommand);
