/**
 * The syntax tree of the understood Python subset: expressions only, each node keeping its span (line,
 * column and exact source text) so that callers can quote it in their messages. Node kinds are named as in
 * Python's own `ast` module.
 */
import type { Span } from './errors';

export type Expr =
  | Call
  | Name
  | NumberLiteral
  | StringLiteral
  | BoolLiteral
  | NoneLiteral
  | List
  | Tuple
  | Lambda
  | BinaryOp
  | UnaryOp
  | Compare
  | BoolOp
  | IfExp;

/** A call of a dotted name: `torch.optim.AdamW(params, lr=1e-3)`. */
export interface Call {
  readonly kind: 'Call';
  /** The dotted name called, spaces removed: 'torch.optim.AdamW'. */
  readonly callee: string;
  readonly calleeSpan: Span;
  readonly args: readonly Expr[];
  readonly kwargs: readonly Keyword[];
  readonly span: Span;
}

/** `name=value` in a call; the span covers both. */
export interface Keyword {
  readonly name: string;
  readonly value: Expr;
  readonly span: Span;
}

/** A name or a dotted name: `epoch`, `math.pi`, `model.parameters`. */
export interface Name {
  readonly kind: 'Name';
  readonly name: string;
  readonly span: Span;
}

export interface NumberLiteral {
  readonly kind: 'Number';
  readonly value: number;
  /** Written as a Python int (`10`, `1_000`, `0x10`) rather than a float (`10.`, `1e3`). */
  readonly integer: boolean;
  readonly span: Span;
}

/** One string, or adjacent strings joined as Python joins them (`'a' 'b'` is 'ab'). */
export interface StringLiteral {
  readonly kind: 'String';
  readonly value: string;
  readonly span: Span;
}

export interface BoolLiteral {
  readonly kind: 'Bool';
  readonly value: boolean;
  readonly span: Span;
}

export interface NoneLiteral {
  readonly kind: 'None';
  readonly span: Span;
}

export interface List {
  readonly kind: 'List';
  readonly elements: readonly Expr[];
  readonly span: Span;
}

export interface Tuple {
  readonly kind: 'Tuple';
  readonly elements: readonly Expr[];
  readonly span: Span;
}

/** `lambda step: ...`: plain parameters only (no defaults, no `*args`). */
export interface Lambda {
  readonly kind: 'Lambda';
  readonly params: readonly string[];
  readonly body: Expr;
  readonly span: Span;
}

export type BinaryOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**';

export interface BinaryOp {
  readonly kind: 'BinaryOp';
  readonly op: BinaryOperator;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

export type UnaryOperator = '-' | '+' | 'not';

export interface UnaryOp {
  readonly kind: 'UnaryOp';
  readonly op: UnaryOperator;
  readonly operand: Expr;
  readonly span: Span;
}

export type CompareOperator = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** A comparison chain, as Python keeps it: `0 < x <= 5` is left 0, ops ['<', '<='], comparators [x, 5]. */
export interface Compare {
  readonly kind: 'Compare';
  readonly left: Expr;
  readonly ops: readonly CompareOperator[];
  readonly comparators: readonly Expr[];
  readonly span: Span;
}

/** `a and b and c` (one node for the chain, as in Python). */
export interface BoolOp {
  readonly kind: 'BoolOp';
  readonly op: 'and' | 'or';
  readonly values: readonly Expr[];
  readonly span: Span;
}

/** `body if test else orelse`. */
export interface IfExp {
  readonly kind: 'IfExp';
  readonly test: Expr;
  readonly body: Expr;
  readonly orelse: Expr;
  readonly span: Span;
}

/** One statement: `target = value`, or a bare expression (target null). */
export interface Statement {
  readonly target: string | null;
  readonly value: Expr;
  /** The statement's exact source text. */
  readonly text: string;
  readonly span: Span;
}
