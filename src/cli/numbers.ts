import { UsageError } from './usageError';

// A plain decimal literal: no hex, no 'Infinity', no empty string that Number() would turn into 0.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The number a decimal literal spells, or why it is not one. */
function decimal(text: string): number | 'not a number' | 'too large' | 'too small' {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return 'not a number';
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return 'too large';
  // 1e-400 parses as 0: refuse it rather than run with a value nobody asked for.
  if (value === 0 && /[1-9]/.test(trimmed.split(/[eE]/)[0])) return 'too small';
  return value;
}

/** A finite number from flag text, or a UsageError naming the flag. */
export function parseFiniteNumber(flag: string, text: string): number {
  const value = decimal(text);
  if (value === 'too small')
    throw new UsageError(`--${flag} ${text.trim()} is too small to be told from 0; write 0 or a larger number`);
  if (typeof value !== 'number') throw new UsageError(`--${flag} must be a finite number, got "${text}"`);
  return value;
}

/**
 * A number TF.js can hold: TF.js computes in float32, so it must stay finite and, unless it is 0,
 * not round to 0 there (1.4e-45 ≤ |v| ≤ 3.4e38).
 */
export function parseFloat32Number(flag: string, text: string): number {
  const value = parseFiniteNumber(flag, text);
  const single = Math.fround(value);
  if (!Number.isFinite(single) || (value !== 0 && single === 0)) {
    throw new UsageError(
      `--${flag} ${text.trim()} does not fit in float32, which TF.js computes in (|v| from 1.4e-45 to 3.4e38, or 0)`,
    );
  }
  return value;
}

/** A whole number in [min, max]. */
export function parseWholeNumber(flag: string, text: string, min: number, max: number): number {
  const value = parseFiniteNumber(flag, text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

/** A comma-separated list of numbers TF.js can hold, at least one. */
export function parseNumberList(flag: string, text: string): number[] {
  const parts = text.split(',');
  if (text.trim() === '' || parts.some((p) => p.trim() === '')) {
    throw new UsageError(`--${flag} must be comma-separated numbers like 5,10, got "${text}"`);
  }
  return parts.map((part) => {
    if (typeof decimal(part) !== 'number') {
      throw new UsageError(`--${flag} must be comma-separated finite numbers, got "${part.trim()}" in "${text}"`);
    }
    return parseFloat32Number(flag, part);
  });
}
