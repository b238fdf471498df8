/**
 * JSON as people read it and as long runs need it: indented by two spaces, but an array of plain
 * values, or an object holding only plain values and arrays of them (a row of a run, a diff),
 * stays on one line. Produced as many pieces, never as one string: a run of 100 000 iterations of
 * seven optimizers would not fit in a single JavaScript string. The same values JSON.stringify
 * writes: undefined properties left out, non-finite numbers as null.
 */
type Plain = null | boolean | number | string;

function isPlain(value: unknown): value is Plain {
  const type = typeof value;
  return value === null || type === 'number' || type === 'string' || type === 'boolean';
}

function isPlainArray(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (!isPlain(item)) return false;
  return true;
}

function isFlat(value: unknown): boolean {
  if (isPlain(value) || typeof value !== 'object') return true;
  if (Array.isArray(value)) return isPlainArray(value);
  for (const key in value) {
    const item: unknown = (value as Record<string, unknown>)[key];
    if (item !== undefined && !isPlain(item) && !isPlainArray(item)) return false;
  }
  return true;
}

/** Collects text and cuts it into pieces of about 64 KB. */
class PieceWriter {
  readonly pieces: string[] = [];
  private current = '';

  write(text: string): void {
    this.current += text;
    if (this.current.length > 65536) {
      this.pieces.push(this.current);
      this.current = '';
    }
  }

  finish(): string[] {
    this.pieces.push(this.current);
    return this.pieces;
  }
}

function write(out: PieceWriter, value: unknown, indent: string): void {
  if (isFlat(value)) {
    out.write(JSON.stringify(value) ?? 'null');
    return;
  }
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    out.write('[');
    value.forEach((item: unknown, i) => {
      out.write(`${i > 0 ? ',' : ''}\n${inner}`);
      write(out, item, inner);
    });
    out.write(`\n${indent}]`);
    return;
  }
  out.write('{');
  let first = true;
  for (const [key, item] of Object.entries(value as object)) {
    if (item === undefined) continue;
    out.write(`${first ? '' : ','}\n${inner}${JSON.stringify(key)}: `);
    first = false;
    write(out, item, inner);
  }
  out.write(`\n${indent}}`);
}

/** The JSON text of `value`, ending in a newline, in pieces of about 64 KB. */
export function jsonText(value: unknown): string[] {
  const out = new PieceWriter();
  write(out, value, '');
  out.write('\n');
  return out.finish();
}
