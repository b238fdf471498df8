import { execFileSync } from 'node:child_process';
import {
  createReadStream,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainCommand } from '../scripts/train';
import { commitOutputs, OutputError, planOutputs, REAL_FS, type CommitFs } from '../src/io/outputs';
import type { TrainJson } from '../src/report/json';
import { readJson, runInProcess } from './helpers';

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'outputs-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** A short training, so each case costs little. */
const train = (...flags: string[]) => runInProcess(trainCommand, ['--iterations', '3', '--backend', 'cpu', ...flags]);

/** Every entry under the test's folder, recursively: what a run left behind. */
function tree(): string[] {
  return readdirSync(work, { recursive: true, encoding: 'utf8' }).sort();
}

describe('outputs go through what a path names', () => {
  test('--json /dev/null writes into the device and leaves it a device', async () => {
    const { code } = await train('--json', '/dev/null', '--out', join(work, 'out'));
    expect(code).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(tree()).toEqual(['out', join('out', 'Loss.png')]);
  });

  test('--csv into a FIFO: a reader receives the CSV, the FIFO stays a FIFO', async () => {
    const fifo = join(work, 'rows.fifo');
    execFileSync('mkfifo', [fifo]);
    const received = new Promise<string>((resolve, reject) => {
      let text = '';
      createReadStream(fifo, 'utf8')
        .on('data', (chunk) => (text += String(chunk)))
        .on('end', () => resolve(text))
        .on('error', reject);
    });
    const { code } = await train('--csv', fifo, '--out', join(work, 'out'));
    expect(code).toBe(0);
    const csv = (await received).trimEnd().split('\n');
    expect(csv[0]).toBe('run,iteration,loss,x1,x2,grad1,grad2');
    expect(csv).toHaveLength(1 + 4 * 3);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  test('--json through a symbolic link replaces the file it points to and keeps the link', async () => {
    const real = join(work, 'real.json');
    writeFileSync(real, 'old');
    const link = join(work, 'link.json');
    symlinkSync(real, link);
    const dangling = join(work, 'dangling.csv');
    symlinkSync(join(work, 'made-by-the-run.csv'), dangling);
    const { code } = await train('--json', link, '--csv', dangling, '--out', join(work, 'out'));
    expect(code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(real);
    expect(readJson<TrainJson>(real).config.iterations).toBe(3);
    expect(lstatSync(dangling).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(work, 'made-by-the-run.csv'), 'utf8')).toMatch(/^run,iteration,/);
  });

  test('a replaced file keeps its permissions', async () => {
    const json = join(work, 'run.json');
    writeFileSync(json, 'old', { mode: 0o640 });
    expect((await train('--json', json, '--out', join(work, 'out'))).code).toBe(0);
    expect(statSync(json).mode & 0o777).toBe(0o640);
  });

  test('--json - writes the JSON to standard output and the report to standard error', async () => {
    const { code, stdout, stderr } = await train('--json', '-', '--out', join(work, 'out'));
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as TrainJson;
    expect(report.runs.tfjs.rows).toHaveLength(3);
    expect(stderr).toMatch(/^1\. data: \[ 5\. 10\.\]/m);
    expect(stderr).toMatch(/wrote .*Loss\.png, standard output/);
    expect(tree()).toEqual(['out', join('out', 'Loss.png')]);
  });
});

describe('path conflicts are bad input, found before any work', () => {
  test.each([
    [
      '--json names the --out folder',
      (out: string) => ['--out', out, '--json', out],
      /--json .* names the --out folder/,
    ],
    [
      '--json names the parent of --out',
      (out: string) => ['--out', join(out, 'charts'), '--json', out],
      /--out .*charts lies inside --json .*, which is a file/,
    ],
    [
      '--csv inside --json',
      (out: string) => ['--out', out, '--json', join(work, 'a'), '--csv', join(work, 'a', 'b.csv')],
      /--csv .*b\.csv lies inside --json .*a, which is a file/,
    ],
    [
      'two outputs on one file through links',
      (out: string) => {
        writeFileSync(join(work, 'one.txt'), '');
        symlinkSync(join(work, 'one.txt'), join(work, 'l1'));
        symlinkSync(join(work, 'one.txt'), join(work, 'l2'));
        return ['--out', out, '--json', join(work, 'l1'), '--csv', join(work, 'l2')];
      },
      /--csv .*l2 is also where --json .*l1 writes/,
    ],
    [
      '--json through a linked --out lands on a chart',
      (out: string) => {
        mkdirSync(out);
        symlinkSync(out, join(work, 'linked'));
        return ['--out', out, '--json', join(work, 'linked', 'Loss.png')];
      },
      /--json .*linked\/Loss\.png is also where --out .*Loss\.png writes/,
    ],
    [
      'an existing folder where a file goes',
      (out: string) => {
        mkdirSync(join(work, 'folder'));
        return ['--out', out, '--csv', join(work, 'folder')];
      },
      /--csv .*folder is a folder, not a file/,
    ],
    [
      'both --json and --csv on standard output',
      (out: string) => ['--out', out, '--json', '-', '--csv', '-'],
      /--json and --csv both write to standard output/,
    ],
  ])('%s', async (_name, flags, message) => {
    const args = flags(join(work, 'out'));
    const before = tree();
    const { code, stdout, stderr } = await train(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stdout).toBe('');
    expect(tree()).toEqual(before);
  });
});

/** A file system whose calls fail where a test says, otherwise the real one. */
function failingFs(fail: Partial<Record<keyof CommitFs, (call: number) => boolean>>): CommitFs {
  const calls = new Map<string, number>();
  const wrap = <K extends keyof CommitFs>(name: K): CommitFs[K] => {
    const real = REAL_FS[name] as (...args: unknown[]) => unknown;
    return ((...args: unknown[]) => {
      const call = (calls.get(name) ?? 0) + 1;
      calls.set(name, call);
      if (fail[name]?.(call)) throw Object.assign(new Error(`${name} failed on purpose`), { code: 'EIO' });
      return real(...args);
    }) as CommitFs[K];
  };
  return {
    mkdir: wrap('mkdir'),
    rmdir: wrap('rmdir'),
    writeTemporary: wrap('writeTemporary'),
    writeStream: wrap('writeStream'),
    rename: wrap('rename'),
    link: wrap('link'),
    unlink: wrap('unlink'),
    exists: wrap('exists'),
  };
}

describe('a failure while committing leaves what was there, and nothing new', () => {
  const names = ['a.txt', 'b.txt', 'c.txt'];
  async function commitThree(fs: CommitFs): Promise<unknown> {
    writeFileSync(join(work, 'a.txt'), 'old a');
    writeFileSync(join(work, 'c.txt'), 'old c');
    const plan = planOutputs(names.map((name) => ({ flag: `--${name}`, path: join(work, 'new', '..', name) })));
    const data = new Map(plan.outputs.map((output, i) => [output, `new ${names[i]}`]));
    return commitOutputs(plan, data, () => Promise.resolve(), fs).catch((error: unknown) => error);
  }

  test('the third of three renames fails: the first two are put back', async () => {
    const error = await commitThree(failingFs({ rename: (call) => call === 3 }));
    expect(error).toBeInstanceOf(OutputError);
    expect(readFileSync(join(work, 'a.txt'), 'utf8')).toBe('old a');
    expect(readFileSync(join(work, 'c.txt'), 'utf8')).toBe('old c');
    expect(tree()).toEqual(['a.txt', 'c.txt']);
  });

  test('a write fails (a full disk): no temporary file, no new folder stays', async () => {
    const plan = planOutputs(
      [{ flag: '--json', path: join(work, 'deep', 'er', 'r.json') }],
      [{ flag: '--out', path: join(work, 'charts') }],
    );
    const fs = failingFs({ writeTemporary: () => true });
    const error = await commitOutputs(plan, new Map([[plan.outputs[0], '{}']]), () => Promise.resolve(), fs).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OutputError);
    expect(tree()).toEqual([]);
  });

  test('success: every file in place, no backup or temporary file left', async () => {
    expect(await commitThree(REAL_FS)).toBeUndefined();
    expect(names.map((name) => readFileSync(join(work, name), 'utf8'))).toEqual(names.map((name) => `new ${name}`));
    expect(tree()).toEqual(names);
  });
});

/** A small tmpfs where the test may mount one (as root on Linux), else null. */
function smallFilesystem(bytes: number): string | null {
  const mountPoint = join(work, 'small');
  mkdirSync(mountPoint);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', mountPoint], { stdio: 'ignore' });
    return mountPoint;
  } catch {
    return null;
  }
}

test('a real full disk: exit 4, the new --out folder removed, the file that was there untouched', async () => {
  const small = smallFilesystem(48 * 1024);
  if (small === null) {
    // No mount here: the stubbed failures above cover the same paths.
    return;
  }
  try {
    writeFileSync(join(small, 'run.json'), 'old');
    const { code, stderr } = await train(
      '--out',
      join(small, 'charts'),
      '--json',
      join(small, 'run.json'),
      '--trajectory',
    );
    expect(code).toBe(4);
    expect(stderr).toMatch(/^train: could not write the outputs, nothing was written: .*ENOSPC/m);
    expect(readdirSync(small)).toEqual(['run.json']);
    expect(readFileSync(join(small, 'run.json'), 'utf8')).toBe('old');
  } finally {
    execFileSync('umount', [small]);
  }
});
