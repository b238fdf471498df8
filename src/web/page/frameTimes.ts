/**
 * What the runs and the frames cost: the trainer's wall-clock ms per iteration of every optimizer
 * (over its last BATCHES batches of rows) and the page's ms to draw a frame that showed new
 * iterations (over its last FRAMES such frames), as medians, published on an element's data
 * attributes (`data-run-ms-per-iteration`, `data-draw-ms`) for `npm run build:web -- --measure`.
 * A median per frame is what decides the frame rate, and it moves less than wall-clock averages
 * on a busy machine.
 */
const FRAMES = 120;
const BATCHES = 120;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor(sorted.length / 2)];
}

function keep(values: number[], value: number, most: number): void {
  values.push(value);
  if (values.length > most) values.shift();
}

export class FrameTimes {
  private readonly run: number[] = [];
  private readonly draw: number[] = [];
  private published = -Infinity;

  constructor(private readonly target: HTMLElement) {}

  /** One batch of rows from the trainer, computed at `msPerIteration`. */
  recordRun(msPerIteration: number): void {
    keep(this.run, msPerIteration, BATCHES);
  }

  /** One frame that showed `iterations` new iterations and drew in `drawMs`. */
  record(iterations: number, drawMs: number): void {
    if (iterations === 0) return;
    keep(this.draw, drawMs, FRAMES);
    // Publishing costs a style recalculation: twice a second is enough for a reader.
    const now = performance.now();
    if (now - this.published < 500) return;
    this.published = now;
    this.target.dataset.runMsPerIteration = median(this.run).toFixed(4);
    this.target.dataset.drawMs = median(this.draw).toFixed(3);
  }
}
