import { createCanvas, loadImage } from 'canvas';
import { RUN_NAMES } from '../src/config';
import { historiesCsv } from '../src/format/csv';
import { lossPng, trajectoryPng } from '../src/output';
import { optimizerNamed } from '../src/optimizers/registry';
import { lossChartConfig } from '../src/plot/lossChart';
import { powerOfTenLabel } from '../src/plot/logAxis';
import { type TrainResult } from '../src/train';
import { trainOnCpu } from './helpers';

async function pixels(
  png: Buffer,
): Promise<{ width: number; height: number; at: (x: number, y: number) => [number, number, number] }> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(0, 0, image.width, image.height);
  return {
    width: image.width,
    height: image.height,
    at: (x, y) => {
      const i = (Math.round(y) * image.width + Math.round(x)) * 4;
      return [data[i], data[i + 1], data[i + 2]];
    },
  };
}

const colourOf = (name: string): string => optimizerNamed(name)?.colour ?? '';
const hex = (colour: string): [number, number, number] =>
  [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)) as [number, number, number];
const near = (a: readonly number[], b: readonly number[], tolerance = 40): boolean =>
  a.every((v, i) => Math.abs(v - b[i]) <= tolerance);

describe('Trajectory.png', () => {
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
      '60',
    );
  });

  test("the start marker is drawn where the chart's own scales put x⁰, and x₁, x₂ share one scale", async () => {
    const { png, geometry } = await trajectoryPng(results);
    const image = await pixels(png);
    expect([image.width, image.height]).toEqual([1400, 1150]);
    const start = geometry.pixels[0];
    // The start marker is a near-black disc of radius 11 px centred there.
    expect(near(image.at(start.x, start.y), [17, 17, 17], 30)).toBe(true);
    expect(near(image.at(start.x + 40, start.y + 40), [17, 17, 17], 30)).toBe(false);
    expect(Math.abs(geometry.pixelsPerUnit.x / geometry.pixelsPerUnit.y - 1)).toBeLessThan(0.01);
  });

  test("filled contour bands: many distinct fill colours inside the plot area, and each path's colour", async () => {
    const { png, geometry } = await trajectoryPng(results);
    const image = await pixels(png);
    const { left, right, top, bottom } = geometry.chartArea;
    const colours = new Set<string>();
    for (let y = top + 5; y < bottom - 5; y += 7)
      for (let x = left + 5; x < right - 5; x += 7) colours.add(image.at(x, y).join(','));
    expect(colours.size).toBeGreaterThan(10);
    for (const name of ['sgd', 'momentum'] as const) {
      let found = false;
      for (let y = top; y < bottom && !found; y += 2)
        for (let x = left; x < right && !found; x += 2) found = near(image.at(x, y), hex(colourOf(name)), 30);
      expect(found).toBe(true);
    }
  });
});

test("Compare.png: a line in each optimizer's colour on a white background", async () => {
  const results = await trainOnCpu(
    '--optimizer',
    'sgd,adam,rmsprop',
    '--objective',
    'booth',
    '--lr',
    '0.05',
    '--iterations',
    '40',
  );
  const { name, png } = await lossPng(results);
  expect(name).toBe('Compare.png');
  const image = await pixels(png);
  const counts = new Map<string, number>();
  for (let y = 0; y < image.height; y += 2) {
    for (let x = 0; x < image.width; x += 2) {
      for (const optimizer of ['sgd', 'adam', 'rmsprop'] as const) {
        if (near(image.at(x, y), hex(colourOf(optimizer)), 20)) counts.set(optimizer, (counts.get(optimizer) ?? 0) + 1);
      }
    }
  }
  for (const optimizer of ['sgd', 'adam', 'rmsprop']) expect(counts.get(optimizer) ?? 0).toBeGreaterThan(100);
});

describe('log scale', () => {
  test('labels only powers of ten, in superscript', () => {
    expect([1000, 100, 10, 1, 0.1, 0.001, 1e-12].map(powerOfTenLabel)).toEqual([
      '10³',
      '10²',
      '10',
      '1',
      '10⁻¹',
      '10⁻³',
      '10⁻¹²',
    ]);
    expect([200, 0.0003, 5, 0, -10].map(powerOfTenLabel)).toEqual(['', '', '', '', '']);
  });

  test('exact zeros are left out and counted in the note under the chart', async () => {
    // lr 0.5 on Σxᵢ² lands exactly on 0 after one step.
    const [result] = await trainOnCpu('--lr', '0.5', '--iterations', '4');
    expect(result.runs.tfjs.rows.map((row) => row.loss)).toEqual([125, 0, 0, 0]);
    const config = lossChartConfig({
      title: 't',
      logScale: true,
      curves: [{ label: 'TF.js', history: result.runs.tfjs, colour: '#d62728', dashed: false }],
    });
    expect(config.data.datasets[0].data).toEqual([{ x: 1, y: 125 }]);
    expect(config.options?.plugins?.subtitle?.text).toEqual([
      '3 points with a loss of exactly 0 not drawn: a log scale has no 0.',
    ]);
  });
});

test('CSV past 1000 parameters: the edge coordinates the rows keep, and the norms', async () => {
  const [result] = await trainOnCpu('--dim', '1002', '--iterations', '2');
  const csv = historiesCsv([{ run: 'tfjs', history: result.runs.tfjs }])
    .join('')
    .trimEnd()
    .split('\n');
  expect(csv[0]).toBe(
    'run,iteration,loss,x1,x2,x3,x1000,x1001,x1002,grad1,grad2,grad3,grad1000,grad1001,grad1002,xNorm,gradNorm',
  );
  expect(csv).toHaveLength(3);
  expect(csv.every((line) => line.split(',').length === 17)).toBe(true);
});

test('CSV: a header and one row per run and iteration', async () => {
  const [result] = await trainOnCpu('--x0=1,2,3', '--iterations', '5');
  const csv = historiesCsv(RUN_NAMES.map((run) => ({ run, history: result.runs[run] })))
    .join('')
    .trimEnd()
    .split('\n');
  expect(csv[0]).toBe('run,iteration,loss,x1,x2,x3,grad1,grad2,grad3');
  expect(csv).toHaveLength(1 + 4 * 5);
  expect(csv[1]).toBe('manual,1,14,1,2,3,2,4,6');
  expect(csv.every((line) => line.split(',').length === 9)).toBe(true);
});
