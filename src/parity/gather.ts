import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseTrainArgs } from '../cli/trainOptions';
import type { TrainConfig } from '../config';
import { projectRoot } from '../io/projectRoot';
import { OPTIMIZERS } from '../optimizers/registry';
import { loadBackend } from '../tfjs/backend';
import { countTensors } from '../tfjs/disposeLeak';
import { train } from '../train';
import { measureLibraryCase, measureTraceCase, traceFlags, type TorchTrace, type TorchTraces } from './measure';
import type { Demonstration, ParityData } from './report';
import { measureTraps } from './traps';

/** The real PyTorch traces the report is measured on. */
export function torchTraces(): TorchTraces {
  return JSON.parse(readFileSync(join(projectRoot(), 'test', 'fixtures', 'torch-traces.json'), 'utf8')) as TorchTraces;
}

function config(flags: string): TrainConfig {
  return parseTrainArgs([...flags.split(' '), '--backend', 'cpu'])[0];
}

async function demonstrate(flags: string): Promise<Demonstration> {
  return { command: `npm run train -- ${flags} --tables tfjs,pytorch`, result: await train(config(flags)) };
}

/** TF.js's Adadelta and SGD on the same problem: are their TF.js rows the same to the bit? */
async function adadeltaAgainstSgd(flags: string): Promise<ParityData['adadeltaIsSgd']> {
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

/**
 * Everything docs/parity.md reports, measured: the trace cases given (all of them by default),
 * the API traps, the demonstrations and the tensor counts.
 */
export async function gatherParityData(
  traces: { cases: TorchTrace[]; library_cases: TorchTrace[] } = torchTraces(),
): Promise<ParityData> {
  const cases = [];
  for (const trace of traces.cases) cases.push(await measureTraceCase(trace, config(traceFlags(trace))));
  const libraryCases = [];
  for (const trace of traces.library_cases)
    libraryCases.push(await measureLibraryCase(trace, config(traceFlags(trace))));
  const backend = await loadBackend('cpu');
  const tensorCounts = OPTIMIZERS.map((definition) => ({
    name: definition.title,
    counts: countTensors(backend, config(`--optimizer ${definition.name}`).optimizer),
  }));
  return {
    tfjsVersion: backend.tf.version_core,
    generatedOn: new Date().toISOString().slice(0, 10),
    cases,
    libraryCases,
    traps: await measureTraps(backend.tf),
    adadeltaFlip: await demonstrate('--optimizer adadelta --lr 1 --rho 0.95 --epsilon 1e-6 --iterations 100'),
    centeredRmspropNaN: await demonstrate(
      '--optimizer rmsprop --centered --decay 0.9 --epsilon 1e-7 --x0=5e-5,1 --iterations 3',
    ),
    adagradStart: await demonstrate('--optimizer adagrad --x0=0.001,2 --iterations 3'),
    adadeltaIsSgd: await adadeltaAgainstSgd('--objective rosenbrock --lr 0.001 --iterations 500'),
    tensorCounts,
  };
}
