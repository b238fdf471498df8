import type { RunName } from '../config';
import { OBJECTIVES } from '../objectives/registry';
import type { RunHistory } from '../run/history';
import type { TrainResult } from '../train';
import { formatDifference } from './consoleReport';
import { formatLr } from './tuneReport';

/**
 * The first iteration whose gap to the minimum, L − L*, is at most `fraction` of the first row's,
 * or null (L* = 0 for most objectives; the gap keeps this meaningful where L* is not).
 */
export function iterationBelow(history: RunHistory, fraction: number, minimum = 0): number | null {
  const start = history.rows[0]?.loss;
  if (start === undefined) return null;
  return history.rows.find((row) => row.loss - minimum <= fraction * (start - minimum))?.iteration ?? null;
}

/** x⁰ for a headline: whole when short, else its ends and its length. */
function describeStart(x0: readonly number[]): string {
  return x0.length <= 6
    ? `[${x0.join(', ')}]`
    : `[${x0.slice(0, 3).join(', ')}, …, ${x0.slice(-3).join(', ')}] (${x0.length} parameters)`;
}

/** One row per optimizer instead of every table: how far TF.js got, how fast, whether it held. */
export function formatCompareReport(results: readonly TrainResult[]): string {
  // torch.* names are longer than tf.train's.
  const { config } = results[0];
  const minimum = OBJECTIVES[config.objective].minimumValue(config.x0.length);
  const width = Math.max(10, ...results.map((r) => r.config.optimizer.definition.name.length + 2));
  const header = `${'optimizer'.padEnd(width)}${'lr'.padEnd(10)}${'final loss'.padEnd(13)}${(minimum === 0 ? '< 1e-6·start at' : 'gap < 1e-6·start').padEnd(17)}${'diverged'.padEnd(18)}TF.js vs Float64 mirror`;
  const rows = results.map((result) => {
    const tfjs = result.runs.tfjs;
    const last = tfjs.rows[tfjs.rows.length - 1];
    const below = iterationBelow(tfjs, 1e-6, minimum);
    const divergedRuns = (Object.keys(result.runs) as RunName[]).filter((name) => result.runs[name].diverged);
    const diverged = divergedRuns.length
      ? divergedRuns.map((name) => `${name} at ${result.runs[name].diverged!.iteration}`).join(', ')
      : 'no';
    const verdict =
      result.diff.comparedRows === 0
        ? 'nothing compared'
        : result.diff.replayCaveat !== null
          ? `not conclusive on ${result.backend}`
          : result.diff.withinTolerance
            ? 'within float32 tolerance'
            : 'OUTSIDE float32 tolerance';
    return `${result.config.optimizer.definition.name.padEnd(width)}${formatLr(result.config.optimizer.lr).padEnd(10)}${(last ? formatDifference(last.loss) : '—').padEnd(13)}${(below === null ? '—' : `iteration ${below}`).padEnd(17)}${diverged.padEnd(18)}${verdict}`;
  });
  const { objective, iterations, x0 } = results[0].config;
  return [
    `compare: ${results.length} optimizers on ${objective} from x⁰ = ${describeStart(x0)}, ${iterations} iterations, TF.js runs (every run is in --json)`,
    header,
    ...rows,
  ].join('\n');
}
