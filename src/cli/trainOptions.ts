import { RUN_NAMES, type Lang, type RunName, type TrainConfig } from '../config';
import { OBJECTIVES, OBJECTIVE_NAMES, type ObjectiveName } from '../objectives/registry';
import {
  HYPERPARAMETERS,
  OPTIMIZER_NAMES,
  OPTIMIZERS,
  resolveHyperparameters,
  type HyperparameterName,
  type Hyperparameters,
  type OptimizerName,
} from '../optimizers/registry';
import { AUTO_WASM_FROM, BACKEND_CHOICES, type BackendChoice } from '../tfjs/backend';
import { parseFloat32Number, parseWholeNumber, parseNumberList } from './numbers';
import { flagText, parseCommandLine, type CommandSpec, type FlagSpec, type FlagValues } from './flags';
import { UsageError } from './usageError';

export const MAX_ITERATIONS = 100_000;
/** Numbers --x0 may list, and parameters --dim may ask for. */
export const MAX_X0_LENGTH = 10_000;
export const MAX_DIMENSION = 20_000_000;

const HYPERPARAMETER_MEANING: Record<HyperparameterName, string> = {
  lr: 'learning rate',
  momentum: 'momentum',
  nesterov: 'Nesterov momentum (a switch)',
  beta1: 'first-moment decay β1',
  beta2: 'second-moment decay β2',
  epsilon: 'ε',
  decay: 'rmsprop: averaging decay; adamax: learning-rate decay',
  rho: 'averaging decay ρ',
  initialAccumulatorValue: 'starting value of the squared-gradient sum',
  centered: 'centered RMSProp (a switch)',
};

/** "--beta1 B  first-moment decay β1; adam (TF.js default 0.9), adamax (0.9)" from the registry. */
function hyperparameterHelp(name: HyperparameterName): string {
  if (name === 'lr') return `learning rate, ≥ 0, every optimizer (default 0.1, the original's)`;
  const takers = OPTIMIZER_NAMES.filter((optimizer) => OPTIMIZERS[optimizer].takes.includes(name));
  const defaults = takers.map((optimizer) => `${optimizer} ${String(OPTIMIZERS[optimizer].tfjsDefaults[name])}`);
  const domain = HYPERPARAMETERS[name].domain ? `, ${HYPERPARAMETERS[name].domain.rule.replace('must be ', '')}` : '';
  return `${HYPERPARAMETER_MEANING[name]}${domain}; default: ${defaults.join(', ')}`;
}

/** Every flag of `train`, with its help: from the registries, so a new optimizer or objective shows up by itself. */
function trainFlags(): FlagSpec[] {
  const hyperparameters = (Object.keys(HYPERPARAMETERS) as HyperparameterName[]).map((name) => ({
    name: HYPERPARAMETERS[name].flag,
    value: HYPERPARAMETERS[name].kind === 'number' ? 'N' : undefined,
    help: hyperparameterHelp(name),
  }));
  return [
    {
      name: 'optimizer',
      value: 'NAME',
      help: `${OPTIMIZER_NAMES.join('|')} (default sgd); a comma list or "all" compares them (Compare.png)`,
    },
    {
      name: 'objective',
      value: 'NAME',
      help: `${OBJECTIVE_NAMES.map((n) => `${n}: ${OBJECTIVES[n].formula}`).join('; ')} (default sphere)`,
    },
    ...hyperparameters,
    { name: 'iterations', value: 'N', help: `iterations, 1 to ${MAX_ITERATIONS} (default 30)` },
    {
      name: 'x0',
      value: 'LIST',
      help: "starting point, comma-separated (default: the objective's, 5,10 for sphere); write --x0=-1,2 when it starts with a minus",
    },
    {
      name: 'dim',
      value: 'N',
      help: `start from N parameters, the --x0 pattern (or the objective's default) repeated: 5,10,5,10,… (up to ${MAX_DIMENSION}); tables then summarize as NumPy does`,
    },
    {
      name: 'tables',
      value: 'LIST',
      help: `which runs to print as tables: ${RUN_NAMES.join(',')} (default manual,tfjs, the original's two)`,
    },
    { name: 'lang', value: 'en|zh', help: "table labels: en (data/loss/grad) or zh, the original's (default en)" },
    { name: 'log', help: 'draw Loss.png with a logarithmic loss axis' },
    {
      name: 'trajectory',
      help: 'also draw Trajectory.png, the path over the loss surface (2-D problems; comparisons always draw it)',
    },
    {
      name: 'out',
      value: 'DIR',
      help: 'where the charts go: Loss.png or Compare.png, and Trajectory.png for 2-D problems (default output/)',
    },
    { name: 'json', value: 'FILE', help: 'also write the config, every run, the diff and the parity as JSON' },
    { name: 'csv', value: 'FILE', help: 'also write one row per run and iteration: run, iteration, loss, x…, grad…' },
    {
      name: 'backend',
      value: 'NAME',
      help: `${BACKEND_CHOICES.join('|')}: TF.js backend (default auto: tensorflow when @tensorflow/tfjs-node is installed, else cpu below ${AUTO_WASM_FROM} parameters and wasm from there)`,
    },
  ];
}

/** `train`'s flags, help and examples: the contract `npm run train` and `optim-mirror train` share. */
export const TRAIN_SPEC: CommandSpec = {
  name: 'train',
  summary:
    "Gradient descent step by step: a Float64 loop that mirrors TF.js's update rule, TF.js itself (float32), the same rule replayed in float32, and PyTorch's rule in Float64; the first two printed as the PyTorch original prints them, compared, and plotted to Loss.png.",
  description: [
    "Hyperparameters not given take TF.js's defaults (the pytorch run: torch.optim's).",
    'Exit codes: 0 done; 1 TF.js left the float32 tolerance; 2 bad input (nothing written); 3 a run diverged; 4 an output could not be written (nothing written); 70 an internal error (a bug: please report it); 130/143 interrupted (nothing written).',
    'Outputs: a symbolic link is written through to its target, a FIFO or a device such as /dev/null is written through, and - for --json or --csv means standard output (the report then goes to standard error). Files are replaced atomically.',
  ],
  get flags() {
    return trainFlags();
  },
  examples: [
    { command: 'npm run train', note: 'the original: SGD on Σxᵢ² from [5, 10], lr 0.1, 30 iterations' },
    {
      command: 'npm run train -- --optimizer all --objective rosenbrock --lr 0.002 --iterations 300',
      note: 'every optimizer on Rosenbrock: a summary row each, Compare.png and Trajectory.png',
    },
    { command: 'npm run train -- --optimizer adam --json - | jq .diff', note: 'the JSON on standard output' },
  ],
};

function oneOf<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text)) {
    throw new UsageError(`--${flag} must be one of ${choices.join(', ')}, got "${text}"`);
  }
  return text as T;
}

/** The hyperparameter flags given, checked against the optimizers and each one's domain. */
function givenHyperparameters(values: FlagValues, optimizers: readonly OptimizerName[]): Hyperparameters {
  const given: Record<string, number | boolean> = {};
  for (const name of Object.keys(HYPERPARAMETERS) as HyperparameterName[]) {
    const { flag, kind, domain } = HYPERPARAMETERS[name];
    const raw = values[flag];
    if (raw === undefined) continue;
    if (!optimizers.some((optimizer) => OPTIMIZERS[optimizer].takes.includes(name))) {
      if (optimizers.length > 1)
        throw new UsageError(`--${flag} applies to none of --optimizer ${optimizers.join(',')}`);
      const takes = OPTIMIZERS[optimizers[0]].takes.map((n) => `--${HYPERPARAMETERS[n].flag}`).join(', ');
      throw new UsageError(`--${flag} does not apply to --optimizer ${optimizers[0]} (it takes ${takes})`);
    }
    if (kind === 'boolean') {
      given[name] = raw === true;
      continue;
    }
    const value = parseFloat32Number(flag, raw as string);
    if (domain && !domain.accepts(value)) throw new UsageError(`--${flag} ${domain.rule}, got "${raw}"`);
    given[name] = value;
  }
  return given;
}

/** `--optimizer`: one name, a comma list, or "all". */
function parseOptimizers(text: string): OptimizerName[] {
  if (text.trim() === 'all') return [...OPTIMIZER_NAMES];
  const names = text.split(',').map((name) => oneOf('optimizer', name.trim(), OPTIMIZER_NAMES));
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated) throw new UsageError(`--optimizer names ${repeated} twice`);
  return names;
}

/** `train`'s command line to one config per optimizer asked for (test and script helper). */
export function parseTrainArgs(argv: readonly string[]): TrainConfig[] {
  const parsed = parseCommandLine(TRAIN_SPEC, argv);
  if (parsed.kind !== 'run') throw new UsageError(`--${parsed.kind} asks for no training`);
  return trainConfigs(parsed.values);
}

/**
 * The flags' values to one config per optimizer asked for (several: a comparison; everything but
 * the optimizer is shared), or a UsageError whose message is the one line to print.
 */
export function trainConfigs(values: FlagValues): TrainConfig[] {
  const text = (flag: string): string | undefined => flagText(values, flag);

  const optimizers = parseOptimizers(text('optimizer') ?? 'sgd');
  const objectiveName: ObjectiveName = oneOf('objective', text('objective') ?? 'sphere', OBJECTIVE_NAMES);
  const objective = OBJECTIVES[objectiveName];

  const given = givenHyperparameters(values, optimizers);
  if (given.decay !== undefined && optimizers.includes('rmsprop') && optimizers.includes('adamax')) {
    throw new UsageError(
      '--decay means an averaging decay to rmsprop and a learning-rate decay to adamax: compare them in separate runs',
    );
  }
  const hyperparameters = optimizers.map((optimizer) => {
    const resolved = resolveHyperparameters(OPTIMIZERS[optimizer], given);
    const conflict = OPTIMIZERS[optimizer].check?.(resolved.tfjs) ?? null;
    if (conflict) throw new UsageError(conflict);
    return resolved;
  });

  const iterationsText = text('iterations');
  const iterations =
    iterationsText === undefined ? 30 : parseWholeNumber('iterations', iterationsText, 1, MAX_ITERATIONS);

  const x0Text = text('x0');
  const pattern = x0Text === undefined ? [...objective.defaultX0] : parseNumberList('x0', x0Text);
  if (pattern.length > MAX_X0_LENGTH) {
    throw new UsageError(`--x0 may hold at most ${MAX_X0_LENGTH} numbers (for more, use --dim), got ${pattern.length}`);
  }
  const dimText = text('dim');
  const dimension = dimText === undefined ? pattern.length : parseWholeNumber('dim', dimText, 1, MAX_DIMENSION);
  if (dimension < pattern.length)
    throw new UsageError(
      `--dim ${dimension} is shorter than --x0 (${pattern.length} numbers): it repeats the pattern, it does not cut it`,
    );
  if (!objective.acceptsDimension(dimension)) {
    const what =
      dimText === undefined ? `--x0 has ${dimension} number${dimension === 1 ? '' : 's'}` : `--dim is ${dimension}`;
    throw new UsageError(`${what}, but ${objective.name} takes ${objective.dimensionRule}`);
  }
  const x0 = Array.from({ length: dimension }, (_, i) => pattern[i % pattern.length]);

  const tablesText = text('tables');
  const tables: RunName[] =
    tablesText === undefined
      ? ['manual', 'tfjs']
      : tablesText.split(',').map((name) => oneOf('tables', name.trim(), RUN_NAMES));
  if (new Set(tables).size !== tables.length) throw new UsageError(`--tables names a run twice: "${tablesText}"`);
  for (const flag of ['tables', 'lang'] as const) {
    if (optimizers.length > 1 && values[flag] !== undefined)
      throw new UsageError(`--${flag} shapes the tables of one optimizer; a comparison prints a summary row each`);
  }

  const lang: Lang = oneOf('lang', text('lang') ?? 'en', ['en', 'zh'] as const);
  const backend: BackendChoice = oneOf('backend', text('backend') ?? 'auto', BACKEND_CHOICES);

  const outDir = text('out') ?? 'output';
  if (outDir.trim() === '') throw new UsageError('--out must name a directory');
  const jsonPath = text('json') ?? null;
  if (jsonPath !== null && jsonPath.trim() === '') throw new UsageError('--json must name a file');
  const csvPath = text('csv') ?? null;
  if (csvPath !== null && csvPath.trim() === '') throw new UsageError('--csv must name a file');
  const logScale = values.log === true;
  const trajectory = values.trajectory === true;
  if (trajectory && x0.length !== 2)
    throw new UsageError(
      `--trajectory needs a 2-D problem, and x0 has ${x0.length} number${x0.length === 1 ? '' : 's'}`,
    );

  const shared = {
    objective: objectiveName,
    tables,
    x0,
    iterations,
    backend,
    lang,
    logScale,
    trajectory,
    outDir,
    jsonPath,
    csvPath,
  };
  return optimizers.map((optimizer, i) => ({ ...shared, optimizer, hyperparameters: hyperparameters[i] }));
}
