/**
 * Values from the syntax tree, without eval: `literalValue` for constants (`3e-4 * 2`, `(0.9, 0.95)`,
 * `float('inf')`), `compileLambda` for lambdas such as `lambda step: min(1.0, (step + 1) / 100)`.
 *
 * Both turn the tree into nested closures once, so that unknown names and functions and wrong argument
 * counts fail when the expression is read, not at some later step; what remains to fail at run time is
 * Python's arithmetic (a division by zero, an overflow), reported with the subexpression and the
 * arguments. Names known: a lambda's parameters, math.pi, math.e, math.tau, math.inf, math.nan.
 * Functions: abs, float, int, round (one argument), min, max, math.ceil, math.floor, math.cos, math.sin,
 * math.exp, math.sqrt, math.log (one or two arguments).
 */
import {
  ArithmeticFault,
  CONSTANTS,
  FUNCTIONS,
  binary,
  bool,
  compare,
  float,
  int,
  repr,
  truthy,
  unary,
  type PyNumber,
} from './arithmetic';
import type { Call, Expr, Name, StringLiteral } from './ast';
import { PythonEvaluationError, where } from './errors';
import { DECIMAL_LITERAL } from './tokens';

/** What a constant expression is in JavaScript: lists and tuples both become arrays. */
export type LiteralValue = number | string | boolean | null | LiteralValue[];

/** An expression's value given the values of the lambda's parameters, in order. */
type Evaluator = (env: readonly PyNumber[]) => PyNumber;

interface Scope {
  readonly params: readonly string[];
  /** Throws the error for a name or a call this scope has no value for. */
  readonly unknown: (expr: Name | Call) => never;
}

const CONSTANT_SCOPE: Scope = {
  params: [],
  unknown: (expr) => {
    throw new PythonEvaluationError(`not a constant: ${where(expr.span)}`, expr.span);
  },
};

const TRUE = bool(true);
const FALSE = bool(false);

/** The value of a constant expression, or a PythonEvaluationError naming the part that is not constant. */
export function literalValue(expr: Expr): LiteralValue {
  switch (expr.kind) {
    case 'String':
      return expr.value;
    case 'None':
      return null;
    case 'Bool':
      return expr.value;
    case 'List':
    case 'Tuple':
      return expr.elements.map(literalValue);
    case 'Lambda':
      throw new PythonEvaluationError(`not a constant: ${where(expr.span)}`, expr.span);
    default: {
      const value = compile(expr, CONSTANT_SCOPE)([]);
      return value.type === 'bool' ? value.value !== 0 : value.value;
    }
  }
}

/**
 * A lambda as a JavaScript function of numbers. A whole-number argument is a Python int, as the epoch or
 * step PyTorch's schedulers pass; a bool result (`lambda e: e < 10`) is 1 or 0, as Python multiplies it.
 */
export function compileLambda(expr: Expr): (...args: number[]) => number {
  if (expr.kind !== 'Lambda') throw new PythonEvaluationError(`expected a lambda, got ${where(expr.span)}`, expr.span);
  const { params } = expr;
  const known = `its parameters (${params.join(', ')}) and ${Object.keys(CONSTANTS).join(', ')}`;
  const scope: Scope = {
    params,
    unknown: (node) => {
      if (node.kind === 'Name') {
        throw new PythonEvaluationError(`unknown name ${where(node.span)}: a lambda may use only ${known}`, node.span);
      }
      throw new PythonEvaluationError(
        `unknown function ${where(node.calleeSpan)}: a lambda may call only ${Object.keys(FUNCTIONS).join(', ')}`,
        node.calleeSpan,
      );
    },
  };
  const body = compile(expr.body, scope);
  return (...args: number[]): number => {
    if (args.length !== params.length) {
      const takes = `${params.length} positional argument${params.length === 1 ? '' : 's'}`;
      throw new PythonEvaluationError(
        `TypeError: <lambda>() takes ${takes} but ${args.length} ${args.length === 1 ? 'was' : 'were'} given: ` +
          where(expr.span),
        expr.span,
      );
    }
    return body(args.map((a) => (Number.isInteger(a) ? int(a) : float(a)))).value;
  };
}

function compile(expr: Expr, scope: Scope): Evaluator {
  switch (expr.kind) {
    case 'Number': {
      const value = expr.integer ? int(expr.value) : float(expr.value);
      return () => value;
    }
    case 'Bool': {
      const value = bool(expr.value);
      return () => value;
    }
    case 'Name': {
      const index = scope.params.indexOf(expr.name);
      if (index >= 0) return (env) => env[index];
      const constant = shadowed(expr.name, scope) ? undefined : CONSTANTS[expr.name];
      if (constant === undefined) return scope.unknown(expr);
      return () => constant;
    }
    case 'UnaryOp': {
      const operand = compile(expr.operand, scope);
      return (env) => unary(expr.op, operand(env));
    }
    case 'BinaryOp': {
      const [left, right] = [compile(expr.left, scope), compile(expr.right, scope)];
      return (env) => {
        const [a, b] = [left(env), right(env)];
        return guard(expr, scope, env, () => binary(expr.op, a, b));
      };
    }
    case 'Compare': {
      const left = compile(expr.left, scope);
      const comparators = expr.comparators.map((c) => compile(c, scope));
      // A chain compares neighbours and stops at the first false link: 0 < x < 5 is 0 < x and x < 5.
      return (env) => {
        let a = left(env);
        for (let i = 0; i < comparators.length; i++) {
          const b = comparators[i](env);
          if (!compare(expr.ops[i], a, b)) return FALSE;
          a = b;
        }
        return TRUE;
      };
    }
    case 'BoolOp': {
      const values = expr.values.map((v) => compile(v, scope));
      // Like Python, `and` and `or` give back an operand, not a bool: `0 or 0.5` is 0.5.
      const stopAt = expr.op === 'or';
      return (env) => {
        let value = values[0](env);
        for (let i = 1; i < values.length && truthy(value) !== stopAt; i++) value = values[i](env);
        return value;
      };
    }
    case 'IfExp': {
      const [test, body, orelse] = [compile(expr.test, scope), compile(expr.body, scope), compile(expr.orelse, scope)];
      return (env) => (truthy(test(env)) ? body(env) : orelse(env));
    }
    case 'Call':
      return compileCall(expr, scope);
    case 'String':
    case 'None':
    case 'List':
    case 'Tuple':
    case 'Lambda':
      throw new PythonEvaluationError(`expected a number, got ${where(expr.span)}`, expr.span);
  }
}

function compileCall(call: Call, scope: Scope): Evaluator {
  const [first] = call.args;
  if (call.callee === 'float' && call.args.length === 1 && first.kind === 'String' && !shadowed('float', scope)) {
    const value = float(floatFromString(first));
    return () => value;
  }
  const f = shadowed(call.callee, scope) ? undefined : FUNCTIONS[call.callee];
  if (f === undefined) return scope.unknown(call);
  if (call.kwargs.length > 0) {
    const [keyword] = call.kwargs;
    throw new PythonEvaluationError(
      `${call.callee}() takes no keyword arguments: ${where(keyword.span)}`,
      keyword.span,
    );
  }
  const count = call.args.length;
  if (count < f.minArgs || count > f.maxArgs) {
    const takes =
      f.minArgs === f.maxArgs
        ? `${f.minArgs}`
        : f.maxArgs === Infinity
          ? `${f.minArgs} or more`
          : `${f.minArgs} to ${f.maxArgs}`;
    throw new PythonEvaluationError(
      `${call.callee}() takes ${takes} argument${takes === '1' ? '' : 's'}, got ${count}: ${where(call.span)}`,
      call.span,
    );
  }
  const args = call.args.map((a) => compile(a, scope));
  return (env) => {
    const values = args.map((a) => a(env));
    return guard(call, scope, env, () => f.apply(...values));
  };
}

/** A parameter hides the global of its name: in `lambda math: math.pi`, math is a number. */
function shadowed(dottedName: string, scope: Scope): boolean {
  return scope.params.includes(dottedName.split('.')[0]);
}

/** Runs arithmetic, turning Python's exception into one naming the subexpression and the arguments. */
function guard(expr: Expr, scope: Scope, env: readonly PyNumber[], run: () => PyNumber): PyNumber {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof ArithmeticFault)) throw error;
    const args = scope.params.map((p, i) => `${p} = ${repr(env[i])}`).join(', ');
    const message = `${error.message} in ${where(expr.span)}${args === '' ? '' : ` with ${args}`}`;
    throw new PythonEvaluationError(message, expr.span);
  }
}

// What Python's float() accepts from a string: a decimal literal or inf, infinity, nan, any case, signed.
const FLOAT_TEXT = new RegExp(`^[+-]?(?:${DECIMAL_LITERAL}|inf|infinity|nan)$`, 'i');

function floatFromString(node: StringLiteral): number {
  const text = node.value.trim();
  if (!FLOAT_TEXT.test(text)) {
    throw new PythonEvaluationError(
      `ValueError: could not convert string to float: '${node.value}' in ${where(node.span)}`,
      node.span,
    );
  }
  const sign = text.startsWith('-') ? -1 : 1;
  const magnitude = text.replace(/^[+-]/, '').toLowerCase();
  if (magnitude === 'inf' || magnitude === 'infinity') return sign * Infinity;
  if (magnitude === 'nan') return NaN;
  return Number(text.replace(/_/g, ''));
}
