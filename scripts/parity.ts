// `npm run parity` (`optim-mirror parity`): runs every optimizer on the PyTorch trace cases and writes docs/parity.md.
import { join } from 'node:path';
import { EXIT, runAsProcess, type Command } from '../src/cli/command';
import { flagText, type CommandSpec } from '../src/cli/flags';
import { commitOutputs, writeToStream, planOutputs, shownPath } from '../src/io/outputs';
import { projectRoot } from '../src/io/projectRoot';
import { gatherParityData } from '../src/parity/gather';
import { parityMarkdown } from '../src/parity/report';

export const PARITY_SPEC: CommandSpec = {
  name: 'parity',
  summary:
    'Runs every optimizer on the real PyTorch trace cases (cpu and wasm backends), measures where TF.js and torch.optim differ, and writes the report (docs/parity.md).',
  description: [
    'Exit codes: 0 done; 2 bad input (nothing written); 4 the report could not be written (nothing written); 70 an internal error (a bug: please report it); 130/143 interrupted.',
  ],
  flags: [
    {
      name: 'out',
      value: 'FILE',
      help: "where the report goes (default the project's docs/parity.md); - for standard output",
    },
  ],
  examples: [
    { command: 'npm run parity', note: 'regenerate docs/parity.md' },
    { command: 'npm run parity -- --out - | less', note: 'read it without writing the file' },
  ],
};

export const parityCommand: Command = {
  spec: PARITY_SPEC,
  async run(values, _positionals, io) {
    const plan = planOutputs([
      { flag: '--out', path: flagText(values, 'out') ?? join(projectRoot(), 'docs', 'parity.md') },
    ]);
    const data = await gatherParityData();
    const markdown = parityMarkdown(data);
    await commitOutputs(plan, new Map([[plan.outputs[0], markdown]]), (bytes) => writeToStream(io.stdoutStream, bytes));
    io.stderr(
      `wrote ${shownPath(plan.outputs[0])} (${data.cases.length + data.libraryCases.length} trace cases, ${data.tensorCounts.length} optimizers)\n`,
    );
    return EXIT.ok;
  },
};

if (require.main === module) runAsProcess(parityCommand);
