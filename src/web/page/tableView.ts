import type { Lang } from '../../config';
import { formatRow } from '../../format/table';
import type { RunHistory } from '../../run/history';

/**
 * Rows shown while the runs play: as many as the box holds without scrolling. Laying out a growing
 * table of thousands of lines every frame (and scrolling it) cost more than the runs themselves.
 */
export const LIVE_ROWS = 20;

/**
 * One run's rows exactly as `npm run train` prints its tables (src/format/table.ts: NumPy's
 * rounding and layout, the original's labels), each row formatted once; while playing the last
 * LIVE_ROWS, paused or done all of them. Under them the command line's diff and parity lines for
 * that optimizer, as the trainer formats them (src/web/trainer/engine.ts, reportText).
 */
export class TableView {
  private history: RunHistory | null = null;
  private lang: Lang = 'en';
  private withLr = false;
  private formatted: string[] = [];
  /** What the text shows: how many rows, and whether all of them. */
  private shown = { rows: -1, all: false };
  private readonly text: Text;

  constructor(
    rows: HTMLElement,
    private readonly report: HTMLElement,
  ) {
    this.text = document.createTextNode('');
    rows.replaceChildren(this.text);
  }

  show(history: RunHistory, lang: Lang, withLr: boolean): void {
    this.history = history;
    this.lang = lang;
    this.withLr = withLr;
    this.formatted = [];
    this.shown = { rows: -1, all: false };
    this.update(false);
  }

  /** Formats the rows that are new, and shows the last few (`live`) or all of them. */
  update(live: boolean): void {
    const history = this.history;
    if (history === null) return;
    for (let k = this.formatted.length; k < history.rows.length; k++)
      this.formatted.push(formatRow(history.rows[k], this.lang, history.summarized, this.withLr));
    const all = !live || this.formatted.length <= LIVE_ROWS;
    if (this.shown.rows === this.formatted.length && this.shown.all === all) return;
    const hidden = this.formatted.length - LIVE_ROWS;
    this.text.data = all
      ? this.formatted.join('\n')
      : [
          `(${hidden} earlier row${hidden === 1 ? '' : 's'}: pause to see every row)`,
          ...this.formatted.slice(hidden),
        ].join('\n');
    this.shown = { rows: this.formatted.length, all };
  }

  /** The diff of TF.js against its Float64 mirror and the parity with torch.optim, so far (the trainer's text). */
  showReport(text: string): void {
    this.report.textContent = text;
  }
}
