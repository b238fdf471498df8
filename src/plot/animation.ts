import { createCanvas, loadImage, type CanvasRenderingContext2D } from 'canvas';
import { applyPalette, GIFEncoder, nearestColorIndex, quantize } from 'gifenc';
import { CHART_FONT_FAMILY, renderChartPng } from './chartCanvas';
import { TRAJECTORY_CHART_SIZE, trajectoryChartConfig, type TrajectoryChartOptions } from './trajectoryChart';

/**
 * Trajectory.gif: the paths of Trajectory.png growing step by step over the same contour bands,
 * with an iteration counter. The chart (bands, axes, legend, start, minima) is drawn once by
 * Chart.js without the paths; each frame copies it and draws every path up to that frame's step
 * with the canvas API, in the chart's own coordinates.
 *
 * Size: at most MAX_FRAMES frames (steps sampled evenly when there are more), at GIF_SCALE of the
 * PNG's size, one palette for all frames (quantized from the last, which holds every colour), and
 * every frame after the first stores only the pixels that changed (the rest transparent, drawn
 * over the previous frame): a path adds a few hundred pixels a frame, so frames cost a few
 * hundred bytes each (docs/performance.md).
 */
export const MAX_FRAMES = 150;
export const GIF_SCALE = 0.6;
const FRAME_DELAY_MS = 60;
const LAST_FRAME_DELAY_MS = 2500;

/** What the animation draws: the chart's options and each path's points with their steps (0 is x⁰). */
export interface AnimationScene {
  options: TrajectoryChartOptions;
  steps: ReadonlyArray<ReadonlyArray<{ step: number; point: readonly [number, number] }>>;
}

export interface AnimationFrames {
  width: number;
  height: number;
  count: number;
  /** The last step each frame shows. */
  stepOf(frame: number): number;
  /** Draws one frame and returns its RGBA pixels. */
  draw(frame: number): Uint8ClampedArray;
}

/** Which step frame f of `count` shows, for `total` steps: evenly spaced, the first x⁰ and the last the end. */
export function frameStep(frame: number, count: number, total: number): number {
  return count <= 1 ? total : Math.round((frame * total) / (count - 1));
}

export async function animationFrames(scene: AnimationScene): Promise<AnimationFrames> {
  const { options } = scene;
  const bare = trajectoryChartConfig({
    ...options,
    paths: options.paths.map((path) => ({ ...path, points: [] })),
    note: options.note.map((line) =>
      line.replace('◆ where each run ended', '● where each run is at the iteration shown'),
    ),
  });
  const { png, geometry } = await renderChartPng(TRAJECTORY_CHART_SIZE, bare);
  const width = Math.round(TRAJECTORY_CHART_SIZE.width * GIF_SCALE);
  const height = Math.round(TRAJECTORY_CHART_SIZE.height * GIF_SCALE);
  // Scaled once: every frame starts from a copy of it.
  const background = createCanvas(width, height);
  background.getContext('2d').drawImage(await loadImage(png), 0, 0, width, height);
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  const area = {
    left: geometry.chartArea.left * GIF_SCALE,
    right: geometry.chartArea.right * GIF_SCALE,
    top: geometry.chartArea.top * GIF_SCALE,
    bottom: geometry.chartArea.bottom * GIF_SCALE,
  };
  const { window } = options;
  // The chart's axes run exactly from the window's min to its max (pinned), so pixels are linear in data.
  const toPixel = ([x, y]: readonly [number, number]): [number, number] => [
    area.left + ((x - window.xMin) / (window.xMax - window.xMin)) * (area.right - area.left),
    area.bottom - ((y - window.yMin) / (window.yMax - window.yMin)) * (area.bottom - area.top),
  ];
  const total = Math.max(0, ...scene.steps.map((path) => path[path.length - 1]?.step ?? 0));
  const count = Math.min(MAX_FRAMES, total + 1);
  const stepOf = (frame: number): number => frameStep(frame, count, total);
  const draw = (frame: number): Uint8ClampedArray => {
    const step = stepOf(frame);
    context.drawImage(background, 0, 0);
    context.save();
    context.beginPath();
    context.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
    context.clip();
    scene.steps.forEach((path, i) => drawPath(context, path, step, options.paths[i].colour, toPixel));
    context.restore();
    drawCounter(context, `iteration ${step} of ${total}`, area);
    const { data } = context.getImageData(0, 0, width, height);
    // A view made here: canvas's pixels may come from another realm (jest's), where gifenc's instanceof fails.
    return new Uint8ClampedArray(data.buffer, data.byteOffset, data.length);
  };
  return { width, height, count, stepOf, draw };
}

function drawPath(
  context: CanvasRenderingContext2D,
  path: AnimationScene['steps'][number],
  step: number,
  colour: string,
  toPixel: (point: readonly [number, number]) => [number, number],
): void {
  const shown = path.filter((p) => p.step <= step).map((p) => toPixel(p.point));
  if (shown.length === 0) return;
  context.strokeStyle = colour;
  context.fillStyle = colour;
  context.lineWidth = 2;
  context.lineJoin = 'round';
  context.beginPath();
  shown.forEach(([x, y], k) => (k === 0 ? context.moveTo(x, y) : context.lineTo(x, y)));
  context.stroke();
  for (const [x, y] of shown) {
    context.beginPath();
    context.arc(x, y, 1.6, 0, 2 * Math.PI);
    context.fill();
  }
  // Where the run is now: a ringed disc.
  const [hx, hy] = shown[shown.length - 1];
  context.beginPath();
  context.arc(hx, hy, 6, 0, 2 * Math.PI);
  context.fill();
  context.lineWidth = 1.5;
  context.strokeStyle = '#111';
  context.stroke();
}

function drawCounter(context: CanvasRenderingContext2D, text: string, area: { left: number; top: number }): void {
  context.font = `bold 17px "${CHART_FONT_FAMILY}"`;
  const padding = 6;
  const textWidth = context.measureText(text).width;
  const [x, y] = [area.left + 10, area.top + 10];
  context.fillStyle = 'rgba(255, 255, 255, 0.92)';
  context.fillRect(x, y, textWidth + 2 * padding, 17 + 2 * padding);
  context.fillStyle = '#111';
  context.textBaseline = 'top';
  context.fillText(text, x + padding, y + padding + 1);
}

/** Trajectory.gif's bytes, and how many frames it holds. */
export async function trajectoryGif(scene: AnimationScene): Promise<{ gif: Buffer; frames: number }> {
  const frames = await animationFrames(scene);
  const palette = quantize(frames.draw(frames.count - 1), 255);
  // One index beyond the palette's colours marks "unchanged": transparent, so the previous frame shows.
  const transparentIndex = palette.length;
  const fullPalette = [...palette, [255, 0, 255]];
  // Changed pixels are few, and few colours: each colour's palette index is looked up once.
  const indexOf = new Map<number, number>();
  const lookup = (rgba: Uint8ClampedArray, pixel: number, key: number): number => {
    let index = indexOf.get(key);
    if (index === undefined) {
      index = nearestColorIndex(palette, [rgba[4 * pixel], rgba[4 * pixel + 1], rgba[4 * pixel + 2]]);
      indexOf.set(key, index);
    }
    return index;
  };
  const encoder = GIFEncoder();
  const first = frames.draw(0);
  const shown = new Uint32Array(Uint8ClampedArray.from(first).buffer);
  const delayOf = (f: number): number => (f === frames.count - 1 ? LAST_FRAME_DELAY_MS : FRAME_DELAY_MS);
  encoder.writeFrame(applyPalette(first, palette), frames.width, frames.height, {
    palette: fullPalette,
    delay: delayOf(0),
    repeat: 0,
  });
  for (let f = 1; f < frames.count; f++) {
    const rgba = frames.draw(f);
    const pixels = new Uint32Array(rgba.buffer, rgba.byteOffset, rgba.length / 4);
    const delta = new Uint8Array(pixels.length).fill(transparentIndex);
    for (let i = 0; i < pixels.length; i++) {
      if (pixels[i] === shown[i]) continue;
      delta[i] = lookup(rgba, i, pixels[i]);
      shown[i] = pixels[i];
    }
    // dispose 1: leave this frame in place; the next one draws over it.
    encoder.writeFrame(delta, frames.width, frames.height, {
      delay: delayOf(f),
      transparent: true,
      transparentIndex,
      dispose: 1,
    });
  }
  encoder.finish();
  return { gif: Buffer.from(encoder.bytes()), frames: frames.count };
}
