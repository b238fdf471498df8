import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';
import { projectRoot } from '../../io/projectRoot';

/**
 * The playground as a static site: index.html, one script and one style sheet, all linked by
 * relative paths, so any static host (or a file:// URL) serves it. The script is the page's entry
 * bundled with everything it imports from src/ (the CLI's own modules) and TF.js.
 */

/** The page's entry and its two static files, from the project root. */
const ENTRY = 'src/web/page/main.ts';
const STATIC_FILES = ['web/index.html', 'web/playground.css'];
const SCRIPT = 'playground.js';

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
    const result = await build({
      absWorkingDir: root,
      entryPoints: [join(root, ENTRY)],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'es2020',
      minify,
      write: false,
      outfile: join(staging, SCRIPT),
      legalComments: 'none',
      // tfjs-core's "module" build: the one whose side effects (kernel and gradient registration)
      // are declared, and the only tfjs-core in the bundle (the torch library requires it too).
      mainFields: ['browser', 'module', 'main'],
      plugins: [nodeBuiltinsShim(root)],
      logLevel: 'silent',
    });
    const files: BuiltFile[] = [];
    for (const output of result.outputFiles) {
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
