import { firstLine } from '../io/errorText';
import { OutputError } from '../io/outputs';
import { projectVersion } from '../io/projectRoot';
import { helpText, parseCommandLine, type CommandSpec, type FlagValues } from './flags';
import { exitCleanlyOnSignals } from './interrupt';
import { UsageError } from './usageError';

/** Exit codes every command shares. */
export const EXIT = {
  ok: 0,
  /** train: TF.js left the float32 tolerance. */
  outsideTolerance: 1,
  usage: 2,
  /** train: a run diverged. */
  diverged: 3,
  /** An output could not be written; nothing new was left behind. */
  output: 4,
  /** A bug. */
  internal: 70,
  /** Interrupted: 128 + the signal's number. */
  sigint: 130,
  sigterm: 143,
} as const;

/** Where a command prints: the process's streams, or strings in tests. */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress bars). */
  stderrIsTTY: boolean;
  /** The stream standard output goes to, for outputs written to `-`. */
  stdoutStream: NodeJS.WritableStream;
  /** The stream progress bars draw on. */
  stderrStream: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

export const PROCESS_IO: CommandIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  get stderrIsTTY() {
    return process.stderr.isTTY === true;
  },
  stdoutStream: process.stdout,
  stderrStream: process.stderr,
  env: process.env,
};

export interface Command {
  spec: CommandSpec;
  /** Runs with the parsed flags and returns the exit code; throws UsageError for bad input. */
  run(values: FlagValues, positionals: string[], io: CommandIO): Promise<number>;
}

/**
 * Parses, runs and maps every outcome to the shared exit codes: bad input 2 (one line, nothing
 * written), an output that could not be written 4, a bug 70 (one line naming it). Returns the
 * code; the process entry sets it.
 */
export async function runCommand(
  command: Command,
  argv: readonly string[],
  io: CommandIO = PROCESS_IO,
): Promise<number> {
  const name = command.spec.name;
  try {
    const parsed = parseCommandLine(command.spec, argv, io.env);
    if (parsed.kind === 'help') {
      io.stdout(helpText(command.spec) + '\n');
      return EXIT.ok;
    }
    if (parsed.kind === 'version') {
      io.stdout(`optim-mirror ${projectVersion()}\n`);
      return EXIT.ok;
    }
    return await command.run(parsed.values, parsed.positionals, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${name}: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof OutputError) {
      io.stderr(`${name}: could not write the outputs, nothing was written: ${error.message}\n`);
      return EXIT.output;
    }
    io.stderr(`${name}: internal error (a bug, please report it): ${firstLine(error)}\n`);
    return EXIT.internal;
  }
}

/** Runs a command as the process: its own signal handling, the real streams, the exit code set. */
export function runAsProcess(command: Command, argv: readonly string[] = process.argv.slice(2)): void {
  exitCleanlyOnSignals();
  void runCommand(command, argv).then((code) => {
    process.exitCode = code;
  });
}
