import type { ChartConfiguration } from 'chart.js';
import { heading, HEADING_1600 } from '../plot/heading';
import { logAxis } from '../plot/logAxis';
import type { BenchImpl } from './impls';
import type { BenchResult } from './measure';

export const BENCH_CHART_SIZE = { width: 1600, height: 1100 };

const IMPL_COLOURS: Record<BenchImpl, string> = {
  manual: '#1b1b3a',
  'tfjs-cpu': '#d62728',
  'tfjs-wasm': '#1f77b4',
  'tfjs-tensorflow': '#ff7f0e',
  'tfjs-wasm-adam': '#2ca02c',
  'torch-wasm-adam': '#17becf',
  'torch-wasm-adamw': '#0b3d91',
};

/** bench.png: ms per step against N on log-log axes, one line per implementation. */
export function benchChartConfig(results: readonly BenchResult[], note: string[]): ChartConfiguration {
  const impls = [...new Set(results.map((r) => r.impl))];
  const xAxis = logAxis('N (parameters)');
  return {
    type: 'line',
    data: {
      datasets: impls.map((impl) => ({
        label: impl,
        data: results.filter((r) => r.impl === impl).map((r) => ({ x: r.n, y: r.msPerStep })),
        borderColor: IMPL_COLOURS[impl],
        backgroundColor: IMPL_COLOURS[impl],
        borderWidth: 4,
        pointRadius: 7,
      })),
    },
    options: {
      animation: false,
      responsive: false,
      layout: { padding: 24 },
      plugins: {
        ...heading('One step on Σxᵢ²: milliseconds per step (SGD; Adam where named)', note, HEADING_1600),
        legend: { position: 'top', labels: { font: { size: 24 }, boxWidth: 60, boxHeight: 4, padding: 24 } },
      },
      scales: {
        x: { ...xAxis, position: 'bottom', ticks: { ...xAxis.ticks, maxRotation: 0 } } as typeof xAxis,
        y: logAxis('ms per step'),
      },
    },
  };
}
