import * as fs from 'node:fs';
import { Socket } from 'node:net';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { UsageError } from '../cli/usageError';
import { onInterrupt } from '../cli/interrupt';
import { errorCode, firstLine } from './errorText';

/**
 * Outputs that cannot hurt what their paths name.
 *
 * Planning, before any work: every path is followed through its symbolic links to what it really
 * names. A regular file (or nothing yet) is replaced atomically; a FIFO or a character device
 * (`/dev/null`, `/dev/stdout`) is written through; `-` is standard output. Anything else (a
 * directory where a file goes, a block device, two outputs on one file, an output inside another)
 * is bad input, refused before anything runs or is created.
 *
 * Committing, after the work: missing folders are made, every file's bytes go to a temporary file
 * beside it (fsync'd), streams are written, and only then are the temporary files renamed over
 * their targets, together. If anything fails, what was renamed is put back, temporary files and
 * folders this commit made are removed, and what was there before is as it was. An interrupt
 * (SIGINT, SIGTERM) while temporary files exist removes them.
 */

/** Bytes for one output: a string, binary, or a long text in pieces. */
export type OutputData = string | Uint8Array | readonly string[];

/** A failure while committing outputs: exit 4, nothing new left behind. */
export class OutputError extends Error {}

export interface OutputRequest {
  /** The flag that asked for it, for messages: `--json`, or `--out` for a chart. */
  flag: string;
  /** As given: a path, or `-` for standard output. */
  path: string;
}

export type OutputKind = 'file' | 'stream' | 'stdout';

export interface PlannedOutput {
  request: OutputRequest;
  kind: OutputKind;
  /** Absolute, with every symbolic link followed ('' for stdout). */
  target: string;
  /** What the output lands on: a device and inode where something is there, else the target path. */
  identity: string;
  /** A regular file is there now (it will be replaced, keeping its permissions). */
  replaces: boolean;
  /** A character device: several outputs may share it (each is written in turn). */
  shareable: boolean;
}

export interface OutputPlan {
  outputs: PlannedOutput[];
  /** Folders asked for (`--out`), absolute and links followed. */
  folders: Array<{ request: OutputRequest; target: string }>;
}

const MAX_LINKS = 40;

function lstatOrNull(path: string): fs.Stats | null {
  try {
    return fs.lstatSync(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return null;
    throw error;
  }
}

/**
 * What `path` really names: absolute, every symbolic link on the way followed, also a dangling
 * last one (writing creates its destination) and through parts that do not exist yet.
 */
export function followLinks(path: string, flag: string, hops = 0): string {
  if (hops > MAX_LINKS) throw new UsageError(`${flag} ${path} goes round a loop of symbolic links`);
  const absolute = resolve(path);
  try {
    return fs.realpathSync(absolute);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ELOOP') throw new UsageError(`${flag} ${path} goes round a loop of symbolic links`);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
  }
  const stats = lstatOrNull(absolute);
  if (stats?.isSymbolicLink())
    return followLinks(resolve(dirname(absolute), fs.readlinkSync(absolute)), flag, hops + 1);
  const parent = dirname(absolute);
  return parent === absolute ? absolute : join(followLinks(parent, flag, hops), basename(absolute));
}

/** The nearest folder of `target` that exists, or why it cannot hold new files. */
function nearestFolderProblem(target: string): string | null {
  let folder = dirname(target);
  for (;;) {
    const stats = lstatOrNull(folder);
    if (stats === null) {
      if (dirname(folder) === folder) return 'no existing folder above it';
      folder = dirname(folder);
      continue;
    }
    if (!stats.isDirectory()) return `${folder} is not a folder`;
    try {
      fs.accessSync(folder, fs.constants.W_OK | fs.constants.X_OK);
    } catch {
      return `${folder} is not writable`;
    }
    return null;
  }
}

function statOrNull(path: string): fs.Stats | null {
  try {
    return fs.statSync(path);
  } catch {
    return null;
  }
}

function planFile(request: OutputRequest): PlannedOutput {
  const { flag, path } = request;
  if (path === '-')
    return { request, kind: 'stdout', target: '', identity: 'stdout', replaces: false, shareable: false };
  if (/[\\/]$/.test(path)) throw new UsageError(`${flag} ${path} names a folder, not a file`);
  // A FIFO or a device is written through whatever path reaches it (/dev/stdout → /proc/self/fd/1
  // → a pipe that has no path of its own), so it is recognised before links are followed.
  const reached = statOrNull(path);
  if (reached && (reached.isFIFO() || reached.isCharacterDevice())) {
    try {
      fs.accessSync(path, fs.constants.W_OK);
    } catch {
      throw new UsageError(`${flag} ${path} is not writable`);
    }
    const identity = `${reached.dev}:${reached.ino}`;
    return {
      request,
      kind: 'stream',
      target: resolve(path),
      identity,
      replaces: false,
      shareable: reached.isCharacterDevice(),
    };
  }
  const target = followLinks(path, flag);
  const stats = lstatOrNull(target);
  if (stats === null) {
    const problem = nearestFolderProblem(target);
    if (problem) throw new UsageError(`${flag} ${path} cannot be written: ${problem}`);
    return { request, kind: 'file', target, identity: target, replaces: false, shareable: false };
  }
  if (stats.isDirectory()) throw new UsageError(`${flag} ${path} is a folder, not a file`);
  if (!stats.isFile()) {
    const what = stats.isBlockDevice() ? 'a block device' : stats.isSocket() ? 'a socket' : 'not a regular file';
    throw new UsageError(`${flag} ${path} is ${what}: only files, FIFOs and character devices can take an output`);
  }
  try {
    fs.accessSync(target, fs.constants.W_OK);
  } catch {
    throw new UsageError(`${flag} ${path} is not writable`);
  }
  const problem = nearestFolderProblem(target);
  if (problem) throw new UsageError(`${flag} ${path} cannot be replaced: ${problem}`);
  return { request, kind: 'file', target, identity: `${stats.dev}:${stats.ino}`, replaces: true, shareable: false };
}

function planFolder(request: OutputRequest): { request: OutputRequest; target: string } {
  const { flag, path } = request;
  if (path === '-')
    throw new UsageError(`${flag} names a folder for the charts; - (standard output) cannot hold files`);
  const target = followLinks(path, flag);
  const stats = lstatOrNull(target);
  if (stats !== null && !stats.isDirectory()) throw new UsageError(`${flag} ${path} is not a folder`);
  const problem = stats === null ? nearestFolderProblem(target) : nearestFolderProblem(join(target, 'x'));
  if (problem) throw new UsageError(`${flag} ${path} cannot be written: ${problem}`);
  return { request, target };
}

function isInside(inner: string, outer: string): boolean {
  const path = relative(outer, inner);
  return path !== '' && !path.startsWith('..') && !isAbsolute(path);
}

function describe(request: OutputRequest): string {
  return `${request.flag} ${request.path}`;
}

/**
 * Checks every output and folder and how they relate, creating nothing: a UsageError (exit 2)
 * for the first problem.
 */
export function planOutputs(files: readonly OutputRequest[], folders: readonly OutputRequest[] = []): OutputPlan {
  const plannedFolders = folders.map(planFolder);
  const outputs = files.map(planFile);
  const onStdout = outputs.filter((o) => o.kind === 'stdout');
  if (onStdout.length > 1) {
    throw new UsageError(
      `${onStdout.map((o) => o.request.flag).join(' and ')} both write to standard output (-): one at most`,
    );
  }
  const placed = outputs.filter((o) => o.kind !== 'stdout');
  for (const output of placed) {
    for (const folder of plannedFolders) {
      if (output.target === folder.target)
        throw new UsageError(`${describe(output.request)} names the ${folder.request.flag} folder`);
      if (isInside(folder.target, output.target)) {
        throw new UsageError(`${describe(folder.request)} lies inside ${describe(output.request)}, which is a file`);
      }
    }
  }
  for (const [i, a] of placed.entries()) {
    for (const b of placed.slice(i + 1)) {
      if (a.identity === b.identity && !(a.shareable && b.shareable)) {
        throw new UsageError(
          `${describe(b.request)} is also where ${describe(a.request)} writes: each output needs a file of its own`,
        );
      }
      for (const [inner, outer] of [
        [a, b],
        [b, a],
      ]) {
        if (isInside(inner.target, outer.target)) {
          throw new UsageError(`${describe(inner.request)} lies inside ${describe(outer.request)}, which is a file`);
        }
      }
    }
  }
  return { outputs, folders: plannedFolders };
}

/** The file-system calls a commit makes: the real ones, or failing ones in tests. */
export interface CommitFs {
  mkdir: (path: string) => void;
  rmdir: (path: string) => void;
  writeTemporary: (path: string, data: OutputData, mode: number | null) => Promise<void>;
  writeStream: (path: string, data: OutputData) => Promise<void>;
  rename: (from: string, to: string) => void;
  link: (existing: string, backup: string) => void;
  unlink: (path: string) => void;
  exists: (path: string) => boolean;
}

/** All of `data`, piece after piece (writeFile goes on from the current position, and retries short writes). */
async function writeAll(handle: fs.promises.FileHandle, data: OutputData): Promise<void> {
  for (const piece of typeof data === 'string' || data instanceof Uint8Array ? [data] : data)
    await handle.writeFile(piece);
}

/** Writes every piece to a stream, waiting for each (a broken pipe rejects with EPIPE). */
export async function writeToStream(stream: NodeJS.WritableStream, data: OutputData): Promise<void> {
  for (const piece of typeof data === 'string' || data instanceof Uint8Array ? [data] : data) {
    await new Promise<void>((resolve, reject) => {
      stream.write(piece, (error) => (error ? reject(error) : resolve()));
    });
  }
}

/**
 * A FIFO is opened without blocking (waiting for a reader by polling) and written through the
 * event loop, never from a thread of libuv's pool: a thread stuck in open() or write() on a FIFO
 * nobody reads would keep the process from exiting on Ctrl-C.
 */
async function writeFifo(path: string, data: OutputData): Promise<void> {
  let fd: number;
  for (;;) {
    try {
      fd = fs.openSync(path, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
      break;
    } catch (error) {
      if (errorCode(error) !== 'ENXIO') throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const pipe = new Socket({ fd, readable: false, writable: true });
  try {
    await writeToStream(pipe, data);
    await new Promise<void>((resolve, reject) => pipe.end(() => resolve()).once('error', reject));
  } finally {
    pipe.destroy();
  }
}

export const REAL_FS: CommitFs = {
  mkdir: (path) => fs.mkdirSync(path),
  rmdir: (path) => fs.rmdirSync(path),
  async writeTemporary(path, data, mode) {
    const handle = await fs.promises.open(path, 'wx', mode ?? 0o666);
    try {
      await writeAll(handle, data);
      if (mode !== null) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  async writeStream(path, data) {
    if (fs.statSync(path).isFIFO()) return writeFifo(path, data);
    const handle = await fs.promises.open(path, 'w');
    try {
      await writeAll(handle, data);
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => fs.renameSync(from, to),
  link(existing, backup) {
    try {
      fs.linkSync(existing, backup);
    } catch {
      // Where hard links are not possible, a copy keeps the old content just as well.
      fs.copyFileSync(existing, backup, fs.constants.COPYFILE_EXCL);
    }
  },
  unlink: (path) => fs.unlinkSync(path),
  exists: (path) => lstatOrNull(path) !== null,
};

/** The folders a commit must create for `target`, outermost first. */
function missingFolders(target: string, exists: (path: string) => boolean): string[] {
  const missing: string[] = [];
  for (let folder = target; !exists(folder) && dirname(folder) !== folder; folder = dirname(folder))
    missing.unshift(folder);
  return missing;
}

function modeOf(target: string): number | null {
  try {
    return fs.statSync(target).mode & 0o7777;
  } catch {
    return null;
  }
}

function asOutputError(error: unknown, what: string): unknown {
  // Only the file system's own failures (ENOSPC, EACCES, EPIPE…) are output errors; anything else is a bug.
  return errorCode(error) === undefined ? error : new OutputError(`${what}: ${firstLine(error)}`);
}

/**
 * Writes `data` for every planned output, all or nothing (see the top of this file). `stdout`
 * receives what goes to `-`. Throws OutputError when the file system refuses.
 */
export async function commitOutputs(
  plan: OutputPlan,
  data: ReadonlyMap<PlannedOutput, OutputData>,
  stdout: (data: OutputData) => Promise<void>,
  fsCalls: CommitFs = REAL_FS,
): Promise<void> {
  const created: string[] = [];
  const temporaries = new Map<PlannedOutput, string>();
  const cleanUp = (): void => {
    for (const temporary of temporaries.values()) if (fsCalls.exists(temporary)) fsCalls.unlink(temporary);
    for (const folder of [...created].reverse()) {
      try {
        fsCalls.rmdir(folder);
      } catch {
        // Not empty: something else wrote there meanwhile; leave it.
      }
    }
  };
  const forget = onInterrupt(cleanUp);
  try {
    const folders = [
      ...plan.folders.map((f) => f.target),
      ...plan.outputs.filter((o) => o.kind === 'file').map((o) => dirname(o.target)),
    ];
    for (const folder of folders) {
      for (const missing of missingFolders(folder, fsCalls.exists)) {
        try {
          fsCalls.mkdir(missing);
        } catch (error) {
          throw asOutputError(error, `could not create the folder ${missing}`);
        }
        created.push(missing);
      }
    }
    for (const output of plan.outputs) {
      if (output.kind !== 'file') continue;
      const temporary = `${output.target}.tmp-${process.pid}`;
      temporaries.set(output, temporary);
      try {
        await fsCalls.writeTemporary(temporary, need(data, output), output.replaces ? modeOf(output.target) : null);
      } catch (error) {
        throw asOutputError(error, `could not write ${output.request.path}`);
      }
    }
    for (const output of plan.outputs) {
      try {
        if (output.kind === 'stream') await fsCalls.writeStream(output.target, need(data, output));
        if (output.kind === 'stdout') await stdout(need(data, output));
      } catch (error) {
        throw asOutputError(
          error,
          `could not write ${output.request.path === '-' ? 'standard output' : output.request.path}`,
        );
      }
    }
    renameTogether([...temporaries], fsCalls);
    temporaries.clear();
  } catch (error) {
    cleanUp();
    throw error;
  } finally {
    forget();
  }
}

function need(data: ReadonlyMap<PlannedOutput, OutputData>, output: PlannedOutput): OutputData {
  const bytes = data.get(output);
  if (bytes === undefined) throw new Error(`no data for the output ${output.request.flag} ${output.request.path}`);
  return bytes;
}

/**
 * Renames every temporary file over its target, synchronously (no interrupt can fall in between).
 * A target that existed is first hard-linked to a backup; if a rename fails, every target already
 * renamed gets its backup back (or is removed if it is new), and the error is thrown.
 */
function renameTogether(pairs: ReadonlyArray<[PlannedOutput, string]>, fsCalls: CommitFs): void {
  const done: Array<{ target: string; backup: string | null }> = [];
  const backups: string[] = [];
  try {
    for (const [output, temporary] of pairs) {
      let backup: string | null = null;
      if (fsCalls.exists(output.target)) {
        backup = `${output.target}.tmp-${process.pid}.old`;
        fsCalls.link(output.target, backup);
        backups.push(backup);
      }
      fsCalls.rename(temporary, output.target);
      done.push({ target: output.target, backup });
    }
  } catch (error) {
    for (const { target, backup } of done.reverse()) {
      try {
        if (backup) fsCalls.rename(backup, target);
        else fsCalls.unlink(target);
      } catch {
        // Nothing more can be done for this one; the others still get restored.
      }
    }
    for (const backup of backups) if (fsCalls.exists(backup)) fsCalls.unlink(backup);
    throw asOutputError(error, 'could not put the outputs in place');
  }
  for (const backup of backups) fsCalls.unlink(backup);
}

/** One output's path as the user wrote it, for "wrote …" lines. */
export function shownPath(output: PlannedOutput): string {
  return output.kind === 'stdout' ? 'standard output' : output.request.path;
}
