import type { RunHistory } from '../../run/history';
import type { Point } from './mapView';

/**
 * A run's path in the plane, kept as it grows: each frame reads only the rows that are new and
 * appends them, so the map strokes only what is new (mapView.ts).
 */
export class PathCache {
  private readonly points: Point[] = [];
  private ended = false;

  constructor(
    private readonly history: RunHistory,
    private readonly start: Point,
  ) {}

  /**
   * x⁰ (before any row), then x at every row, then (once the run is done) where its last step
   * landed. The same array from one call to the next, only ever appended to.
   */
  path(done: boolean): readonly Point[] {
    if (this.ended) return this.points;
    const rows = this.history.rows;
    for (let k = this.points.length; k < rows.length; k++) this.points.push([rows[k].x[0], rows[k].x[1]]);
    if (done) {
      this.ended = true;
      const { finalX, diverged } = this.history;
      if (diverged === null && finalX.length === 2) this.points.push([finalX[0], finalX[1]]);
    }
    return this.points.length === 0 ? [this.start] : this.points;
  }
}
