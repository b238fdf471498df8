import type { Chart, ChartConfiguration, Plugin } from 'chart.js';
import { heading, HEADING_1600 } from './heading';
import { bandColour, type ContourBand, type PlaneWindow } from './surface';

export const TRAJECTORY_CHART_SIZE = { width: 1400, height: 1150 };

export interface TrajectoryPath {
  label: string;
  colour: string;
  points: ReadonlyArray<readonly [number, number]>;
}

export interface TrajectoryChartOptions {
  title: string;
  paths: readonly TrajectoryPath[];
  start: readonly [number, number];
  minima: ReadonlyArray<readonly [number, number]>;
  window: PlaneWindow;
  bands: readonly ContourBand[];
  note: string[];
}

/** Paints the contour bands under the datasets, clipped to the plot area. */
function surfacePlugin(bands: readonly ContourBand[]): Plugin {
  return {
    id: 'optimMirrorSurface',
    beforeDatasetsDraw(chart: Chart) {
      const { ctx, chartArea, scales } = chart;
      ctx.save();
      // Crisp band edges: anti-aliasing every boundary adds thousands of in-between colours that
      // nobody sees but that triple the PNG's size.
      (ctx as unknown as { antialias: string }).antialias = 'none';
      ctx.beginPath();
      ctx.rect(chartArea.left, chartArea.top, chartArea.right - chartArea.left, chartArea.bottom - chartArea.top);
      ctx.clip();
      ctx.fillStyle = bandColour(0, bands.length + 1);
      ctx.fillRect(chartArea.left, chartArea.top, chartArea.right - chartArea.left, chartArea.bottom - chartArea.top);
      bands.forEach((band, index) => {
        ctx.beginPath();
        for (const polygon of band.polygons) {
          for (const ring of polygon) {
            ring.forEach(([x, y], k) => {
              const px = scales.x.getPixelForValue(x);
              const py = scales.y.getPixelForValue(y);
              if (k === 0) ctx.moveTo(px, py);
              else ctx.lineTo(px, py);
            });
            ctx.closePath();
          }
        }
        ctx.fillStyle = bandColour(index + 1, bands.length + 1);
        ctx.fill('evenodd');
      });
      ctx.restore();
    },
  };
}

/**
 * Trajectory.png: each run's path over filled contour bands of the objective, the start and every
 * minimum marked, x₁ and x₂ at the same scale (the window is chosen for that; the axes' sizes are
 * pinned so the plot area does not depend on tick labels).
 */
export function trajectoryChartConfig(options: TrajectoryChartOptions): ChartConfiguration<'scatter'> {
  const { title, paths, start, minima, window, bands, note } = options;
  const pathDatasets = paths.map((path) => ({
    label: path.label,
    data: path.points.map(([x, y]) => ({ x, y })),
    showLine: true,
    borderColor: path.colour,
    backgroundColor: path.colour,
    borderWidth: 3,
    // A dot at every step (the point of the picture), a diamond at the end.
    pointRadius: path.points.map((_, k) => (k === path.points.length - 1 ? 11 : 2.5)),
    pointStyle: path.points.map((_, k) => (k === path.points.length - 1 ? 'rectRot' : 'circle')),
    pointBorderColor: path.points.map((_, k) => (k === path.points.length - 1 ? '#111' : path.colour)),
    pointBorderWidth: 1.5,
    order: 2,
  }));
  return {
    type: 'scatter',
    data: {
      datasets: [
        ...pathDatasets,
        {
          label: 'start x⁰',
          data: [{ x: start[0], y: start[1] }],
          pointRadius: 11,
          pointStyle: 'circle',
          backgroundColor: '#111',
          borderColor: '#fff',
          borderWidth: 2,
          order: 1,
        },
        {
          label: minima.length > 1 ? 'minima' : 'minimum',
          data: minima.map(([x, y]) => ({ x, y })),
          pointRadius: 16,
          pointStyle: 'star',
          borderColor: '#111',
          backgroundColor: '#111',
          borderWidth: 3,
          order: 0,
        },
      ],
    },
    options: {
      animation: false,
      responsive: false,
      layout: { padding: 24 },
      plugins: {
        ...heading(title, note, HEADING_1600),
        legend: {
          position: 'top',
          labels: {
            font: { size: 22 },
            usePointStyle: true,
            padding: 22,
            sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
          },
        },
      },
      scales: {
        x: {
          type: 'linear',
          min: window.xMin,
          max: window.xMax,
          title: { display: true, text: 'x₁', font: { size: 26 } },
          ticks: { font: { size: 20 }, includeBounds: false },
          afterFit: (scale) => {
            scale.height = 80;
          },
        },
        y: {
          type: 'linear',
          min: window.yMin,
          max: window.yMax,
          title: { display: true, text: 'x₂', font: { size: 26 } },
          ticks: { font: { size: 20 }, includeBounds: false },
          afterFit: (scale) => {
            scale.width = 110;
          },
        },
      },
    },
    plugins: [surfacePlugin(bands)],
  };
}
