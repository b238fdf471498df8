/**
 * Numbers printed exactly as the original prints them: `print(np.around(v, 3))` under NumPy's
 * default print options (precision 8, floatmode 'maxprec', linewidth 75, threshold 1000,
 * edgeitems 3, legacy off), as NumPy 1.24 does.
 *
 * Three pieces, each mirroring one NumPy routine:
 * - `npAround`: `np.around(x, 3)` is not decimal rounding; NumPy multiplies by 10**3, rounds half
 *   to even (`rint`) and divides back, all in float64. 52.5625 → 52562.5 → 52562 → 52.562.
 * - `formatNpFloat64`: `str(np.float64)`, Python's shortest repr (`125.0`, `1e+16`).
 * - `formatNpArray`: `str(ndarray)` for 1-D float64 (FloatingFormat + _formatArray): one shared
 *   field width, scientific notation for the whole array when NumPy would switch, line wrapping,
 *   and `...` summaries past 1000 elements.
 */

import { maxOf, minOf } from '../math/extremes';
import { NUMPY_EDGE_ITEMS, NUMPY_THRESHOLD } from '../numpyPrintOptions';

/** `np.rint`: round half to even, keeping the sign of zero (rint(-0.3) is -0). */
export function rint(value: number): number {
  if (!Number.isFinite(value) || Math.abs(value) >= 2 ** 52) return value;
  const floor = Math.floor(value);
  const fraction = value - floor; // exact for |value| < 2**52
  let rounded: number;
  if (fraction < 0.5) rounded = floor;
  else if (fraction > 0.5) rounded = floor + 1;
  else rounded = floor % 2 === 0 ? floor : floor + 1;
  return rounded === 0 && (value < 0 || Object.is(value, -0)) ? -0 : rounded;
}

/** `np.around(value, decimals)` for decimals ≥ 0, in NumPy's own float64 steps. */
export function npAround(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return rint(value * scale) / scale;
}

/** A finite double split into its shortest round-trip decimal digits: value = 0.d₁d₂… × 10^(exponent+1). */
interface Decimal {
  negative: boolean;
  digits: string; // no leading zeros; '0' for zero
  exponent: number; // power of ten of the first digit
}

function shortestDecimal(value: number): Decimal {
  const negative = value < 0 || Object.is(value, -0);
  if (value === 0) return { negative, digits: '0', exponent: 0 };
  // JS's toExponential() without an argument gives the shortest digits that round-trip, choosing
  // the closest when several do: the same digits as Python's repr and NumPy's Dragon4 'unique'.
  const [mantissa, exp] = Math.abs(value).toExponential().split('e') as [string, string];
  return { negative, digits: mantissa.replace('.', ''), exponent: Number(exp) };
}

/**
 * The exact binary value rounded half-to-even to a decimal cutoff, as Dragon4 does when the
 * shortest digits run past the requested precision. `cutoffExponent` is the power of ten of the
 * last digit kept. Returns digits without trailing zeros.
 */
function roundExactly(value: number, cutoffExponent: number): Decimal {
  const negative = value < 0 || Object.is(value, -0);
  const magnitude = Math.abs(value);
  // magnitude = mantissa × 2^binaryExponent exactly.
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, magnitude);
  const bits = view.getBigUint64(0);
  const biasedExponent = Number((bits >> 52n) & 0x7ffn);
  const fractionBits = bits & ((1n << 52n) - 1n);
  const mantissa = biasedExponent === 0 ? fractionBits : fractionBits | (1n << 52n);
  const binaryExponent = (biasedExponent === 0 ? 1 : biasedExponent) - 1075;
  // units = magnitude / 10^cutoffExponent as a fraction numerator/denominator.
  let numerator = mantissa;
  let denominator = 1n;
  if (binaryExponent >= 0) numerator <<= BigInt(binaryExponent);
  else denominator <<= BigInt(-binaryExponent);
  if (cutoffExponent >= 0) denominator *= 10n ** BigInt(cutoffExponent);
  else numerator *= 10n ** BigInt(-cutoffExponent);
  let units = numerator / denominator;
  const twiceRemainder = 2n * (numerator % denominator);
  if (twiceRemainder > denominator || (twiceRemainder === denominator && units % 2n === 1n)) units += 1n;
  if (units === 0n) return { negative, digits: '0', exponent: cutoffExponent };
  const digits = units.toString();
  const trimmed = digits.replace(/0+$/, '');
  return { negative, digits: trimmed, exponent: cutoffExponent + digits.length - 1 };
}

/** Dragon4 'unique' digits, cut at `maxFractionDigits` after the point (positional). */
function positionalDecimal(value: number, maxFractionDigits: number): Decimal {
  const shortest = shortestDecimal(value);
  const fractionDigits = shortest.digits.length - 1 - shortest.exponent;
  return fractionDigits > maxFractionDigits ? roundExactly(value, -maxFractionDigits) : shortest;
}

/** Dragon4 'unique' digits, cut at `maxFractionDigits` after the first digit (scientific). */
function scientificDecimal(value: number, maxFractionDigits: number): Decimal {
  const shortest = shortestDecimal(value);
  if (shortest.digits.length - 1 <= maxFractionDigits) return shortest;
  const rounded = roundExactly(value, shortest.exponent - maxFractionDigits);
  return rounded;
}

/** Positional text of a decimal: integer part and fraction part (fraction without trailing zeros). */
function positionalParts(decimal: Decimal): { integer: string; fraction: string } {
  const { digits, exponent } = decimal;
  const sign = decimal.negative ? '-' : '';
  if (digits === '0') return { integer: `${sign}0`, fraction: '' };
  if (exponent < 0) return { integer: `${sign}0`, fraction: '0'.repeat(-exponent - 1) + digits };
  const integerDigits = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  return { integer: sign + integerDigits, fraction: digits.slice(exponent + 1) };
}

function scientificParts(decimal: Decimal): { integer: string; fraction: string; exponent: number } {
  const sign = decimal.negative ? '-' : '';
  return { integer: sign + decimal.digits[0], fraction: decimal.digits.slice(1), exponent: decimal.exponent };
}

function exponentText(exponent: number, minDigits: number): string {
  return (exponent < 0 ? '-' : '+') + String(Math.abs(exponent)).padStart(minDigits, '0');
}

const PRECISION = 8;
const LINE_WIDTH = 75;

/** `str(np.float64(value))`: positional between 1e-4 and 1e16, else scientific, Python-style. */
export function formatNpFloat64(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value < 0 ? '-inf' : 'inf';
  const magnitude = Math.abs(value);
  if (magnitude === 0 || (magnitude >= 1e-4 && magnitude < 1e16)) {
    const { integer, fraction } = positionalParts(shortestDecimal(value));
    return `${integer}.${fraction || '0'}`;
  }
  const { integer, fraction, exponent } = scientificParts(shortestDecimal(value));
  return `${integer}${fraction ? '.' + fraction : ''}e${exponentText(exponent, 2)}`;
}

/** NumPy's FloatingFormat: one formatter for every element of an array, sized from all of them. */
function makeElementFormatter(shown: readonly number[]): (value: number) => string {
  const finite = shown.filter(Number.isFinite);
  const nonZero = finite.filter((v) => v !== 0).map(Math.abs);
  let scientific = false;
  if (nonZero.length > 0) {
    const max = maxOf(nonZero);
    const min = minOf(nonZero);
    scientific = max >= 1e8 || min < 1e-4 || max / min > 1e3;
  }

  let padLeft = 0;
  let padRight = 0;
  let element: (value: number) => string;
  if (finite.length === 0) {
    element = () => '';
  } else if (scientific) {
    const parts = finite.map((v) => scientificParts(scientificDecimal(v, PRECISION)));
    const fractionDigits = maxOf(parts.map((p) => p.fraction.length));
    const exponentDigits = maxOf(
      parts.map((p) => String(Math.abs(p.exponent)).length),
      2,
    );
    padLeft = maxOf(parts.map((p) => p.integer.length));
    padRight = exponentDigits + 2 + fractionDigits;
    element = (value) => {
      const p = scientificParts(scientificDecimal(value, fractionDigits));
      const text = `${p.integer}.${p.fraction.padEnd(fractionDigits, '0')}e${exponentText(p.exponent, exponentDigits)}`;
      return text.padStart(padLeft + padRight + 1);
    };
  } else {
    const parts = finite.map((v) => positionalParts(positionalDecimal(v, PRECISION)));
    padLeft = maxOf(parts.map((p) => p.integer.length));
    padRight = maxOf(parts.map((p) => p.fraction.length));
    element = (value) => {
      const p = positionalParts(positionalDecimal(value, PRECISION));
      return `${p.integer.padStart(padLeft)}.${p.fraction.padEnd(padRight)}`;
    };
  }
  if (finite.length !== shown.length) {
    // Room for 'nan' / '-inf' beside the numbers, as FloatingFormat widens pad_left for them.
    const hasNegativeInfinity = shown.some((v) => v === -Infinity);
    padLeft = Math.max(padLeft, 3 - (padRight + 1), 3 + (hasNegativeInfinity ? 1 : 0) - (padRight + 1));
  }
  return (value) => {
    if (Number.isFinite(value)) return element(value);
    const text = Number.isNaN(value) ? 'nan' : value < 0 ? '-inf' : 'inf';
    return text.padStart(padLeft + padRight + 1);
  };
}

/** `str(ndarray)` of a 1-D float64 array: NumPy's _formatArray with its line wrapping. */
export function formatNpArray(values: ArrayLike<number>): string {
  const all = Array.from(values);
  if (all.length > NUMPY_THRESHOLD)
    return formatNpSummary(all.slice(0, NUMPY_EDGE_ITEMS), all.slice(-NUMPY_EDGE_ITEMS));
  return layOut(all.map(makeElementFormatter(all)));
}

/**
 * What NumPy prints for an array of more than 1000 elements, from its edge items alone (the
 * first three and the last three): `[5. 10. 5. ... 10. 5. 10.]`. NumPy sizes the fields from the
 * edge items only, so nothing else is needed.
 */
export function formatNpSummary(leading: readonly number[], trailing: readonly number[]): string {
  const format = makeElementFormatter([...leading, ...trailing]);
  return layOut([...leading.map(format), '...', ...trailing.map(format)]);
}

/** The words of an array, separated by spaces, wrapped at 75 columns, in brackets. */
function layOut(words: readonly string[]): string {
  const hangingIndent = ' ';
  const elementWidth = LINE_WIDTH - 1; // room for the closing ']'
  let text = '';
  let line = hangingIndent;
  words.forEach((word, index) => {
    // NumPy does not wrap when the line holds nothing but the indent: wrapping would not help.
    if (line.length + word.length > elementWidth && line.length > hangingIndent.length) {
      text += line.trimEnd() + '\n';
      line = hangingIndent;
    }
    line += word;
    if (index < words.length - 1) line += ' ';
  });
  text += line;
  return '[' + text.slice(hangingIndent.length) + ']';
}
