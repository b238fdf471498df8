#!/usr/bin/env node
// `optim-mirror <command> [flags]`: one entry for every command; each command's own file does the work.
import { EXIT, PROCESS_IO, runAsProcess, type Command } from '../src/cli/command';
import { projectVersion } from '../src/io/projectRoot';

/** Loaded on demand, so that `train` starts without loading the others. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  train: {
    summary: 'gradient descent step by step, TF.js against Float64 and PyTorch',
    load: async () => (await import('./train')).trainCommand,
  },
  bench: {
    summary: 'time one step per implementation and size',
    load: async () => (await import('./bench')).benchCommand,
  },
  port: {
    summary: 'PyTorch optimizer, scheduler and clipping lines to TF.js code, measured against torch.optim',
    load: async () => (await import('./port')).portCommand,
  },
  playground: {
    summary: 'every optimizer live in the browser: build the page and serve it on http://127.0.0.1:8080',
    load: async () => (await import('./playground')).playgroundCommand,
  },
  'build-web': {
    summary: 'write the playground as a static site to dist/web/',
    load: async () => (await import('./buildWeb')).buildWebCommand,
  },
  parity: {
    summary: 'measure where TF.js and torch.optim differ (docs/parity.md)',
    load: async () => (await import('./parity')).parityCommand,
  },
};

function overview(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    'Usage: optim-mirror <command> [flags]      (from a clone: npx optim-mirror …, or npm run <command> -- …)',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`),
    '',
    "optim-mirror <command> --help shows each command's flags and examples.",
    'Examples:',
    '  optim-mirror train --optimizer adam --lr 0.05 --objective rosenbrock --iterations 200',
    '  optim-mirror bench --sizes 1000,1000000',
    "  optim-mirror port 'torch.optim.AdamW(model.parameters(), lr=3e-4)'",
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    PROCESS_IO.stdout(overview() + '\n');
    return;
  }
  if (name === '--version') {
    PROCESS_IO.stdout(`optim-mirror ${projectVersion()}\n`);
    return;
  }
  const entry = COMMANDS[name];
  if (entry === undefined) {
    PROCESS_IO.stderr(
      `optim-mirror: unknown command "${name}" (one of ${Object.keys(COMMANDS).join(', ')}; see --help)\n`,
    );
    process.exitCode = EXIT.usage;
    return;
  }
  runAsProcess(await entry.load(), rest);
}

void main(process.argv.slice(2));
