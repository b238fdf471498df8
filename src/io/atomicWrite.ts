import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface OutputFile {
  path: string;
  data: string | Uint8Array;
}

/**
 * Writes files so that readers see the old files or the whole new ones, never half: every file's
 * bytes go to a temporary file beside it first, and only when all of them are written are they
 * renamed over their targets. A failure on the way removes the temporary files and writes nothing.
 */
export function writeFilesAtomic(files: readonly OutputFile[]): void {
  const temporaries: string[] = [];
  try {
    for (const { path, data } of files) {
      mkdirSync(dirname(path), { recursive: true });
      const temporary = `${path}.tmp-${process.pid}`;
      temporaries.push(temporary);
      writeFileSync(temporary, data);
    }
  } catch (error) {
    for (const temporary of temporaries) rmSync(temporary, { force: true });
    throw error;
  }
  files.forEach(({ path }, i) => renameSync(temporaries[i], path));
}

/** One file, atomically. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  writeFilesAtomic([{ path, data }]);
}
