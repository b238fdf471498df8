import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { trainCommand } from '../../scripts/train';
import type { CompareJson, TrainJson } from '../../src/report/json';
import { buildSite } from '../../src/web/site/build';
import { CHROMIUM } from '../../src/web/site/measure';
import { serveFolder } from '../../src/web/site/serve';
import { readJson, runInProcess } from '../helpers';

/**
 * The playground in a real browser: Debian's Chromium, headless, driven by playwright-core (no
 * browser download), on the site `npm run build:web` builds, served as `npm run playground`
 * serves it (and once opened from its files). One browser for the file; a fresh page per test.
 * The runs are computed in the page's trainer, a Web Worker; one test takes the worker away.
 */

const TIMEOUT_MS = 60_000;
jest.setTimeout(TIMEOUT_MS);

let work: string;
let server: Server;
let site: string;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `the playground's browser tests need Chromium at ${CHROMIUM}: \`npm run setup\` installs it (Debian's chromium package); CHROMIUM_PATH names another`,
    );
  work = mkdtempSync(join(tmpdir(), 'playground-'));
  await buildSite(join(work, 'site'));
  const served = await serveFolder(join(work, 'site'), 0);
  server = served.server;
  site = served.url;
  browser = await chromium.launch({ executablePath: CHROMIUM });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (work) rmSync(work, { recursive: true, force: true });
});

interface OpenOptions {
  /** The site's address: the server's by default, or a file:// URL of its index.html. */
  base?: string;
  /** Paused from the start, as for a person who asked for reduced motion. */
  paused?: boolean;
  /** Run in the page before its own scripts. */
  init?: () => void;
}

/** A page on the playground, recording every console error and uncaught exception. */
async function open(query: string, options: OpenOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    reducedMotion: options.paused ? 'reduce' : 'no-preference',
  });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  if (options.init) await page.addInitScript(options.init);
  await page.goto((options.base ?? site) + query);
  await page.waitForFunction(() => document.querySelector('#loading')?.hasAttribute('hidden'));
  return { page, errors };
}

/** Runs what is left, then saves one of the page's exports and reads it. */
async function exported(page: Page, kind: 'json' | 'csv' | 'png'): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#export-${kind}`)]);
  const path = await download.path();
  return readFileSync(path);
}

/** The CLI's files for the same settings, computed here by the in-process command (cpu backend). */
async function cliOutputs(flags: string[]): Promise<{ json: unknown; csv: string }> {
  const out = join(work, `cli-${flags.join('_').replace(/[^a-z0-9_.-]/gi, '')}`);
  const { code, stderr } = await runInProcess(trainCommand, [
    ...flags,
    '--backend',
    'cpu',
    '--out',
    out,
    '--json',
    join(out, 'run.json'),
    '--csv',
    join(out, 'run.csv'),
  ]);
  // 0, or 1 or 3 for runs that leave the tolerance or diverge: the files are written all the same.
  expect(stderr.split('\n').filter((line) => line.startsWith('train:'))).toEqual([]);
  expect([0, 1, 3]).toContain(code);
  return { json: readJson(join(out, 'run.json')), csv: readFileSync(join(out, 'run.csv'), 'utf8') };
}

/** The map canvas's pixel (in its backing store) of a point, from the geometry it publishes. */
async function mapPixel(page: Page, point: [number, number]): Promise<{ x: number; y: number; css: [number, number] }> {
  return page.evaluate(([px, py]) => {
    const canvas = document.querySelector('#map') as HTMLCanvasElement;
    const [xMin, xMax, yMin, yMax] = (canvas.dataset.window ?? '').split(',').map(Number);
    const [left, top, width, height] = (canvas.dataset.plot ?? '').split(',').map(Number);
    const cssX = left + ((px - xMin) / (xMax - xMin)) * width;
    const cssY = top + ((yMax - py) / (yMax - yMin)) * height;
    const ratio = canvas.width / canvas.clientWidth;
    return { x: Math.round(cssX * ratio), y: Math.round(cssY * ratio), css: [cssX, cssY] as [number, number] };
  }, point);
}

async function pixelAt(page: Page, x: number, y: number): Promise<string> {
  return page.evaluate(
    ([px, py]) => {
      const canvas = document.querySelector('#map') as HTMLCanvasElement;
      const [r, g, b] = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(px, py, 1, 1).data;
      return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
    },
    [x, y],
  );
}

/** Where the map's pixels are exactly `colour` (#rrggbb), by index, and how many colours it holds. */
async function mapColours(page: Page, colour: string): Promise<{ pixels: number[]; distinct: number }> {
  return page.evaluate((hex) => {
    const canvas = document.querySelector('#map') as HTMLCanvasElement;
    const { data } = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(
      0,
      0,
      canvas.width,
      canvas.height,
    );
    const target = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const seen = new Set<number>();
    const pixels: number[] = [];
    for (let i = 0; i < data.length; i += 4) {
      seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      if (data[i] === target[0] && data[i + 1] === target[1] && data[i + 2] === target[2]) pixels.push(i / 4);
    }
    return { pixels, distinct: seen.size };
  }, colour);
}

const SEED = '?optimizer=sgd&sgd.lr=0.1&x0=5,10&iterations=30';
const SEED_FLAGS = ['--optimizer', 'sgd', '--lr', '0.1', '--x0', '5,10', '--iterations', '30'];

/** What the page shows: the progress line's iteration, the report's compared rows, the table's rows. */
async function shown(page: Page): Promise<{ iteration: number; compared: number; rows: number }> {
  return page.evaluate(() => {
    const progress = /iteration (\d+) of/.exec(document.querySelector('#progress')?.textContent ?? '');
    const compared = /(\d+) iterations compared/.exec(document.querySelector('#report')?.textContent ?? '');
    const rows = (document.querySelector('#rows')?.textContent ?? '')
      .split('\n')
      .filter((line) => /^\s*\d+\./.test(line));
    return { iteration: Number(progress?.[1]), compared: Number(compared?.[1]), rows: rows.length };
  });
}

/** Waits until the report under the table speaks of the iteration the progress line shows. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const progress = /iteration (\d+) of/.exec(document.querySelector('#progress')?.textContent ?? '');
    const compared = /(\d+) iterations compared/.exec(document.querySelector('#report')?.textContent ?? '');
    return progress !== null && compared !== null && progress[1] === compared[1];
  });
}

test('the seed run from its URL: no console error, the start drawn in the path colour, and the CLI files to the bit', async () => {
  const { page, errors } = await open(SEED);
  const start = await mapPixel(page, [5, 10]);
  // SGD's colour (src/optimizers/sgd.ts): the path's first dot sits inside the start's ring.
  expect(await pixelAt(page, start.x, start.y)).toBe('#d62728');
  const colours = await mapColours(page, '#d62728');
  expect(colours.pixels.length).toBeGreaterThan(20);
  expect(colours.distinct).toBeGreaterThan(10); // contour bands, axes, the path: not a blank canvas

  const json = JSON.parse((await exported(page, 'json')).toString('utf8')) as TrainJson;
  const csv = (await exported(page, 'csv')).toString('utf8');
  const cli = await cliOutputs(SEED_FLAGS);
  // The runs were computed in the trainer's worker, not on the page's thread.
  expect(page.workers().map((worker) => new URL(worker.url()).pathname.split('/').pop())).toEqual([
    'trainer.worker.js',
  ]);
  await expect(page.isHidden('#trainer-note')).resolves.toBe(true);
  // JSON numbers are written in their shortest round-trip form: equal numbers here are equal doubles.
  expect(json.runs.tfjs.finalX).toEqual((cli.json as TrainJson).runs.tfjs.finalX);
  expect(json).toEqual(cli.json);
  expect(csv).toBe(cli.csv);
  await expect(page.textContent('#progress')).resolves.toBe('iteration 30 of 30, done');
  const png = await exported(page, 'png');
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(errors).toEqual([]);
  await page.close();
});

test('a click on the map sets x⁰, in the field, the URL and the run', async () => {
  const { page, errors } = await open('?iterations=5');
  const target = await mapPixel(page, [1, 2]);
  const box = await page.locator('#map').boundingBox();
  if (box === null) throw new Error('the map is not on the page');
  await page.mouse.click(box.x + target.css[0], box.y + target.css[1]);
  await page.waitForFunction(() => (document.querySelector('#x0') as HTMLInputElement).value !== '');
  const x0 = (await page.inputValue('#x0')).split(',').map(Number);
  // Rounded to about a pixel: within one pixel's worth of the point clicked.
  const perPixel = await page.evaluate(() => {
    const canvas = document.querySelector('#map') as HTMLCanvasElement;
    const [xMin, xMax] = (canvas.dataset.window ?? '').split(',').map(Number);
    return (xMax - xMin) / Number((canvas.dataset.plot ?? '').split(',')[2]);
  });
  expect(Math.abs(x0[0] - 1)).toBeLessThanOrEqual(perPixel);
  expect(Math.abs(x0[1] - 2)).toBeLessThanOrEqual(perPixel);
  expect(new URL(page.url()).searchParams.get('x0')).toBe(x0.join(','));
  const json = JSON.parse((await exported(page, 'json')).toString('utf8')) as TrainJson;
  expect(json.config.x0).toEqual(x0);
  expect(json.runs.tfjs.rows[0].x).toEqual(x0.map(Math.fround));
  expect(errors).toEqual([]);
  await page.close();
});

test('ticking optimizers compares them as `--optimizer sgd,rmsprop` does; the PyTorch switch draws the torch.optim path', async () => {
  const { page, errors } = await open('?iterations=20');
  await page.click('label[for="use-rmsprop"]');
  await expect(page.isChecked('#use-rmsprop')).resolves.toBe(true);
  const json = JSON.parse((await exported(page, 'json')).toString('utf8')) as CompareJson;
  const cli = await cliOutputs(['--optimizer', 'sgd,rmsprop', '--iterations', '20']);
  expect(json).toEqual(cli.json);

  // TF.js's RMSProp averages with decay 0.9 and torch.optim's with alpha 0.99: torch's first steps
  // are about three times longer, so the dashed path puts its colour where the solid one is not.
  const rmsprop = '#e377c2';
  const before = new Set((await mapColours(page, rmsprop)).pixels);
  await page.click('#pytorch');
  // The next frame draws the switch's path, and names it in the legend.
  await page.waitForFunction(() =>
    document.querySelector('#legend')?.textContent?.includes('torch.optim rule (dashed)'),
  );
  expect(new URL(page.url()).searchParams.get('pytorch')).toBe('true');
  const after = (await mapColours(page, rmsprop)).pixels.filter((pixel) => !before.has(pixel));
  expect(after.length).toBeGreaterThan(20);

  // Unticking sgd leaves rmsprop alone: its JSON is the one-optimizer shape.
  await page.click('label[for="use-sgd"]');
  await page.waitForFunction(() => new URL(window.location.href).searchParams.get('optimizer') === 'rmsprop');
  const alone = JSON.parse((await exported(page, 'json')).toString('utf8')) as TrainJson;
  expect(alone.config.optimizer).toBe('rmsprop');
  expect(Object.keys(alone.runs)).toEqual(['manual', 'tfjs', 'manual32', 'pytorch']);
  expect(errors).toEqual([]);
  await page.close();
});

test('a URL with unknown or out-of-domain parameters says which and why, and runs with the defaults for them', async () => {
  const { page, errors } = await open('?sgd.lr=-1&bogus=3&x0=1,2,3&adam.beta1=1&optimizer=sgd,adam&iterations=4');
  const problems = await page.textContent('#problems');
  expect(problems).toContain('sgd.lr=-1: --lr must be ≥ 0, got "-1"; using the default, 0.1');
  expect(problems).toContain('bogus=3: not a parameter of the page');
  expect(problems).toContain('x0=1,2,3: --x0 must be two numbers here');
  expect(problems).toContain('adam.beta1=1: --beta1 must be in [0, 1)');
  await expect(page.isVisible('#problems')).resolves.toBe(true);
  const json = JSON.parse((await exported(page, 'json')).toString('utf8')) as CompareJson;
  expect(json.config.x0).toEqual([5, 10]);
  expect(json.config.iterations).toBe(4);
  expect(json.optimizers.sgd.hyperparameters.tfjs.lr).toBe(0.1);
  expect(json.optimizers.adam.hyperparameters.tfjs.beta1).toBe(0.9);
  // What runs is what the address bar says.
  expect(new URL(page.url()).search).toBe('?iterations=4&optimizer=sgd,adam');
  expect(errors).toEqual([]);
  await page.close();
});

test('Step runs one iteration, the report and the table follow; To the end and Reset; a pause shows where the trainer stopped', async () => {
  const { page, errors } = await open('?optimizer=sgd,adam&iterations=60', { paused: true });
  await expect(page.textContent('#progress')).resolves.toBe('iteration 0 of 60');
  for (const iteration of [1, 2, 3]) {
    await page.click('#step');
    await page.waitForFunction(
      (n) => document.querySelector('#progress')?.textContent === `iteration ${n} of 60`,
      iteration,
    );
    await settled(page);
    // Exactly one more: the trainer computed no iteration the page does not show.
    expect(await shown(page)).toEqual({ iteration, compared: iteration, rows: iteration });
  }
  await page.click('#end');
  await page.waitForFunction(() => document.querySelector('#progress')?.textContent === 'iteration 60 of 60, done');
  await settled(page);
  expect(await shown(page)).toEqual({ iteration: 60, compared: 60, rows: 60 });
  await page.click('#reset');
  await expect(page.textContent('#progress')).resolves.toBe('iteration 0 of 60');
  await page.click('#play');
  await page.waitForFunction(
    () => Number(/iteration (\d+)/.exec(document.querySelector('#progress')?.textContent ?? '')?.[1]) >= 5,
  );
  await page.click('#play');
  await page.waitForFunction(() => document.querySelector('#play')?.textContent === 'Play');
  await settled(page);
  const paused = await shown(page);
  expect(paused.iteration).toBeGreaterThanOrEqual(5);
  expect(paused).toEqual({ iteration: paused.iteration, compared: paused.iteration, rows: paused.iteration });
  // Playing again goes on from there, to the end.
  await page.click('#play');
  await page.waitForFunction(() => document.querySelector('#progress')?.textContent === 'iteration 60 of 60, done');
  await settled(page);
  expect(await shown(page)).toEqual({ iteration: 60, compared: 60, rows: 60 });
  expect(errors).toEqual([]);
  await page.close();
});

test("opened from its files (file://), the page makes its worker from the trainer script's own text: the CLI's files to the bit", async () => {
  const { page, errors } = await open(SEED, { base: `file://${join(work, 'site', 'index.html')}` });
  expect(page.workers().map((worker) => new URL(worker.url()).protocol)).toEqual(['blob:']);
  const json = JSON.parse((await exported(page, 'json')).toString('utf8')) as TrainJson;
  const csv = (await exported(page, 'csv')).toString('utf8');
  const cli = await cliOutputs(SEED_FLAGS);
  expect(json).toEqual(cli.json);
  expect(csv).toBe(cli.csv);
  expect(errors).toEqual([]);
  await page.close();
});

test("a browser that starts no worker runs the same trainer on the page's thread, says so, and gives the same files", async () => {
  const { page, errors } = await open(SEED, {
    init: () => {
      Reflect.deleteProperty(window, 'Worker');
    },
  });
  expect(page.workers()).toEqual([]);
  await expect(page.isVisible('#trainer-note')).resolves.toBe(true);
  const json = JSON.parse((await exported(page, 'json')).toString('utf8')) as TrainJson;
  const csv = (await exported(page, 'csv')).toString('utf8');
  const cli = await cliOutputs(SEED_FLAGS);
  expect(json).toEqual(cli.json);
  expect(csv).toBe(cli.csv);
  await expect(page.textContent('#progress')).resolves.toBe('iteration 30 of 30, done');
  expect(errors).toEqual([]);
  await page.close();
});
