/**
 * The two ways pasted Python can fail here, each with a one-line message that points at the source:
 * it does not parse (PythonSyntaxError), or it parses but cannot be given a value (PythonEvaluationError).
 */

/** Where a piece of source starts (1-based line and column) and its exact text. */
export interface Span {
  readonly line: number;
  readonly column: number;
  readonly text: string;
}

/** Text that does not parse as the understood subset of Python. */
export class PythonSyntaxError extends Error {
  override readonly name = 'PythonSyntaxError';

  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** An expression that parses but has no value here: not a constant, an unknown name, a division by zero… */
export class PythonEvaluationError extends Error {
  override readonly name = 'PythonEvaluationError';

  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

// Quoted source longer than this is cut: a message must stay one readable line.
const MAX_QUOTE = 60;

/**
 * `"text" at line:column`, shortened when long. Text spanning several lines (inside brackets) is put on
 * one, as a person would write it, so that the message stays one line.
 */
export function where(span: Span): string {
  const oneLine = /[\n\r]/.test(span.text)
    ? span.text
        .replace(/\s*#[^\n\r]*/g, '')
        .replace(/\\?\s+/g, ' ')
        .replace(/([([{]) /g, '$1')
        .replace(/ ([)\]}])/g, '$1')
    : span.text;
  const shown = oneLine.length > MAX_QUOTE ? `${oneLine.slice(0, MAX_QUOTE - 1)}…` : oneLine;
  return `"${shown}" at ${span.line}:${span.column}`;
}
