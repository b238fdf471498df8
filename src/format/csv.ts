import { NUMPY_EDGE_ITEMS } from '../numpyPrintOptions';
import type { RunHistory } from '../run/history';
import { RUN_NAMES } from '../config';
import type { TrainResult } from '../run/training';

/** The coordinates a row holds: all of them, or (summarized runs) NumPy's edge items. */
function columns(history: RunHistory): number[] {
  const all = Array.from({ length: history.dimension }, (_, i) => i + 1);
  return history.summarized ? [...all.slice(0, NUMPY_EDGE_ITEMS), ...all.slice(-NUMPY_EDGE_ITEMS)] : all;
}

/**
 * One row per run × iteration: run, iteration, loss, x…, grad… (x1…xn; past 1000 parameters
 * the edge coordinates the rows keep, e.g. x1,x2,x3,x2998,x2999,x3000, then xNorm and gradNorm);
 * with a schedule, the step's learning rate last (lr).
 * Numbers are written in JavaScript's shortest round-trip form, so reading them back gives the
 * same doubles. Returned in pieces of a thousand rows.
 */
export function historiesCsv(runs: ReadonlyArray<{ run: string; history: RunHistory }>, withLr = false): string[] {
  const first = runs[0].history;
  const kept = columns(first);
  const norms = first.summarized ? ['xNorm', 'gradNorm'] : [];
  const lr = withLr ? ['lr'] : [];
  const lines = [
    ['run', 'iteration', 'loss', ...kept.map((i) => `x${i}`), ...kept.map((i) => `grad${i}`), ...norms, ...lr].join(
      ',',
    ),
  ];
  for (const { run, history } of runs) {
    for (const row of history.rows) {
      const rowNorms = history.summarized ? [row.xNorm, row.gradNorm] : [];
      const rowLr = withLr ? [row.lr] : [];
      lines.push([run, row.iteration, row.loss, ...row.x, ...row.grad, ...rowNorms, ...rowLr].join(','));
    }
  }
  // In pieces: a long comparison has millions of rows, more than one string can hold.
  const pieces: string[] = [];
  for (let i = 0; i < lines.length; i += 1000) pieces.push(lines.slice(i, i + 1000).join('\n') + '\n');
  return pieces;
}

/** `train --csv`: every run of every training, named `manual`, `tfjs`, … for one optimizer, `adam/tfjs`, … for several. */
export function trainCsv(results: readonly TrainResult[]): string[] {
  const runs = results.flatMap((result) =>
    RUN_NAMES.map((name) => ({
      run: results.length === 1 ? name : `${result.config.optimizer.definition.name}/${name}`,
      history: result.runs[name],
    })),
  );
  return historiesCsv(runs, results[0].config.scheduler !== null);
}
