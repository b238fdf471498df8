import { RUN_NAMES } from '../../config';
import { formatDiff, formatParity } from '../../report/consoleReport';
import type { RunHistory } from '../../run/history';
import type { TrainResult } from '../../run/training';
import type { PageState } from '../page/pageState';
import { problemText } from '../page/problem';
import { settle } from '../page/settle';
import { loadPageBackend } from './backend';
import { csvFile, jsonFile } from './files';
import {
  historyShape,
  packRows,
  runEnd,
  type ExportKind,
  type FromTrainer,
  type HistoryShape,
  type ToTrainer,
} from './protocol';
import { Session } from './session';

/**
 * The trainer: the page's trainings, run on request. It computes as far as the page asks (the page
 * keeps it a few frames ahead of what it draws) in slices of at most SLICE_MS, posting the new rows
 * after each slice and reading the page's messages between slices (a new target, a stop, a new
 * session). Everything that needs a TrainResult is made here: the diff and parity lines under the
 * table, and the JSON and CSV files. The same class runs in a Web Worker or, where a browser starts
 * none, on the page's main thread (src/web/trainer/main.ts).
 */

/**
 * Longest stretch of computing between two posts: short enough that a stop or a new target is
 * read within a frame, long enough that posting (a few µs) stays a small part of it.
 */
const SLICE_MS = 8;

/**
 * While the page plays, the report is posted at most this often; where the runs stop (a stop, a
 * step, the end) always. The page shows it no more often than that either (it lays the page out).
 */
const REPORT_INTERVAL_MS = 100;

export type Post = (message: FromTrainer, transfer?: Transferable[]) => void;

interface Live {
  id: number;
  session: Session;
  /** Every optimizer's four histories, optimizer by optimizer in RUN_NAMES order. */
  histories: RunHistory[];
  /** Rows of each history already posted. */
  posted: number[];
  /** Iterations run. */
  iteration: number;
  /** Iterations the page asked for. */
  target: number;
  /** Whose report the page shows. */
  reportFor: number;
  /** `optimizer:iteration` of the last report posted. */
  reported: string;
  reportedAt: number;
  /** A step asked for: post the report where it ends. */
  reportAtRest: boolean;
  exports: ExportKind[];
}

/** The lines TableView shows under the rows: the command line's diff and parity, for one optimizer. */
export function reportText(result: TrainResult): string {
  return [...formatDiff(result.diff, result.backend), '', ...formatParity(result.parity)].join('\n');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class TrainerEngine {
  private live: Live | null = null;
  /** Messages are handled one after another, a start (which loads a backend) included. */
  private inbox: Promise<void> = Promise.resolve();
  private scheduled = false;
  /** A task of its own for the next slice: setTimeout would clamp to 4 ms after a few nested calls. */
  private readonly ticks = new MessageChannel();

  constructor(private readonly post: Post) {
    this.ticks.port1.onmessage = () => {
      this.scheduled = false;
      try {
        this.slice();
      } catch (error) {
        this.crash(error);
      }
    };
  }

  receive(message: ToTrainer): void {
    this.inbox = this.inbox.then(() => this.handle(message)).catch((error: unknown) => this.crash(error));
  }

  private crash(error: unknown): void {
    this.end();
    this.post({ type: 'crashed', message: messageOf(error) });
  }

  private async handle(message: ToTrainer): Promise<void> {
    if (message.type === 'start') return this.start(message.session, message.state, message.report);
    const live = this.live;
    if (live === null || live.id !== message.session) return;
    switch (message.type) {
      case 'run':
        live.target = Math.max(live.target, message.until);
        break;
      case 'more':
        live.target = Math.max(live.target, live.iteration) + message.count;
        live.reportAtRest = true;
        break;
      case 'stop':
        // Every row up to here was posted at the end of the last slice. A file asked for still
        // needs the whole runs: they go on to the end.
        if (live.exports.length === 0) live.target = live.iteration;
        this.report(live);
        return;
      case 'report':
        live.reportFor = message.optimizer;
        this.report(live);
        return;
      case 'export':
        live.exports.push(message.kind);
        live.target = Math.max(live.target, live.session.iterations);
        break;
    }
    this.schedule();
  }

  private async start(id: number, state: PageState, reportFor: number): Promise<void> {
    this.end();
    let backend;
    try {
      backend = await loadPageBackend(state.backend);
    } catch (error) {
      this.post({ type: 'failed', session: id, backend: state.backend, message: messageOf(error) });
      return;
    }
    // The page settled this state already: a refusal here means the two disagree (a bug).
    const { configs, problems } = settle(state);
    if (problems.length > 0)
      throw new Error(`the trainer refused settings the page took: ${problems.map(problemText).join('; ')}`);
    const session = new Session(configs, backend);
    await Promise.all(session.runs.map((run) => run.training.ready));
    const histories = session.runs.flatMap((run) => RUN_NAMES.map((name) => run.training.lockstep.histories[name]));
    const live: Live = {
      id,
      session,
      histories,
      posted: histories.map(() => 0),
      iteration: 0,
      target: 0,
      reportFor,
      reported: '',
      reportedAt: -Infinity,
      reportAtRest: false,
      exports: [],
    };
    this.live = live;
    const shapes: HistoryShape[] = histories.map(historyShape);
    this.post({ type: 'started', session: id, backend: state.backend, description: backend.description, shapes });
    this.report(live);
    this.schedule();
  }

  private end(): void {
    this.live?.session.dispose();
    this.live = null;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.ticks.port2.postMessage(null);
  }

  /** Computes toward the target for at most SLICE_MS, posts the rows, and goes on in a next task if it must. */
  private slice(): void {
    const live = this.live;
    if (live === null) return;
    const began = performance.now();
    let ran = 0;
    while (live.iteration < live.target && !live.session.done && performance.now() - began < SLICE_MS) {
      const advanced = live.session.advance(1);
      live.iteration += advanced;
      ran += advanced;
    }
    if (ran > 0) this.postRows(live, (performance.now() - began) / ran);
    const resting = live.iteration >= live.target || live.session.done;
    const due = performance.now() - live.reportedAt >= REPORT_INTERVAL_MS;
    if (live.session.done || (resting && live.reportAtRest) || due) this.report(live);
    if (live.session.done) this.postExports(live);
    if (!resting) this.schedule();
  }

  private postRows(live: Live, msPerIteration: number): void {
    const { counts, values } = packRows(live.histories, live.posted);
    this.post(
      {
        type: 'rows',
        session: live.id,
        to: live.iteration,
        done: live.session.done,
        counts,
        values,
        ends: live.histories.map(runEnd),
        msPerIteration,
      },
      [values.buffer],
    );
  }

  private report(live: Live): void {
    const key = `${live.reportFor}:${live.iteration}`;
    if (key === live.reported) return;
    const run = live.session.runs[live.reportFor] ?? live.session.runs[0];
    live.reported = key;
    live.reportedAt = performance.now();
    live.reportAtRest = false;
    this.post({
      type: 'report',
      session: live.id,
      optimizer: live.reportFor,
      iteration: live.iteration,
      text: reportText(run.training.result()),
    });
  }

  private postExports(live: Live): void {
    for (const kind of live.exports.splice(0)) {
      const results = live.session.results();
      const text = kind === 'json' ? jsonFile(results) : csvFile(results);
      this.post({ type: 'exported', session: live.id, kind, text });
    }
  }
}
