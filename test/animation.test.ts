import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainCommand } from '../scripts/train';
import { trajectoryScene } from '../src/output';
import { animationFrames, frameStep, MAX_FRAMES, trajectoryGif } from '../src/plot/animation';
import { type TrainResult } from '../src/train';
import { composite, decodeGif } from './gifDecode';
import { runInProcess, trainOnCpu } from './helpers';

test('frames sample the steps evenly: the first x⁰, the last the end, never more than 150', () => {
  expect(MAX_FRAMES).toBe(150);
  const steps = Array.from({ length: 150 }, (_, f) => frameStep(f, 150, 1000));
  expect(steps[0]).toBe(0);
  expect(steps[149]).toBe(1000);
  expect(steps.every((s, f) => f === 0 || s > steps[f - 1])).toBe(true);
  expect(Array.from({ length: 11 }, (_, f) => frameStep(f, 11, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
});

describe('Trajectory.gif', () => {
  let results: TrainResult[];
  beforeAll(async () => {
    results = await trainOnCpu(
      '--optimizer',
      'sgd,momentum,adam',
      '--objective',
      'rosenbrock',
      '--lr',
      '0.002',
      '--iterations',
      '300',
    );
  });

  test('300 steps: 150 frames, under 3 MB, each after the first holding only what changed', async () => {
    const { gif, frames } = await trajectoryGif(trajectoryScene(results));
    expect(frames).toBe(150);
    expect(gif.length).toBeLessThan(3 * 2 ** 20);
    const decoded = decodeGif(gif);
    expect(decoded.frames).toHaveLength(150);
    // Frames after the first hold only what changed, the rest transparent and left in place.
    expect(decoded.frames.slice(1).every((f) => f.transparentIndex !== null && f.disposal === 1)).toBe(true);
    expect(decoded.frames[149].delay).toBeGreaterThan(decoded.frames[1].delay);
  }, 30_000);

  test('what a viewer shows after the last frame is what was drawn (20 steps, 21 frames)', async () => {
    const short = await trainOnCpu(
      '--optimizer',
      'sgd,adam',
      '--objective',
      'himmelblau',
      '--lr',
      '0.01',
      '--iterations',
      '20',
    );
    const scene = trajectoryScene(short);
    const decoded = decodeGif((await trajectoryGif(scene)).gif);
    expect(decoded.frames).toHaveLength(21);
    let last: Uint8Array | null = null;
    for (const screen of composite(decoded)) last = screen;
    const drawn = (await animationFrames(scene)).draw(20);
    // One palette of 255 colours for every frame: each pixel within a palette step of what was drawn.
    let close = 0;
    for (let i = 0; i < decoded.width * decoded.height; i++) {
      const d = Math.max(...[0, 1, 2].map((c) => Math.abs((last?.[3 * i + c] ?? 0) - drawn[4 * i + c])));
      if (d <= 24) close++;
    }
    expect(close / (decoded.width * decoded.height)).toBeGreaterThan(0.995);
  }, 30_000);

  test('the paths grow: a later frame has more of each path colour than an earlier one', async () => {
    const frames = await animationFrames(trajectoryScene(results));
    const count = (rgba: Uint8ClampedArray, [r, g, b]: number[]): number => {
      let n = 0;
      for (let i = 0; i < rgba.length; i += 4)
        if (Math.abs(rgba[i] - r) < 20 && Math.abs(rgba[i + 1] - g) < 20 && Math.abs(rgba[i + 2] - b) < 20) n++;
      return n;
    };
    const orange = [0xff, 0x7f, 0x0e];
    const early = count(frames.draw(5), orange);
    const late = count(frames.draw(140), orange);
    expect(late).toBeGreaterThan(early + 500);
  });
});

test('train --animate writes Trajectory.gif next to Trajectory.png; 10 steps make 11 frames', async () => {
  const work = mkdtempSync(join(tmpdir(), 'animate-'));
  try {
    const out = join(work, 'out');
    const { code } = await runInProcess(trainCommand, [
      '--animate',
      '--iterations',
      '10',
      '--out',
      out,
      '--backend',
      'cpu',
    ]);
    expect(code).toBe(0);
    const gif = readFileSync(join(out, 'Trajectory.gif'));
    expect(decodeGif(gif).frames).toHaveLength(11);
    expect(statSync(join(out, 'Trajectory.png')).size).toBeGreaterThan(0);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
