/**
 * Python 3's arithmetic on int, float and bool, carried out on JavaScript numbers: the operators, the
 * truth of a number, and the built-in and `math` functions lambdas may call.
 *
 * The types are tracked because Python's results depend on them: `7 // 2` is the int 3 and `-0` is 0,
 * while `-0.0` keeps its sign, and the exceptions' messages differ (`1 // 0` against `1.0 // 0`). Where
 * Python raises, an ArithmeticFault carries its exception's type and message.
 *
 * Limits, on purpose: ints are doubles, exact only up to 2**53 (Python's are unbounded); `**` and the
 * `math` functions use JavaScript's Math, whose last bit differs from the C library CPython uses for
 * a few percent of arguments.
 */
import type { BinaryOperator, CompareOperator, UnaryOperator } from './ast';

export interface PyNumber {
  readonly type: 'int' | 'float' | 'bool';
  readonly value: number;
}

/** A Python exception raised by arithmetic, as `Type: message`; the caller says where it happened. */
export class ArithmeticFault extends Error {}

function fault(message: string): never {
  throw new ArithmeticFault(message);
}

// Adding 0 turns -0 into 0: Python ints have no negative zero.
export const int = (value: number): PyNumber => ({ type: 'int', value: value + 0 });
export const float = (value: number): PyNumber => ({ type: 'float', value });
export const bool = (value: boolean): PyNumber => ({ type: 'bool', value: value ? 1 : 0 });

const isInt = (x: PyNumber): boolean => x.type !== 'float';

/** Python's truth of a number: anything but zero, NaN included. */
export const truthy = (x: PyNumber): boolean => x.value !== 0;

export function binary(op: BinaryOperator, a: PyNumber, b: PyNumber): PyNumber {
  const ints = isInt(a) && isInt(b);
  const [x, y] = [a.value, b.value];
  switch (op) {
    case '+':
      return ints ? int(x + y) : float(x + y);
    case '-':
      return ints ? int(x - y) : float(x - y);
    case '*':
      return ints ? int(x * y) : float(x * y);
    case '/':
      if (y === 0) fault(ints ? 'ZeroDivisionError: division by zero' : 'ZeroDivisionError: float division by zero');
      return float(x / y);
    case '//':
      if (y === 0) {
        fault(`ZeroDivisionError: ${ints ? 'integer division or modulo by zero' : 'float floor division by zero'}`);
      }
      return ints ? int(floorDivMod(x, y)[0]) : float(floorDivMod(x, y)[0]);
    case '%':
      if (y === 0) fault(`ZeroDivisionError: ${ints ? 'integer modulo by zero' : 'float modulo'}`);
      return ints ? int(floorDivMod(x, y)[1]) : float(floorDivMod(x, y)[1]);
    case '**':
      return ints && y >= 0 ? int(intPower(x, y)) : float(floatPower(x, y));
  }
}

/**
 * CPython's float divmod: the remainder has the divisor's sign, and the quotient is rounded so that
 * q * y + r reproduces x as closely as doubles allow. For ints below 2**53 every step is exact.
 */
function floorDivMod(x: number, y: number): [number, number] {
  let mod = x % y; // C's fmod: exact, with the dividend's sign
  let div = (x - mod) / y;
  if (mod !== 0) {
    if (y < 0 !== mod < 0) {
      mod += y;
      div -= 1;
    }
  } else {
    mod = copySign(0, y);
  }
  if (div === 0) return [copySign(0, x / y), mod];
  let floorDiv = Math.floor(div);
  if (div - floorDiv > 0.5) floorDiv += 1;
  return [floorDiv, mod];
}

const copySign = (magnitude: number, sign: number): number =>
  sign < 0 || Object.is(sign, -0) ? -Math.abs(magnitude) : Math.abs(magnitude);

const isOddInteger = (x: number): boolean => Math.abs(x) % 2 === 1;

/** int ** non-negative int, exact as Python's while the result fits a double. */
function intPower(x: number, y: number): number {
  if (x === 0) return y === 0 ? 1 : 0;
  if (x === 1 || y === 0) return 1;
  if (x === -1) return isOddInteger(y) ? -1 : 1;
  // Past 2**1024 no double holds the result; stop before BigInt spends its time on digits nobody can use.
  if (y * Math.log2(Math.abs(x)) > 1100) fault('OverflowError: int too large to convert to float');
  const result = Number(BigInt(x) ** BigInt(y));
  if (!Number.isFinite(result)) fault('OverflowError: int too large to convert to float');
  return result;
}

/** CPython's float_pow: its special cases first, then the platform's pow. */
function floatPower(x: number, y: number): number {
  if (y === 0) return 1; // even nan ** 0 and 0 ** 0
  if (Number.isNaN(x)) return x;
  if (Number.isNaN(y)) return x === 1 ? 1 : y;
  if (!Number.isFinite(y)) {
    const size = Math.abs(x);
    if (size === 1) return 1; // JavaScript says NaN for (±1) ** ±inf
    return y > 0 === size > 1 ? Infinity : 0;
  }
  if (!Number.isFinite(x)) {
    if (y > 0) return isOddInteger(y) ? x : Math.abs(x);
    return isOddInteger(y) ? copySign(0, x) : 0;
  }
  if (x === 0) {
    if (y < 0) fault('ZeroDivisionError: 0.0 cannot be raised to a negative power');
    return isOddInteger(y) ? x : 0;
  }
  let negate = false;
  if (x < 0) {
    // Python's answer would be a complex number, which has no place in a learning-rate schedule.
    if (y !== Math.floor(y)) fault('ValueError: a negative number to a fractional power is complex in Python');
    x = -x;
    negate = isOddInteger(y);
  }
  if (x === 1) return negate ? -1 : 1;
  const result = Math.pow(x, y);
  if (!Number.isFinite(result)) fault("OverflowError: (34, 'Numerical result out of range')");
  return negate ? -result : result;
}

export function unary(op: UnaryOperator, a: PyNumber): PyNumber {
  switch (op) {
    case '-':
      return isInt(a) ? int(-a.value) : float(-a.value);
    case '+':
      return isInt(a) ? int(a.value) : a;
    case 'not':
      return bool(!truthy(a));
  }
}

export function compare(op: CompareOperator, a: PyNumber, b: PyNumber): boolean {
  const [x, y] = [a.value, b.value];
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
    case '==':
      return x === y;
    case '!=':
      return x !== y;
  }
}

/** The int a float converts to, or Python's exception for NaN and infinities. */
function toInteger(x: PyNumber, round: (value: number) => number): PyNumber {
  if (isInt(x)) return int(x.value);
  if (Number.isNaN(x.value)) fault('ValueError: cannot convert float NaN to integer');
  if (!Number.isFinite(x.value)) fault('OverflowError: cannot convert float infinity to integer');
  return int(round(x.value));
}

/** Round half to even, as Python 3's round(): round(0.5) is 0, round(1.5) is 2, round(-2.5) is -2. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor; // exact for doubles
  if (fraction !== 0.5) return fraction < 0.5 ? floor : floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * CPython's rule for one-argument math functions: NaN from a number is a domain error, an infinity from a
 * finite number a range error (exp) or a domain error (log(0)).
 */
function mathFunction(f: (x: number) => number, canOverflow = false): (x: PyNumber) => PyNumber {
  return ({ value }) => {
    const result = f(value);
    if (Number.isNaN(result) && !Number.isNaN(value)) fault('ValueError: math domain error');
    if (!Number.isFinite(result) && Number.isFinite(value)) {
      fault(canOverflow ? 'OverflowError: math range error' : 'ValueError: math domain error');
    }
    return float(result);
  };
}

const log = mathFunction(Math.log);

/** math.log(x, base) is log(x) / log(base) in CPython, base 1 a division by zero. */
function logBase(x: PyNumber, base: PyNumber): PyNumber {
  const [numerator, denominator] = [log(x).value, log(base).value];
  if (denominator === 0) fault('ZeroDivisionError: float division by zero');
  return float(numerator / denominator);
}

/** min and max as Python's: the first of the extreme values, comparing each next value to the best so far. */
function extreme(better: (x: number, best: number) => boolean): (...values: PyNumber[]) => PyNumber {
  return (...values) => values.reduce((best, x) => (better(x.value, best.value) ? x : best));
}

/** A callable function: how many arguments it takes, and what it does with them. */
export interface PyFunction {
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly apply: (...args: PyNumber[]) => PyNumber;
}

const one = (apply: (x: PyNumber) => PyNumber): PyFunction => ({ minArgs: 1, maxArgs: 1, apply });

/** The functions a lambda may call, by the dotted name it calls them with. */
export const FUNCTIONS: Readonly<Record<string, PyFunction>> = {
  abs: one((x) => (isInt(x) ? int(Math.abs(x.value)) : float(Math.abs(x.value)))),
  float: { minArgs: 0, maxArgs: 1, apply: (x = int(0)) => float(x.value) },
  int: { minArgs: 0, maxArgs: 1, apply: (x = int(0)) => toInteger(x, Math.trunc) },
  round: one((x) => toInteger(x, roundHalfEven)),
  min: { minArgs: 2, maxArgs: Infinity, apply: extreme((x, best) => x < best) },
  max: { minArgs: 2, maxArgs: Infinity, apply: extreme((x, best) => x > best) },
  'math.ceil': one((x) => toInteger(x, Math.ceil)),
  'math.floor': one((x) => toInteger(x, Math.floor)),
  'math.cos': one(mathFunction(Math.cos)),
  'math.sin': one(mathFunction(Math.sin)),
  'math.exp': one(mathFunction(Math.exp, true)),
  'math.sqrt': one(mathFunction(Math.sqrt)),
  'math.log': {
    minArgs: 1,
    maxArgs: 2,
    apply: (x: PyNumber, base?: PyNumber) => (base === undefined ? log(x) : logBase(x, base)),
  },
};

/** The constants a lambda may use. */
export const CONSTANTS: Readonly<Record<string, PyNumber>> = {
  'math.pi': float(Math.PI),
  'math.e': float(Math.E),
  'math.tau': float(2 * Math.PI),
  'math.inf': float(Infinity),
  'math.nan': float(NaN),
};

/** Python's repr of a number, near enough for messages (the exponent form starts at other sizes). */
export function repr(x: PyNumber): string {
  const { value } = x;
  if (x.type === 'bool') return value ? 'True' : 'False';
  if (x.type === 'int') return String(value);
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${Object.is(value, -0) ? '-0' : value}.0`;
  return String(value);
}
