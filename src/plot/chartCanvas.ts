import { join, dirname } from 'node:path';
import type { ChartConfiguration } from 'chart.js';
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

export interface ChartSize {
  width: number;
  height: number;
}

/** Renders one Chart.js configuration to PNG bytes on a white background. */
export async function renderChartPng(size: ChartSize, configuration: ChartConfiguration): Promise<Buffer> {
  const canvas = new ChartJSNodeCanvas({
    ...size,
    backgroundColour: 'white',
    chartCallback: (ChartJS) => {
      ChartJS.defaults.font.family = CHART_FONT_FAMILY;
      ChartJS.defaults.color = '#222';
    },
  });
  canvas.registerFont(fontFile('DejaVuSans.ttf'), { family: CHART_FONT_FAMILY });
  canvas.registerFont(fontFile('DejaVuSans-Bold.ttf'), { family: CHART_FONT_FAMILY, weight: 'bold' });
  return canvas.renderToBuffer(configuration, 'image/png');
}
