// `npm run parity` (`optim-mirror parity`): runs every optimizer on the PyTorch trace cases and writes docs/parity.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseTrainArgs } from '../src/cli/trainOptions';
import type { TrainConfig } from '../src/config';
import { EXIT, runAsProcess, type Command } from '../src/cli/command';
import { flagText, type CommandSpec } from '../src/cli/flags';
import { commitOutputs, writeToStream, planOutputs, shownPath } from '../src/io/outputs';
import { projectRoot } from '../src/io/projectRoot';
import { OPTIMIZER_NAMES, OPTIMIZERS, resolveHyperparameters, type OptimizerName } from '../src/optimizers/registry';
import { measureTraceCase, traceFlags, type TorchTrace } from '../src/parity/measure';
import { parityMarkdown, type Demonstration } from '../src/parity/report';
import { loadBackend } from '../src/tfjs/backend';
import { countTensors, type TensorCounts } from '../src/tfjs/disposeLeak';
import { train } from '../src/train';

const TRACES = join(projectRoot(), 'test', 'fixtures', 'torch-traces.json');

export const PARITY_SPEC: CommandSpec = {
  name: 'parity',
  summary:
    'Runs every optimizer on the real PyTorch trace cases (cpu and wasm backends), measures where TF.js and torch.optim differ, and writes the report (docs/parity.md).',
  description: [
    'Exit codes: 0 done; 2 bad input (nothing written); 4 the report could not be written (nothing written); 70 an internal error (a bug: please report it); 130/143 interrupted.',
  ],
  flags: [
    {
      name: 'out',
      value: 'FILE',
      help: "where the report goes (default the project's docs/parity.md); - for standard output",
    },
  ],
  examples: [
    { command: 'npm run parity', note: 'regenerate docs/parity.md' },
    { command: 'npm run parity -- --out - | less', note: 'read it without writing the file' },
  ],
};

function config(flags: string): TrainConfig {
  return parseTrainArgs([...flags.split(' '), '--backend', 'cpu'])[0];
}

async function demonstrate(flags: string): Promise<Demonstration> {
  return { command: `npm run train -- ${flags} --tables tfjs,pytorch`, result: await train(config(flags)) };
}

/** TF.js's Adadelta and SGD on the same problem: are their TF.js rows the same to the bit? */
async function adadeltaAgainstSgd(flags: string): Promise<{ command: string; identical: boolean; iterations: number }> {
  const adadelta = await train(config(`--optimizer adadelta ${flags}`));
  const sgd = await train(config(`--optimizer sgd ${flags}`));
  const identical =
    adadelta.runs.tfjs.rows.length === sgd.runs.tfjs.rows.length &&
    adadelta.runs.tfjs.rows.every((row, k) => isDeepStrictEqual(row, sgd.runs.tfjs.rows[k]));
  return {
    command: `npm run train -- --optimizer sgd,adadelta ${flags} --json F`,
    identical,
    iterations: adadelta.config.iterations,
  };
}

export const parityCommand: Command = {
  spec: PARITY_SPEC,
  async run(values, _positionals, io) {
    const plan = planOutputs([
      { flag: '--out', path: flagText(values, 'out') ?? join(projectRoot(), 'docs', 'parity.md') },
    ]);
    const traces = (JSON.parse(readFileSync(TRACES, 'utf8')) as { cases: TorchTrace[] }).cases;
    const cases = [];
    for (const trace of traces) {
      cases.push(await measureTraceCase(trace, config(traceFlags(trace))));
    }
    const { tf } = await loadBackend('cpu');
    const tensorCounts = {} as Record<OptimizerName, TensorCounts>;
    for (const name of OPTIMIZER_NAMES)
      tensorCounts[name] = countTensors(tf, name, resolveHyperparameters(OPTIMIZERS[name], {}).tfjs);

    const markdown = parityMarkdown({
      tfjsVersion: tf.version_core,
      generatedOn: new Date().toISOString().slice(0, 10),
      cases,
      adadeltaFlip: await demonstrate('--optimizer adadelta --lr 1 --rho 0.95 --epsilon 1e-6 --iterations 100'),
      centeredRmspropNaN: await demonstrate(
        '--optimizer rmsprop --centered --decay 0.9 --epsilon 1e-7 --x0=5e-5,1 --iterations 3',
      ),
      adagradStart: await demonstrate('--optimizer adagrad --x0=0.001,2 --iterations 3'),
      adadeltaIsSgd: await adadeltaAgainstSgd('--objective rosenbrock --lr 0.001 --iterations 500'),
      tensorCounts,
    });
    await commitOutputs(plan, new Map([[plan.outputs[0], markdown]]), (bytes) => writeToStream(io.stdoutStream, bytes));
    io.stderr(
      `wrote ${shownPath(plan.outputs[0])} (${cases.length} trace cases, ${OPTIMIZER_NAMES.length} optimizers)\n`,
    );
    return EXIT.ok;
  },
};

if (require.main === module) runAsProcess(parityCommand);
