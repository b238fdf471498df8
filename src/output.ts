import { join } from 'node:path';
import { historiesCsv } from './format/csv';
import { writeFilesAtomic, type OutputFile } from './io/atomicWrite';
import { OBJECTIVES } from './objectives/registry';
import { NUMPY_EDGE_ITEMS, NUMPY_THRESHOLD } from './numpyPrintOptions';
import { OPTIMIZERS } from './optimizers/registry';
import { chartAreaOf, renderChartPng, type ChartGeometry } from './plot/chartCanvas';
import { MANUAL_COLOUR, OPTIMIZER_COLOURS } from './plot/colours';
import { LOSS_CHART_SIZE, lossChartConfig } from './plot/lossChart';
import { contourBands, equalScale, trajectoryWindow } from './plot/surface';
import { TRAJECTORY_CHART_SIZE, trajectoryChartConfig } from './plot/trajectoryChart';
import type { TrainConfig } from './config';
import type { TrainResult, TrainRuns } from './train';
import type { ObjectiveName } from './objectives/registry';
import type { Hyperparameters, OptimizerName } from './optimizers/registry';
import type { RunDiff } from './report/diff';
import type { RuleComparison } from './report/parity';
import type { BackendChoice, BackendName } from './tfjs/backend';

/** x⁰ as JSON shows it: whole, or past NumPy's threshold its edge items (the runs' rows do the same). */
function startJson(x0: readonly number[]): { x0: number[]; dimension: number } {
  const x = x0.length > NUMPY_THRESHOLD ? [...x0.slice(0, NUMPY_EDGE_ITEMS), ...x0.slice(-NUMPY_EDGE_ITEMS)] : [...x0];
  return { x0: x, dimension: x0.length };
}

/** Each library's hyperparameters for one optimizer, as the JSON holds them. */
export interface HyperparametersJson {
  tfjs: Hyperparameters;
  pytorch: Hyperparameters;
}

/** What was run, not where its files went. */
export interface ConfigJson {
  objective: ObjectiveName;
  optimizer: OptimizerName;
  hyperparameters: HyperparametersJson;
  x0: number[];
  dimension: number;
  iterations: number;
  backend: BackendChoice;
}

/** The JSON contract other tools read (one optimizer): keep these names. */
export interface TrainJson {
  config: ConfigJson;
  backend: BackendName;
  runs: TrainRuns;
  diff: RunDiff;
  parity: RuleComparison;
}

/** The JSON of a comparison: the shared settings, then per optimizer its hyperparameters, runs, diff and parity. */
export interface CompareJson {
  config: Omit<ConfigJson, 'optimizer' | 'hyperparameters'> & { optimizers: OptimizerName[] };
  backend: BackendName;
  optimizers: Record<string, Pick<TrainJson, 'runs' | 'diff' | 'parity'> & { hyperparameters: HyperparametersJson }>;
}

function hyperparametersJson(result: TrainResult): HyperparametersJson {
  return { tfjs: result.config.hyperparameters.tfjs, pytorch: result.config.hyperparameters.torch };
}

/** The config as JSON shows it: what was run, not where its files went. */
function configJson(result: TrainResult): ConfigJson {
  const { config } = result;
  return {
    objective: config.objective,
    optimizer: config.optimizer,
    hyperparameters: hyperparametersJson(result),
    ...startJson(config.x0),
    iterations: config.iterations,
    backend: config.backend,
  };
}

export function trainJson(result: TrainResult): TrainJson {
  return {
    config: configJson(result),
    backend: result.backend,
    runs: result.runs,
    diff: result.diff,
    parity: result.parity,
  };
}

export function compareJson(results: readonly TrainResult[]): CompareJson {
  const { objective, x0, iterations, backend } = results[0].config;
  return {
    config: { objective, optimizers: results.map((r) => r.config.optimizer), ...startJson(x0), iterations, backend },
    backend: results[0].backend,
    optimizers: Object.fromEntries(
      results.map((r) => [
        r.config.optimizer,
        { hyperparameters: hyperparametersJson(r), runs: r.runs, diff: r.diff, parity: r.parity },
      ]),
    ),
  };
}

function optimizerTitle(result: TrainResult): string {
  return `${OPTIMIZERS[result.config.optimizer].title}, lr = ${result.config.hyperparameters.tfjs.lr}`;
}

export function lossChartTitle(result: TrainResult): string {
  return `${optimizerTitle(result)}: L = ${OBJECTIVES[result.config.objective].formula}`;
}

const COMPARE_NOTE = [
  'Each optimizer: the same objective, start and number of iterations, its own hyperparameters (the same lr for all unless given).',
  'Not a verdict on which optimizer is better: each would do better with a learning rate tuned for it.',
];

/** Every file a training writes, by what it is: decided by the configs alone, before anything runs. */
export function plannedOutputs(configs: readonly TrainConfig[]): {
  loss: string;
  trajectory: string | null;
  json: string | null;
  csv: string | null;
} {
  const { outDir, jsonPath, csvPath, x0, trajectory } = configs[0];
  return {
    loss: join(outDir, configs.length === 1 ? 'Loss.png' : 'Compare.png'),
    // Trajectory.png costs a third of a default run's time: drawn when comparing, or when asked.
    trajectory: x0.length === 2 && (configs.length > 1 || trajectory) ? join(outDir, 'Trajectory.png') : null,
    json: jsonPath,
    csv: csvPath,
  };
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
            colour: OPTIMIZER_COLOURS[result.config.optimizer],
            dashed: false,
          },
          { label: 'manual (Float64Array)', history: result.runs.manual, colour: MANUAL_COLOUR, dashed: true },
        ],
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
        colour: OPTIMIZER_COLOURS[r.config.optimizer],
        dashed: false,
      })),
    }),
  );
  return { name: 'Compare.png', png };
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
  const paths = results.map((r) => ({
    label: `${optimizerTitle(r)} (TF.js)`,
    colour: OPTIMIZER_COLOURS[r.config.optimizer],
    points: [
      ...r.runs.tfjs.rows.map((row) => [row.x[0], row.x[1]] as [number, number]),
      ...(r.runs.tfjs.diverged ? [] : [[r.runs.tfjs.finalX[0], r.runs.tfjs.finalX[1]] as [number, number]]),
    ],
  }));
  const { window: fitted, clipped } = trajectoryWindow(
    paths.map((p) => p.points),
    [start, ...minima],
  );
  const note = [`Contours of L = ${objective.formula} at log-spaced levels; ◆ where each run ended.`];
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
 * Renders every picture, then writes every file of `plannedOutputs` together and atomically:
 * Loss.png (one optimizer) or Compare.png (several), Trajectory.png, and the JSON and CSV when
 * asked. Returns the paths written.
 */
export async function writeOutputs(results: readonly TrainResult[]): Promise<string[]> {
  const planned = plannedOutputs(results.map((r) => r.config));
  const files: OutputFile[] = [];
  // Both charts at once: canvas encodes PNGs on libuv's thread pool, so one chart's encoding
  // overlaps the other's drawing.
  const [loss, trajectory] = await Promise.all([lossPng(results), planned.trajectory ? trajectoryPng(results) : null]);
  files.push({ path: planned.loss, data: loss.png });
  if (planned.trajectory && trajectory) files.push({ path: planned.trajectory, data: trajectory.png });
  if (planned.json !== null) {
    const json = results.length === 1 ? trainJson(results[0]) : compareJson(results);
    files.push({ path: planned.json, data: JSON.stringify(json, null, 2) + '\n' });
  }
  if (planned.csv !== null) {
    const runs = results.flatMap((r) =>
      (Object.keys(r.runs) as Array<keyof TrainResult['runs']>).map((name) => ({
        run: results.length === 1 ? name : `${r.config.optimizer}/${name}`,
        history: r.runs[name],
      })),
    );
    files.push({ path: planned.csv, data: historiesCsv(runs) });
  }
  writeFilesAtomic(files);
  return files.map((file) => file.path);
}
