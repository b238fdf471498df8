import { MEASURE_STEPS, type Measurement, type MeasuredRun } from './measure';
import type { PortPlan } from './plan';
import type { ArgumentRow } from './rows';

/**
 * What `npm run port` prints: (a) the TypeScript, (b) the table of arguments, (c) the measurement,
 * as plain text for a terminal.
 */

const MAX_CELL = 40;

function cell(text: string): string {
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}

/** Columns padded to their widest cell, two spaces apart; the last column is left as it is. */
function table(rows: readonly string[][], indent = '  '): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (c === r.length - 1 ? 0 : r[c].length))));
  return rows.map(
    (r) =>
      indent +
      r
        .map((text, c) => (c === r.length - 1 ? text : text.padEnd(widths[c])))
        .join('  ')
        .trimEnd(),
  );
}

export function argumentTable(rows: readonly ArgumentRow[]): string[] {
  return table([
    ['call', 'argument', 'value', 'status', 'TF.js', 'note'],
    ...rows.map((row) => [
      row.call,
      row.name,
      cell(row.given ? row.value : `${row.value} (default)`),
      row.status,
      cell(row.tfjs),
      row.note,
    ]),
  ]);
}

function number(value: number): string {
  if (value === 0) return '0';
  return Math.abs(value) >= 0.01 && Math.abs(value) < 1000 ? value.toFixed(3) : value.toExponential(2);
}

function verdict(run: MeasuredRun): string {
  const { tfjs, torch32, torch64 } = run.diverged;
  const at = (iteration: number | null): string => (iteration === null ? 'never' : `at ${iteration}`);
  const divergence =
    tfjs === null && torch32 === null && torch64 === null
      ? ''
      : `; diverged: TF.js ${at(tfjs)}, torch float32 ${at(torch32)}, float64 ${at(torch64)} (rows compared while finite)`;
  return (run.withinBound ? 'within float32 rounding' : 'BEYOND float32 rounding') + divergence;
}

export function measurementLines(measurement: Measurement, plan: PortPlan): string[] {
  const label = (run: MeasuredRun): string => (run.chosen ? 'the code above' : run.optimizer);
  const lines = [
    `Measured: the code above on TF.js's ${measurement.backend} backend (float32) against torch.optim's rule in float64, ${measurement.steps} steps${measurement.steps < MEASURE_STEPS ? ' (as many as the schedule allows)' : ''} from each objective's x0:`,
    ...table([
      ['objective', 'TF.js', 'max rel Δx', 'torch float32 alone', 'bound ratio', 'verdict'],
      ...measurement.runs.map((run) => [
        `${run.objective} (${run.x0.join(', ')})`,
        label(run),
        number(run.maxRelX),
        number(run.float32RelX),
        number(run.boundRatio),
        verdict(run),
      ]),
    ]),
    `  max rel Δx: largest |x − x_torch64| over the row's largest |x|; torch float32 alone: the same for torch's rule run in float32`,
    `  bound: ${measurement.bound}; a bound ratio ≤ 1 is what float32 explains`,
  ];
  if (plan.choice.kind === 'library' && plan.choice.alternative !== null) {
    lines.push(`  not chosen: ${plan.choice.alternative.why}`);
  }
  return lines;
}

export function portReport(
  plan: PortPlan,
  code: string,
  rows: readonly ArgumentRow[],
  measurement: Measurement,
): string {
  const needs = code.includes("from '@optim-mirror/torch'") ? ' with @optim-mirror/torch' : '';
  return [
    `TypeScript (TF.js${needs}):`,
    '',
    code.trimEnd(),
    '',
    'Arguments (torch → TF.js):',
    ...argumentTable(rows),
    '',
    ...measurementLines(measurement, plan),
  ].join('\n');
}
