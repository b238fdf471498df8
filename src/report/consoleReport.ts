import type { Value } from '../optimizers/optimizer';
import type { RunName } from '../config';
import { formatTable, TABLE_SEPARATOR } from '../format/table';
import type { RunHistory } from '../run/history';
import type { TrainResult } from '../train';
import { QUANTITIES, type RunDiff } from './diff';
import type { RuleComparison } from './parity';

export const RUN_LABELS: Record<RunName, string> = {
  manual: 'manual (float64)',
  tfjs: 'TF.js (float32)',
  manual32: 'manual32 (float32 replay)',
  pytorch: 'pytorch (float64, torch.optim rule)',
};

/** A difference for people: 0, or three significant digits in exponent form. */
export function formatDifference(value: number): string {
  if (value === 0) return '0';
  return Number.isFinite(value) ? value.toExponential(2) : String(value);
}

function divergenceLine(name: RunName, history: RunHistory, iterations: number): string | null {
  if (!history.diverged) return null;
  const k = history.diverged.iteration;
  const where = k > iterations ? `after the step of iteration ${iterations}` : `at iteration ${k}`;
  const kept = history.rows.length === 0 ? 'no rows are finite' : `its rows stop at iteration ${history.rows.length}`;
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
    lines.push(
      `  ${quantity.padEnd(10)}${formatDifference(q.maxAbs).padEnd(12)}${formatDifference(q.maxRel).padEnd(12)}${q.worstRatio.toFixed(2).padEnd(13)}${verdict}`,
    );
  }
  lines.push(
    `  tolerance: ${diff.tolerance}`,
    '    (manual32: the same rule replayed with every TF.js operation rounded to float32; see README, "float32 vs float64")',
    `  float32 replay: ${diff.float32ReplayIdentical ? `identical to TF.js to the bit on all ${diff.comparedRows} rows` : 'differs from TF.js in at least one bit'}`,
    `  verdict: ${diff.withinTolerance ? 'TF.js agrees with the Float64 loop within float32 tolerance' : 'TF.js is further from the Float64 loop than float32 rounding explains'}`,
  );
  if (diff.replayCaveat !== null) lines.push(`  ${diff.replayCaveat}`);
  if (diff.comparedRows === 0)
    return [lines[0], '  nothing to compare: a run was not finite from its first row (see below)'];
  return lines;
}

function formatValue(value: Value | null): string {
  if (value === null) return 'n/a';
  return typeof value === 'object' ? value.join(',') : String(value);
}

export function formatParity(parity: RuleComparison): string[] {
  const defaults = parity.differingDefaults.length
    ? parity.differingDefaults
        .map((d) => `--${d.flag} ${formatValue(d.tfjs)} (TF.js) vs ${formatValue(d.pytorch)} (PyTorch)`)
        .join('; ')
    : 'none';
  return [
    `parity: ${parity.optimizer} in TF.js against torch.optim, ${parity.comparedRows} iterations (docs/parity.md has every optimizer)`,
    `  rule: ${parity.sameRule ? 'same' : 'different'}: ${parity.ruleDifference}`,
    `  hyperparameters that differ in this run (flags not given take each library's default): ${defaults}`,
    `  largest relative difference, manual (TF.js's rule) vs pytorch (PyTorch's rule): x ${formatDifference(parity.maxRelX)}, loss ${formatDifference(parity.maxRelLoss)}`,
  ];
}

/** Everything `npm run train` prints on stdout: the tables as the original, the diff, the parity. */
export function formatTrainReport(result: TrainResult): string {
  const { config, runs } = result;
  const tables = config.tables.flatMap((name, index) => [
    ...(index > 0 ? [TABLE_SEPARATOR] : []),
    ...formatTable(runs[name], config.lang, config.scheduler !== null),
  ]);
  const divergences = (Object.keys(runs) as RunName[])
    .map((name) => divergenceLine(name, runs[name], config.iterations))
    .filter((line): line is string => line !== null);
  return [
    ...tables,
    '',
    ...formatDiff(result.diff, result.backend),
    '',
    ...formatParity(result.parity),
    ...divergences,
  ].join('\n');
}
