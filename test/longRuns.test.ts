import { jsonText } from '../src/format/jsonText';
import { historiesCsv } from '../src/format/csv';
import { trajectoryPaths } from '../src/output';
import { OBJECTIVES } from '../src/objectives/registry';
import { MAX_CURVE_POINTS, MAX_PATH_POINTS } from '../src/plot/decimate';
import { lossChartConfig } from '../src/plot/lossChart';
import { trajectoryWindow } from '../src/plot/surface';
import type { RunHistory } from '../src/run/history';
import { manualTrainer } from '../src/run/manualTrainer';
import { runTrainer } from '../src/run/runner';
import type { TrainResult } from '../src/train';
import { configsFrom } from './helpers';

/**
 * `--optimizer all --objective rosenbrock --iterations 100000`, the chart inputs only: each
 * optimizer's Float64 run stands in for its TF.js run (the charts draw `runs.tfjs`), so the test
 * needs no TF.js and no canvas, and every path and curve is 100 000 steps long.
 */
const ITERATIONS = 100_000;
let results: TrainResult[];

beforeAll(async () => {
  const configs = configsFrom(
    '--optimizer',
    'all',
    '--objective',
    'rosenbrock',
    '--lr',
    '0.0005',
    '--iterations',
    String(ITERATIONS),
  );
  results = [];
  for (const config of configs) {
    const history: RunHistory = await runTrainer(
      manualTrainer(OBJECTIVES.rosenbrock, config.optimizer.manualRule('float64'), config.x0, 'float64'),
      ITERATIONS,
    );
    const runs = { manual: history, tfjs: history, manual32: history, pytorch: history };
    results.push({ config, backend: 'cpu', backendDescription: '', runs } as unknown as TrainResult);
  }
}, 60_000);

test('the runs are whole: 100 000 rows each, nothing cut', () => {
  const lengths = results.map((r) => r.runs.tfjs.rows.length);
  expect(lengths.filter((n) => n === ITERATIONS).length).toBeGreaterThanOrEqual(5);
  expect(lengths.reduce((a, b) => a + b, 0)).toBeGreaterThan(130_000);
});

test('Compare.png: every curve drawn through at most a few thousand points, first, last and extremes kept', () => {
  const config = lossChartConfig({
    title: 'Rosenbrock',
    logScale: true,
    curves: results.map((r) => ({
      label: r.config.optimizer.definition.name,
      history: r.runs.tfjs,
      colour: '#000',
      dashed: false,
    })),
  });
  config.data.datasets.forEach((dataset, i) => {
    const rows = results[i].runs.tfjs.rows.filter((row) => row.loss > 0);
    const drawn = dataset.data as Array<{ x: number; y: number }>;
    expect(drawn.length).toBeLessThanOrEqual(MAX_CURVE_POINTS + 2);
    expect(drawn[0]).toEqual({ x: rows[0].iteration, y: rows[0].loss });
    expect(drawn[drawn.length - 1].x).toBe(rows[rows.length - 1].iteration);
    let lowest = Infinity;
    for (const row of rows) lowest = Math.min(lowest, row.loss);
    expect(Math.min(...drawn.map((p) => p.y))).toBe(lowest);
  });
});

test('Trajectory.png: paths of at most MAX_PATH_POINTS points, and a window from all of them', () => {
  const paths = trajectoryPaths(results);
  for (const [i, path] of paths.entries()) {
    const rows = results[i].runs.tfjs.rows;
    expect(path.points.length).toBeLessThanOrEqual(MAX_PATH_POINTS);
    expect(path.points[0]).toEqual([rows[0].x[0], rows[0].x[1]]);
  }
  const { window } = trajectoryWindow(
    paths.map((p) => p.points),
    [
      [-1.5, 2],
      [1, 1],
    ],
  );
  expect(window.xMin).toBeLessThan(-1.5);
  expect(window.xMax).toBeGreaterThan(1);
});

test('the JSON and the CSV come in pieces, whatever the length', () => {
  const longest = results.find((r) => r.runs.tfjs.rows.length === ITERATIONS);
  const pieces = jsonText({ rows: longest?.runs.tfjs.rows });
  expect(pieces.length).toBeGreaterThan(100);
  expect((JSON.parse(pieces.join('')) as { rows: unknown[] }).rows).toHaveLength(ITERATIONS);
  expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(70_000);
  const csv = historiesCsv([{ run: 'tfjs', history: longest!.runs.tfjs }]);
  expect(csv.length).toBe(ITERATIONS / 1000 + 1);
  expect(csv.join('').split('\n').length - 2).toBe(ITERATIONS);
});
