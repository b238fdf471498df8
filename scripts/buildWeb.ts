// `npm run build:web`: the playground as a static site in dist/web (relative paths, no server code).
import { runAsProcess, type Command } from '../src/cli/command';
import { flagText, type CommandSpec } from '../src/cli/flags';
import {
  commitOutputs,
  planOutputs,
  shownPath,
  writeToStream,
  type OutputData,
  type PlannedOutput,
} from '../src/io/outputs';
import { buildSite, defaultSiteFolder, type SiteBuild } from '../src/web/site/build';
import { measurePage, speedReport } from '../src/web/site/measure';
import { SCREENSHOTS, screenshotPaths, takeScreenshots } from '../src/web/site/screenshots';

export const BUILD_WEB_SPEC: CommandSpec = {
  name: 'build:web',
  summary:
    'Builds the playground into dist/web: index.html, playground.js (the page: drawing, controls), trainer.worker.js (the runs in a Web Worker: TF.js and the same src/ modules as the command line) and playground.css, linked by relative paths, so any static host serves it.',
  description: [
    'Prints each file with its size and its gzipped size. `npm run playground` builds the same site and serves it.',
    'Exit codes: 0 done; 2 bad input; 70 an internal error (a bug: please report it); 130/143 interrupted.',
  ],
  flags: [
    {
      name: 'measure',
      help: "then time the built page in this machine's Chromium (headless, cpu backend): navigation to the first frame, and frames and iterations per second with tf.train's seven optimizers on Rosenbrock (docs/performance.md)",
    },
    {
      name: 'screenshots',
      value: 'DIR',
      help: `then write the README's pictures of the page into DIR: ${SCREENSHOTS.map((shot) => shot.file).join(', ')}`,
    },
  ],
  examples: [
    { command: 'npm run build:web', note: 'then copy dist/web to any static host' },
    { command: 'npm run build:web -- --measure', note: "the playground's numbers in docs/performance.md" },
    { command: 'npm run build:web -- --screenshots docs/images', note: "the README's pictures of the playground" },
  ],
};

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** One line per file, then the total: what a host stores and what a browser downloads. */
export function buildSummary(build: SiteBuild): string {
  const width = Math.max(...build.files.map((file) => file.name.length));
  return [
    `built ${build.folder}`,
    ...build.files.map(
      (file) => `  ${file.name.padEnd(width)}  ${kib(file.bytes).padStart(11)}  (${kib(file.gzipBytes)} gzipped)`,
    ),
    `  ${'total'.padEnd(width)}  ${kib(build.totalBytes).padStart(11)}  (${kib(build.totalGzipBytes)} gzipped)`,
  ].join('\n');
}

export const buildWebCommand: Command = {
  spec: BUILD_WEB_SPEC,
  async run(values, _positionals, io) {
    const screenshots = flagText(values, 'screenshots');
    // Every path checked before any work, as every command does.
    const plan =
      screenshots === undefined
        ? null
        : planOutputs(
            screenshotPaths(screenshots).map((path) => ({ flag: '--screenshots', path })),
            [{ flag: '--screenshots', path: screenshots }],
          );
    const build = await buildSite(defaultSiteFolder());
    io.stdout(buildSummary(build) + '\n');
    if (values.measure === true) io.stdout(speedReport(await measurePage(build.folder)) + '\n');
    if (plan !== null) {
      const shots = await takeScreenshots(build.folder);
      const data = new Map<PlannedOutput, OutputData>();
      plan.outputs.forEach((output, i) => data.set(output, shots.get(SCREENSHOTS[i].file) ?? new Uint8Array()));
      await commitOutputs(plan, data, (bytes) => writeToStream(io.stdoutStream, bytes));
      io.stdout(`wrote ${plan.outputs.map(shownPath).join(', ')}\n`);
    }
    return 0;
  },
};

if (require.main === module) runAsProcess(buildWebCommand);
