import { createCanvas, loadImage } from 'canvas';
import { lossPng } from '../src/output';
import { sgd } from '../src/optimizers/sgd';
import { MANUAL_COLOUR } from '../src/plot/colours';
import { train } from '../src/train';
import { configFrom } from './helpers';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const rgb = (hex: string): [number, number, number] =>
  [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

test("Loss.png as the CLI draws it: at least 1200×900, white, TF.js in SGD's red and the Float64 loop in the manual colour", async () => {
  const result = await train(configFrom('--backend', 'cpu'));
  const { name, png } = await lossPng([result]);
  expect(name).toBe('Loss.png');
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);

  const image = await loadImage(png);
  expect(image.width).toBeGreaterThanOrEqual(1200);
  expect(image.height).toBeGreaterThanOrEqual(900);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(0, 0, image.width, image.height);

  const colours = { tfjs: rgb(sgd.colour), manual: rgb(MANUAL_COLOUR) };
  const counts = { white: 0, tfjs: 0, manual: 0 };
  const near = (i: number, [r, g, b]: [number, number, number]): boolean =>
    Math.abs(data[i] - r) <= 12 && Math.abs(data[i + 1] - g) <= 12 && Math.abs(data[i + 2] - b) <= 12;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] > 245 && data[i + 1] > 245 && data[i + 2] > 245) counts.white++;
    if (near(i, colours.tfjs)) counts.tfjs++;
    if (near(i, colours.manual)) counts.manual++;
  }
  const pixels = data.length / 4;
  expect(counts.white / pixels).toBeGreaterThan(0.5); // white background
  expect(counts.white / pixels).toBeLessThan(0.995); // something is drawn
  expect(counts.tfjs).toBeGreaterThan(500);
  expect(counts.manual).toBeGreaterThan(500);
});
