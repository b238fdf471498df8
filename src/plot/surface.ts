import { contours } from 'd3-contour';
import { maxOf, minOf } from '../math/extremes';
import type { Objective } from '../objectives/objective';

/** A rectangle of the (x₁, x₂) plane. */
export interface PlaneWindow {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

type Point = readonly [number, number];

function boundingBox(points: Iterable<Point>): PlaneWindow {
  const box = { xMin: Infinity, xMax: -Infinity, yMin: Infinity, yMax: -Infinity };
  for (const [x, y] of points) {
    box.xMin = Math.min(box.xMin, x);
    box.xMax = Math.max(box.xMax, x);
    box.yMin = Math.min(box.yMin, y);
    box.yMax = Math.max(box.yMax, y);
  }
  return box;
}

function* allPoints(paths: readonly (readonly Point[])[], anchors: readonly Point[]): Iterable<Point> {
  for (const path of paths) yield* path;
  yield* anchors;
}

function grow(window: PlaneWindow, fraction: number): PlaneWindow {
  // A degenerate side (a path along one axis) still gets a sensible extent.
  const span = Math.max(window.xMax - window.xMin, window.yMax - window.yMin, 1e-9);
  const dx =
    Math.max(window.xMax - window.xMin, span * 0.2) * fraction + (window.xMax - window.xMin === 0 ? span * 0.1 : 0);
  const dy =
    Math.max(window.yMax - window.yMin, span * 0.2) * fraction + (window.yMax - window.yMin === 0 ? span * 0.1 : 0);
  return { xMin: window.xMin - dx, xMax: window.xMax + dx, yMin: window.yMin - dy, yMax: window.yMax + dy };
}

/**
 * The window to draw: every point of every path, the start and the minima, with a margin. A path
 * that runs away (divergence) would shrink everything else to a dot, so the window is capped at 20×
 * the extent of the start and the minima; `clipped` says when that happened.
 */
export function trajectoryWindow(
  paths: readonly (readonly Point[])[],
  anchors: readonly Point[],
): { window: PlaneWindow; clipped: boolean } {
  const everything = grow(boundingBox(allPoints(paths, anchors)), 0.08);
  const core = grow(boundingBox(anchors), 0.5);
  const limit = 20 * Math.max(core.xMax - core.xMin, core.yMax - core.yMin);
  if (Math.max(everything.xMax - everything.xMin, everything.yMax - everything.yMin) <= limit)
    return { window: everything, clipped: false };
  const cx = (core.xMin + core.xMax) / 2;
  const cy = (core.yMin + core.yMax) / 2;
  const half = limit / 2;
  return {
    window: {
      xMin: Math.max(everything.xMin, cx - half),
      xMax: Math.min(everything.xMax, cx + half),
      yMin: Math.max(everything.yMin, cy - half),
      yMax: Math.min(everything.yMax, cy + half),
    },
    clipped: true,
  };
}

/** How far past an objective's own window the paths may stretch the picture, in multiples of the window's size. */
export const LANDSCAPE_STRETCH = 4;

/**
 * The window of an objective that has one (objective.window: the part of the plane that shows its
 * character, Rastrigin's egg box, Goldstein–Price's valleys), grown to take in every path point,
 * but at most to LANDSCAPE_STRETCH times its size around its centre; without one, the window
 * fitted to the paths (`trajectoryWindow`). `clipped` says a path leaves the picture.
 */
export function landscapeWindow(
  paths: readonly (readonly Point[])[],
  anchors: readonly Point[],
  own: PlaneWindow | null,
): { window: PlaneWindow; clipped: boolean } {
  if (own === null) return trajectoryWindow(paths, anchors);
  const everything = boundingBox(allPoints(paths, anchors));
  const cx = (own.xMin + own.xMax) / 2;
  const cy = (own.yMin + own.yMax) / 2;
  const halfX = ((own.xMax - own.xMin) * LANDSCAPE_STRETCH) / 2;
  const halfY = ((own.yMax - own.yMin) * LANDSCAPE_STRETCH) / 2;
  const needed = {
    xMin: Math.min(own.xMin, everything.xMin),
    xMax: Math.max(own.xMax, everything.xMax),
    yMin: Math.min(own.yMin, everything.yMin),
    yMax: Math.max(own.yMax, everything.yMax),
  };
  // A margin only where a path pushed the window out.
  const margin = (inside: boolean, extent: number): number => (inside ? 0 : extent * 0.04);
  const window = {
    xMin: Math.max(cx - halfX, needed.xMin - margin(everything.xMin >= own.xMin, own.xMax - own.xMin)),
    xMax: Math.min(cx + halfX, needed.xMax + margin(everything.xMax <= own.xMax, own.xMax - own.xMin)),
    yMin: Math.max(cy - halfY, needed.yMin - margin(everything.yMin >= own.yMin, own.yMax - own.yMin)),
    yMax: Math.min(cy + halfY, needed.yMax + margin(everything.yMax <= own.yMax, own.yMax - own.yMin)),
  };
  const clipped =
    everything.xMin < window.xMin ||
    everything.xMax > window.xMax ||
    everything.yMin < window.yMin ||
    everything.yMax > window.yMax;
  return { window, clipped };
}

/** Grows the shorter side so that one data unit takes as many pixels along x as along y. */
export function equalScale(window: PlaneWindow, width: number, height: number): PlaneWindow {
  const unitsPerPixel = Math.max((window.xMax - window.xMin) / width, (window.yMax - window.yMin) / height);
  const cx = (window.xMin + window.xMax) / 2;
  const cy = (window.yMin + window.yMax) / 2;
  return {
    xMin: cx - (unitsPerPixel * width) / 2,
    xMax: cx + (unitsPerPixel * width) / 2,
    yMin: cy - (unitsPerPixel * height) / 2,
    yMax: cy + (unitsPerPixel * height) / 2,
  };
}

export interface ContourBand {
  /** The region where the objective is at least this level. */
  level: number;
  /** Polygons with holes, in data coordinates: polygon → ring → [x₁, x₂]. */
  polygons: Array<Array<Array<[number, number]>>>;
}

/**
 * Filled contour bands of `value` over the window, at log-spaced levels (losses span decades):
 * d3-contour's marching squares on a grid of samples taken at cell centres. Give it the gap to
 * the minimum, L − L*, where L* is not 0: log spacing needs values that fall to 0 at the minimum
 * (styblinski-tang's L is negative there, goldstein-price's is 3).
 */
export function contourBands(
  value: (x: number, y: number) => number,
  window: PlaneWindow,
  levelCount = 16,
  gridSize = 240,
  floorQuantile = 0,
): ContourBand[] {
  const nx = gridSize;
  const ny = Math.max(2, Math.round((gridSize * (window.yMax - window.yMin)) / (window.xMax - window.xMin)));
  const cellX = (window.xMax - window.xMin) / nx;
  const cellY = (window.yMax - window.yMin) / ny;
  const samples = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++)
      samples[i + j * nx] = value(window.xMin + (i + 0.5) * cellX, window.yMin + (j + 0.5) * cellY);
  }
  const finite = samples.filter(Number.isFinite);
  const high = maxOf(finite);
  const lowestPositive = minOf(
    finite.filter((v) => v > 0),
    high * 1e-6,
  );
  // A landscape (an objective with a window of its own) shows its character in the upper levels:
  // Ackley's ripples are 12–14 on a surface that falls to 0 in one small dip. Starting the levels
  // at a low quantile of what the window holds spends them there instead of on decades of the dip.
  const floor =
    floorQuantile > 0
      ? quantile(
          finite.filter((v) => v > 0),
          floorQuantile,
        )
      : 0;
  const low = Math.max(lowestPositive, high * 1e-6, floor);
  const levels = Array.from({ length: levelCount }, (_, k) => low * (high / low) ** (k / levelCount));
  return contours()
    .size([nx, ny])
    .thresholds(levels)(Array.from(samples))
    .map((geometry) => ({
      level: geometry.value,
      polygons: geometry.coordinates.map((polygon) =>
        polygon.map((ring) =>
          ring.map(([gx, gy]) => [window.xMin + gx * cellX, window.yMin + gy * cellY] as [number, number]),
        ),
      ),
    }));
}

/** The q-quantile of some values (nearest rank), 0 for none. */
function quantile(values: Float64Array, q: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const SURFACE_STOPS: Array<[number, number, number]> = [
  [255, 255, 250],
  [242, 238, 222],
  [222, 214, 190],
  [192, 182, 156],
  [156, 146, 124],
];

/** Band colours from light (low loss) to dark warm grey (high): saturated paths stay readable on all of them. */
export function bandColour(index: number, count: number): string {
  const t = count <= 1 ? 0 : index / (count - 1);
  const position = t * (SURFACE_STOPS.length - 1);
  const k = Math.min(Math.floor(position), SURFACE_STOPS.length - 2);
  const f = position - k;
  const [a, b] = [SURFACE_STOPS[k], SURFACE_STOPS[k + 1]];
  const channel = (c: number): number => Math.round(a[c] + (b[c] - a[c]) * f);
  return `rgb(${channel(0)}, ${channel(1)}, ${channel(2)})`;
}

/** Contour levels of an objective's picture (Trajectory.png, Trajectory.gif, the playground's map). */
export const CONTOUR_LEVELS = 16;
/**
 * A landscape with a window of its own starts its levels at this quantile of the window's gaps:
 * from 0, Ackley's and Rastrigin's wide high plateaus would take every band but one.
 */
export const LANDSCAPE_FLOOR_QUANTILE = 0.02;

/** An objective's 2-D contour bands as every picture of it draws them: on the gap L − L*, `gridSize` samples across. */
export function objectiveBands(objective: Objective, window: PlaneWindow, gridSize: number): ContourBand[] {
  const minimum = objective.minimumValue(2);
  return contourBands(
    (x, y) => objective.value(Float64Array.of(x, y)) - minimum,
    window,
    CONTOUR_LEVELS,
    gridSize,
    objective.window ? LANDSCAPE_FLOOR_QUANTILE : 0,
  );
}
