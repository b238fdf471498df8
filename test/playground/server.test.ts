import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { buildWebCommand } from '../../scripts/buildWeb';
import { playgroundCommand } from '../../scripts/playground';
import { fileFor, serveFolder } from '../../src/web/site/serve';
import { runInProcess } from '../helpers';

/** `npm run playground`'s bad input, and what its server hands out. No browser, no build. */

describe('playground --port', () => {
  test.each([
    [['--port', '0'], '--port must be a whole number from 1 to 65535, got "0"'],
    [['--port', '65536'], '--port must be a whole number from 1 to 65535, got "65536"'],
    [['--port', '80.5'], '--port must be a whole number from 1 to 65535, got "80.5"'],
    [['--port', 'http'], '--port must be a finite number, got "http"'],
    [['--port'], '--port needs a value'],
    [['--host', 'x'], 'unknown flag --host (see --help)'],
  ])('%j: one line, exit 2', async (argv, message) => {
    expect(await runInProcess(playgroundCommand, argv)).toEqual({
      code: 2,
      stdout: '',
      stderr: `playground: ${message}\n`,
    });
  });

  test('a busy port: one line naming it, exit 2, nothing built', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      expect(await runInProcess(playgroundCommand, ['--port', String(port)])).toEqual({
        code: 2,
        stdout: '',
        stderr: `playground: --port ${port}: port ${port} is busy: another program listens on 127.0.0.1:${port}; pick another with --port N\n`,
      });
    } finally {
      blocker.close();
    }
  });

  test.each([
    ['playground', playgroundCommand],
    ['build:web', buildWebCommand],
  ])('%s --help: usage and examples, no line over 100 columns', async (name, command) => {
    const { code, stdout } = await runInProcess(command, ['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: npm run ${name} -- \\[flags\\]`));
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });
});

describe('the static server', () => {
  // Made while the tests are collected: their names hold its path.
  const site = mkdtempSync(join(tmpdir(), 'site-'));
  mkdirSync(join(site, 'sub'));
  writeFileSync(join(site, 'index.html'), '<p>page</p>');
  writeFileSync(join(site, 'sub', 'a.js'), '1');
  writeFileSync(`${site}-secret.txt`, 'outside');
  afterAll(() => {
    rmSync(site, { recursive: true, force: true });
    rmSync(`${site}-secret.txt`, { force: true });
  });

  test.each([
    ['/', 'index.html'],
    ['/index.html?x0=1,2', 'index.html'],
    ['/sub/a.js', join('sub', 'a.js')],
  ])('%s is served from the folder', (url, file) => {
    expect(fileFor(site, url)).toBe(join(site, file));
  });

  test.each([
    '/../package.json',
    '/%2e%2e/package.json',
    `/..%2f${basename(site)}-secret.txt`,
    '/sub',
    '/missing.js',
    '/%E0%A4%A',
    '/a%00.js',
  ])('%s is not served: outside the folder, not a file, or not a path', (url) => {
    expect(fileFor(site, url)).toBeNull();
  });

  test('GET serves a file with its type; other methods and missing files are refused', async () => {
    const { server, url } = await serveFolder(site, 0);
    try {
      const page = await fetch(url);
      expect([page.status, page.headers.get('content-type'), await page.text()]).toEqual([
        200,
        'text/html; charset=utf-8',
        '<p>page</p>',
      ]);
      expect((await fetch(`${url}nothing.js`)).status).toBe(404);
      expect((await fetch(url, { method: 'POST' })).status).toBe(405);
    } finally {
      server.close();
    }
  });
});
