import { PythonSyntaxError } from './errors';
import { tokenize, type Token } from './tokens';

const brief = (tokens: Token[]): string[] =>
  tokens.map((t) => `${t.kind} ${JSON.stringify(t.text)} ${t.line}:${t.column}`);

/** The message tokenize throws for source, or '' when it reads it. */
function syntaxError(source: string): string {
  try {
    tokenize(source);
    return '';
  } catch (error) {
    if (!(error instanceof PythonSyntaxError)) throw error;
    return error.message;
  }
}

describe('tokens', () => {
  test('each token keeps its kind, exact text, line and column; the last line is ended for the parser', () => {
    expect(brief(tokenize('lr = f(a, b=1.5)'))).toEqual([
      'name "lr" 1:1',
      'op "=" 1:4',
      'name "f" 1:6',
      'op "(" 1:7',
      'name "a" 1:8',
      'op "," 1:9',
      'name "b" 1:11',
      'op "=" 1:12',
      'number "1.5" 1:13',
      'op ")" 1:16',
      'newline "" 1:17',
      'end "" 1:17',
    ]);
  });

  test('operators are read longest first, keywords apart from names', () => {
    const tokens = tokenize('a ** -b // c <= d != e if not f else lambda x: x');
    expect(tokens.filter((t) => t.kind === 'op').map((t) => t.text)).toEqual(['**', '-', '//', '<=', '!=', ':']);
    expect(tokens.filter((t) => t.kind === 'keyword').map((t) => t.text)).toEqual(['if', 'not', 'else', 'lambda']);
  });

  test.each([
    ['1e-3', 0.001, false],
    ['.5', 0.5, false],
    ['5.', 5, false],
    ['1_000', 1000, true],
    ['1_000.000_1', 1000.0001, false],
    ['3E4', 30000, false],
    ['0', 0, true],
    ['00', 0, true],
    ['0x1F', 31, true],
    ['0o17', 15, true],
    ['0b101', 5, true],
  ])('number %s is %d (int: %s)', (text, value, integer) => {
    const [token] = tokenize(text);
    expect(token).toMatchObject({ kind: 'number', text, value, integer });
  });

  test.each([
    [`'x'`, 'x'],
    [`"x"`, 'x'],
    [`u'x'`, 'x'],
    [String.raw`'it\'s'`, "it's"],
    [String.raw`"a\"b\\c\n\t"`, 'a"b\\c\n\t'],
    [String.raw`'\x41'`, 'A'],
    [String.raw`r'\d+\''`, String.raw`\d+\'`],
    ["'''a\n'b'\n'''", "a\n'b'\n"],
    ['"""x"""', 'x'],
  ])('string %s is %j', (text, value) => {
    const [token] = tokenize(text);
    expect(token).toMatchObject({ kind: 'string', text, value });
  });

  test('a triple-quoted string spanning lines starts where its quotes are, and the lines after it count on', () => {
    const tokens = tokenize('x = """a\nb"""; y');
    expect(tokens[2]).toMatchObject({ kind: 'string', line: 1, column: 5 });
    expect(tokens.find((t) => t.text === 'y')).toMatchObject({ line: 2, column: 7 });
  });

  test('comments, blank lines, newlines in brackets and backslashes do not end a statement', () => {
    const source = ['# set up', '', 'a = f(1,  # first', '      2)', 'b = 1 + \\', '    2  # sum', '', ''].join('\n');
    const kinds = tokenize(source).map((t) => (t.kind === 'newline' ? '⏎' : t.text));
    expect(kinds).toEqual(['a', '=', 'f', '(', '1', ',', '2', ')', '⏎', 'b', '=', '1', '+', '2', '⏎', '']);
  });

  test('Windows and old Mac line endings end lines too', () => {
    expect(brief(tokenize('a\r\nb\rc')).filter((t) => t.startsWith('name'))).toEqual([
      'name "a" 1:1',
      'name "b" 2:1',
      'name "c" 3:1',
    ]);
  });

  test('statements may all be indented alike, as code pasted from inside a function is', () => {
    const tokens = tokenize('    a = 1\n\n  # a comment may sit anywhere\n    b = f(\n  2)\n    c = \\\n3');
    expect(tokens.filter((t) => t.kind === 'name').map((t) => `${t.text} ${t.line}:${t.column}`)).toEqual([
      'a 1:5',
      'b 4:5',
      'f 4:9',
      'c 6:5',
    ]);
  });

  test('empty and comment-only source has no tokens but the end', () => {
    expect(tokenize('').map((t) => t.kind)).toEqual(['end']);
    expect(tokenize('  \n# nothing\n\n').map((t) => t.kind)).toEqual(['end']);
  });

  test.each([
    ['f(a, (b)', 'unbalanced brackets: "(" at 1:2 is never closed'],
    ['[1,\n (2, 3', 'unbalanced brackets: "(" at 2:2 is never closed'],
    ['f(a))', 'unexpected ")" at 1:5'],
    ['f(a]', 'unbalanced brackets: "]" at 1:4 does not match "(" at 1:2'],
    ["x = 'abc", 'unterminated string at 1:5'],
    ['x = "abc\ny"', 'unterminated string at 1:5'],
    ["x = 'abc\\", 'unterminated string at 1:5'],
    ['x = """abc\n', 'unterminated triple-quoted string at 1:5'],
    ['a = 1\n  b = 2', 'unexpected indent at 2:3'],
    ['  a = 1\nb = 2', 'inconsistent indentation: statements must line up with the first one at 2:1'],
    ['\ta = 1\n    b = 2', 'inconsistent indentation: statements must line up with the first one at 2:5'],
    ['x = $', 'unexpected character "$" at 1:5'],
    ['x = 1 \\ 2', 'unexpected character after line continuation "\\" at 1:7'],
    ['1_', 'invalid number "1_" at 1:1'],
    ['1__0', 'invalid number "1__0" at 1:1'],
    ['1e', 'invalid number "1e" at 1:1'],
    ['2abc', 'invalid number "2abc" at 1:1'],
    ['012', 'leading zeros in decimal integer literals are not permitted: "012" at 1:1'],
    ['x = 1j', 'complex numbers are not understood: "1j" at 1:5'],
    ["f'{x}'", 'unsupported string prefix "f" (f-strings are not understood) at 1:1'],
    ["rb'x'", 'unsupported string prefix "rb" (bytes are not understood) at 1:1'],
    ["'\\u00e9'", 'unsupported escape "\\u" in string at 1:2'],
  ])('%j: %s', (source, message) => {
    expect(syntaxError(source)).toBe(message);
  });

  test('the error carries the line and column it names', () => {
    let error: unknown;
    try {
      tokenize('a = (\n  1]');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PythonSyntaxError);
    expect(error).toMatchObject({ line: 2, column: 4, name: 'PythonSyntaxError' });
  });
});
