import type { ChartConfiguration } from 'chart.js';
import type { RunHistory } from '../run/history';

export const LOSS_CHART_SIZE = { width: 1600, height: 1200 };

export interface LossCurve {
  label: string;
  history: RunHistory;
  colour: string;
  dashed: boolean;
}

/**
 * Loss against iteration, as the original's Loss.png: the TF.js run as a red solid line (the
 * original's `color='red', ls='-'`), the Float64 run dashed over it so both stay visible where
 * they coincide. Only finite rows are drawn; a diverged run simply ends.
 */
export function lossChartConfig(title: string, curves: readonly LossCurve[]): ChartConfiguration {
  return {
    type: 'line',
    data: {
      datasets: curves.map((curve) => ({
        label: curve.label,
        data: curve.history.rows.map((row) => ({ x: row.iteration, y: row.loss })),
        borderColor: curve.colour,
        backgroundColor: curve.colour,
        borderWidth: curve.dashed ? 3 : 4,
        borderDash: curve.dashed ? [14, 10] : [],
        pointRadius: 0,
        tension: 0,
        // Chart.js paints lower `order` last: the dashed curve goes on top of the solid one.
        order: curve.dashed ? 0 : 1,
      })),
    },
    options: {
      animation: false,
      responsive: false,
      layout: { padding: 24 },
      plugins: {
        title: { display: true, text: title, font: { size: 30, weight: 'bold' }, padding: { bottom: 20 } },
        legend: { position: 'top', labels: { font: { size: 24 }, boxWidth: 70, boxHeight: 4, padding: 24 } },
      },
      scales: {
        x: {
          type: 'linear',
          title: { display: true, text: 'Iteration', font: { size: 26 } },
          ticks: { font: { size: 20 }, precision: 0 },
        },
        y: {
          type: 'linear',
          title: { display: true, text: 'Loss', font: { size: 26 } },
          ticks: { font: { size: 20 } },
        },
      },
    },
  };
}
