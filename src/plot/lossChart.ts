import type { ChartConfiguration } from 'chart.js';
import type { RunHistory } from '../run/history';
import { logAxis, positivePoints } from './logAxis';

export const LOSS_CHART_SIZE = { width: 1600, height: 1200 };

export interface LossCurve {
  label: string;
  history: RunHistory;
  colour: string;
  dashed: boolean;
}

export interface LossChartOptions {
  title: string;
  curves: readonly LossCurve[];
  logScale: boolean;
  /** Lines under the chart: what it shows and what it does not. */
  note?: string[];
}

/**
 * Loss against iteration. Loss.png follows the original: the TF.js run as a solid line (red for
 * SGD, the original's `color='red', ls='-'`), the Float64 run dashed over it so both stay visible
 * where they coincide. Compare.png draws one solid line per optimizer. Only finite rows are drawn:
 * a diverged run simply ends. On a log axis exact zeros cannot be drawn; they are left out and the
 * note under the chart says how many.
 */
export function lossChartConfig({ title, curves, logScale, note = [] }: LossChartOptions): ChartConfiguration {
  let dropped = 0;
  const datasets = curves.map((curve) => {
    const all = curve.history.rows.map((row) => ({ x: row.iteration, y: row.loss }));
    const drawn = logScale ? positivePoints(all) : { points: all, dropped: 0 };
    dropped += drawn.dropped;
    return {
      label: curve.label,
      data: drawn.points,
      borderColor: curve.colour,
      backgroundColor: curve.colour,
      borderWidth: curve.dashed ? 3 : 4,
      borderDash: curve.dashed ? [14, 10] : [],
      pointRadius: 0,
      tension: 0,
      // Chart.js paints lower `order` last: dashed curves go on top of solid ones.
      order: curve.dashed ? 0 : 1,
    };
  });
  const notes = [...note];
  if (dropped > 0) notes.push(`${dropped} point${dropped === 1 ? '' : 's'} with a loss of exactly 0 not drawn: a log scale has no 0.`);
  return {
    type: 'line',
    data: { datasets },
    options: {
      animation: false,
      responsive: false,
      layout: { padding: 24 },
      plugins: {
        title: { display: true, text: title, font: { size: 30, weight: 'bold' }, padding: { bottom: 20 } },
        subtitle: { display: notes.length > 0, text: notes, position: 'bottom', font: { size: 20 }, padding: { top: 24 } },
        legend: {
          position: 'top',
          labels: { font: { size: 24 }, boxWidth: 70, boxHeight: 4, padding: 24, sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0) },
        },
      },
      scales: {
        x: {
          type: 'linear',
          title: { display: true, text: 'Iteration', font: { size: 26 } },
          ticks: { font: { size: 20 }, precision: 0 },
        },
        y: logScale
          ? logAxis('Loss')
          : { type: 'linear', title: { display: true, text: 'Loss', font: { size: 26 } }, ticks: { font: { size: 20 } } },
      },
    },
  };
}
