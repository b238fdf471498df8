import { formatTable, TABLE_SEPARATOR } from '../format/table';
import type { RunHistory } from '../run/history';
import type { TrainResult } from '../train';
import { QUANTITIES, type RunDiff } from './diff';

const RUN_LABELS = { manual: 'manual (float64)', tfjs: 'TF.js (float32)', manual32: 'manual32 (float32 replay)' };

function number(value: number): string {
  if (value === 0) return '0';
  return Number.isFinite(value) ? value.toExponential(2) : String(value);
}

function divergenceLine(name: keyof typeof RUN_LABELS, history: RunHistory, iterations: number): string | null {
  if (!history.diverged) return null;
  const k = history.diverged.iteration;
  const where = k > iterations ? `after the step of iteration ${iterations}` : `at iteration ${k}`;
  const kept = history.rows.length === 0 ? 'no rows are finite' : `its table, JSON rows and chart stop at iteration ${history.rows.length}`;
  return `diverged: ${RUN_LABELS[name]} ${where}: a parameter, loss or gradient is no longer finite; ${kept}`;
}

export function formatDiff(diff: RunDiff, backend: string): string[] {
  const lines = [
    `diff: TF.js (float32, ${backend} backend) against manual (float64), ${diff.comparedRows} iterations compared`,
    `  ${'quantity'.padEnd(10)}${'max |Δ|'.padEnd(12)}${'max rel Δ'.padEnd(12)}${'Δ/tolerance'.padEnd(13)}verdict`,
  ];
  for (const quantity of QUANTITIES) {
    const q = diff[quantity];
    const verdict = q.withinTolerance ? 'ok' : `EXCEEDED at iteration ${q.worstIteration}`;
    lines.push(`  ${quantity.padEnd(10)}${number(q.maxAbs).padEnd(12)}${number(q.maxRel).padEnd(12)}${q.worstRatio.toFixed(2).padEnd(13)}${verdict}`);
  }
  lines.push(
    `  tolerance: ${diff.tolerance}`,
    '    (manual32: the same rule replayed with every TF.js operation rounded to float32; see README, "float32 vs float64")',
    `  float32 replay: ${diff.float32ReplayIdentical ? `identical to TF.js to the bit on all ${diff.comparedRows} rows` : 'differs from TF.js in at least one bit'}`,
    `  verdict: ${diff.withinTolerance ? 'TF.js agrees with the Float64 loop within float32 tolerance' : 'TF.js is further from the Float64 loop than float32 rounding explains'}`,
  );
  return lines;
}

/** Everything `npm run train` prints on stdout: the two tables as the original, then the diff. */
export function formatTrainReport(result: TrainResult): string {
  const { manual, tfjs } = result.runs;
  const lang = result.config.lang;
  const divergences = (['manual', 'tfjs'] as const)
    .map((name) => divergenceLine(name, result.runs[name], result.config.iterations))
    .filter((line): line is string => line !== null);
  return [
    ...formatTable(manual.rows, lang),
    TABLE_SEPARATOR,
    ...formatTable(tfjs.rows, lang),
    '',
    ...formatDiff(result.diff, result.backend),
    ...divergences,
  ].join('\n');
}
