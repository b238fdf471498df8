import { PythonEvaluationError, PythonSyntaxError, type Span } from '../python';

/**
 * Code the port cannot read or does not know: one line naming the token and where it is. The
 * command turns it into exit 2 with nothing written.
 */
export class PortInputError extends Error {}

/** `at line:column`, where a piece of the pasted code starts. */
export function at(span: Span): string {
  return `at ${span.line}:${span.column}`;
}

/** Python source on one line, for messages and comments: brackets' inner line breaks and comments dropped. */
export function oneLine(text: string): string {
  if (!/[\n\r]/.test(text)) return text.trim();
  return text
    .replace(/\s*#[^\n\r]*/g, '')
    .replace(/\\?\s+/g, ' ')
    .replace(/([([{]) /g, '$1')
    .replace(/ ([)\]}])/g, '$1')
    .replace(/,([)\]}])/g, '$1')
    .trim();
}

/** Runs `read`, turning the Python reader's errors (already one line each) into PortInputErrors. */
export function readingPython<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof PythonSyntaxError || error instanceof PythonEvaluationError) {
      throw new PortInputError(error.message);
    }
    throw error;
  }
}
