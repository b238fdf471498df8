import { existsSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { serveFolder } from './serve';

/**
 * How fast the built playground is in this machine's Chromium (headless, cpu backend): the time
 * from navigation to the first frame drawn, and, with tf.train's seven optimizers animating
 * together on Rosenbrock, frames per second and iterations per second. docs/performance.md
 * quotes these numbers; nothing asserts on them.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Long enough that no run ends while it is timed. */
const ITERATIONS = 10_000;
/** tf.train's seven at the README's lr for Rosenbrock, 0.002, where none diverges: all seven keep computing. */
const SEVEN = ['sgd', 'momentum', 'adagrad', 'adadelta', 'adam', 'adamax', 'rmsprop'];
const QUERY = `?objective=rosenbrock&optimizer=all&${SEVEN.map((name) => `${name}.lr=0.002`).join('&')}`;
const WINDOW_MS = 4000;

export interface SpeedSample {
  /** Iterations per frame asked for. */
  speed: number;
  framesPerSecond: number;
  /** Iterations per second of every optimizer (each is one step of each of its four runs). */
  iterationsPerSecond: number;
  /** TF.js optimizer steps per second, all optimizers together. */
  tfjsStepsPerSecond: number;
  /** Median over frames: ms to run one iteration of every optimizer (its four runs each). */
  runMsPerIteration: number;
  /** Median over frames: ms to draw one frame (map, chart, table, legend). */
  drawMs: number;
}

export interface PageSpeed {
  /** Navigation start to the first frame (contours, paths, chart, table) drawn, ms. */
  firstFrameMs: number;
  optimizers: number;
  samples: SpeedSample[];
}

function iterationShown(text: string | null): number {
  const match = /iteration (\d+) of/.exec(text ?? '');
  return match ? Number(match[1]) : NaN;
}

async function sample(page: Page, base: string, speed: number): Promise<SpeedSample> {
  await page.goto(`${base}${QUERY}&iterations=${ITERATIONS}&speed=${speed}`);
  await page.waitForFunction(() => document.querySelector('#loading')?.hasAttribute('hidden'));
  // Past the first frames (JIT warm-up, the first bands).
  await page.waitForTimeout(1000);
  const start = iterationShown(await page.textContent('#progress'));
  const frames = await page.evaluate(
    (ms) =>
      new Promise<number>((resolve) => {
        let count = 0;
        const until = performance.now() + ms;
        const tick = (): void => {
          count++;
          if (performance.now() < until) requestAnimationFrame(tick);
          else resolve(count);
        };
        requestAnimationFrame(tick);
      }),
    WINDOW_MS,
  );
  const end = iterationShown(await page.textContent('#progress'));
  const { runMsPerIteration, drawMs } = await page.evaluate(() => {
    const { dataset } = document.querySelector('#progress') as HTMLElement;
    return { runMsPerIteration: Number(dataset.runMsPerIteration), drawMs: Number(dataset.drawMs) };
  });
  const seconds = WINDOW_MS / 1000;
  const iterationsPerSecond = (end - start) / seconds;
  return {
    speed,
    framesPerSecond: frames / seconds,
    iterationsPerSecond,
    tfjsStepsPerSecond: iterationsPerSecond * SEVEN.length,
    runMsPerIteration,
    drawMs,
  };
}

export async function measurePage(folder: string, speeds: readonly number[] = [10, 100]): Promise<PageSpeed> {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: \`npm run setup\` installs it (CHROMIUM_PATH names another)`);
  const { server, url } = await serveFolder(folder, 0);
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${url}${QUERY}&iterations=300`);
    await page.waitForFunction(() => performance.getEntriesByName('playground:first-frame').length > 0);
    const firstFrameMs = await page.evaluate(() => performance.getEntriesByName('playground:first-frame')[0].startTime);
    const samples: SpeedSample[] = [];
    for (const speed of speeds) samples.push(await sample(page, url, speed));
    return { firstFrameMs, optimizers: SEVEN.length, samples };
  } finally {
    await browser.close();
    server.close();
  }
}

export function speedReport(speed: PageSpeed): string {
  return [
    `first frame ${speed.firstFrameMs.toFixed(0)} ms after navigation (rosenbrock, ${speed.optimizers} optimizers)`,
    ...speed.samples.map(
      (s) =>
        `  ${String(s.speed).padStart(4)} iterations/frame: ${s.framesPerSecond.toFixed(1)} frames/s, ` +
        `${s.iterationsPerSecond.toFixed(0)} iterations/s per optimizer, ${s.tfjsStepsPerSecond.toFixed(0)} TF.js steps/s in all; ` +
        `a frame's median: ${s.runMsPerIteration.toFixed(2)} ms per iteration of all ${speed.optimizers}, ${s.drawMs.toFixed(1)} ms drawing`,
    ),
  ].join('\n');
}
