import type { ChartConfiguration } from 'chart.js';
import { heading } from './heading';
import type { RunHistory } from '../run/history';
import { decimateCurve } from './decimate';
import { logAxis, positivePoints } from './logAxis';

/** 1200×900: large enough to read, small enough to encode quickly (docs/performance.md). */
export const LOSS_CHART_SIZE = { width: 1200, height: 900 };

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
  /**
   * Each run's learning rate, drawn thin and dotted on a second axis at the right: only where it
   * changes during the run (a schedule).
   */
  lrCurves?: ReadonlyArray<{ label: string; history: RunHistory; colour: string }>;
  /**
   * L*, the objective's minimum value (objective.minimumValue(dim)): a log axis draws the gap
   * L − L*, which only reaches 0 at the minimum (styblinski-tang's L* is −39.17·n, so its losses
   * are negative; goldstein-price's is 3). Linear axes draw L itself. Default 0.
   */
  minimum?: number;
}

/** A loss for the axis title: as short as it reads exactly enough (−78.33, 3). */
function formatMinimum(value: number): string {
  return String(Number(value.toPrecision(5))).replace('-', '−');
}

/** Whether any run's learning rate changes from row to row. */
export function lrChanges(histories: readonly RunHistory[]): boolean {
  return histories.some((history) => history.rows.some((row) => row.lr !== history.rows[0].lr));
}

/**
 * Loss against iteration. Loss.png follows the original: the TF.js run as a solid line (red for
 * SGD, the original's `color='red', ls='-'`), the Float64 run dashed over it so both stay visible
 * where they coincide. Compare.png draws one solid line per optimizer. Only finite rows are drawn:
 * a diverged run simply ends. On a log axis exact zeros cannot be drawn; they are left out and the
 * note under the chart says how many.
 */
export function lossChartConfig({
  title,
  curves,
  logScale,
  note = [],
  lrCurves = [],
  minimum = 0,
}: LossChartOptions): ChartConfiguration {
  let dropped = 0;
  // On a log axis: the gap to the minimum, where the minimum is not 0.
  const gap = logScale && minimum !== 0;
  const datasets = curves.map((curve) => {
    const all = curve.history.rows.map((row) => ({ x: row.iteration, y: gap ? row.loss - minimum : row.loss }));
    const drawn = logScale ? positivePoints(all) : { points: all, dropped: 0 };
    dropped += drawn.dropped;
    return {
      label: curve.label,
      data: decimateCurve(drawn.points),
      borderColor: curve.colour,
      backgroundColor: curve.colour,
      borderWidth: curve.dashed ? 2.5 : 3.5,
      borderDash: curve.dashed ? [11, 8] : [],
      pointRadius: 0,
      tension: 0,
      // Chart.js paints lower `order` last: dashed curves go on top of solid ones.
      order: curve.dashed ? 0 : 1,
    };
  });
  const showLr = lrChanges(lrCurves.map((c) => c.history));
  const lrDatasets = showLr
    ? lrCurves.map((curve) => ({
        label: curve.label,
        data: decimateCurve(curve.history.rows.map((row) => ({ x: row.iteration, y: row.lr }))),
        borderColor: curve.colour,
        backgroundColor: curve.colour,
        borderWidth: 2,
        borderDash: [3, 5],
        pointRadius: 0,
        // Constant within a step: the value at iteration i holds until the step that changes it. Chart.js's
        // 'before' draws the horizontal run first, then the jump at the next point.
        stepped: 'before' as const,
        yAxisID: 'lr',
        order: 2,
      }))
    : [];
  const notes = [...note];
  if (dropped > 0)
    notes.push(
      gap
        ? `${dropped} point${dropped === 1 ? '' : 's'} at L* (or below it by rounding) not drawn: a log scale has no 0.`
        : `${dropped} point${dropped === 1 ? '' : 's'} with a loss of exactly 0 not drawn: a log scale has no 0.`,
    );
  const lossTitle = gap ? `Loss − L*, the gap to the minimum L* = ${formatMinimum(minimum)}` : 'Loss';
  return {
    type: 'line',
    data: { datasets: [...datasets, ...lrDatasets] },
    options: {
      animation: false,
      responsive: false,
      layout: { padding: 18 },
      plugins: {
        ...heading(title, notes),
        legend: {
          position: 'top',
          labels: {
            font: { size: 18 },
            boxWidth: 54,
            boxHeight: 3,
            padding: 18,
            sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
          },
        },
      },
      scales: {
        x: {
          type: 'linear',
          title: { display: true, text: 'Iteration', font: { size: 20 } },
          ticks: { font: { size: 16 }, precision: 0 },
        },
        y: logScale
          ? logAxis(lossTitle, 20, 16)
          : {
              type: 'linear',
              title: { display: true, text: lossTitle, font: { size: 20 } },
              ticks: { font: { size: 16 } },
            },
        ...(showLr
          ? {
              lr: {
                type: 'linear' as const,
                position: 'right' as const,
                beginAtZero: true,
                title: { display: true, text: 'Learning rate (dotted)', font: { size: 20 } },
                ticks: { font: { size: 16 } },
                grid: { drawOnChartArea: false },
              },
            }
          : {}),
      },
    },
  };
}
