import type { Objective } from '../../objectives/objective';
import { decimatePath } from '../../plot/decimate';
import { bandColour, equalScale, objectiveBands, trajectoryWindow, type PlaneWindow } from '../../plot/surface';
import { niceTicks, roundForSpan } from './niceNumber';

/**
 * The contour map: the objective's filled contour bands (src/plot/surface.ts, as Trajectory.png
 * draws them), the minima, the start, and every run's path as it grows. A click (or the arrow
 * keys) sets x⁰. The canvas carries its geometry in data attributes (`data-window`: x₁ and x₂
 * ranges; `data-plot`: the plot area in CSS pixels) for anyone mapping points to pixels.
 *
 * Each frame is three layers copied onto the canvas: the bands (drawn once per size), the paths'
 * lines (a layer of their own, onto which each frame strokes only the segments that are new), and
 * on top the markers of where each path starts and where it is now. Stroking every path whole
 * every frame cost the browser's rasterizer more than all the rest of a frame.
 */

export type Point = readonly [number, number];

export interface MapPath {
  colour: string;
  /** The path so far: from one frame to the next the same points, with new ones after them. */
  points(): readonly Point[];
  /** torch.optim's rule: dashed beside TF.js's solid line. */
  dashed: boolean;
}

/** What the lines' layer holds of one path. */
interface Stroked {
  /** Points stroked (0: none yet). */
  points: number;
  /** Its length so far in CSS pixels: where the dash pattern goes on. */
  length: number;
  /** Whether a dot marks each of its points (short paths only). */
  dotted: boolean;
}

const MARGIN = { left: 48, right: 12, top: 12, bottom: 34 };
/** Dots at every step while a path is short enough for them to read as steps, not as a thick line. */
const MAX_DOTTED_POINTS = 150;

function contains(window: PlaneWindow, [x, y]: Point): boolean {
  return x >= window.xMin && x <= window.xMax && y >= window.yMin && y <= window.yMax;
}

/**
 * The window the map shows, fixed before any path exists (a click must land where it points): the
 * objective's own, else one around its default start and minima; grown to take in an x⁰ outside it.
 */
export function mapWindow(objective: Objective, x0: Point): PlaneWindow {
  const own = objective.window;
  const anchors: Point[] = own
    ? [
        [own.xMin, own.yMin],
        [own.xMax, own.yMax],
      ]
    : [[objective.defaultX0[0], objective.defaultX0[1]], ...objective.minima(2).map(([x, y]) => [x, y] as const)];
  const around = own ?? trajectoryWindow([], anchors).window;
  return contains(around, x0) ? around : trajectoryWindow([], [...anchors, x0]).window;
}

function star(ctx: CanvasRenderingContext2D, x: number, y: number, radius: number): void {
  ctx.beginPath();
  for (let k = 0; k < 10; k++) {
    const r = k % 2 === 0 ? radius : radius * 0.45;
    const angle = -Math.PI / 2 + (k * Math.PI) / 5;
    if (k === 0) ctx.moveTo(x + r * Math.cos(angle), y + r * Math.sin(angle));
    else ctx.lineTo(x + r * Math.cos(angle), y + r * Math.sin(angle));
  }
  ctx.closePath();
}

export class MapView {
  private objective: Objective | null = null;
  private baseWindow: PlaneWindow | null = null;
  private window: PlaneWindow = { xMin: 0, xMax: 1, yMin: 0, yMax: 1 };
  private bands: HTMLCanvasElement | null = null;
  private cssWidth = 0;
  private cssHeight = 0;
  private paths: readonly MapPath[] = [];
  /** The paths' lines, and how much of each path they hold; null: to be drawn again whole. */
  private lines: HTMLCanvasElement | null = null;
  private stroked: Stroked[] | null = null;
  private start: Point = [0, 0];

  constructor(
    readonly canvas: HTMLCanvasElement,
    /** A point picked on the map (rounded to about a pixel). */
    private readonly onPick: (point: Point) => void,
    /** Where the pointer is, in data coordinates, or null when it leaves. */
    private readonly onHover: (point: Point | null) => void,
  ) {
    canvas.addEventListener('click', (event) => this.onPick(this.pickAt(event.offsetX, event.offsetY)));
    canvas.addEventListener('pointermove', (event) => this.onHover(this.dataAt(event.offsetX, event.offsetY)));
    canvas.addEventListener('pointerleave', () => this.onHover(null));
    canvas.addEventListener('keydown', (event) => this.onKey(event));
  }

  /** A new objective, or a start that the window must include: new bands. */
  setLandscape(objective: Objective, start: Point): void {
    const window = mapWindow(objective, start);
    const same =
      this.objective === objective && JSON.stringify(window) === JSON.stringify(this.baseWindow) && this.bands !== null;
    this.objective = objective;
    this.start = start;
    if (same) return;
    this.baseWindow = window;
    this.layout();
  }

  /** The canvas's size changed (or first layout): resize the backing store and redraw the bands. */
  layout(): void {
    const width = this.canvas.clientWidth;
    const height = this.canvas.clientHeight;
    if (width === 0 || height === 0 || this.objective === null || this.baseWindow === null) return;
    const ratio = window.devicePixelRatio || 1;
    this.cssWidth = width;
    this.cssHeight = height;
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    const plotWidth = width - MARGIN.left - MARGIN.right;
    const plotHeight = height - MARGIN.top - MARGIN.bottom;
    this.window = equalScale(this.baseWindow, plotWidth, plotHeight);
    const { xMin, xMax, yMin, yMax } = this.window;
    this.canvas.dataset.window = [xMin, xMax, yMin, yMax].join(',');
    this.canvas.dataset.plot = [MARGIN.left, MARGIN.top, plotWidth, plotHeight].join(',');
    this.bands = this.renderBands(ratio);
    this.stroked = null;
    this.draw();
  }

  /** New paths (a new session, or the PyTorch switch): their lines are drawn again whole. */
  setPaths(paths: readonly MapPath[]): void {
    this.paths = paths;
    this.stroked = null;
  }

  private renderBands(ratio: number): HTMLCanvasElement {
    const objective = this.objective as Objective;
    const plotWidth = this.cssWidth - MARGIN.left - MARGIN.right;
    const grid = Math.min(320, Math.max(120, Math.round(plotWidth / 2)));
    // As Trajectory.png draws them.
    const bands = objectiveBands(objective, this.window, grid);
    const layer = document.createElement('canvas');
    layer.width = this.canvas.width;
    layer.height = this.canvas.height;
    const ctx = layer.getContext('2d') as CanvasRenderingContext2D;
    ctx.scale(ratio, ratio);
    ctx.save();
    ctx.beginPath();
    ctx.rect(MARGIN.left, MARGIN.top, plotWidth, this.cssHeight - MARGIN.top - MARGIN.bottom);
    ctx.clip();
    ctx.fillStyle = bandColour(0, bands.length + 1);
    ctx.fillRect(MARGIN.left, MARGIN.top, plotWidth, this.cssHeight - MARGIN.top - MARGIN.bottom);
    bands.forEach((band, index) => {
      ctx.beginPath();
      for (const polygon of band.polygons) {
        for (const ring of polygon) {
          ring.forEach(([x, y], k) => {
            const [px, py] = this.pixelOf([x, y]);
            if (k === 0) ctx.moveTo(px, py);
            else ctx.lineTo(px, py);
          });
          ctx.closePath();
        }
      }
      ctx.fillStyle = bandColour(index + 1, bands.length + 1);
      ctx.fill('evenodd');
    });
    ctx.restore();
    this.drawAxes(ctx);
    return layer;
  }

  private drawAxes(ctx: CanvasRenderingContext2D): void {
    const { xMin, xMax, yMin, yMax } = this.window;
    const plotWidth = this.cssWidth - MARGIN.left - MARGIN.right;
    const plotHeight = this.cssHeight - MARGIN.top - MARGIN.bottom;
    ctx.strokeStyle = '#666';
    ctx.lineWidth = 1;
    ctx.strokeRect(MARGIN.left + 0.5, MARGIN.top + 0.5, plotWidth - 1, plotHeight - 1);
    ctx.fillStyle = '#333';
    ctx.font = '12px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const tick of niceTicks(xMin, xMax, Math.max(2, Math.floor(plotWidth / 70)))) {
      const [px] = this.pixelOf([tick, yMin]);
      ctx.fillRect(px, MARGIN.top + plotHeight, 1, 4);
      ctx.fillText(String(tick), px, MARGIN.top + plotHeight + 6);
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const tick of niceTicks(yMin, yMax, Math.max(2, Math.floor(plotHeight / 50)))) {
      const [, py] = this.pixelOf([xMin, tick]);
      ctx.fillRect(MARGIN.left - 4, py, 4, 1);
      ctx.fillText(String(tick), MARGIN.left - 6, py);
    }
    ctx.textAlign = 'left';
    ctx.textBaseline = 'bottom';
    ctx.fillText('x₁ →', this.cssWidth - MARGIN.right - 34, this.cssHeight - 2);
    ctx.save();
    ctx.translate(12, MARGIN.top + 34);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'right';
    ctx.fillText('x₂ →', 0, 0);
    ctx.restore();
  }

  /** CSS pixel of a data point. */
  pixelOf([x, y]: Point): [number, number] {
    const { xMin, xMax, yMin, yMax } = this.window;
    const plotWidth = this.cssWidth - MARGIN.left - MARGIN.right;
    const plotHeight = this.cssHeight - MARGIN.top - MARGIN.bottom;
    return [
      MARGIN.left + ((x - xMin) / (xMax - xMin)) * plotWidth,
      MARGIN.top + ((yMax - y) / (yMax - yMin)) * plotHeight,
    ];
  }

  private dataAt(px: number, py: number): Point {
    const { xMin, xMax, yMin, yMax } = this.window;
    const plotWidth = this.cssWidth - MARGIN.left - MARGIN.right;
    const plotHeight = this.cssHeight - MARGIN.top - MARGIN.bottom;
    return [
      xMin + ((px - MARGIN.left) / plotWidth) * (xMax - xMin),
      yMax - ((py - MARGIN.top) / plotHeight) * (yMax - yMin),
    ];
  }

  private rounded([x, y]: Point): Point {
    const span = Math.max(this.window.xMax - this.window.xMin, this.window.yMax - this.window.yMin);
    return [roundForSpan(x, span), roundForSpan(y, span)];
  }

  private pickAt(px: number, py: number): Point {
    return this.rounded(this.dataAt(px, py));
  }

  /** Arrow keys move x⁰ by 2% of the window (Shift: 10%). */
  private onKey(event: KeyboardEvent): void {
    const moves: Record<string, Point> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, 1],
      ArrowDown: [0, -1],
    };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    const fraction = event.shiftKey ? 0.1 : 0.02;
    const dx = (this.window.xMax - this.window.xMin) * fraction * move[0];
    const dy = (this.window.yMax - this.window.yMin) * fraction * move[1];
    this.onPick(this.rounded([this.start[0] + dx, this.start[1] + dy]));
  }

  /** The bands, the minima, the start, then the paths (each with a dot where it is now). */
  draw(): void {
    const ctx = this.canvas.getContext('2d');
    if (ctx === null || this.bands === null || this.objective === null) return;
    const ratio = this.canvas.width / this.cssWidth;
    const points = this.paths.map((path) => path.points());
    const lines = this.strokeLines(points, ratio);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.drawImage(this.bands, 0, 0);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.save();
    ctx.beginPath();
    ctx.rect(
      MARGIN.left,
      MARGIN.top,
      this.cssWidth - MARGIN.left - MARGIN.right,
      this.cssHeight - MARGIN.top - MARGIN.bottom,
    );
    ctx.clip();

    for (const minimum of this.objective.minima(2)) {
      const [px, py] = this.pixelOf([minimum[0], minimum[1]]);
      star(ctx, px, py, 9);
      ctx.fillStyle = '#111';
      ctx.fill();
    }
    const [sx, sy] = this.pixelOf(this.start);
    ctx.beginPath();
    ctx.arc(sx, sy, 8, 0, 2 * Math.PI);
    ctx.lineWidth = 4;
    ctx.strokeStyle = '#fff';
    ctx.stroke();
    ctx.lineWidth = 2;
    ctx.strokeStyle = '#111';
    ctx.stroke();

    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(lines, 0, 0);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    this.paths.forEach((path, i) => this.drawMarkers(ctx, path, points[i]));
    ctx.restore();
  }

  /**
   * The lines' layer, brought up to date: the segments new since the last frame stroked onto it,
   * or (new paths, a new size, a path grown past its dots) every path stroked again whole, as
   * src/plot/decimate.ts thins it.
   */
  private strokeLines(points: ReadonlyArray<readonly Point[]>, ratio: number): HTMLCanvasElement {
    let lines = this.lines;
    if (lines === null || lines.width !== this.canvas.width || lines.height !== this.canvas.height) {
      lines = document.createElement('canvas');
      lines.width = this.canvas.width;
      lines.height = this.canvas.height;
      this.lines = lines;
      this.stroked = null;
    }
    const ctx = lines.getContext('2d') as CanvasRenderingContext2D;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const dotted = (path: MapPath, count: number): boolean => count <= MAX_DOTTED_POINTS && !path.dashed;
    const stroked = this.stroked;
    if (stroked === null || this.paths.some((path, i) => stroked[i].dotted && !dotted(path, points[i].length))) {
      ctx.clearRect(0, 0, this.cssWidth, this.cssHeight);
      this.stroked = this.paths.map((path, i) => {
        const thinned = decimatePath(points[i]);
        const dots = dotted(path, points[i].length);
        const length = this.strokeLine(ctx, path, thinned, 0);
        if (dots) this.drawDots(ctx, path, thinned);
        return { points: points[i].length, length, dotted: dots };
      });
      return lines;
    }
    this.paths.forEach((path, i) => {
      const done = stroked[i];
      const all = points[i];
      if (all.length <= done.points) return;
      // From the last point stroked, so that the new segments join the old ones.
      done.length += this.strokeLine(ctx, path, all.slice(Math.max(0, done.points - 1)), done.length);
      if (done.dotted) this.drawDots(ctx, path, all.slice(done.points));
      done.points = all.length;
    });
    return lines;
  }

  /** Strokes a polyline, its dash pattern `offset` pixels on; its length in pixels. */
  private strokeLine(ctx: CanvasRenderingContext2D, path: MapPath, points: readonly Point[], offset: number): number {
    if (points.length < 2) return 0;
    const pixels = points.map((point) => this.pixelOf(point));
    ctx.strokeStyle = path.colour;
    ctx.lineWidth = path.dashed ? 2 : 2.5;
    // Round ends and joins: a line stroked a few segments a frame shows no seam where they meet.
    ctx.lineCap = path.dashed ? 'butt' : 'round';
    ctx.lineJoin = 'round';
    ctx.setLineDash(path.dashed ? [7, 5] : []);
    ctx.lineDashOffset = offset;
    ctx.beginPath();
    let length = 0;
    pixels.forEach(([px, py], k) => {
      if (k === 0) ctx.moveTo(px, py);
      else {
        ctx.lineTo(px, py);
        length += Math.hypot(px - pixels[k - 1][0], py - pixels[k - 1][1]);
      }
    });
    ctx.stroke();
    ctx.setLineDash([]);
    return length;
  }

  private drawDots(ctx: CanvasRenderingContext2D, path: MapPath, points: readonly Point[]): void {
    ctx.fillStyle = path.colour;
    for (const point of points) {
      const [px, py] = this.pixelOf(point);
      ctx.beginPath();
      ctx.arc(px, py, 2.2, 0, 2 * Math.PI);
      ctx.fill();
    }
  }

  /** Where the path begins, in its colour, inside the start's ring; where it is now, ringed. */
  private drawMarkers(ctx: CanvasRenderingContext2D, path: MapPath, points: readonly Point[]): void {
    if (points.length === 0) return;
    ctx.fillStyle = path.colour;
    const [fx, fy] = this.pixelOf(points[0]);
    ctx.beginPath();
    ctx.arc(fx, fy, 3.5, 0, 2 * Math.PI);
    ctx.fill();
    const [cx, cy] = this.pixelOf(points[points.length - 1]);
    ctx.beginPath();
    ctx.arc(cx, cy, path.dashed ? 4 : 5.5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = '#111';
    ctx.stroke();
  }
}
