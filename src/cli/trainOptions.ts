import { parseArgs } from 'node:util';
import type { Lang, TrainConfig } from '../config';
import { OBJECTIVES, OBJECTIVE_NAMES, type ObjectiveName } from '../objectives/registry';
import { OPTIMIZER_NAMES, type OptimizerName } from '../optimizers/registry';
import { BACKEND_CHOICES, type BackendChoice } from '../tfjs/backend';
import { parseFiniteNumber, parseNumberList, parseWholeNumber } from './numbers';
import { UsageError } from './usageError';

export const MAX_ITERATIONS = 100_000;
export const MAX_DIMENSION = 10_000;

interface FlagHelp {
  flag: string;
  value?: string;
  text: string;
}

const FLAGS: readonly FlagHelp[] = [
  { flag: 'optimizer', value: 'NAME', text: `${OPTIMIZER_NAMES.join('|')} (default sgd)` },
  { flag: 'objective', value: 'NAME', text: `${OBJECTIVE_NAMES.join('|')} (default sphere: L = Σxᵢ²)` },
  { flag: 'lr', value: 'RATE', text: 'learning rate, a number ≥ 0 (default 0.1)' },
  { flag: 'iterations', value: 'N', text: `iterations, 1 to ${MAX_ITERATIONS} (default 30)` },
  { flag: 'x0', value: 'LIST', text: 'starting point, comma-separated, any dimension (default 5,10); write --x0=-1,2 when it starts with a minus' },
  { flag: 'lang', value: 'en|zh', text: 'table labels: en (data/loss/grad) or zh, the original\'s (default en)' },
  { flag: 'out', value: 'DIR', text: 'where Loss.png goes (default output/)' },
  { flag: 'json', value: 'FILE', text: 'also write every run, the diff and the config as JSON' },
  { flag: 'backend', value: 'NAME', text: `${BACKEND_CHOICES.join('|')}: TF.js backend (default auto: tensorflow when @tensorflow/tfjs-node is installed, else cpu)` },
  { flag: 'help', text: 'show this help' },
];

export function trainHelp(): string {
  const lines = FLAGS.map(({ flag, value, text }) => {
    const left = `  --${flag}${value ? ` ${value}` : ''}`;
    return `${left.padEnd(24)}${text}`;
  });
  return [
    'Usage: npm run train -- [flags]',
    '',
    'Gradient descent twice, step by step: a Float64 loop written by hand and TF.js (float32),',
    'printed as the PyTorch original prints them, compared, and plotted to Loss.png.',
    '',
    ...lines,
    '',
    'Exit codes: 0 done; 1 TF.js left the float32 tolerance; 2 bad input; 3 a run diverged; 4 an output could not be written.',
  ].join('\n');
}

function oneOf<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text)) {
    throw new UsageError(`--${flag} must be one of ${choices.join(', ')}, got "${text}"`);
  }
  return text as T;
}

/** First line of a node:util parseArgs error, reworded to name the flag. */
function parseArgsMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown flag ${unknown[1]} (see --help)`;
  const ambiguous = /^Option '(--[\w-]+)[^']*' argument is ambiguous/.exec(message);
  if (ambiguous) return `${ambiguous[1]} needs a value; for one that starts with a minus write ${ambiguous[1]}=VALUE`;
  const missing = /^Option '(--[\w-]+)[^']*' argument missing/.exec(message);
  if (missing) return `${missing[1]} needs a value`;
  return message.split('\n')[0];
}

export type ParsedTrainArgs = { help: true } | { help: false; config: TrainConfig };

/** Flags to a TrainConfig, or a UsageError whose message is the one line to print. */
export function parseTrainArgs(argv: readonly string[]): ParsedTrainArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        optimizer: { type: 'string' },
        objective: { type: 'string' },
        lr: { type: 'string' },
        iterations: { type: 'string' },
        x0: { type: 'string' },
        lang: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'string' },
        backend: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(parseArgsMessage(error));
  }
  if (values.help) return { help: true };
  const text = (flag: string): string | undefined => values[flag] as string | undefined;

  const optimizer: OptimizerName = oneOf('optimizer', text('optimizer') ?? 'sgd', OPTIMIZER_NAMES);
  const objectiveName: ObjectiveName = oneOf('objective', text('objective') ?? 'sphere', OBJECTIVE_NAMES);
  const objective = OBJECTIVES[objectiveName];

  const lrText = text('lr');
  const lr = lrText === undefined ? 0.1 : parseFiniteNumber('lr', lrText);
  if (lr < 0) throw new UsageError(`--lr must be ≥ 0, got "${lrText}"`);

  const iterationsText = text('iterations');
  const iterations = iterationsText === undefined ? 30 : parseWholeNumber('iterations', iterationsText, 1, MAX_ITERATIONS);

  const x0Text = text('x0');
  const x0 = x0Text === undefined ? [...objective.defaultX0] : parseNumberList('x0', x0Text);
  if (x0.length > MAX_DIMENSION) {
    throw new UsageError(`--x0 may hold at most ${MAX_DIMENSION} numbers, got ${x0.length}`);
  }
  if (!objective.acceptsDimension(x0.length)) {
    throw new UsageError(`--x0 has ${x0.length} numbers, but ${objective.name} takes ${objective.dimensionRule}`);
  }

  const lang: Lang = oneOf('lang', text('lang') ?? 'en', ['en', 'zh'] as const);
  const backend: BackendChoice = oneOf('backend', text('backend') ?? 'auto', BACKEND_CHOICES);

  const outDir = text('out') ?? 'output';
  if (outDir.trim() === '') throw new UsageError('--out must name a directory');
  const jsonPath = text('json') ?? null;
  if (jsonPath !== null && jsonPath.trim() === '') throw new UsageError('--json must name a file');

  return {
    help: false,
    config: { objective: objectiveName, optimizer, hyperparameters: { lr }, x0, iterations, backend, lang, outDir, jsonPath },
  };
}
