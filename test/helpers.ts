import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTrainArgs } from '../src/cli/trainOptions';
import type { TrainConfig } from '../src/config';

/** A config exactly as the CLI would build it from these flags (one optimizer). */
export function configFrom(...flags: string[]): TrainConfig {
  return configsFrom(...flags)[0];
}

/** Every config the CLI builds from these flags: one per optimizer. */
export function configsFrom(...flags: string[]): TrainConfig[] {
  const parsed = parseTrainArgs(flags);
  if (parsed.help) throw new Error('unexpected --help');
  return parsed.configs;
}

export const FIXTURES = join(__dirname, 'fixtures');

/** The original's table lines (numbered rows and the 64-dash separator) from a fixture file. */
export function seedTableLines(file: string): string[] {
  return readFileSync(join(FIXTURES, 'seed', file), 'utf8')
    .split('\n')
    .filter((line) => /^(\d+\. |-{64}$)/.test(line));
}

/** The seed variants and the flags that reproduce them (from shared/reference/seed-variants/README.txt). */
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
