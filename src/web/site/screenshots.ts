import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './measure';
import { serveFolder } from './serve';

/**
 * The README's pictures of the playground, taken from the built site in headless Chromium: each a
 * link (the state it shows) at a screen size, once every run has finished.
 */
export interface Screenshot {
  file: string;
  query: string;
  viewport: { width: number; height: number };
  /** Device pixels per CSS pixel: 2 for the phone, as phones draw. */
  scale: number;
}

const COMPARISON =
  '?objective=rosenbrock&iterations=400&optimizer=sgd,momentum,adam,rmsprop,torch.adam' +
  '&sgd.lr=0.002&momentum.lr=0.002&adam.lr=0.05&rmsprop.lr=0.01&torch.adam.lr=0.05&pytorch=true&speed=20&table=adam';

export const SCREENSHOTS: readonly Screenshot[] = [
  { file: 'playground-desktop.png', query: COMPARISON, viewport: { width: 1280, height: 800 }, scale: 1 },
  {
    file: 'playground-phone.png',
    query:
      '?objective=himmelblau&x0=0,-0.5&iterations=150&optimizer=sgd,momentum,adam' +
      '&sgd.lr=0.01&momentum.lr=0.003&adam.lr=0.3&speed=5',
    viewport: { width: 390, height: 844 },
    scale: 2,
  },
  {
    file: 'playground-bad-link.png',
    query: '?optimizer=sgd,adam&sgd.lr=-1&adam.beta1=1&x0=1,2,3&colour=red&iterations=60',
    viewport: { width: 1280, height: 800 },
    scale: 1,
  },
];

/** Each screenshot's PNG, by file name. */
export async function takeScreenshots(folder: string): Promise<Map<string, Buffer>> {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: \`npm run setup\` installs it (CHROMIUM_PATH names another)`);
  const { server, url } = await serveFolder(folder, 0);
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  const shots = new Map<string, Buffer>();
  try {
    for (const shot of SCREENSHOTS) {
      const page = await browser.newPage({ viewport: shot.viewport, deviceScaleFactor: shot.scale });
      await page.goto(url + shot.query);
      await page.waitForFunction(() => document.querySelector('#progress')?.textContent?.endsWith('done'), null, {
        timeout: 120_000,
      });
      shots.set(shot.file, await page.screenshot());
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return shots;
}

export function screenshotPaths(folder: string): string[] {
  return SCREENSHOTS.map((shot) => join(folder, shot.file));
}
