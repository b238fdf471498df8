/**
 * Charts of any length: what is drawn is thinned to a few thousand points, the data is kept
 * whole (JSON, CSV). A curve keeps, per bucket of consecutive points, its lowest and highest, so
 * spikes and the envelope survive; a path keeps evenly spaced points and always its last.
 */
export interface Point {
  x: number;
  y: number;
}

/** Curves are drawn with at most this many points (two per bucket). */
export const MAX_CURVE_POINTS = 2000;
/** Paths over the contour map are drawn with at most this many points. */
export const MAX_PATH_POINTS = 1500;

export function decimateCurve(points: readonly Point[], maxPoints = MAX_CURVE_POINTS): Point[] {
  if (points.length <= maxPoints) return [...points];
  const buckets = Math.floor(maxPoints / 2);
  const size = points.length / buckets;
  const kept: Point[] = [];
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size);
    const end = Math.min(points.length, Math.floor((b + 1) * size));
    let low = start;
    let high = start;
    for (let i = start; i < end; i++) {
      if (points[i].y < points[low].y) low = i;
      if (points[i].y > points[high].y) high = i;
    }
    // In the order they occur, once each.
    for (const i of low === high ? [low] : [Math.min(low, high), Math.max(low, high)]) kept.push(points[i]);
  }
  if (kept[0] !== points[0]) kept.unshift(points[0]);
  if (kept[kept.length - 1] !== points[points.length - 1]) kept.push(points[points.length - 1]);
  return kept;
}

export function decimatePath<P>(points: readonly P[], maxPoints = MAX_PATH_POINTS): P[] {
  if (points.length <= maxPoints) return [...points];
  const stride = (points.length - 1) / (maxPoints - 1);
  return Array.from({ length: maxPoints }, (_, k) => points[Math.round(k * stride)]);
}
