// `npm run train` (`optim-mirror train`): parse, run, print, write, set the exit code. Everything else is in src/.
import { runAsProcess, type Command } from '../src/cli/command';
import { onInterrupt, yieldToEventLoop } from '../src/cli/interrupt';
import { TRAIN_SPEC, trainConfigs } from '../src/cli/trainOptions';
import { UsageError } from '../src/cli/usageError';
import type { TrainConfig } from '../src/config';
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
import { formatTuneReport } from '../src/report/tuneReport';
import { runTraining, scheduleStepper, type Backend } from '../src/run/training';
import { BackendUnavailableError } from '../src/tfjs/backend';
import { exitCodeFor, loadBackendFor, RUNS_PER_TRAINING, type TrainResult } from '../src/train';
import { tuneAll, tunedConfigs, type TuningRun } from '../src/tune/tune';

/** The backend the configs ask for; one that cannot load here is bad input. */
async function backendOf(config: TrainConfig): Promise<Backend> {
  try {
    return await loadBackendFor(config);
  } catch (error) {
    if (error instanceof BackendUnavailableError) throw new UsageError(error.message);
    throw error;
  }
}

/** --tune's search (Float64, no TF.js), with the schedule on the library the backend loaded. */
function tune(configs: readonly TrainConfig[], backend: Backend): Promise<TuningRun> {
  const { scheduler, iterations } = configs[0];
  const schedule = scheduler === null ? null : scheduleStepper(backend.torch, scheduler.call, iterations);
  return tuneAll(configs, schedule, yieldToEventLoop);
}

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

    const backend = await backendOf(configs[0]);
    const progress = stderrProgress(configs.length * configs[0].iterations * RUNS_PER_TRAINING, io.stderrStream);
    const forget = onInterrupt(() => progress.stop());
    const results: TrainResult[] = [];
    let tuning: TuningRun | null = null;
    try {
      let trained = configs;
      if (configs[0].tune) {
        tuning = await tune(configs, backend);
        trained = tunedConfigs(configs, tuning);
      }
      for (const config of trained) results.push(await runTraining(config, backend, () => progress.tick()));
    } finally {
      progress.stop();
      forget();
    }
    io.stderr(backend.description + '\n');
    const resume = configs[0].resume;
    if (resume)
      io.stderr(
        resume.steps === null
          ? `resumed: ${resume.path}, torch.optim.${resume.className}'s state (torch counts no steps for it)\n`
          : `resumed: ${resume.path}, torch.optim.${resume.className}'s state after ${resume.steps} step${resume.steps === 1 ? '' : 's'}; iteration 1 is step ${resume.steps + 1}\n`,
      );
    const tuneReport = tuning ? formatTuneReport(tuning, configs[0].objective, configs[0].iterations) + '\n' : '';
    report(tuneReport + (results.length === 1 ? formatTrainReport(results[0]) : formatCompareReport(results)) + '\n');

    const rendered = await renderTrainOutputs(results, new Set(requests.files.map((file) => file.role)), tuning);
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
