/**
 * The tokenizer: pasted Python source → tokens, each with its line, column and exact text.
 *
 * It follows Python's lexical rules where pasted optimizer code needs them: newlines end a statement only
 * outside brackets, a backslash joins lines, `#` starts a comment, blank lines are skipped.
 *
 * Code pasted from inside a function is indented: statements may all start at the first one's column, as
 * if textwrap.dedent had stripped the common indentation, and any other indentation is an error since
 * blocks are not understood. Unlike dedent, lines whose indentation Python ignores (blank and comment-only
 * lines, lines inside brackets or after a backslash) do not count.
 */
import { PythonSyntaxError } from './errors';

interface TokenBase {
  /** The exact source text of the token. */
  readonly text: string;
  /** 1-based line and column of the first character. */
  readonly line: number;
  readonly column: number;
  /** Offsets into the source: text === source.slice(start, end). */
  readonly start: number;
  readonly end: number;
}

export type Token =
  | (TokenBase & { readonly kind: 'name' | 'keyword' | 'op' | 'newline' | 'end' })
  | (TokenBase & { readonly kind: 'number'; readonly value: number; readonly integer: boolean })
  | (TokenBase & { readonly kind: 'string'; readonly value: string });

export const KEYWORDS: ReadonlySet<string> = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for from ' +
    'global if import in is lambda nonlocal not or pass raise return try while with yield'
  ).split(' '),
);

// Longest first, so that `**=` is not read as `**` then `=`. Every Python operator is recognised, even the
// ones the parser rejects, so that its message names the whole operator.
// prettier-ignore
const OPERATORS = [
  '**=', '//=', '>>=', '<<=', '...',
  '->', ':=', '**', '//', '<<', '>>', '<=', '>=', '==', '!=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=',
  '+', '-', '*', '/', '%', '@', '&', '|', '^', '~', '<', '>', '(', ')', '[', ']', '{', '}', ',', ':', '.', ';', '=',
];

const CLOSING: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

/** Python's decimal literal: digits with single underscores between them, an optional point, an exponent. */
export const DECIMAL_LITERAL = String.raw`(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?`;
const DECIMAL = new RegExp(DECIMAL_LITERAL, 'y');
const PREFIXED_INTEGER = /0(?:[xX](?:_?[0-9a-fA-F])+|[oO](?:_?[0-7])+|[bB](?:_?[01])+)/y;
// Python's identifiers, approximately: a letter or underscore, then letters, digits, marks, underscores.
const IDENTIFIER_START = /[\p{L}\p{Nl}_]/u;
const IDENTIFIER_CHAR = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]/u;
const IDENTIFIER_REST = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;
const STRING_PREFIX = /^(?:[rubf]|br|rb|fr|rf)$/i;
// prettier-ignore
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v',
};

/** Splits source into tokens, or throws a PythonSyntaxError naming the first character that cannot be read. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const open: Token[] = []; // brackets not closed yet, innermost last
  let indentation: string | null = null; // the first statement's, once seen
  let pos = 0;
  let line = 1;
  let lineStart = 0;
  let atLineStart = true;

  // Position fields of a token on the current line, from start to the current position.
  const at = (start: number): TokenBase => ({
    text: source.slice(start, pos),
    line,
    column: start - lineStart + 1,
    start,
    end: pos,
  });
  const newline = (): void => {
    pos += source.startsWith('\r\n', pos) ? 2 : 1;
    line++;
    lineStart = pos;
  };

  while (pos < source.length) {
    if (atLineStart && open.length === 0) {
      atLineStart = false;
      const whitespace = /[ \t\f]*/y;
      whitespace.lastIndex = pos;
      const width = whitespace.exec(source)![0].length;
      const rest = source[pos + width];
      // Blank and comment-only lines say nothing about blocks: Python ignores their indentation.
      if (rest !== undefined && rest !== '#' && rest !== '\n' && rest !== '\r') {
        const indent = source.slice(pos, pos + width);
        indentation ??= indent;
        if (indent !== indentation) {
          fail(
            indent.startsWith(indentation)
              ? 'unexpected indent'
              : 'inconsistent indentation: statements must line up with the first one',
            pos + width,
          );
        }
      }
      pos += width;
      continue;
    }
    const c = source[pos];
    const start = pos;
    if (c === ' ' || c === '\t' || c === '\f') {
      pos++;
    } else if (c === '#') {
      while (pos < source.length && source[pos] !== '\n' && source[pos] !== '\r') pos++;
    } else if (c === '\n' || c === '\r') {
      if (open.length === 0 && tokens.length > 0 && tokens[tokens.length - 1].kind !== 'newline') {
        pos++;
        tokens.push({ kind: 'newline', ...at(start) });
        pos = start;
      }
      newline();
      atLineStart = open.length === 0;
    } else if (c === '\\') {
      const next = source[pos + 1];
      if (next !== '\n' && next !== '\r') fail('unexpected character after line continuation "\\"', pos);
      pos++;
      newline();
    } else if (/\d/.test(c) || (c === '.' && /\d/.test(source[pos + 1] ?? ''))) {
      readNumber(start);
    } else if (c === '"' || c === "'") {
      readString(start, '');
    } else if (IDENTIFIER_START.test(c)) {
      IDENTIFIER_REST.lastIndex = pos + 1;
      const word = c + IDENTIFIER_REST.exec(source)![0];
      pos += word.length;
      const quote = source[pos];
      if ((quote === '"' || quote === "'") && STRING_PREFIX.test(word)) {
        if (/[fb]/i.test(word)) {
          fail(
            `unsupported string prefix "${word}" (${/f/i.test(word) ? 'f-strings' : 'bytes'} are not understood)`,
            start,
          );
        }
        readString(start, word);
      } else {
        tokens.push({ kind: KEYWORDS.has(word) ? 'keyword' : 'name', ...at(start) });
      }
    } else {
      const op = OPERATORS.find((o) => source.startsWith(o, pos));
      if (op === undefined) fail(`unexpected character ${JSON.stringify(c)}`, pos);
      pos += op.length;
      const token: Token = { kind: 'op', ...at(start) };
      tokens.push(token);
      if (op === '(' || op === '[' || op === '{') open.push(token);
      if (op in CLOSING) {
        const opener = open.pop();
        if (opener === undefined) fail(`unexpected "${op}"`, start);
        if (opener.text !== CLOSING[op]) {
          const column = start - lineStart + 1;
          throw new PythonSyntaxError(
            `unbalanced brackets: "${op}" at ${line}:${column} does not match "${opener.text}" at ${opener.line}:${opener.column}`,
            line,
            column,
          );
        }
      }
    }
  }

  const unclosed = open.pop();
  if (unclosed !== undefined) {
    throw new PythonSyntaxError(
      `unbalanced brackets: "${unclosed.text}" at ${unclosed.line}:${unclosed.column} is never closed`,
      unclosed.line,
      unclosed.column,
    );
  }
  // Like Python's tokenizer, end the last statement even without a final newline, so that the parser
  // sees every statement end the same way.
  if (tokens.length > 0 && tokens[tokens.length - 1].kind !== 'newline') tokens.push({ kind: 'newline', ...at(pos) });
  tokens.push({ kind: 'end', ...at(pos) });
  return tokens;

  // A declaration rather than an arrow function, so that TypeScript knows the code after a call is unreachable.
  function fail(message: string, offset: number): never {
    const column = offset - lineStart + 1;
    throw new PythonSyntaxError(`${message} at ${line}:${column}`, line, column);
  }

  function readNumber(start: number): void {
    PREFIXED_INTEGER.lastIndex = pos;
    DECIMAL.lastIndex = pos;
    const prefixed = PREFIXED_INTEGER.exec(source);
    const text = prefixed?.[0] ?? DECIMAL.exec(source)![0];
    const integer = prefixed !== null || !/[.eE]/.test(text);
    if (prefixed === null && integer && /^0[0-9_]*[1-9]/.test(text)) {
      fail(`leading zeros in decimal integer literals are not permitted: "${text}"`, start);
    }
    pos += text.length;
    const after = source[pos] ?? '';
    if (after === 'j' || after === 'J') fail(`complex numbers are not understood: "${text}${after}"`, start);
    if (IDENTIFIER_CHAR.test(after)) {
      const word = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}.]*/uy;
      word.lastIndex = pos;
      fail(`invalid number "${text}${word.exec(source)![0]}"`, start);
    }
    const digits = text.replace(/_/g, '');
    tokens.push({ kind: 'number', value: Number(digits), integer, ...at(start) });
  }

  function readString(start: number, prefix: string): void {
    const startLine = line;
    const startColumn = start - lineStart + 1;
    const unterminated = (what: string): never => {
      throw new PythonSyntaxError(`${what} at ${startLine}:${startColumn}`, startLine, startColumn);
    };
    const raw = /r/i.test(prefix);
    const quote = source[pos];
    const triple = source.startsWith(quote.repeat(3), pos);
    const closing = triple ? quote.repeat(3) : quote;
    pos += closing.length;
    let value = '';
    for (;;) {
      if (pos >= source.length) unterminated(triple ? 'unterminated triple-quoted string' : 'unterminated string');
      const c = source[pos];
      if (source.startsWith(closing, pos)) {
        pos += closing.length;
        break;
      }
      if (c === '\n' || c === '\r') {
        if (!triple) unterminated('unterminated string');
        value += '\n';
        newline();
      } else if (c === '\\') {
        const next = source[pos + 1] ?? '';
        if (next === '') unterminated(triple ? 'unterminated triple-quoted string' : 'unterminated string');
        if (next === '\n' || next === '\r') {
          if (raw) value += '\\\n';
          pos++;
          newline();
        } else if (raw) {
          // In a raw string a backslash stays, and still keeps the next character from ending the string.
          value += c + next;
          pos += 2;
        } else if (Object.hasOwn(ESCAPES, next)) {
          value += ESCAPES[next];
          pos += 2;
        } else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(source.slice(pos + 2, pos + 4))) {
          value += String.fromCharCode(parseInt(source.slice(pos + 2, pos + 4), 16));
          pos += 4;
        } else {
          fail(`unsupported escape "\\${next}" in string`, pos);
        }
      } else {
        value += c;
        pos++;
      }
    }
    // A triple-quoted string spanning lines starts on an earlier line than the one it ends on.
    const text = source.slice(start, pos);
    tokens.push({ kind: 'string', value, text, line: startLine, column: startColumn, start, end: pos });
  }
}
