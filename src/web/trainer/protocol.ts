import type { Precision, Row, RunHistory } from '../../run/history';
import type { PageBackendName, PageState } from '../page/pageState';

/**
 * What the page and its trainer (src/web/trainer/main.ts, a Web Worker) say to each other: plain
 * data only, so each message crosses the thread boundary by structured clone. Configs hold
 * functions and cannot cross it: the page sends its state, and the trainer builds the configs from
 * it with the page's own `settle` (the command line's `trainConfigs`). Rows travel packed in one
 * Float64Array per message (transferred, not copied): a double holds every number a row has
 * exactly, so the page's copies are the trainer's rows, number for number.
 *
 * Every message names its session: a number the page gives each start. Messages about a session
 * that has since been replaced are ignored on both sides.
 */

/** The trainer's script, beside index.html. */
export const TRAINER_SCRIPT = 'trainer.worker.js';

/**
 * What the trainer's script defines on the global object when it is loaded as a plain script (a
 * page that runs it in a worker made from its own text, or on its main thread).
 */
export const TRAINER_GLOBAL = 'optimMirrorTrainer';
/** The worker index.html starts before the page's script (with `greeted` or `failed` set as it answers). */
export const EARLY_WORKER_GLOBAL = 'optimMirrorEarlyTrainer';
/** What the trainer defines when it runs in a window: connects an engine to one end of a MessageChannel. */
export const IN_PAGE_GLOBAL = 'optimMirrorTrainerInPage';

export type ExportKind = 'json' | 'csv';

/** The page to its trainer. */
export type ToTrainer =
  /** New runs for this state (its backend included): the trainer drops (and frees) the session it had. */
  | { type: 'start'; session: number; state: PageState; report: number }
  /** Compute until `until` iterations have run (a request never lowers what an earlier one asked). */
  | { type: 'run'; session: number; until: number }
  /** `count` iterations past what is asked so far (or past where the runs are, if further). */
  | { type: 'more'; session: number; count: number }
  /** Stop where the runs are (every row up to there is posted already), and post the report there. */
  | { type: 'stop'; session: number }
  /** Whose diff and parity lines to post (an index into the state's optimizers); answered at once. */
  | { type: 'report'; session: number; optimizer: number }
  /** Run to the end, then post the command line's file of the whole runs. */
  | { type: 'export'; session: number; kind: ExportKind };

/** What the page needs of a run's history before its rows: the fixed fields, and x⁰ as finalX. */
export interface HistoryShape {
  precision: Precision;
  dimension: number;
  summarized: boolean;
  finalX: number[];
}

/** A run's history fields that change as it runs, at the end of a batch of rows. */
export interface RunEnd {
  finalX: number[];
  /** The iteration it diverged at, or null. */
  diverged: number | null;
}

/** The trainer to the page. */
export type FromTrainer =
  /** The script is loaded and listening. */
  | { type: 'hello' }
  /** The session's runs exist (TF.js's backend loaded): `shapes` holds one per optimizer and run (RUN_NAMES order). */
  | { type: 'started'; session: number; backend: PageBackendName; description: string; shapes: HistoryShape[] }
  /** The backend did not start: nothing runs. */
  | { type: 'failed'; session: number; backend: PageBackendName; message: string }
  /**
   * The rows of the iterations up to `to` not posted before: `counts` rows per optimizer and run
   * (RUN_NAMES order), packed in `values` by packRows; `ends` each run's state at `to`.
   */
  | {
      type: 'rows';
      session: number;
      to: number;
      done: boolean;
      counts: number[];
      values: Float64Array;
      ends: RunEnd[];
      /** Wall-clock ms per iteration of every optimizer, over this batch. */
      msPerIteration: number;
    }
  /** One optimizer's diff and parity lines as the command line prints them, after `iteration` iterations. */
  | { type: 'report'; session: number; optimizer: number; iteration: number; text: string }
  | { type: 'exported'; session: number; kind: ExportKind; text: string }
  /** An error in the trainer (a bug). */
  | { type: 'crashed'; message: string };

/** Numbers one packed row takes: iteration, x, loss, grad, lr, and the two norms of a summarized run. */
function rowWidth(shape: HistoryShape): number {
  const kept = shape.summarized ? 6 : shape.dimension;
  return 3 + 2 * kept + (shape.summarized ? 2 : 0);
}

/** The rows of each history from `from[i]` on, packed; `from` is moved past them. */
export function packRows(histories: readonly RunHistory[], from: number[]): { counts: number[]; values: Float64Array } {
  const counts = histories.map((history, i) => history.rows.length - from[i]);
  const size = histories.reduce((sum, history, i) => sum + counts[i] * rowWidth(history), 0);
  const values = new Float64Array(size);
  let at = 0;
  histories.forEach((history, i) => {
    for (let k = from[i]; k < history.rows.length; k++) {
      const row = history.rows[k];
      values[at++] = row.iteration;
      for (const x of row.x) values[at++] = x;
      values[at++] = row.loss;
      for (const g of row.grad) values[at++] = g;
      values[at++] = row.lr;
      if (history.summarized) {
        values[at++] = row.xNorm ?? NaN;
        values[at++] = row.gradNorm ?? NaN;
      }
    }
    from[i] = history.rows.length;
  });
  return { counts, values };
}

/** packRows's rows back, one array per history (with the shapes they were packed with). */
export function unpackRows(shapes: readonly HistoryShape[], counts: readonly number[], values: Float64Array): Row[][] {
  let at = 0;
  return shapes.map((shape, i) => {
    const kept = shape.summarized ? 6 : shape.dimension;
    const rows: Row[] = [];
    const take = (): number[] => {
      const vector = new Array<number>(kept);
      for (let j = 0; j < kept; j++) vector[j] = values[at++];
      return vector;
    };
    for (let k = 0; k < counts[i]; k++) {
      const iteration = values[at++];
      const x = take();
      const loss = values[at++];
      const grad = take();
      const row: Row = { iteration, x, loss, grad, lr: values[at++] };
      if (shape.summarized) Object.assign(row, { xNorm: values[at++], gradNorm: values[at++] });
      rows.push(row);
    }
    return rows;
  });
}

/** A history's fixed fields, for the page. */
export function historyShape(history: RunHistory): HistoryShape {
  const { precision, dimension, summarized, finalX } = history;
  return { precision, dimension, summarized, finalX: [...finalX] };
}

export function runEnd(history: RunHistory): RunEnd {
  return { finalX: [...history.finalX], diverged: history.diverged?.iteration ?? null };
}
