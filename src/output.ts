import { join } from 'node:path';
import type { TrainConfig } from './config';
import { trainCsv } from './format/csv';
import { jsonText } from './format/jsonText';
import type { OutputData, OutputRequest } from './io/outputs';
import { maxOf } from './math/extremes';
import { OBJECTIVES } from './objectives/registry';
import { chartAreaOf, renderChartPng, type ChartGeometry } from './plot/chartCanvas';
import { MANUAL_COLOUR } from './plot/colours';
import { decimatePath, MAX_PATH_POINTS } from './plot/decimate';
import { trajectoryGif } from './plot/animation';
import { LOSS_CHART_SIZE, lossChartConfig } from './plot/lossChart';
import { SENSITIVITY_CHART_SIZE, sensitivityChartConfig } from './plot/sensitivityChart';
import { equalScale, landscapeWindow, LANDSCAPE_STRETCH, objectiveBands } from './plot/surface';
import {
  TRAJECTORY_CHART_SIZE,
  trajectoryChartConfig,
  type TrajectoryChartOptions,
  type TrajectoryPath,
} from './plot/trajectoryChart';
import { compareJson, trainJson } from './report/json';
import type { TrainResult } from './train';
import type { TuningRun } from './tune/tune';

function optimizerTitle(result: TrainResult): string {
  return `${result.config.optimizer.definition.title}, lr = ${result.config.optimizer.lr}`;
}

export function lossChartTitle(result: TrainResult): string {
  return `${optimizerTitle(result)}: L = ${OBJECTIVES[result.config.objective].formula}`;
}

const COMPARE_NOTE = [
  'Each optimizer: the same objective, start and number of iterations, its own hyperparameters (the same lr for all unless given).',
  'Not a verdict on which optimizer is better: each would do better with a learning rate tuned for it (--tune).',
];

/** Under a tuned comparison: what "best" meant, and what the picture still does not say. */
function tunedNote(tuning: TuningRun): string[] {
  return [
    `Each optimizer at its own best lr: the lowest mean final loss over ${tuning.starts} start${tuning.starts === 1 ? '' : 's'} among ${tuning.budget} lrs searched in [${tuning.range.join(', ')}] (Sensitivity.png).`,
    'A verdict for this objective, these starts and this many iterations only, every other hyperparameter at its default.',
  ];
}

/** What the noise was, for the notes under the charts. */
function noiseNote(config: TrainConfig): string[] {
  const noise = config.noise;
  return noise && noise.sigma > 0
    ? [
        `Stochastic gradients: Gaussian noise of σ = ${noise.sigma} added to every gradient (--seed ${noise.seed}, the same draws for every run).`,
      ]
    : [];
}

/** What each file of a training holds. */
export type OutputRole = 'loss' | 'trajectory' | 'animation' | 'sensitivity' | 'json' | 'csv';

/**
 * Every file a training writes, by what it is, and the folder of its charts: decided by the
 * configs alone, before anything runs.
 */
export function trainOutputRequests(configs: readonly TrainConfig[]): {
  files: Array<{ role: OutputRole; request: OutputRequest }>;
  folder: OutputRequest;
} {
  const { outDir, jsonPath, csvPath, x0, trajectory, animate = false, tune = null } = configs[0];
  const files: Array<{ role: OutputRole; request: OutputRequest }> = [
    { role: 'loss', request: { flag: '--out', path: join(outDir, configs.length === 1 ? 'Loss.png' : 'Compare.png') } },
  ];
  // A comparison always draws the paths; one optimizer only when asked (see docs/performance.md).
  if (x0.length === 2 && (configs.length > 1 || trajectory || animate)) {
    files.push({ role: 'trajectory', request: { flag: '--out', path: join(outDir, 'Trajectory.png') } });
  }
  if (x0.length === 2 && animate)
    files.push({ role: 'animation', request: { flag: '--out', path: join(outDir, 'Trajectory.gif') } });
  if (tune !== null)
    files.push({ role: 'sensitivity', request: { flag: '--out', path: join(outDir, 'Sensitivity.png') } });
  if (jsonPath !== null) files.push({ role: 'json', request: { flag: '--json', path: jsonPath } });
  if (csvPath !== null) files.push({ role: 'csv', request: { flag: '--csv', path: csvPath } });
  return { files, folder: { flag: '--out', path: outDir } };
}

export async function lossPng(
  results: readonly TrainResult[],
  tuning: TuningRun | null = null,
): Promise<{ name: string; png: Buffer }> {
  const { config } = results[0];
  const minimum = OBJECTIVES[config.objective].minimumValue(config.x0.length);
  const noise = noiseNote(config);
  if (results.length === 1) {
    const [result] = results;
    const tuned = tuning
      ? [`lr tuned by --tune: ${tunedNote(tuning)[0].replace(/^Each optimizer at its own best lr: /, '')}`]
      : [];
    const { png } = await renderChartPng(
      LOSS_CHART_SIZE,
      lossChartConfig({
        title: lossChartTitle(result),
        logScale: result.config.logScale,
        minimum,
        note: [...tuned, ...noise],
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
      minimum,
      note: [...(tuning ? tunedNote(tuning) : COMPARE_NOTE), ...noise],
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

/** Each TF.js run's path in the plane, every point with its step (0: x⁰), start and end kept. */
function fullPaths(results: readonly TrainResult[]): Array<Array<{ step: number; point: [number, number] }>> {
  return results.map((r) => {
    const { rows, diverged, finalX } = r.runs.tfjs;
    const points = rows.map((row, i) => ({ step: i, point: [row.x[0], row.x[1]] as [number, number] }));
    if (!diverged) points.push({ step: rows.length, point: [finalX[0], finalX[1]] });
    return points;
  });
}

/** Each TF.js run's path in the plane, thinned to what a chart can draw (start and end kept). */
export function trajectoryPaths(results: readonly TrainResult[]): TrajectoryPath[] {
  return fullPaths(results).map((points, i) => ({
    label: `${optimizerTitle(results[i])} (TF.js)`,
    colour: results[i].config.optimizer.definition.colour,
    points: decimatePath(points).map(({ point }) => point),
  }));
}

/**
 * What Trajectory.png and Trajectory.gif draw: the paths, the start and the minima over contour
 * bands of the objective, in its own window (objective.window, stretched to take in the paths) or
 * one fitted to the paths, at one scale along x₁ and x₂; the bands spaced on the gap L − L*.
 */
/** Contour samples across the window (more when a landscape is stretched, up to the max). */
const CONTOUR_GRID = 240;
const CONTOUR_GRID_MAX = 600;

export interface TrajectoryScene {
  options: TrajectoryChartOptions;
  /** Each path with the step of every point, thinned as drawn: what the animation grows. */
  steps: Array<Array<{ step: number; point: [number, number] }>>;
}

export function trajectoryScene(results: readonly TrainResult[]): TrajectoryScene {
  const objective = OBJECTIVES[results[0].config.objective];
  const start = results[0].config.x0 as [number, number];
  const minima = objective.minima(2).map(([x, y]) => [x, y] as [number, number]);
  const minimum = objective.minimumValue(2);
  const paths = trajectoryPaths(results);
  const { window: fitted, clipped } = landscapeWindow(
    paths.map((p) => p.points),
    [start, ...minima],
    objective.window,
  );
  const spacing = objective.window ? "log-spaced from the window's lowest 2% up" : 'log-spaced';
  const levels =
    minimum === 0
      ? `at levels ${spacing}`
      : `at levels ${spacing} on the gap L − L* (L* = ${Number(minimum.toPrecision(5))})`;
  const note = [`Contours of L = ${objective.formula} ${levels}; ◆ where each run ended.`];
  const longest = maxOf(
    results.map((r) => r.runs.tfjs.rows.length),
    0,
  );
  if (longest > MAX_PATH_POINTS)
    note.push(`Paths of ${longest} steps drawn through ${MAX_PATH_POINTS} evenly spaced points each.`);
  if (clipped)
    note.push(
      objective.window === null
        ? 'Some paths run far outside this window (divergence); it is capped at 20× the extent of the start and the minima.'
        : `Some paths leave this window: it is capped at ${LANDSCAPE_STRETCH}× the objective's usual domain.`,
    );
  const title =
    results.length === 1
      ? `${optimizerTitle(results[0])}: path over the loss surface`
      : `Paths over the loss surface of ${objective.name}`;
  const base = { title, paths, start, minima, note };
  // Lay out once to learn the plot area (axis sizes are pinned, so it does not move), then draw
  // with x₁ and x₂ at one scale.
  const area = chartAreaOf(TRAJECTORY_CHART_SIZE, trajectoryChartConfig({ ...base, window: fitted, bands: [] }));
  const window = equalScale(fitted, area.right - area.left, area.bottom - area.top);
  // A landscape stretched past its own window keeps as many samples across its own features.
  const own = objective.window;
  const gridSize = own
    ? Math.min(
        CONTOUR_GRID_MAX,
        Math.round(CONTOUR_GRID * Math.max(1, (window.xMax - window.xMin) / (own.xMax - own.xMin))),
      )
    : CONTOUR_GRID;
  const bands = objectiveBands(objective, window, gridSize);
  return { options: { ...base, window, bands }, steps: fullPaths(results).map((points) => decimatePath(points)) };
}

/**
 * Trajectory.png for 2-D problems: the TF.js paths over the loss surface. The geometry gives the
 * start's pixel and the scales, for checks.
 */
export async function trajectoryPng(
  results: readonly TrainResult[],
): Promise<{ png: Buffer; geometry: ChartGeometry }> {
  const { options } = trajectoryScene(results);
  return renderChartPng(TRAJECTORY_CHART_SIZE, trajectoryChartConfig(options), [
    { x: options.start[0], y: options.start[1] },
  ]);
}

/** Sensitivity.png: each optimizer's final loss against its learning rate, from the search. */
export async function sensitivityPng(results: readonly TrainResult[], tuning: TuningRun): Promise<Buffer> {
  const { config } = results[0];
  const objective = OBJECTIVES[config.objective];
  const lines = tuning.optimizers.map((t, i) => ({
    label: t.optimizer,
    colour: results[i].config.optimizer.definition.colour,
    trials: t.trials,
    bestLr: t.bestLr,
    closedForm: t.closedForm,
  }));
  const note = [
    `Float64 rule, ${config.iterations} iterations from ${tuning.starts} start${tuning.starts === 1 ? '' : 's'} (x⁰${tuning.starts > 1 ? ` and ${tuning.starts - 1} drawn with --seed ${tuning.seed}` : ''}); each point the mean final loss over them.`,
    'An lr where any start diverged counts as worst: × on the top edge. Nothing is clipped unless --clip-grad-norm or --clip-grad-value says so.',
    ...lines.filter((line) => line.closedForm).map((line) => `${line.label}: ${line.closedForm?.why ?? ''}.`),
    // Two optimizers that took the same steps draw one line over the other (TF.js's Adadelta is SGD).
    ...lines.flatMap((line, i) => {
      const twin = lines.slice(0, i).find((other) => JSON.stringify(other.trials) === JSON.stringify(line.trials));
      return twin ? [`${line.label}'s line lies under ${twin.label}'s: the same final loss at every lr.`] : [];
    }),
    ...noiseNote(config),
  ];
  const { png } = await renderChartPng(
    SENSITIVITY_CHART_SIZE,
    sensitivityChartConfig({
      title: `Final loss against learning rate on ${objective.name}`,
      lines,
      minimum: tuning.minimum,
      note,
    }),
  );
  return png;
}

/**
 * The bytes of every output a training asked for: Loss.png (one optimizer) or Compare.png
 * (several), Trajectory.png, the JSON and the CSV. Writes nothing.
 */
export async function renderTrainOutputs(
  results: readonly TrainResult[],
  roles: ReadonlySet<OutputRole>,
  tuning: TuningRun | null = null,
): Promise<Map<OutputRole, OutputData>> {
  const rendered = new Map<OutputRole, OutputData>();
  const scene = roles.has('trajectory') || roles.has('animation') ? trajectoryScene(results) : null;
  // The charts at once: canvas encodes PNGs on libuv's thread pool, so one chart's encoding
  // overlaps the other's drawing.
  const [loss, trajectory, sensitivity, animation] = await Promise.all([
    roles.has('loss') ? lossPng(results, tuning) : null,
    scene && roles.has('trajectory')
      ? renderChartPng(TRAJECTORY_CHART_SIZE, trajectoryChartConfig(scene.options))
      : null,
    tuning && roles.has('sensitivity') ? sensitivityPng(results, tuning) : null,
    scene && roles.has('animation') ? trajectoryGif(scene) : null,
  ]);
  if (loss) rendered.set('loss', loss.png);
  if (trajectory) rendered.set('trajectory', trajectory.png);
  if (sensitivity) rendered.set('sensitivity', sensitivity);
  if (animation) rendered.set('animation', animation.gif);
  if (roles.has('json'))
    rendered.set('json', jsonText(results.length === 1 ? trainJson(results[0], tuning) : compareJson(results, tuning)));
  if (roles.has('csv')) rendered.set('csv', trainCsv(results));
  return rendered;
}
