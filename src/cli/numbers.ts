import { UsageError } from './usageError';

// A plain decimal literal: no hex, no 'Infinity', no empty string that Number() would turn into 0.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A finite number from flag text, or a UsageError naming the flag. */
export function parseFiniteNumber(flag: string, text: string): number {
  const value = DECIMAL.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isFinite(value)) throw new UsageError(`--${flag} must be a finite number, got "${text}"`);
  return value;
}

/** A whole number in [min, max]. */
export function parseWholeNumber(flag: string, text: string, min: number, max: number): number {
  const value = /^\+?\d+$/.test(text.trim()) ? Number(text) : parseFiniteNumber(flag, text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

/** A comma-separated list of finite numbers, at least one. */
export function parseNumberList(flag: string, text: string): number[] {
  const parts = text.split(',');
  if (text.trim() === '' || parts.some((p) => p.trim() === '')) {
    throw new UsageError(`--${flag} must be comma-separated numbers like 5,10, got "${text}"`);
  }
  return parts.map((part) => {
    const value = DECIMAL.test(part.trim()) ? Number(part) : NaN;
    if (!Number.isFinite(value)) {
      throw new UsageError(`--${flag} must be comma-separated finite numbers, got "${part.trim()}" in "${text}"`);
    }
    return value;
  });
}
