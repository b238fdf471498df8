import { RUN_NAMES, type RunName, type TrainConfig } from '../../config';
import type { Row, RunHistory } from '../../run/history';
import {
  unpackRows,
  type ExportKind,
  type FromTrainer,
  type HistoryShape,
  type RunEnd,
  type ToTrainer,
} from '../trainer/protocol';

/**
 * The page's side of one session of runs computed by the trainer: copies of every run's history,
 * as far as the page has shown them (the map, the loss chart, the table and the legend read these),
 * and the rows received but not shown yet. The page shows `speed` iterations a frame while
 * playing, and asks the trainer to stay a few frames ahead of what it shows; paused, it shows all
 * it has, so that what is on screen is where the trainer stopped, and the report (computed there)
 * matches the rows.
 */

export interface ShownRun {
  /** The --optimizer name. */
  name: string;
  /** The page's own config for it (the trainer built the same from the same state). */
  config: TrainConfig;
  histories: Record<RunName, RunHistory>;
}

interface Report {
  optimizer: number;
  iteration: number;
  text: string;
}

/** A batch's end: where each run was once every row up to `to` had run. */
interface BatchEnd {
  to: number;
  done: boolean;
  ends: RunEnd[];
}

function emptyHistory(): RunHistory {
  // Its fixed fields arrive with the trainer's `started`, before any row.
  return { precision: 'float64', dimension: 0, summarized: false, rows: [], finalX: [], diverged: null };
}

export class RemoteSession {
  readonly runs: ShownRun[];
  readonly iterations: number;
  /** Whether the trainer has built the runs (TF.js's backend loaded). */
  started = false;
  /** Iterations shown. */
  shown = 0;
  /** Iterations received. */
  received = 0;
  private shapes: HistoryShape[] = [];
  /** Rows received and not shown yet, per optimizer and run, and where the next one to show is. */
  private readonly waiting: Row[][];
  private readonly heads: number[];
  private readonly batches: BatchEnd[] = [];
  private trainerDone = false;
  private asked = 0;
  private readonly reports: Report[] = [];
  private readonly exports: Array<{ kind: ExportKind; resolve: (text: string) => void }> = [];

  constructor(
    readonly id: number,
    configs: readonly TrainConfig[],
    private readonly send: (message: ToTrainer) => void,
  ) {
    this.runs = configs.map((config) => ({
      name: config.optimizer.definition.name,
      config,
      histories: Object.fromEntries(RUN_NAMES.map((name) => [name, emptyHistory()])) as Record<RunName, RunHistory>,
    }));
    this.iterations = configs[0]?.iterations ?? 0;
    this.waiting = this.flat().map(() => []);
    this.heads = this.waiting.map(() => 0);
  }

  private flat(): RunHistory[] {
    return this.runs.flatMap((run) => RUN_NAMES.map((name) => run.histories[name]));
  }

  /** Every run has ended and all of it is shown. */
  get done(): boolean {
    return this.trainerDone && this.shown === this.received;
  }

  /** What the progress line says: iterations shown, all of them once done (a run that diverged stops early). */
  get iteration(): number {
    return this.done ? this.iterations : this.shown;
  }

  /** A message about this session. */
  receive(message: FromTrainer): void {
    switch (message.type) {
      case 'started':
        this.shapes = message.shapes;
        this.flat().forEach((history, i) => Object.assign(history, this.shapes[i]));
        this.started = true;
        return;
      case 'rows': {
        const rows = unpackRows(this.shapes, message.counts, message.values);
        rows.forEach((list, i) => {
          for (const row of list) this.waiting[i].push(row);
        });
        this.batches.push({ to: message.to, done: message.done, ends: message.ends });
        this.received = message.to;
        this.trainerDone = message.done;
        return;
      }
      case 'report':
        this.reports.push({ optimizer: message.optimizer, iteration: message.iteration, text: message.text });
        return;
      case 'exported': {
        const at = this.exports.findIndex((request) => request.kind === message.kind);
        if (at >= 0) this.exports.splice(at, 1)[0].resolve(message.text);
        return;
      }
      default:
        return;
    }
  }

  /** Shows up to `count` more iterations of those received; how many it showed. */
  reveal(count: number): number {
    const upTo = Math.min(this.received, this.shown + count);
    if (upTo <= this.shown) return 0;
    this.flat().forEach((history, i) => {
      const waiting = this.waiting[i];
      let head = this.heads[i];
      while (head < waiting.length && waiting[head].iteration <= upTo) history.rows.push(waiting[head++]);
      // While playing the queue is rarely empty: drop what was shown now and then.
      if (head === waiting.length || head >= 1024) {
        waiting.splice(0, head);
        head = 0;
      }
      this.heads[i] = head;
    });
    while (this.batches.length > 0 && this.batches[0].to <= upTo) {
      const { ends } = this.batches.shift() as BatchEnd;
      this.flat().forEach((history, i) => {
        history.finalX = ends[i].finalX;
        history.diverged = ends[i].diverged === null ? null : { iteration: ends[i].diverged };
      });
    }
    const shown = upTo - this.shown;
    this.shown = upTo;
    return shown;
  }

  /** Asks the trainer to have run `until` iterations (at most all of them). */
  runUntil(until: number): void {
    const target = Math.min(until, this.iterations);
    if (target <= this.asked) return;
    this.asked = target;
    this.send({ type: 'run', session: this.id, until: target });
  }

  /** Stops the trainer where it is (paused, the page shows all it has received, and so all it computed). */
  stop(): void {
    // The trainer's target comes down to where it is: whatever is asked next must be sent.
    this.asked = 0;
    this.send({ type: 'stop', session: this.id });
  }

  /** One iteration past where the trainer stops. */
  step(): void {
    this.send({ type: 'more', session: this.id, count: 1 });
  }

  /** The report to show for `optimizer`: the latest one posted at or before what is shown. */
  report(optimizer: number): string | null {
    let latest = -1;
    for (let k = 0; k < this.reports.length && this.reports[k].iteration <= this.shown; k++)
      if (this.reports[k].optimizer === optimizer) latest = k;
    if (latest < 0) return null;
    // Those before it are never shown again.
    this.reports.splice(0, latest);
    return this.reports[0].text;
  }

  /** Asks for `optimizer`'s report (posted at once, for where the trainer is). */
  requestReport(optimizer: number): void {
    this.send({ type: 'report', session: this.id, optimizer });
  }

  /** The command line's file of the whole runs: the trainer runs what is left first. */
  exportFile(kind: ExportKind): Promise<string> {
    return new Promise((resolve) => {
      this.exports.push({ kind, resolve });
      this.send({ type: 'export', session: this.id, kind });
    });
  }
}
