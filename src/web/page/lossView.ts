import {
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
  type ChartDataset,
} from 'chart.js';
import type { RunName } from '../../config';
import { decimateCurve, MAX_CURVE_POINTS, type Point } from '../../plot/decimate';
import { logAxis, powerOfTenLabel } from '../../plot/logAxis';
import type { RunHistory } from '../../run/history';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip);

/** Pixels per labelled tick, at least. */
const TICK_SPACING = 22;
/** Decades above the highest starting loss the axis shows: a run climbing past them is diverging, and leaves the chart. */
const HEADROOM_DECADES = 2;

/**
 * The log axis of src/plot/logAxis.ts, sized for the page: when the range holds more ticks than
 * the height can label, only powers of ten keep theirs, every so many.
 */
function lossAxis(): ReturnType<typeof logAxis> {
  return {
    ...logAxis('loss', 12, 11),
    afterBuildTicks(scale) {
      const room = Math.max(2, Math.floor(scale.height / TICK_SPACING));
      if (scale.ticks.length <= room * 3) return;
      const powers = scale.ticks.filter((tick) => powerOfTenLabel(tick.value) !== '');
      const stride = Math.ceil(powers.length / room);
      scale.ticks = powers.filter((_, i) => i % stride === 0);
    },
  };
}

/**
 * The loss against iteration on a log axis (src/plot/logAxis.ts, as Compare.png), one solid line
 * per optimizer's TF.js run and, with the PyTorch switch, its torch.optim-rule run dashed. It grows
 * as the runs do: each frame appends the rows that are new. Where the objective's minimum is not 0
 * (Styblinski–Tang's is negative), the line is the loss above the minimum, so the log axis can
 * show it falling.
 */
export interface LossCurve {
  label: string;
  colour: string;
  run: RunName;
  history: RunHistory;
}

/** A line, and which run it draws (for the legend). */
type Dataset = ChartDataset<'line', Array<{ x: number; y: number }>> & { run: RunName };

export class LossView {
  private readonly chart: Chart<'line', Array<{ x: number; y: number }>>;
  private curves: LossCurve[] = [];
  /** Each curve's points so far; drawn whole up to two per pixel column, thinned past that (src/plot/decimate.ts). */
  private points: Point[][] = [];
  /** Rows of each curve already read. */
  private drawn: number[] = [];
  private floor = 0;
  /** The lowest point so far: the axis starts at the power of ten below it, so low lines do not hug the axis. */
  private lowest = Infinity;
  /** Points not drawn: a loss at (or below) the floor has no place on a log axis. */
  dropped = 0;

  constructor(canvas: HTMLCanvasElement) {
    this.chart = new Chart(canvas, {
      type: 'line',
      data: { datasets: [] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        interaction: { mode: 'nearest', intersect: false },
        plugins: {
          legend: {
            position: 'bottom',
            labels: {
              boxWidth: 24,
              boxHeight: 2,
              font: { size: 12 },
              // One entry per optimizer: its torch.optim-rule line is the dashed one of the same colour.
              filter: (item, data) => (data.datasets[item.datasetIndex ?? 0] as { run?: RunName }).run !== 'pytorch',
              sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
            },
          },
        },
        scales: {
          x: {
            type: 'linear',
            title: { display: true, text: 'iteration' },
            ticks: { precision: 0 },
          },
          y: lossAxis(),
        },
      },
    });
  }

  /** New runs: the lines start again. `floor` is the objective's minimum, `iterations` the x axis's end. */
  reset(curves: LossCurve[], floor: number, iterations: number): void {
    this.curves = curves;
    this.drawn = curves.map(() => 0);
    this.points = curves.map(() => []);
    this.lowest = Infinity;
    this.floor = floor;
    this.dropped = 0;
    const datasets: Dataset[] = curves.map((curve) => ({
      label: curve.label,
      data: [],
      borderColor: curve.colour,
      backgroundColor: curve.colour,
      borderWidth: curve.run === 'pytorch' ? 2 : 2.5,
      borderDash: curve.run === 'pytorch' ? [6, 4] : [],
      pointRadius: 0,
      tension: 0,
      order: curve.run === 'pytorch' ? 0 : 1,
      run: curve.run,
    }));
    this.chart.data.datasets = datasets;
    const x = this.chart.options.scales?.x;
    if (x) {
      x.min = 1;
      x.max = Math.max(2, iterations);
    }
    const y = this.chart.options.scales?.y;
    if (y) {
      // Set from the first rows, on the next update.
      y.max = undefined;
      if (y.title) y.title.text = floor === 0 ? 'loss' : `loss − (${floor.toPrecision(6)}), the minimum`;
    }
    this.update();
  }

  /** Appends the rows each run added since the last frame. */
  update(): void {
    const y = this.chart.options.scales?.y;
    if (y && y.max === undefined) {
      const starts = this.curves.map((curve) => (curve.history.rows[0]?.loss ?? NaN) - this.floor).filter((v) => v > 0);
      if (starts.length > 0) y.max = 10 ** (Math.ceil(Math.log10(Math.max(...starts))) + HEADROOM_DECADES);
    }
    // Two points per pixel column keep every spike (src/plot/decimate.ts keeps each stretch's lowest
    // and highest); more only cost Chart.js time every frame.
    const maxPoints = Math.min(MAX_CURVE_POINTS, Math.max(200, 2 * this.chart.width));
    this.curves.forEach((curve, i) => {
      const points = this.points[i];
      const rows = curve.history.rows;
      for (let k = this.drawn[i]; k < rows.length; k++) {
        const y = rows[k].loss - this.floor;
        if (y > 0) {
          points.push({ x: rows[k].iteration, y });
          this.lowest = Math.min(this.lowest, y);
        } else this.dropped++;
      }
      this.drawn[i] = rows.length;
      this.chart.data.datasets[i].data = points.length <= maxPoints ? points : decimateCurve(points, maxPoints);
    });
    if (y && Number.isFinite(this.lowest)) y.min = 10 ** Math.floor(Math.log10(this.lowest));
    this.chart.update('none');
  }

  get canvas(): HTMLCanvasElement {
    return this.chart.canvas;
  }
}
