import type { ChartOptions, ScriptableScaleContext } from 'chart.js';

type AxisOptions = NonNullable<NonNullable<ChartOptions<'line'>['scales']>['y']>;

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** 1000 → "10³", 1e-4 → "10⁻⁴", 1 → "1"; anything that is not a power of ten → "" (no label). */
export function powerOfTenLabel(value: number): string {
  if (!(value > 0)) return '';
  const exponent = Math.round(Math.log10(value));
  if (Math.abs(value / 10 ** exponent - 1) > 1e-9) return '';
  if (exponent === 0) return '1';
  if (exponent === 1) return '10';
  return `10${String(exponent).replace(/./g, (c) => SUPERSCRIPT[c])}`;
}

/**
 * A logarithmic y axis labelled at powers of ten only: Chart.js's own log ticks come out as
 * "100.0000 … 0.0003" at every 1–9 multiple and overlap. Grid lines stay at every tick, strong at
 * the labelled ones.
 */
export function logAxis(title: string, titleSize = 26, tickSize = 20): AxisOptions {
  return {
    type: 'logarithmic',
    title: { display: true, text: title, font: { size: titleSize } },
    ticks: { font: { size: tickSize }, autoSkip: false, callback: (value) => powerOfTenLabel(Number(value)) },
    grid: {
      color: (context: ScriptableScaleContext) => (powerOfTenLabel(context.tick?.value ?? 0) ? '#c8c8c8' : '#efefef'),
    },
  };
}

/** Points a log axis can draw: exact zeros (and negatives) cannot be, so they are left out and counted. */
export function positivePoints(points: ReadonlyArray<{ x: number; y: number }>): {
  points: Array<{ x: number; y: number }>;
  dropped: number;
} {
  const kept = points.filter((p) => p.y > 0);
  return { points: kept, dropped: points.length - kept.length };
}
