import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';
import { projectRoot } from '../../io/projectRoot';
import { TRAINER_GLOBAL, TRAINER_SCRIPT } from '../trainer/protocol';

/**
 * The playground as a static site: index.html, two scripts and one style sheet, all linked by
 * relative paths, so any static host (or a file:// URL) serves it. playground.js is the page's
 * entry (the views, the controls, the command line's flag parsing that settles the URL);
 * trainer.worker.js is the trainer's (src/web/trainer/main.ts), which runs in a Web Worker: TF.js,
 * the runs, the reports and the files, the CLI's own modules. Each is bundled with what it imports
 * from src/.
 */

/** The two entries and the two static files, from the project root. */
const PAGE_ENTRY = 'src/web/page/main.ts';
const TRAINER_ENTRY = 'src/web/trainer/main.ts';
const STATIC_FILES = ['web/index.html', 'web/playground.css'];
const PAGE_SCRIPT = 'playground.js';

/**
 * The trainer's bundle is wrapped in one function on the global object, called at once in a
 * worker. Loaded as a plain script into a page it only defines it: a page opened from a file://
 * URL, where Chromium starts no worker from a file, makes one from the function's text, and a
 * browser without workers calls it on its own thread (src/web/page/trainerLink.ts).
 */
const TRAINER_BANNER = `self.${TRAINER_GLOBAL} = function () {`;
const TRAINER_FOOTER = `};\nif (typeof document === 'undefined') self.${TRAINER_GLOBAL}();`;

/**
 * Node's built-ins are imported by modules the page shares with the command line (node:util by
 * the flag parser, node:fs and node:path by the backend loader), only in functions the page never
 * calls. They resolve to one module of stand-ins that throw if called.
 */
const NODE_BUILTINS_SHIM = 'src/web/page/nodeBuiltins.ts';

function nodeBuiltinsShim(root: string): Plugin {
  return {
    name: 'node-builtins-shim',
    setup(builder) {
      builder.onResolve({ filter: /^node:/ }, () => ({ path: join(root, NODE_BUILTINS_SHIM) }));
    },
  };
}

export interface BuiltFile {
  /** Relative to the site's folder. */
  name: string;
  bytes: number;
  gzipBytes: number;
}

export interface SiteBuild {
  folder: string;
  files: BuiltFile[];
  totalBytes: number;
  totalGzipBytes: number;
}

function sized(name: string, contents: Uint8Array): BuiltFile {
  return { name, bytes: contents.byteLength, gzipBytes: gzipSync(contents, { level: 9 }).byteLength };
}

/**
 * Builds the site into `folder` (replaced whole: built beside it, then renamed into place, so a
 * failed build leaves the previous site as it was). Minified unless asked otherwise.
 */
export async function buildSite(folder: string, { minify = true } = {}): Promise<SiteBuild> {
  const root = projectRoot();
  const staging = `${folder}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const bundle = (entry: string, script: string, wrap?: { banner: string; footer: string }) =>
      build({
        absWorkingDir: root,
        entryPoints: [join(root, entry)],
        bundle: true,
        platform: 'browser',
        format: 'iife',
        target: 'es2020',
        minify,
        write: false,
        outfile: join(staging, script),
        legalComments: 'none',
        // tfjs-core's "module" build: the one whose side effects (kernel and gradient registration)
        // are declared, and the only tfjs-core in the bundle (the torch library requires it too).
        mainFields: ['browser', 'module', 'main'],
        plugins: [nodeBuiltinsShim(root)],
        logLevel: 'silent',
        ...(wrap && { banner: { js: wrap.banner }, footer: { js: wrap.footer } }),
      });
    const results = await Promise.all([
      bundle(PAGE_ENTRY, PAGE_SCRIPT),
      bundle(TRAINER_ENTRY, TRAINER_SCRIPT, { banner: TRAINER_BANNER, footer: TRAINER_FOOTER }),
    ]);
    const files: BuiltFile[] = [];
    for (const output of results.flatMap((result) => result.outputFiles)) {
      writeFileSync(output.path, output.contents);
      files.push(sized(relative(staging, output.path), output.contents));
    }
    for (const file of STATIC_FILES) {
      const target = join(staging, file.replace(/^web\//, ''));
      copyFileSync(join(root, file), target);
      files.push(sized(relative(staging, target), readFileSync(target)));
    }
    mkdirSync(dirname(folder), { recursive: true });
    rmSync(folder, { recursive: true, force: true });
    renameSync(staging, folder);
    return {
      folder,
      files,
      totalBytes: files.reduce((sum, file) => sum + file.bytes, 0),
      totalGzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Where `npm run build:web` and `npm run playground` put the site. */
export function defaultSiteFolder(): string {
  return join(projectRoot(), 'dist', 'web');
}
