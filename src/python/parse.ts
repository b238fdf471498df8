/**
 * The parser: tokens → statements and expressions, by recursive descent with Python's precedence
 * (lowest first): lambda, `if`–`else`, `or`, `and`, `not`, comparisons, `+ -`, `* / // %`, unary `- +`,
 * `**`, then calls and dotted names.
 *
 * Only what optimizer and scheduler code needs is understood; everything else (blocks, imports, dicts,
 * subscripts, `*args`, bitwise operators…) is a PythonSyntaxError naming the token where it starts.
 */
import type {
  BinaryOperator,
  Call,
  CompareOperator,
  Expr,
  Keyword,
  Lambda,
  Name,
  Statement,
  StringLiteral,
} from './ast';
import { PythonSyntaxError, type Span, where } from './errors';
import { tokenize, type Token } from './tokens';

const COMPARE_OPERATORS: ReadonlySet<string> = new Set(['<', '<=', '>', '>=', '==', '!=']);
const ADDITIVE: ReadonlySet<string> = new Set(['+', '-']);
const MULTIPLICATIVE: ReadonlySet<string> = new Set(['*', '/', '//', '%']);
// Python operators this subset leaves out: named as unsupported rather than merely unexpected.
const UNSUPPORTED_OPERATORS: ReadonlySet<string> = new Set(['<<', '>>', '&', '|', '^', '~', '@', 'is', 'in']);
const AUGMENTED_ASSIGNMENTS: ReadonlySet<string> = new Set('+= -= *= /= //= %= **= @= &= |= ^= <<= >>='.split(' '));
// Keywords that may start an expression; any other keyword starts a statement this subset does not have.
const EXPRESSION_KEYWORDS: ReadonlySet<string> = new Set(['lambda', 'not', 'True', 'False', 'None']);
// Tokens after which a tuple without brackets (`x = 1, 2,`) has ended.
const TUPLE_ENDS: ReadonlySet<string> = new Set([')', ']', '}', '=', ';', ':']);

/** Every statement of pasted source: `name = expr` or a bare expression, separated by newlines or `;`. */
export function parseStatements(source: string): Statement[] {
  return new Parser(source).statements();
}

/** One expression, nothing else (a command-line flag's value, say). */
export function parseExpression(source: string): Expr {
  return new Parser(source).singleExpression();
}

class Parser {
  private readonly tokens: Token[];
  private pos = 0;

  constructor(private readonly source: string) {
    this.tokens = tokenize(source);
  }

  statements(): Statement[] {
    const statements: Statement[] = [];
    while (this.peek().kind !== 'end') {
      statements.push(this.statement());
      while (this.isOp(';')) {
        this.next();
        if (this.peek().kind === 'newline') break;
        statements.push(this.statement());
      }
      if (this.peek().kind !== 'newline') this.unexpected(this.peek(), 'expected the end of the statement');
      this.next();
    }
    return statements;
  }

  singleExpression(): Expr {
    const expr = this.test();
    if (this.peek().kind !== 'newline') this.unexpected(this.peek(), 'expected a single expression');
    this.next();
    if (this.peek().kind !== 'end') this.unexpected(this.peek(), 'expected a single expression');
    return expr;
  }

  private statement(): Statement {
    const first = this.peek();
    if (first.kind === 'keyword' && !EXPRESSION_KEYWORDS.has(first.text)) {
      this.unexpected(first, 'only assignments and calls are understood');
    }
    const value = this.testList();
    if (!this.isOp('=')) return this.statementFrom(first, null, value);
    if (value.kind !== 'Name' || value.name.includes('.')) {
      throw new PythonSyntaxError(
        `cannot assign to ${where(value.span)}: only plain names can be assigned`,
        value.span.line,
        value.span.column,
      );
    }
    this.next();
    const assigned = this.testList();
    if (this.isOp('=')) this.unexpected(this.peek(), 'chained assignment is not understood');
    return this.statementFrom(first, value.name, assigned);
  }

  private statementFrom(first: Token, target: string | null, value: Expr): Statement {
    const span = this.spanFrom(first);
    return { target, value, text: span.text, span };
  }

  /** Expressions separated by commas: one expression, or a tuple without brackets when there is a comma. */
  private testList(): Expr {
    const first = this.peek();
    const expr = this.test();
    if (!this.isOp(',')) return expr;
    const elements = [expr];
    while (this.isOp(',')) {
      this.next();
      const next = this.peek();
      if (next.kind === 'newline' || (next.kind === 'op' && TUPLE_ENDS.has(next.text))) break;
      elements.push(this.test());
    }
    return { kind: 'Tuple', elements, span: this.spanFrom(first) };
  }

  /** Python's `test`: a lambda, or an expression with an optional `if … else …`. */
  private test(): Expr {
    if (this.isKeyword('lambda')) return this.lambda();
    const first = this.peek();
    const body = this.orTest();
    if (!this.isKeyword('if')) return body;
    this.next();
    const test = this.orTest();
    if (!this.isKeyword('else')) this.unexpected(this.peek(), 'expected "else"');
    this.next();
    const orelse = this.test();
    return { kind: 'IfExp', test, body, orelse, span: this.spanFrom(first) };
  }

  private lambda(): Lambda {
    const first = this.next();
    const params: string[] = [];
    while (!this.isOp(':')) {
      const param = this.next();
      if (param.kind === 'op' && (param.text === '*' || param.text === '**')) {
        this.unexpected(param, 'lambda star parameters are not understood');
      }
      if (param.kind !== 'name') this.unexpected(param, 'expected a lambda parameter name');
      if (params.includes(param.text)) {
        throw new PythonSyntaxError(
          `duplicate argument "${param.text}" in lambda at ${param.line}:${param.column}`,
          param.line,
          param.column,
        );
      }
      params.push(param.text);
      if (this.isOp('=')) this.unexpected(this.peek(), 'lambda parameter defaults are not understood');
      if (this.isOp(',')) this.next();
      else if (!this.isOp(':')) this.unexpected(this.peek(), 'expected "," or ":"');
    }
    this.next();
    const body = this.test();
    return { kind: 'Lambda', params, body, span: this.spanFrom(first) };
  }

  private orTest(): Expr {
    return this.boolOp('or', () => this.andTest());
  }

  private andTest(): Expr {
    return this.boolOp('and', () => this.notTest());
  }

  private boolOp(op: 'and' | 'or', operand: () => Expr): Expr {
    const first = this.peek();
    const values = [operand()];
    while (this.isKeyword(op)) {
      this.next();
      values.push(operand());
    }
    return values.length === 1 ? values[0] : { kind: 'BoolOp', op, values, span: this.spanFrom(first) };
  }

  private notTest(): Expr {
    if (!this.isKeyword('not')) return this.comparison();
    const first = this.next();
    const operand = this.notTest();
    return { kind: 'UnaryOp', op: 'not', operand, span: this.spanFrom(first) };
  }

  private comparison(): Expr {
    const first = this.peek();
    const left = this.arithmetic();
    const ops: CompareOperator[] = [];
    const comparators: Expr[] = [];
    for (let token = this.peek(); token.kind === 'op' && COMPARE_OPERATORS.has(token.text); token = this.peek()) {
      this.next();
      ops.push(compareOperator(token.text));
      comparators.push(this.arithmetic());
    }
    return ops.length === 0 ? left : { kind: 'Compare', left, ops, comparators, span: this.spanFrom(first) };
  }

  private arithmetic(): Expr {
    return this.binaryChain(ADDITIVE, () => this.term());
  }

  private term(): Expr {
    return this.binaryChain(MULTIPLICATIVE, () => this.factor());
  }

  /** Left-associative operators of one precedence level: `a - b - c` is `(a - b) - c`. */
  private binaryChain(operators: ReadonlySet<string>, operand: () => Expr): Expr {
    const first = this.peek();
    let left = operand();
    for (let token = this.peek(); token.kind === 'op' && operators.has(token.text); token = this.peek()) {
      this.next();
      const right = operand();
      left = { kind: 'BinaryOp', op: binaryOperator(token.text), left, right, span: this.spanFrom(first) };
    }
    return left;
  }

  /** Unary minus and plus bind less tightly than `**` on their right: `-2 ** 2` is `-(2 ** 2)`. */
  private factor(): Expr {
    const first = this.peek();
    if (first.kind !== 'op' || (first.text !== '-' && first.text !== '+')) return this.power();
    this.next();
    const operand = this.factor();
    return { kind: 'UnaryOp', op: first.text, operand, span: this.spanFrom(first) };
  }

  /** `**` is right-associative, and its right side may have a sign: `2 ** -1`. */
  private power(): Expr {
    const first = this.peek();
    const base = this.primary();
    if (!this.isOp('**')) return base;
    this.next();
    const exponent = this.factor();
    return { kind: 'BinaryOp', op: '**', left: base, right: exponent, span: this.spanFrom(first) };
  }

  /** An atom followed by `.name` and call trailers. */
  private primary(): Expr {
    const first = this.peek();
    let expr = this.atom();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'op') return expr;
      if (token.text === '.') {
        if (expr.kind !== 'Name') this.unexpected(token, 'attributes are understood only on names');
        this.next();
        const attribute = this.next();
        if (attribute.kind !== 'name') this.unexpected(attribute, 'expected a name after "."');
        expr = { kind: 'Name', name: `${expr.name}.${attribute.text}`, span: this.spanFrom(first) };
      } else if (token.text === '(') {
        if (expr.kind !== 'Name') this.unexpected(token, 'only names can be called');
        expr = this.call(expr, first);
      } else if (token.text === '[') {
        this.unexpected(token, 'subscripts are not understood');
      } else {
        return expr;
      }
    }
  }

  private call(callee: Name, first: Token): Call {
    this.next();
    const args: Expr[] = [];
    const kwargs: Keyword[] = [];
    while (!this.isOp(')')) {
      const start = this.peek();
      if (this.isOp('*')) this.unexpected(start, '"*args" unpacking is not understood');
      if (this.isOp('**')) this.unexpected(start, '"**kwargs" unpacking is not understood');
      if (start.kind === 'name' && this.peek(1).kind === 'op' && this.peek(1).text === '=') {
        this.next();
        this.next();
        const value = this.test();
        if (kwargs.some((k) => k.name === start.text)) {
          throw new PythonSyntaxError(
            `keyword argument repeated: ${start.text} at ${start.line}:${start.column}`,
            start.line,
            start.column,
          );
        }
        kwargs.push({ name: start.text, value, span: this.spanFrom(start) });
      } else {
        const value = this.test();
        if (kwargs.length > 0) {
          throw new PythonSyntaxError(
            `positional argument follows keyword argument at ${start.line}:${start.column}`,
            start.line,
            start.column,
          );
        }
        args.push(value);
      }
      if (this.isOp(',')) this.next();
      else if (!this.isOp(')')) this.unexpected(this.peek(), 'expected "," or ")"');
    }
    this.next();
    return { kind: 'Call', callee: callee.name, calleeSpan: callee.span, args, kwargs, span: this.spanFrom(first) };
  }

  private atom(): Expr {
    const token = this.peek();
    switch (token.kind) {
      case 'name':
        this.next();
        return { kind: 'Name', name: token.text, span: this.spanFrom(token) };
      case 'number':
        this.next();
        return { kind: 'Number', value: token.value, integer: token.integer, span: this.spanFrom(token) };
      case 'string':
        return this.strings();
      case 'keyword':
        if (token.text === 'True' || token.text === 'False') {
          this.next();
          return { kind: 'Bool', value: token.text === 'True', span: this.spanFrom(token) };
        }
        if (token.text === 'None') {
          this.next();
          return { kind: 'None', span: this.spanFrom(token) };
        }
        break;
      case 'op':
        if (token.text === '(') return this.parenthesized();
        if (token.text === '[') return this.list();
        if (token.text === '{') this.unexpected(token, 'dicts and sets are not understood');
        break;
    }
    return this.unexpected(token, 'expected an expression');
  }

  /** Adjacent strings are one string in Python: `'a' 'b'` is 'ab'. */
  private strings(): StringLiteral {
    const first = this.peek();
    let value = '';
    for (let token = first; token.kind === 'string'; token = this.peek()) {
      value += token.value;
      this.next();
    }
    return { kind: 'String', value, span: this.spanFrom(first) };
  }

  /** `(x)` is x; `()`, `(x,)` and `(x, y)` are tuples. */
  private parenthesized(): Expr {
    const first = this.next();
    if (this.isOp(')')) {
      this.next();
      return { kind: 'Tuple', elements: [], span: this.spanFrom(first) };
    }
    const expr = this.test();
    if (this.isOp(')')) {
      this.next();
      return expr;
    }
    const elements = [expr, ...this.elements(')')];
    return { kind: 'Tuple', elements, span: this.spanFrom(first) };
  }

  private list(): Expr {
    const first = this.next();
    const elements = this.isOp(']') ? [] : [this.test()];
    elements.push(...this.elements(']'));
    return { kind: 'List', elements, span: this.spanFrom(first) };
  }

  /** The rest of a bracketed, comma-separated sequence, up to and including the closing bracket. */
  private elements(closing: ')' | ']'): Expr[] {
    const elements: Expr[] = [];
    while (!this.isOp(closing)) {
      if (!this.isOp(',')) this.unexpected(this.peek(), `expected "," or "${closing}"`);
      this.next();
      if (!this.isOp(closing)) elements.push(this.test());
    }
    this.next();
    return elements;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)];
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.pos++;
    return token;
  }

  private isOp(text: string): boolean {
    const token = this.peek();
    return token.kind === 'op' && token.text === text;
  }

  private isKeyword(text: string): boolean {
    const token = this.peek();
    return token.kind === 'keyword' && token.text === text;
  }

  /** The span from the first token to the last one taken. */
  private spanFrom(first: Token): Span {
    const last = this.tokens[Math.max(this.pos - 1, 0)];
    return { line: first.line, column: first.column, text: this.source.slice(first.start, last.end) };
  }

  private unexpected(token: Token, hint: string): never {
    const at = `at ${token.line}:${token.column}`;
    const fail = (message: string): never => {
      throw new PythonSyntaxError(message, token.line, token.column);
    };
    if ((token.kind === 'op' || token.kind === 'keyword') && UNSUPPORTED_OPERATORS.has(token.text)) {
      fail(`unsupported operator "${token.text}" ${at}`);
    }
    const after = this.tokens[this.tokens.indexOf(token) + 1];
    if (token.kind === 'keyword' && token.text === 'not' && after?.kind === 'keyword' && after.text === 'in') {
      fail(`unsupported operator "not in" ${at}`);
    }
    if (token.kind === 'op' && AUGMENTED_ASSIGNMENTS.has(token.text)) {
      fail(`unexpected "${token.text}" ${at}: augmented assignment is not understood`);
    }
    return fail(`unexpected ${describe(token)} ${at}: ${hint}`);
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'end of input';
    case 'newline':
      // The tokenizer ends the last line itself, with an empty newline token.
      return token.text === '' ? 'end of input' : 'end of line';
    case 'op':
      return `"${token.text}"`;
    default:
      return `token ${JSON.stringify(token.text.length > 40 ? `${token.text.slice(0, 39)}…` : token.text)}`;
  }
}

function compareOperator(text: string): CompareOperator {
  switch (text) {
    case '<':
    case '<=':
    case '>':
    case '>=':
    case '==':
    case '!=':
      return text;
  }
  throw new Error(`not a comparison operator: ${text}`);
}

function binaryOperator(text: string): BinaryOperator {
  switch (text) {
    case '+':
    case '-':
    case '*':
    case '/':
    case '//':
    case '%':
      return text;
  }
  throw new Error(`not a binary operator: ${text}`);
}
