import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Real processes and real signals: what an interrupt does cannot be shown in-process.
const CLI = join(__dirname, '..', 'dist', 'scripts', 'train.js');

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'interrupt-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('close', (code) => resolve(code)));
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const temporaries = (): string[] => readdirSync(work).filter((name) => /\.tmp-\d+/.test(name));

describe.each([
  ['SIGTERM', 143],
  ['SIGINT', 130],
] as const)('%s while temporary files exist', (signal, expectedCode) => {
  test(`removes them, leaves the old file as it was, exits ${expectedCode}`, async () => {
    const json = join(work, 'run.json');
    writeFileSync(json, 'old');
    // The CSV goes into a FIFO nobody reads: the commit waits there, after the JSON's temporary
    // file is written and before any rename.
    const fifo = join(work, 'rows.fifo');
    execFileSync('mkfifo', [fifo]);
    const child = spawn(
      process.execPath,
      [CLI, '--iterations', '5', '--json', json, '--csv', fifo, '--out', join(work, 'out')],
      {
        stdio: 'ignore',
      },
    );
    const code = exited(child);
    await waitFor(() => temporaries().length > 0, 'the temporary file');
    child.kill(signal);
    expect(await code).toBe(expectedCode);
    expect(temporaries()).toEqual([]);
    expect(readFileSync(json, 'utf8')).toBe('old');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(existsSync(join(work, 'out'))).toBe(false);
  });
});

test('Ctrl-C on a terminal during training: exit 130, the cursor shown again, nothing written', async () => {
  // script(1) gives the run a terminal; ^C typed into it is a real Ctrl-C for the process group.
  const out = join(work, 'out');
  const command = `"${process.execPath}" "${CLI}" --iterations 100000 --out "${out}" --json "${join(work, 'r.json')}"`;
  const terminal = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'ignore'] });
  let screen = '';
  terminal.stdout.on('data', (chunk: Buffer) => (screen += chunk.toString()));
  const code = exited(terminal);
  await waitFor(() => screen.includes('training ['), 'the progress bar');
  terminal.stdin.write('\x03');
  expect(await code).toBe(130);
  const hidden = screen.indexOf('\x1b[?25l');
  expect(hidden).toBeGreaterThanOrEqual(0);
  expect(screen.indexOf('\x1b[?25h', hidden)).toBeGreaterThan(hidden);
  expect(readdirSync(work)).toEqual([]);
});
