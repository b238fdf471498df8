// `npm run parity`: runs every optimizer on the PyTorch trace cases and writes docs/parity.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseTrainArgs } from '../src/cli/trainOptions';
import type { TrainConfig } from '../src/config';
import { writeFileAtomic } from '../src/io/atomicWrite';
import { firstLine } from '../src/io/errorText';
import { OPTIMIZER_NAMES, OPTIMIZERS, resolveHyperparameters, type OptimizerName } from '../src/optimizers/registry';
import { measureTraceCase, traceFlags, type TorchTrace } from '../src/parity/measure';
import { parityMarkdown, type Demonstration } from '../src/parity/report';
import { loadBackend } from '../src/tfjs/backend';
import { countTensors, type TensorCounts } from '../src/tfjs/disposeLeak';
import { train } from '../src/train';

const ROOT = join(__dirname, '..', '..');
const TRACES = join(ROOT, 'test', 'fixtures', 'torch-traces.json');
const OUTPUT = join(ROOT, 'docs', 'parity.md');

function config(flags: string): TrainConfig {
  const parsed = parseTrainArgs([...flags.split(' '), '--backend', 'cpu']);
  if (parsed.help) throw new Error('unexpected --help');
  return parsed.configs[0];
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

async function main(): Promise<void> {
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
  writeFileAtomic(OUTPUT, markdown);
  process.stdout.write(`wrote ${OUTPUT} (${cases.length} trace cases, ${OPTIMIZER_NAMES.length} optimizers)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`parity: ${firstLine(error)}\n`);
  process.exitCode = 1;
});
