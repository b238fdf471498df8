import { loadImage, createCanvas } from 'canvas';
import { renderChartPng } from '../src/plot/chartCanvas';
import { LOSS_CHART_SIZE, lossChartConfig } from '../src/plot/lossChart';
import { train } from '../src/train';
import { configFrom } from './helpers';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

test('Loss.png: a PNG of at least 1200×900, not blank, with the red TF.js line and the dashed blue one', async () => {
  const result = await train(configFrom('--backend', 'cpu'));
  const { png } = await renderChartPng(
    LOSS_CHART_SIZE,
    lossChartConfig({
      title: 'SGD',
      logScale: false,
      curves: [
        { label: 'TF.js', history: result.runs.tfjs, colour: '#d62728', dashed: false },
        { label: 'manual', history: result.runs.manual, colour: '#1f3b99', dashed: true },
      ],
    }),
  );
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);

  const image = await loadImage(png);
  expect(image.width).toBeGreaterThanOrEqual(1200);
  expect(image.height).toBeGreaterThanOrEqual(900);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(0, 0, image.width, image.height);

  let white = 0;
  let red = 0;
  let blue = 0;
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
    if (r > 245 && g > 245 && b > 245) white++;
    if (r > 180 && g < 80 && b < 80) red++;
    if (b > 120 && r < 80 && g < 90) blue++;
  }
  const pixels = data.length / 4;
  expect(white / pixels).toBeGreaterThan(0.5); // white background
  expect(white / pixels).toBeLessThan(0.995); // something is drawn
  expect(red).toBeGreaterThan(500);
  expect(blue).toBeGreaterThan(500);
});
