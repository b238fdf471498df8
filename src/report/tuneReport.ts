import type { TuningRun } from '../tune/tune';
import { formatDifference } from './consoleReport';

/** A learning rate as the table prints it: as found (three significant digits), exponent form when small. */
export function formatLr(lr: number): string {
  return lr < 1e-3 ? lr.toExponential() : String(lr);
}

/**
 * What `--tune` prints before the comparison: per optimizer the best learning rate found, the
 * final loss there over the starts, and how many steps every start took to 1e-6 of its start's
 * gap; then the notes (an optimum at the edge of the range, the closed form, total divergence).
 */
export function formatTuneReport(tuning: TuningRun, objective: string, iterations: number): string {
  const width = Math.max(11, ...tuning.optimizers.map((t) => t.optimizer.length + 2));
  const header = `${'optimizer'.padEnd(width)}${'best lr'.padEnd(11)}${'final loss: mean'.padEnd(18)}${'min'.padEnd(11)}${'max'.padEnd(11)}steps to 1e-6·start`;
  const rows = tuning.optimizers.map((t) => {
    const loss = t.finalLoss;
    const steps =
      t.steps !== null
        ? String(t.steps)
        : `— (${t.startsReached} of ${tuning.starts} start${tuning.starts === 1 ? '' : 's'} got there)`;
    return [
      t.optimizer.padEnd(width),
      (t.bestLr === null ? 'none' : formatLr(t.bestLr)).padEnd(11),
      (loss ? formatDifference(loss.mean) : 'diverged').padEnd(18),
      (loss ? formatDifference(loss.min) : '—').padEnd(11),
      (loss ? formatDifference(loss.max) : '—').padEnd(11),
      t.bestLr === null ? '—' : steps,
    ].join('');
  });
  const others = tuning.starts - 1;
  const notes: string[] = [];
  for (const t of tuning.optimizers) {
    if (t.bestLr === null)
      notes.push(`  ${t.optimizer}: every learning rate tried diverged from some start; it trains at its --lr default`);
    else if (t.atEdge)
      notes.push(
        `  ${t.optimizer}: the best is the ${t.atEdge === 'low' ? 'lowest' : 'highest'} lr of the range (${formatLr(t.bestLr)}): the optimum may lie beyond it; widen --tune-range`,
      );
    if (t.closedForm)
      notes.push(
        `  ${t.optimizer}: closed form: ${t.closedForm.why}; the search found ${t.bestLr === null ? 'none' : formatLr(t.bestLr)}`,
      );
  }
  const [low, high] = tuning.range;
  return [
    `tune: each optimizer's learning rate on ${objective}, ${iterations} iterations, judged by the final loss from ${tuning.starts} start${tuning.starts === 1 ? '' : 's'} (x⁰${others > 0 ? ` and ${others} drawn with --seed ${tuning.seed}` : ''}), a diverged start making an lr the worst`,
    `  Float64 rule, at most ${tuning.budget} learning rates each, log-spaced over [${formatLr(low)}, ${formatLr(high)}] then refined around the best (Sensitivity.png draws them all)`,
    header,
    ...rows,
    ...notes,
    'then every optimizer at its own best lr, TF.js confirming:',
  ].join('\n');
}
