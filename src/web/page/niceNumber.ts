/**
 * Numbers as a person would type them: a click on the map gives x⁰ to the precision the map can
 * show (about a pixel), not to seventeen digits.
 */

/** `value` rounded to a power-of-ten step about `span / resolution` wide. */
export function roundForSpan(value: number, span: number, resolution = 500): number {
  const exponent = Math.floor(Math.log10(span / resolution));
  const decimals = Math.max(0, -exponent);
  const step = 10 ** exponent;
  const rounded = Number((Math.round(value / step) * step).toFixed(decimals));
  // -0 would print as "0" but parse back as -0: keep it plain.
  return rounded === 0 ? 0 : rounded;
}

/** Evenly spaced round values covering [min, max], about `count` of them (for axis ticks). */
export function niceTicks(min: number, max: number, count: number): number[] {
  const rough = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
    ticks.push(Number(v.toPrecision(12)) || 0);
  }
  return ticks;
}
