import { decimatePath } from '../../plot/decimate';
import type { RunHistory } from '../../run/history';
import type { Point } from './mapView';

/**
 * A run's path in the plane, kept as it grows: each frame reads only the rows that are new, and
 * draws at most MAX_PATH_POINTS of them (src/plot/decimate.ts, as Trajectory.png).
 */
export class PathCache {
  private readonly points: Point[] = [];

  constructor(
    private readonly history: RunHistory,
    private readonly start: Point,
  ) {}

  /** x⁰, then x at every row, then (once the run is done) where its last step landed. */
  path(done: boolean): Point[] {
    const rows = this.history.rows;
    for (let k = this.points.length; k < rows.length; k++) this.points.push([rows[k].x[0], rows[k].x[1]]);
    const all: Point[] = this.points.length === 0 ? [this.start] : [...this.points];
    const { finalX, diverged } = this.history;
    if (done && diverged === null && finalX.length === 2) all.push([finalX[0], finalX[1]]);
    return decimatePath(all);
  }
}
