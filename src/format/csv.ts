import type { RunHistory } from '../run/history';

/**
 * One row per run × iteration: run, iteration, loss, x1…xn, grad1…gradn. Numbers are written in
 * JavaScript's shortest round-trip form, so reading them back gives the same doubles.
 */
export function historiesCsv(runs: ReadonlyArray<{ run: string; history: RunHistory }>, dimension: number): string {
  const numbered = (prefix: string): string[] => Array.from({ length: dimension }, (_, i) => `${prefix}${i + 1}`);
  const lines = [['run', 'iteration', 'loss', ...numbered('x'), ...numbered('grad')].join(',')];
  for (const { run, history } of runs) {
    for (const row of history.rows) lines.push([run, row.iteration, row.loss, ...row.x, ...row.grad].join(','));
  }
  return lines.join('\n') + '\n';
}
