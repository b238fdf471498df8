import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Why `path` cannot become a directory we write into, or null when it can. Creates nothing. */
export function whyNotWritableDirectory(path: string): string | null {
  let current = resolve(path);
  for (;;) {
    let stats;
    try {
      stats = statSync(current);
    } catch {
      const parent = dirname(current);
      if (parent === current) return 'no existing parent directory';
      current = parent;
      continue;
    }
    if (!stats.isDirectory()) return `${current} is not a directory`;
    try {
      accessSync(current, constants.W_OK | constants.X_OK);
    } catch {
      return `${current} is not writable`;
    }
    return null;
  }
}

/** Why a file cannot be written at `path`, or null when it can. Creates nothing. */
export function whyNotWritableFile(path: string): string | null {
  if (/[\\/]$/.test(path)) return `${path} names a directory, not a file`;
  try {
    if (statSync(path).isDirectory()) return `${path} is a directory`;
  } catch {
    // Does not exist yet: its directory decides.
  }
  return whyNotWritableDirectory(dirname(resolve(path)));
}
