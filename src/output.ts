import { join } from 'node:path';
import { RUN_NAMES, type TrainConfig } from './config';
import { historiesCsv } from './format/csv';
import { jsonText } from './format/jsonText';
import type { OutputData, OutputRequest } from './io/outputs';
import { maxOf } from './math/extremes';
import { OBJECTIVES } from './objectives/registry';
import { chartAreaOf, renderChartPng, type ChartGeometry } from './plot/chartCanvas';
import { MANUAL_COLOUR } from './plot/colours';
import { decimatePath, MAX_PATH_POINTS } from './plot/decimate';
import { LOSS_CHART_SIZE, lossChartConfig } from './plot/lossChart';
import { contourBands, equalScale, trajectoryWindow } from './plot/surface';
import { TRAJECTORY_CHART_SIZE, trajectoryChartConfig, type TrajectoryPath } from './plot/trajectoryChart';
import { compareJson, trainJson } from './report/json';
import type { TrainResult } from './train';

function optimizerTitle(result: TrainResult): string {
  return `${result.config.optimizer.definition.title}, lr = ${result.config.optimizer.lr}`;
}

export function lossChartTitle(result: TrainResult): string {
  return `${optimizerTitle(result)}: L = ${OBJECTIVES[result.config.objective].formula}`;
}

const COMPARE_NOTE = [
  'Each optimizer: the same objective, start and number of iterations, its own hyperparameters (the same lr for all unless given).',
  'Not a verdict on which optimizer is better: each would do better with a learning rate tuned for it.',
];

/** What each file of a training holds. */
export type OutputRole = 'loss' | 'trajectory' | 'json' | 'csv';

/**
 * Every file a training writes, by what it is, and the folder of its charts: decided by the
 * configs alone, before anything runs.
 */
export function trainOutputRequests(configs: readonly TrainConfig[]): {
  files: Array<{ role: OutputRole; request: OutputRequest }>;
  folder: OutputRequest;
} {
  const { outDir, jsonPath, csvPath, x0, trajectory } = configs[0];
  const files: Array<{ role: OutputRole; request: OutputRequest }> = [
    { role: 'loss', request: { flag: '--out', path: join(outDir, configs.length === 1 ? 'Loss.png' : 'Compare.png') } },
  ];
  // A comparison always draws the paths; one optimizer only when asked (see docs/performance.md).
  if (x0.length === 2 && (configs.length > 1 || trajectory)) {
    files.push({ role: 'trajectory', request: { flag: '--out', path: join(outDir, 'Trajectory.png') } });
  }
  if (jsonPath !== null) files.push({ role: 'json', request: { flag: '--json', path: jsonPath } });
  if (csvPath !== null) files.push({ role: 'csv', request: { flag: '--csv', path: csvPath } });
  return { files, folder: { flag: '--out', path: outDir } };
}

export async function lossPng(results: readonly TrainResult[]): Promise<{ name: string; png: Buffer }> {
  if (results.length === 1) {
    const [result] = results;
    const { png } = await renderChartPng(
      LOSS_CHART_SIZE,
      lossChartConfig({
        title: lossChartTitle(result),
        logScale: result.config.logScale,
        curves: [
          {
            label: `TF.js (float32, ${result.backend})`,
            history: result.runs.tfjs,
            colour: result.config.optimizer.definition.colour,
            dashed: false,
          },
          { label: 'manual (Float64Array)', history: result.runs.manual, colour: MANUAL_COLOUR, dashed: true },
        ],
        lrCurves: [{ label: 'learning rate', history: result.runs.tfjs, colour: MANUAL_COLOUR }],
      }),
    );
    return { name: 'Loss.png', png };
  }
  const { png } = await renderChartPng(
    LOSS_CHART_SIZE,
    lossChartConfig({
      title: `Loss on ${OBJECTIVES[results[0].config.objective].name} (TF.js runs, log scale)`,
      logScale: true,
      note: COMPARE_NOTE,
      curves: results.map((r) => ({
        label: optimizerTitle(r),
        history: r.runs.tfjs,
        colour: r.config.optimizer.definition.colour,
        dashed: false,
      })),
      lrCurves: results.map((r) => ({
        label: `${r.config.optimizer.definition.name} lr`,
        history: r.runs.tfjs,
        colour: r.config.optimizer.definition.colour,
      })),
    }),
  );
  return { name: 'Compare.png', png };
}

/** Each TF.js run's path in the plane, thinned to what a chart can draw (start and end kept). */
export function trajectoryPaths(results: readonly TrainResult[]): TrajectoryPath[] {
  return results.map((r) => {
    const { rows, diverged, finalX } = r.runs.tfjs;
    const points = rows.map((row): [number, number] => [row.x[0], row.x[1]]);
    if (!diverged) points.push([finalX[0], finalX[1]]);
    return {
      label: `${optimizerTitle(r)} (TF.js)`,
      colour: r.config.optimizer.definition.colour,
      points: decimatePath(points),
    };
  });
}

/**
 * Trajectory.png for 2-D problems: the TF.js paths over the loss surface. The geometry gives the
 * start's pixel and the scales, for checks.
 */
export async function trajectoryPng(
  results: readonly TrainResult[],
): Promise<{ png: Buffer; geometry: ChartGeometry }> {
  const objective = OBJECTIVES[results[0].config.objective];
  const start = results[0].config.x0 as [number, number];
  const minima = objective.minima(2).map(([x, y]) => [x, y] as [number, number]);
  const paths = trajectoryPaths(results);
  const { window: fitted, clipped } = trajectoryWindow(
    paths.map((p) => p.points),
    [start, ...minima],
  );
  const note = [`Contours of L = ${objective.formula} at log-spaced levels; ◆ where each run ended.`];
  const longest = maxOf(
    results.map((r) => r.runs.tfjs.rows.length),
    0,
  );
  if (longest > MAX_PATH_POINTS)
    note.push(`Paths of ${longest} steps drawn through ${MAX_PATH_POINTS} evenly spaced points each.`);
  if (clipped)
    note.push(
      'Some paths run far outside this window (divergence); it is capped at 20× the extent of the start and the minima.',
    );
  const title =
    results.length === 1
      ? `${optimizerTitle(results[0])}: path over the loss surface`
      : `Paths over the loss surface of ${objective.name}`;
  const options = { title, paths, start, minima, note };
  // Lay out once to learn the plot area (axis sizes are pinned, so it does not move), then draw
  // with x₁ and x₂ at one scale.
  const area = chartAreaOf(TRAJECTORY_CHART_SIZE, trajectoryChartConfig({ ...options, window: fitted, bands: [] }));
  const window = equalScale(fitted, area.right - area.left, area.bottom - area.top);
  const bands = contourBands((x, y) => objective.value(Float64Array.of(x, y)), window);
  return renderChartPng(TRAJECTORY_CHART_SIZE, trajectoryChartConfig({ ...options, window, bands }), [
    { x: start[0], y: start[1] },
  ]);
}

/**
 * The bytes of every output a training asked for: Loss.png (one optimizer) or Compare.png
 * (several), Trajectory.png, the JSON and the CSV. Writes nothing.
 */
export async function renderTrainOutputs(
  results: readonly TrainResult[],
  roles: ReadonlySet<OutputRole>,
): Promise<Map<OutputRole, OutputData>> {
  const rendered = new Map<OutputRole, OutputData>();
  // Both charts at once: canvas encodes PNGs on libuv's thread pool, so one chart's encoding
  // overlaps the other's drawing.
  const [loss, trajectory] = await Promise.all([
    roles.has('loss') ? lossPng(results) : null,
    roles.has('trajectory') ? trajectoryPng(results) : null,
  ]);
  if (loss) rendered.set('loss', loss.png);
  if (trajectory) rendered.set('trajectory', trajectory.png);
  if (roles.has('json'))
    rendered.set('json', jsonText(results.length === 1 ? trainJson(results[0]) : compareJson(results)));
  if (roles.has('csv')) {
    const runs = results.flatMap((r) =>
      RUN_NAMES.map((name) => ({
        run: results.length === 1 ? name : `${r.config.optimizer.definition.name}/${name}`,
        history: r.runs[name],
      })),
    );
    rendered.set('csv', historiesCsv(runs, results[0].config.scheduler !== null));
  }
  return rendered;
}
