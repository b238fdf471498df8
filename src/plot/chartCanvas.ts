import { dirname, join } from 'node:path';
import type { Chart, ChartConfiguration, Plugin } from 'chart.js';
import { createCanvas, registerFont } from 'canvas';
import { ChartJSNodeCanvas } from 'chartjs-node-canvas';

/**
 * Charts look the same on every machine: text is drawn in DejaVu Sans from the npm package
 * `dejavu-fonts-ttf`, registered under a family name no system font uses, so fontconfig never
 * substitutes whatever it happens to find.
 */
export const CHART_FONT_FAMILY = 'Optim Mirror Sans';

function fontFile(name: string): string {
  return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', name);
}

let fontsRegistered = false;

/** Registers the chart font with canvas once per process (fontconfig knows it from then on). */
function registerChartFonts(): void {
  if (fontsRegistered) return;
  registerFont(fontFile('DejaVuSans.ttf'), { family: CHART_FONT_FAMILY });
  registerFont(fontFile('DejaVuSans-Bold.ttf'), { family: CHART_FONT_FAMILY, weight: 'bold' });
  fontsRegistered = true;
}

export interface ChartSize {
  width: number;
  height: number;
}

/** Where things landed: the plot area, and data points converted to pixels by the chart's own scales. */
export interface ChartGeometry {
  chartArea: { left: number; top: number; right: number; bottom: number };
  /** Pixels per data unit along x and y (meaningful for linear scales). */
  pixelsPerUnit: { x: number; y: number };
  pixels: Array<{ x: number; y: number }>;
}

/**
 * Renders one Chart.js configuration to PNG bytes on a white background, and reports the
 * geometry (for points given in data units) so callers and tests can find what was drawn.
 */
export async function renderChartPng(
  size: ChartSize,
  configuration: ChartConfiguration,
  probe: ReadonlyArray<{ x: number; y: number }> = [],
): Promise<{ png: Buffer; geometry: ChartGeometry }> {
  let geometry: ChartGeometry | null = null;
  const measure: Plugin = {
    id: 'optimMirrorGeometry',
    afterRender(chart: Chart) {
      const { left, top, right, bottom } = chart.chartArea;
      const [xs, ys] = [chart.scales.x, chart.scales.y];
      geometry = {
        chartArea: { left, top, right, bottom },
        pixelsPerUnit: {
          x: Math.abs(xs.getPixelForValue(1) - xs.getPixelForValue(0)),
          y: Math.abs(ys.getPixelForValue(1) - ys.getPixelForValue(0)),
        },
        pixels: probe.map((p) => ({ x: xs.getPixelForValue(p.x), y: ys.getPixelForValue(p.y) })),
      };
    },
  };
  const canvas = new ChartJSNodeCanvas({
    ...size,
    backgroundColour: 'white',
    chartCallback: (ChartJS) => {
      ChartJS.defaults.font.family = CHART_FONT_FAMILY;
      ChartJS.defaults.color = '#222';
    },
  });
  registerChartFonts();
  const png = await canvas.renderToBuffer(
    { ...configuration, plugins: [...(configuration.plugins ?? []), measure] },
    'image/png',
  );
  if (!geometry) throw new Error('the chart did not render');
  return { png, geometry };
}

/**
 * Where the plot area of a chart would land, without drawing or encoding it: Chart.js lays the
 * chart out on a bare canvas, with the same font and defaults as `renderChartPng`.
 */
export function chartAreaOf(size: ChartSize, configuration: ChartConfiguration): ChartGeometry['chartArea'] {
  registerChartFonts();
  const { Chart } = require('chart.js/auto') as typeof import('chart.js/auto');
  Chart.defaults.font.family = CHART_FONT_FAMILY;
  const canvas = createCanvas(size.width, size.height);
  const chart = new Chart(canvas as unknown as HTMLCanvasElement, configuration);
  const { left, top, right, bottom } = chart.chartArea;
  chart.destroy();
  return { left, top, right, bottom };
}
