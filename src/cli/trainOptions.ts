import { RUN_NAMES, type GradientClip, type Lang, type RunName, type TorchResume, type TrainConfig } from '../config';
import { firstLine } from '../io/errorText';
import { OBJECTIVES, OBJECTIVE_NAMES, type ObjectiveName } from '../objectives/registry';
import { MAX_SEED } from '../math/random';
import type { GradientNoise } from '../run/noise';
import { AUTO_WASM_FROM, BACKEND_CHOICES, type BackendChoice } from '../tfjs/backend';
import {
  DEFAULT_STARTS,
  DEFAULT_TUNE_BUDGET,
  DEFAULT_TUNE_RANGE,
  MAX_STARTS,
  MAX_TUNE_BUDGET,
  MIN_TUNE_BUDGET,
  type TuneSettings,
} from '../tune/settings';
import { parseFloat32Number, parseWholeNumber, parseNumberList } from './numbers';
import { optimizerFlagSpecs, parseOptimizers, resolveOptimizers } from './optimizerFlags';
import type { OptimizerDefinition, ResolvedOptimizer } from '../optimizers/optimizer';
import { readResumeFile } from './resumeFlag';
import { parseSchedulerFlag } from './schedulerFlag';
import { flagText, parseCommandLine, type CommandSpec, type FlagSpec, type FlagValues } from './flags';
import { UsageError } from './usageError';

export const MAX_ITERATIONS = 100_000;
/** Numbers --x0 may list, and parameters --dim may ask for. */
export const MAX_X0_LENGTH = 10_000;
export const MAX_DIMENSION = 20_000_000;

/** Every flag of `train`, with its help: from the registries, so a new optimizer or objective shows up by itself. */
function trainFlags(): FlagSpec[] {
  const [optimizer, ...hyperparameters] = optimizerFlagSpecs();
  return [
    optimizer,
    {
      name: 'objective',
      value: 'NAME',
      help: `${OBJECTIVE_NAMES.map((name) => `${name} (${OBJECTIVES[name].formula})`).join(', ')}; default sphere`,
    },
    ...hyperparameters,
    {
      name: 'clip-grad-norm',
      value: 'MAX',
      help: 'clip the gradient before every step, in every run and for any optimizer, as torch.nn.utils.clip_grad_norm_(params, MAX) does (total 2-norm at most MAX)',
    },
    {
      name: 'clip-grad-value',
      value: 'V',
      help: 'clamp every gradient element to [−V, V] before every step, as torch.nn.utils.clip_grad_value_ does',
    },
    {
      name: 'scheduler',
      value: 'CALL',
      help: "a torch.optim.lr_scheduler call as PyTorch code writes it, without the optimizer or with it first: 'StepLR(step_size=10, gamma=0.5)', 'SequentialLR(schedulers=[LinearLR(start_factor=0.1, total_iters=5), CosineAnnealingLR(T_max=95)], milestones=[5])', 'LambdaLR(lr_lambda=lambda epoch: 0.95 ** epoch)'; stepped after every optimizer step, in every run (ReduceLROnPlateau with that iteration's loss); the tables gain an lr column",
    },
    {
      name: 'resume-torch',
      value: 'FILE',
      help: "continue a PyTorch run: FILE is its optimizer's state and its parameter as scripts/export_torch_state.py writes them; every run starts from that parameter with that state (step counts, moments, buffers) and the file's options (flags may change lr; other options must be the file's); the file names the torch.* optimizer (--optimizer, if given, must name the same)",
    },
    {
      name: 'noise',
      value: 'SIGMA',
      help: 'stochastic gradients: add Gaussian noise of standard deviation SIGMA (≥ 0) to every gradient, before clipping and the step; drawn from --seed, the same draws in all four runs and for every optimizer',
    },
    {
      name: 'seed',
      value: 'N',
      help: `seeds --noise and --tune's extra starting points, a whole number from 0 to ${MAX_SEED} (default 0)`,
    },
    {
      name: 'tune',
      help: "search each optimizer's learning rate first (Float64 rule, log-spaced over --tune-range, then refined around the best), judged by the final loss after --iterations averaged over --starts starting points; then train every optimizer at its own best lr (TF.js confirms), and draw Sensitivity.png",
    },
    {
      name: 'tune-range',
      value: 'LO,HI',
      help: `the learning rates --tune searches, two positive increasing numbers (default ${DEFAULT_TUNE_RANGE.join(',')})`,
    },
    {
      name: 'tune-budget',
      value: 'K',
      help: `at most K learning rates per optimizer, ${MIN_TUNE_BUDGET} to ${MAX_TUNE_BUDGET} (default ${DEFAULT_TUNE_BUDGET}); each trains from every start`,
    },
    {
      name: 'starts',
      value: 'K',
      help: `--tune judges each lr from x⁰ and K − 1 more starting points (as far from the nearest minimum as x⁰, directions drawn from --seed), 1 to ${MAX_STARTS} (default ${DEFAULT_STARTS})`,
    },
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
      name: 'animate',
      help: 'also write Trajectory.gif: the paths growing step by step over the contours (2-D problems; at most 150 frames)',
    },
    {
      name: 'out',
      value: 'DIR',
      help: 'where the charts go: Loss.png or Compare.png, Trajectory.png (2-D), Trajectory.gif (--animate), Sensitivity.png (--tune) (default output/)',
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
    "Spell a hyperparameter as the library you port from spells it: tf.train optimizers take TF.js's names (--beta1, --epsilon, --decay), and flags not given take TF.js's defaults (the pytorch run: torch.optim's); torch.* optimizers (@optim-mirror/torch) take torch.optim's names (--betas, --eps, --weight-decay) with torch.optim's defaults, lr included.",
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
    {
      command: 'npm run train -- --optimizer all --objective rosenbrock --tune --starts 3 --iterations 500',
      note: "each optimizer at its own best learning rate: the search's table, Sensitivity.png, then the comparison",
    },
    {
      command: 'npm run train -- --optimizer sgd,adam --noise 0.5 --seed 7 --animate',
      note: 'stochastic gradients, the same draws for both, and Trajectory.gif',
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

/** `--clip-grad-norm` or `--clip-grad-value`: a finite number > 0, one of the two. */
function parseClip(values: FlagValues): GradientClip | null {
  const norm = flagText(values, 'clip-grad-norm');
  const value = flagText(values, 'clip-grad-value');
  if (norm !== undefined && value !== undefined) {
    throw new UsageError(
      '--clip-grad-norm and --clip-grad-value: give one of the two (the order of two clippings is not defined)',
    );
  }
  const read = (flag: string, text: string): number => {
    const number = parseFloat32Number(flag, text);
    if (!(number > 0)) throw new UsageError(`--${flag} must be > 0, got "${text}"`);
    return number;
  };
  if (norm !== undefined) return { kind: 'norm', maxNorm: read('clip-grad-norm', norm) };
  if (value !== undefined) return { kind: 'value', clipValue: read('clip-grad-value', value) };
  return null;
}

/** `--seed N`: a whole number from 0 to 2³² − 1; it seeds --noise or --tune's starts, so one of them must be given. */
function parseSeed(values: FlagValues): number {
  const text = flagText(values, 'seed');
  if (text === undefined) return 0;
  if (values.noise === undefined && values.tune === undefined)
    throw new UsageError('--seed seeds --noise and --tune: give one of them, or leave --seed out');
  return parseWholeNumber('seed', text, 0, MAX_SEED);
}

/** `--noise SIGMA`: a finite number ≥ 0 that float32 can hold. */
function parseNoise(values: FlagValues, seed: number): GradientNoise | null {
  const text = flagText(values, 'noise');
  if (text === undefined) return null;
  const sigma = parseFloat32Number('noise', text);
  if (!(sigma >= 0)) throw new UsageError(`--noise must be ≥ 0 (a standard deviation), got "${text}"`);
  return { sigma, seed };
}

/** The flags that shape --tune: each needs --tune. */
const TUNE_FLAGS = ['tune-range', 'tune-budget', 'starts'] as const;

/** `--tune-range LO,HI`: two positive numbers, LO < HI. */
function parseTuneRange(text: string | undefined): readonly [number, number] {
  if (text === undefined) return DEFAULT_TUNE_RANGE;
  const numbers = parseNumberList('tune-range', text);
  if (numbers.length !== 2 || !(numbers[0] > 0) || !(numbers[0] < numbers[1]))
    throw new UsageError(
      `--tune-range must be two positive increasing learning rates LO,HI like 1e-4,10, got "${text}"`,
    );
  return [numbers[0], numbers[1]];
}

/**
 * `--tune` and its flags, as settings shared by every optimizer (each config adds its own
 * `optimizerAt`), or null without --tune (its flags, and --lr, are then refused or required).
 */
function parseTune(values: FlagValues, seed: number): Omit<TuneSettings, 'optimizerAt'> | null {
  if (values.tune === undefined) {
    const given = TUNE_FLAGS.find((flag) => values[flag] !== undefined);
    if (given) throw new UsageError(`--${given} shapes --tune's search: it needs --tune`);
    return null;
  }
  if (values.lr !== undefined)
    throw new UsageError('--lr and --tune: --tune searches the learning rate (set its range with --tune-range)');
  const budgetText = flagText(values, 'tune-budget');
  const startsText = flagText(values, 'starts');
  return {
    range: parseTuneRange(flagText(values, 'tune-range')),
    budget:
      budgetText === undefined
        ? DEFAULT_TUNE_BUDGET
        : parseWholeNumber('tune-budget', budgetText, MIN_TUNE_BUDGET, MAX_TUNE_BUDGET),
    starts: startsText === undefined ? DEFAULT_STARTS : parseWholeNumber('starts', startsText, 1, MAX_STARTS),
    seed,
  };
}

/**
 * The optimizers as the flags resolve them, with `lr` in place of --lr: what --tune's search
 * trains (every other flag as given, checked as given).
 */
function resolverAt(values: FlagValues, optimizers: readonly OptimizerDefinition[]) {
  return (index: number) => (lr: number) => resolveOptimizers({ ...values, lr: String(lr) }, optimizers)[index];
}

/** `train`'s command line to one config per optimizer asked for (test and script helper). */
export function parseTrainArgs(argv: readonly string[]): TrainConfig[] {
  const parsed = parseCommandLine(TRAIN_SPEC, argv);
  if (parsed.kind !== 'run') throw new UsageError(`--${parsed.kind} asks for no training`);
  return trainConfigs(parsed.values);
}

/**
 * What `--resume-torch` rules out: another optimizer than the file's (or one that cannot take a
 * PyTorch state), a second one, a start of its own (the file's parameter is the start), a search
 * of the learning rate (the run continues at the file's).
 */
function checkResume(values: FlagValues, resume: TorchResume, optimizers: readonly OptimizerDefinition[]): void {
  const fileOptimizer = `torch.${resume.className.toLowerCase()}`;
  if (optimizers.length !== 1)
    throw new UsageError(`--resume-torch continues one optimizer (the file's: ${fileOptimizer}), not a comparison`);
  const [optimizer] = optimizers;
  if (!optimizer.resumesTorch)
    throw new UsageError(
      `--resume-torch needs a torch.* optimizer: ${optimizer.name} (tf.train's) cannot take a PyTorch state; the file holds ${fileOptimizer}'s`,
    );
  if (optimizer.name !== fileOptimizer)
    throw new UsageError(
      `--resume-torch: the file holds torch.optim.${resume.className}'s state, and --optimizer is ${optimizer.name}`,
    );
  for (const flag of ['x0', 'dim', 'tune'] as const) {
    if (values[flag] !== undefined)
      throw new UsageError(
        flag === 'tune'
          ? "--tune and --resume-torch: a resumed run continues at the file's learning rate (or --lr)"
          : `--${flag} and --resume-torch: the run starts from the file's parameter`,
      );
  }
}

/** Loads the file's state into the optimizer's rule once, so that a state that does not fit is bad input now. */
function loadResume(optimizer: ResolvedOptimizer): void {
  try {
    optimizer.manualRule('float64');
  } catch (error) {
    throw new UsageError(`--resume-torch: ${firstLine(error)}`);
  }
}

/**
 * The flags' values to one config per optimizer asked for (several: a comparison; everything but
 * the optimizer is shared), or a UsageError whose message is the one line to print.
 */
export function trainConfigs(values: FlagValues): TrainConfig[] {
  const text = (flag: string): string | undefined => flagText(values, flag);

  const resumePath = text('resume-torch');
  const resume = resumePath === undefined ? undefined : readResumeFile(resumePath);
  const optimizers = parseOptimizers(text('optimizer') ?? (resume ? `torch.${resume.className.toLowerCase()}` : 'sgd'));
  const objectiveName: ObjectiveName = oneOf('objective', text('objective') ?? 'sphere', OBJECTIVE_NAMES);
  const objective = OBJECTIVES[objectiveName];

  if (resume) checkResume(values, resume, optimizers);
  const resolved = resolveOptimizers(values, optimizers, resume);
  if (resume) loadResume(resolved[0]);
  const clip = parseClip(values);
  const seed = parseSeed(values);
  const noise = parseNoise(values, seed);
  const tune = parseTune(values, seed);

  const iterationsText = text('iterations');
  const iterations =
    iterationsText === undefined ? 30 : parseWholeNumber('iterations', iterationsText, 1, MAX_ITERATIONS);

  const x0Text = text('x0');
  const pattern = resume?.x0 ?? (x0Text === undefined ? [...objective.defaultX0] : parseNumberList('x0', x0Text));
  if (resume && pattern.length > MAX_DIMENSION) {
    throw new UsageError(
      `--resume-torch: the file's parameter has ${pattern.length} numbers; a run takes at most ${MAX_DIMENSION}`,
    );
  }
  if (!resume && pattern.length > MAX_X0_LENGTH) {
    throw new UsageError(`--x0 may hold at most ${MAX_X0_LENGTH} numbers (for more, use --dim), got ${pattern.length}`);
  }
  const dimText = text('dim');
  const dimension = dimText === undefined ? pattern.length : parseWholeNumber('dim', dimText, 1, MAX_DIMENSION);
  if (dimension < pattern.length)
    throw new UsageError(
      `--dim ${dimension} is shorter than --x0 (${pattern.length} numbers): it repeats the pattern, it does not cut it`,
    );
  if (!objective.acceptsDimension(dimension)) {
    const what = resume
      ? `--resume-torch: the file's parameter has ${dimension} number${dimension === 1 ? '' : 's'}`
      : dimText === undefined
        ? `--x0 has ${dimension} number${dimension === 1 ? '' : 's'}`
        : `--dim is ${dimension}`;
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
  const jsonPath = text('json') ?? null;
  const csvPath = text('csv') ?? null;
  const logScale = values.log === true;
  const trajectory = values.trajectory === true;
  const animate = values.animate === true;
  for (const [flag, on] of [
    ['trajectory', trajectory],
    ['animate', animate],
  ] as const) {
    if (on && x0.length !== 2)
      throw new UsageError(
        `--${flag} needs a 2-D problem, and x0 has ${x0.length} number${x0.length === 1 ? '' : 's'}`,
      );
  }

  const schedulerText = text('scheduler');
  const scheduler =
    schedulerText === undefined
      ? null
      : { text: schedulerText, call: parseSchedulerFlag(schedulerText, resolved, iterations) };

  const shared = {
    objective: objectiveName,
    clip,
    scheduler,
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
    noise,
    animate,
    resume: resume ?? null,
  };
  const at = resolverAt(values, optimizers);
  return resolved.map((optimizer, index) => ({
    ...shared,
    optimizer,
    tune: tune === null ? null : { ...tune, optimizerAt: at(index) },
  }));
}
