import { parseArgs } from 'node:util';
import { errorCode } from '../io/errorText';
import { UsageError } from './usageError';

/**
 * One flag contract for every command: `--name VALUE` or `--name=VALUE` for values, `--name` for
 * switches; `--help`/`-h` and `--version` everywhere. Unknown, repeated or empty flags, a value
 * missing, and stray arguments are bad input, each reported in one line that names the flag.
 */
export interface FlagSpec {
  /** The long name, without dashes. */
  name: string;
  /** The value's placeholder in the help (`N`, `FILE`); a switch has none. */
  value?: string;
  help: string;
}

export interface CommandSpec {
  /** As typed after `optim-mirror` (and after `npm run`). */
  name: string;
  /** One line: what the command does. */
  summary: string;
  /** Paragraphs of the help, each a list of lines. */
  description: string[];
  flags: FlagSpec[];
  /** What positional arguments mean, when the command takes any. */
  positionals?: { placeholder: string; help: string };
  examples: Array<{ command: string; note: string }>;
}

export type FlagValues = Record<string, string | true | undefined>;

/** A value flag's text, or undefined when it was not given. */
export function flagText(values: FlagValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export type ParsedCommandLine =
  { kind: 'help' } | { kind: 'version' } | { kind: 'run'; values: FlagValues; positionals: string[] };

const COMMON_FLAGS: FlagSpec[] = [
  { name: 'help', help: 'show this help and exit' },
  { name: 'version', help: 'print the version and exit' },
];

export function allFlags(spec: CommandSpec): FlagSpec[] {
  return [...spec.flags, ...COMMON_FLAGS];
}

/** npm's own flags become `npm_config_<name>` when a command is run as `npm run x --flag` (no `--`). */
function flagsNpmTook(spec: CommandSpec, env: NodeJS.ProcessEnv): string[] {
  if (env.npm_lifecycle_event === undefined) return [];
  return allFlags(spec)
    .map((flag) => flag.name)
    .filter((name) => env[`npm_config_${name.replace(/-/g, '_')}`] !== undefined);
}

/**
 * The one-line reason Node's strict parse refused the arguments, found from the tokens of a
 * lenient parse (Node's error codes say what kind of problem; its message text is not a contract).
 */
function explain(spec: CommandSpec, argv: readonly string[], code: string | undefined): string {
  const known = new Map(allFlags(spec).map((flag) => [flag.name, flag]));
  const { tokens } = parseArgs({
    args: [...argv],
    options: parseOptions(spec),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  // The first problem in the order given.
  for (const token of tokens) {
    if (token.kind === 'positional') {
      if (spec.positionals === undefined)
        return `unexpected argument "${token.value}": every input is a --flag (see --help)`;
      continue;
    }
    if (token.kind !== 'option') continue;
    const flag = known.get(token.name);
    if (flag === undefined) return `unknown flag ${token.rawName} (see --help)`;
    // A value that looks like a flag (`--x0 -1,2`, `--lr --out`) is refused by the strict parse.
    const looksLikeFlag = token.value?.startsWith('-') === true && !token.inlineValue;
    if (flag.value !== undefined && (token.value === undefined || looksLikeFlag)) {
      return looksLikeFlag
        ? `--${flag.name} needs a value; for one that starts with a minus write --${flag.name}=VALUE`
        : `--${flag.name} needs a value`;
    }
    if (flag.value === undefined && token.value !== undefined) return `--${flag.name} is a switch and takes no value`;
  }
  return `the arguments could not be read (${code ?? 'unknown problem'})`;
}

function parseOptions(spec: CommandSpec): Record<string, { type: 'string' | 'boolean'; short?: string }> {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const flag of allFlags(spec)) options[flag.name] = { type: flag.value === undefined ? 'boolean' : 'string' };
  options.help.short = 'h';
  return options;
}

/** Reads argv by the command's flags; a UsageError (one line) for anything it cannot take. */
export function parseCommandLine(
  spec: CommandSpec,
  argv: readonly string[],
  env: NodeJS.ProcessEnv = {},
): ParsedCommandLine {
  const taken = flagsNpmTook(spec, env);
  if (taken.length > 0) {
    const list = taken.map((name) => `--${name}`).join(', ');
    throw new UsageError(
      `npm took ${list} for itself: put -- before the flags, as in npm run ${spec.name} -- ${taken.map((n) => `--${n} …`).join(' ')}`,
    );
  }
  const options = parseOptions(spec);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options,
      strict: true,
      allowPositionals: spec.positionals !== undefined,
      tokens: true,
    });
  } catch (error) {
    const code = errorCode(error);
    if (code?.startsWith('ERR_PARSE_ARGS_')) throw new UsageError(explain(spec, argv, code));
    throw error;
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    // parseArgs lets the last of two equal flags win; a repeated flag is more likely a slip.
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given twice`);
    seen.add(token.name);
    if (token.value !== undefined && token.value.trim() === '')
      throw new UsageError(`--${token.name} needs a value, got an empty one`);
  }
  const values: FlagValues = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    if (typeof value === 'string') values[name] = value;
    else if (value === true) values[name] = true;
  }
  if (values.help === true) return { kind: 'help' };
  if (values.version === true) return { kind: 'version' };
  return { kind: 'run', values, positionals: parsed.positionals };
}

/** Words of `text` in lines of at most `width` columns, every line after the first indented. */
function wrap(text: string, width: number, indent: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = ' '.repeat(indent) + word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The help of a command, wrapped at `width` columns: usage, description, flags, examples. */
export function helpText(spec: CommandSpec, width = 100): string {
  const column = 30;
  const flagLines = allFlags(spec).flatMap((flag) => {
    const left = `  --${flag.name}${flag.value ? ` ${flag.value}` : ''}`;
    const [first = '', ...rest] = wrap(flag.help, width - column, 0);
    const indented = rest.map((line) => ' '.repeat(column) + line);
    return left.length < column
      ? [left.padEnd(column) + first, ...indented]
      : [left, ' '.repeat(column) + first, ...indented];
  });
  const positional = spec.positionals ? ` ${spec.positionals.placeholder}` : '';
  return [
    `Usage: npm run ${spec.name} -- [flags]${positional}    (or: npx optim-mirror ${spec.name} [flags]${positional})`,
    '',
    ...wrap(spec.summary, width, 0),
    ...spec.description.flatMap((paragraph) => ['', ...wrap(paragraph, width, 0)]),
    ...(spec.positionals ? ['', ...wrap(`${spec.positionals.placeholder}: ${spec.positionals.help}`, width, 2)] : []),
    '',
    'Flags:',
    ...flagLines,
    '',
    'Examples:',
    ...spec.examples.flatMap((example) => [
      `  ${example.command}`,
      ...wrap(example.note, width - 6, 0).map((l) => `      ${l}`),
    ]),
  ].join('\n');
}
