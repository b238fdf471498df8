import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { parseTrainArgs } from '../src/cli/trainOptions';
import { runCommand, type Command, type CommandIO } from '../src/cli/command';
import type { TrainConfig } from '../src/config';
import type { TrainResult } from '../src/train';

/** A config exactly as the CLI would build it from these flags (one optimizer). */
export function configFrom(...flags: string[]): TrainConfig {
  return configsFrom(...flags)[0];
}

/** Every config the CLI builds from these flags: one per optimizer. */
export function configsFrom(...flags: string[]): TrainConfig[] {
  return parseTrainArgs(flags);
}

/** Every optimizer the flags ask for, trained in turn (TF.js loaded only when a test trains). */
export async function trainAll(...flags: string[]): Promise<TrainResult[]> {
  const { train } = await import('../src/train');
  const results = [];
  for (const config of configsFrom(...flags)) results.push(await train(config));
  return results;
}

/** trainAll on TF.js's cpu backend, where the float32 replay equals TF.js to the bit. */
export function trainOnCpu(...flags: string[]): Promise<TrainResult[]> {
  return trainAll(...flags, '--backend', 'cpu');
}

export const FIXTURES = join(__dirname, 'fixtures');

/** The original's table lines (numbered rows and the 64-dash separator) from a fixture file. */
export function seedTableLines(file: string): string[] {
  return readFileSync(join(FIXTURES, 'seed', file), 'utf8')
    .split('\n')
    .filter((line) => /^(\d+\. |-{64}$)/.test(line));
}

/** The seed variants and the flags that reproduce them (test/fixtures/seed/README.txt). */
export const SEED_CASES: ReadonlyArray<{ file: string; flags: string[] }> = [
  { file: 'seed-output.txt', flags: [] },
  { file: 'wide.txt', flags: ['--lr', '0.2', '--iterations', '15', '--x0=-3,0.001,250'] },
  { file: 'tie.txt', flags: ['--lr', '0.25', '--iterations', '10', '--x0=0.0625,2.5'] },
  { file: 'tiny.txt', flags: ['--lr', '0.45', '--iterations', '30', '--x0=0.5,-0.02'] },
];

/** A JSON file the CLI wrote, read as the contract type it promises (the assertions check it). */
export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** What a command printed and returned, run in this process. */
export interface CommandOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A command run in-process with its streams captured: the same parse, run, print and exit-code
 * path as the process, without a process start per test. `env` stands in for the process's.
 */
export async function runInProcess(
  command: Command,
  argv: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CommandOutcome> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void): Writable =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  const stderrStream = Object.assign(
    sink((text) => (stderr += text)),
    { isTTY: false },
  ) as unknown as NodeJS.WriteStream;
  const io: CommandIO = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    stderrIsTTY: false,
    stdoutStream: sink((text) => (stdout += text)),
    stderrStream,
    env,
  };
  const code = await runCommand(command, argv, io);
  return { code, stdout, stderr };
}
