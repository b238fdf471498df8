/**
 * What each animation frame costs the page, split into running the iterations and drawing them:
 * the medians of the last FRAMES frames, published on an element's data attributes
 * (`data-run-ms`, `data-draw-ms`, `data-iterations`) for `npm run build:web -- --measure`. A
 * median per frame is what decides the frame rate, and it moves less than wall-clock averages on
 * a busy machine.
 */
const FRAMES = 120;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor(sorted.length / 2)];
}

export class FrameTimes {
  private readonly run: number[] = [];
  private readonly draw: number[] = [];
  private published = -Infinity;

  constructor(private readonly target: HTMLElement) {}

  /** One frame that ran `iterations` iterations of every optimizer in `runMs`, then drew in `drawMs`. */
  record(iterations: number, runMs: number, drawMs: number): void {
    if (iterations === 0) return;
    this.run.push(runMs / iterations);
    this.draw.push(drawMs);
    if (this.run.length > FRAMES) this.run.shift();
    if (this.draw.length > FRAMES) this.draw.shift();
    // Publishing costs a style recalculation: twice a second is enough for a reader.
    const now = performance.now();
    if (now - this.published < 500) return;
    this.published = now;
    this.target.dataset.runMsPerIteration = median(this.run).toFixed(4);
    this.target.dataset.drawMs = median(this.draw).toFixed(3);
  }
}
