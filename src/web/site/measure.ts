import { existsSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { serveFolder } from './serve';

/**
 * How fast the built playground is in this machine's Chromium (headless, cpu backend): the time
 * from navigation to the first frame drawn, and, with tf.train's seven optimizers animating
 * together on Rosenbrock, frames per second, how many of those frames showed new iterations and
 * how many, and iterations per second. The runs are computed in the page's trainer (a Web
 * Worker): a frame can come without new iterations when the trainer falls behind, so frames are
 * counted both ways. docs/performance.md quotes these numbers; nothing asserts on them.
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
  /** Frames per second that showed new iterations. */
  movingFramesPerSecond: number;
  /** Share of the frames that showed all `speed` iterations asked for. */
  fullFrameShare: number;
  /** Iterations per second of every optimizer (each is one step of each of its four runs). */
  iterationsPerSecond: number;
  /** TF.js optimizer steps per second, all optimizers together. */
  tfjsStepsPerSecond: number;
  /** Median over the trainer's batches: wall-clock ms to run one iteration of every optimizer (its four runs each). */
  runMsPerIteration: number;
  /** Median over frames that showed new iterations: ms to draw one (map, chart, table, legend). */
  drawMs: number;
}

export interface PageSpeed {
  /**
   * Navigation start to the first frame drawn with the runs (contours, paths, chart, table, and the
   * first iteration: TF.js loaded and the runs built in the trainer), ms.
   */
  firstFrameMs: number;
  optimizers: number;
  samples: SpeedSample[];
}

async function sample(page: Page, base: string, speed: number): Promise<SpeedSample> {
  await page.goto(`${base}${QUERY}&iterations=${ITERATIONS}&speed=${speed}`);
  await page.waitForFunction(() => document.querySelector('#loading')?.hasAttribute('hidden'));
  // Past the first frames (JIT warm-up, the first bands).
  await page.waitForTimeout(1000);
  // Each animation frame, the iteration the progress line shows: how many frames, and how many
  // iterations each one added.
  const steps = await page.evaluate(
    (ms) =>
      new Promise<number[]>((resolve) => {
        const progress = document.querySelector('#progress') as HTMLElement;
        const shown = (): number => Number(/iteration (\d+) of/.exec(progress.textContent ?? '')?.[1] ?? NaN);
        const added: number[] = [];
        let last = shown();
        const until = performance.now() + ms;
        const tick = (): void => {
          const now = shown();
          added.push(now - last);
          last = now;
          if (performance.now() < until) requestAnimationFrame(tick);
          else resolve(added);
        };
        requestAnimationFrame(tick);
      }),
    WINDOW_MS,
  );
  const { runMsPerIteration, drawMs } = await page.evaluate(() => {
    const { dataset } = document.querySelector('#progress') as HTMLElement;
    return { runMsPerIteration: Number(dataset.runMsPerIteration), drawMs: Number(dataset.drawMs) };
  });
  const seconds = WINDOW_MS / 1000;
  const iterationsPerSecond = steps.reduce((sum, added) => sum + added, 0) / seconds;
  return {
    speed,
    framesPerSecond: steps.length / seconds,
    movingFramesPerSecond: steps.filter((added) => added > 0).length / seconds,
    fullFrameShare: steps.filter((added) => added >= speed).length / steps.length,
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
        `  ${String(s.speed).padStart(4)} iterations/frame: ${s.framesPerSecond.toFixed(1)} frames/s ` +
        `(${s.movingFramesPerSecond.toFixed(1)} with new iterations, ${(100 * s.fullFrameShare).toFixed(0)}% with all ${s.speed}), ` +
        `${s.iterationsPerSecond.toFixed(0)} iterations/s per optimizer, ${s.tfjsStepsPerSecond.toFixed(0)} TF.js steps/s in all; ` +
        `medians: the trainer ${s.runMsPerIteration.toFixed(2)} ms per iteration of all ${speed.optimizers}, ${s.drawMs.toFixed(1)} ms drawing a frame`,
    ),
  ].join('\n');
}
