/**
 * Values as each language writes them: Python's repr for the table's torch side, TypeScript
 * literals for the printed code (keeping the user's own spelling of a number, `3e-4`, where
 * TypeScript reads it as the same number).
 */

/** Python's repr of a float or int, as near as a double tells (an integral value prints as an int). */
export function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const size = Math.abs(value);
  if (size !== 0 && (size < 1e-4 || size >= 1e16)) {
    // Python's exponent has at least two digits: 1e-08.
    return value.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(value);
}

export function pythonValue(value: number | boolean | string | null | undefined | readonly unknown[]): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'string') return value;
  return `(${value.map((v) => pythonValue(v as number)).join(', ')})`;
}

const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A number as TypeScript writes it: as the user wrote it when that is a plain literal of the same value. */
export function tsNumber(value: number, written: string | null = null): string {
  if (written !== null && PLAIN_NUMBER.test(written) && Number(written) === value) return written;
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  return String(value);
}

/** A number, a switch or a pair as TypeScript writes it. */
export function tsValue(value: number | boolean | readonly number[] | null, written: string | null = null): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return tsNumber(value, written);
  return `[${value.map((v) => tsNumber(v)).join(', ')}]`;
}

/** A string as a TypeScript literal, in single quotes. */
export function tsString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
