import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { heading } from './heading';
import type { ClosedForm } from '../tune/closedForm';
import type { LrTrial } from '../tune/tune';
import { logAxis } from './logAxis';

/** The same size as Loss.png and Compare.png. */
export const SENSITIVITY_CHART_SIZE = { width: 1200, height: 900 };

export interface SensitivityLine {
  /** The optimizer, as --optimizer names it. */
  label: string;
  colour: string;
  trials: readonly LrTrial[];
  bestLr: number | null;
  closedForm: ClosedForm | null;
}

export interface SensitivityChartOptions {
  title: string;
  lines: readonly SensitivityLine[];
  /** L*: the y axis is the mean final gap L − L*. */
  minimum: number;
  note: string[];
}

/** Where on the y axis the values that a log axis cannot hold go: diverged at the top, exactly L* at the bottom. */
export function sensitivityBounds(lines: readonly SensitivityLine[]): { floor: number; ceiling: number } {
  const gaps = lines
    .flatMap((line) => line.trials.map((t) => t.meanGap))
    .filter((g): g is number => g !== null && g > 0);
  if (gaps.length === 0) return { floor: 1e-1, ceiling: 1e1 };
  const low = Math.min(...gaps);
  const high = Math.max(...gaps);
  // A decade beyond the finite values each way, so the markers sit clear of the lines.
  return { floor: 10 ** (Math.floor(Math.log10(low)) - 1), ceiling: 10 ** (Math.ceil(Math.log10(high)) + 1) };
}

type Dataset = ChartDataset<'scatter', Array<{ x: number; y: number }>>;

/** Datasets no legend entry is wanted for carry this prefix; the legend shows one shared entry per marker instead. */
const UNLISTED = '\u200b';

/**
 * Sensitivity.png: each optimizer's mean final loss (as the gap L − L*) against its learning rate,
 * log–log, one line per optimizer through every lr the search tried; its best ringed; lrs where a
 * start diverged as × at the top edge (they have no loss to draw), lrs that reached L* to the
 * last bit as ▼ at the bottom edge; and where the best lr is known in closed form, a dashed
 * vertical line there.
 */
export function sensitivityChartConfig({
  title,
  lines,
  minimum,
  note,
}: SensitivityChartOptions): ChartConfiguration<'scatter'> {
  const { floor, ceiling } = sensitivityBounds(lines);
  const datasets: Dataset[] = [];
  for (const line of lines) {
    datasets.push({
      label: line.label,
      data: line.trials.filter((t) => t.meanGap !== null && t.meanGap > 0).map((t) => ({ x: t.lr, y: t.meanGap ?? 0 })),
      showLine: true,
      borderColor: line.colour,
      backgroundColor: line.colour,
      borderWidth: 2.5,
      pointRadius: 3.5,
      order: 2,
    });
    const diverged = line.trials.filter((t) => t.diverged);
    if (diverged.length > 0)
      datasets.push({
        label: `${UNLISTED}${line.label} diverged`,
        data: diverged.map((t) => ({ x: t.lr, y: ceiling })),
        pointStyle: 'crossRot',
        pointRadius: 9,
        borderWidth: 3,
        borderColor: line.colour,
        backgroundColor: line.colour,
        order: 1,
      });
    const exact = line.trials.filter((t) => t.meanGap === 0);
    if (exact.length > 0)
      datasets.push({
        label: `${UNLISTED}${line.label} at L*`,
        data: exact.map((t) => ({ x: t.lr, y: floor })),
        pointStyle: 'triangle',
        pointRotation: 180,
        pointRadius: 9,
        borderColor: line.colour,
        backgroundColor: line.colour,
        order: 1,
      });
    const best = line.trials.find((t) => t.lr === line.bestLr);
    if (best)
      datasets.push({
        label: `${UNLISTED}${line.label} best`,
        data: [{ x: best.lr, y: best.meanGap !== null && best.meanGap > 0 ? best.meanGap : floor }],
        pointStyle: 'circle',
        pointRadius: 14,
        borderWidth: 4,
        borderColor: line.colour,
        backgroundColor: 'rgba(255, 255, 255, 0)',
        order: 0,
      });
    if (line.closedForm)
      datasets.push({
        label: `closed form for ${line.label}: lr* = ${line.closedForm.lr}`,
        data: [
          { x: line.closedForm.lr, y: floor },
          { x: line.closedForm.lr, y: ceiling },
        ],
        showLine: true,
        borderColor: '#111',
        backgroundColor: '#111',
        borderDash: [10, 7],
        borderWidth: 2,
        pointRadius: 0,
        order: 3,
      });
  }
  // One legend entry per kind of marker, in black.
  const markers: Array<[string, Partial<Dataset>]> = [
    ['best lr (ringed)', { pointStyle: 'circle', borderWidth: 3, backgroundColor: 'rgba(255, 255, 255, 0)' }],
    ['a start diverged (top edge)', { pointStyle: 'crossRot', borderWidth: 3 }],
  ];
  if (lines.some((line) => line.trials.some((t) => t.meanGap === 0)))
    markers.push(['reached L* exactly (bottom edge)', { pointStyle: 'triangle', pointRotation: 180 }]);
  for (const [label, style] of markers)
    datasets.push({
      label,
      data: [],
      borderColor: '#111',
      backgroundColor: '#111',
      pointRadius: 8,
      order: 9,
      ...style,
    });
  const yTitle =
    minimum === 0
      ? 'Final loss (mean over the starts)'
      : `Final loss − L* (mean over the starts; L* = ${minimum.toPrecision(5)})`;
  return {
    type: 'scatter',
    data: { datasets },
    options: {
      animation: false,
      responsive: false,
      layout: { padding: 18 },
      plugins: {
        ...heading(title, note),
        legend: {
          position: 'top',
          labels: {
            font: { size: 17 },
            usePointStyle: true,
            padding: 16,
            filter: (item) => !(item.text ?? '').startsWith(UNLISTED),
            sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
          },
        },
      },
      scales: {
        x: (() => {
          const axis = logAxis('Learning rate', 20, 16);
          return { ...axis, position: 'bottom', ticks: { ...axis.ticks, maxRotation: 0 } };
        })(),
        y: { ...logAxis(yTitle, 20, 16), min: floor, max: ceiling },
      },
    },
  };
}
