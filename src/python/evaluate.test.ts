import { PythonEvaluationError } from './errors';
import { compileLambda, literalValue, type LiteralValue } from './evaluate';
import { parseExpression, parseStatements } from './parse';

const constant = (source: string): LiteralValue => literalValue(parseExpression(source));
const lambda = (source: string): ((...args: number[]) => number) => compileLambda(parseExpression(source));

/** The keyword arguments of the one call in source, as constants. */
function kwargs(source: string): Record<string, LiteralValue> {
  const [{ value }] = parseStatements(source);
  if (value.kind !== 'Call') throw new Error(`expected a call, got ${value.kind}`);
  return Object.fromEntries(value.kwargs.map((k) => [k.name, literalValue(k.value)]));
}

/** The message evaluating throws, or '' when there is none. */
function evaluationError(run: () => unknown): string {
  try {
    run();
    return '';
  } catch (error) {
    if (!(error instanceof PythonEvaluationError)) throw error;
    return error.message;
  }
}

describe('literalValue', () => {
  test('the arguments people pass to optimizers, schedulers and clipping', () => {
    expect(kwargs('torch.optim.AdamW(model.parameters(), lr=3e-4, betas=(0.9, 0.95), weight_decay=0.1)')).toEqual({
      lr: 3e-4,
      betas: [0.9, 0.95],
      weight_decay: 0.1,
    });
    expect(kwargs('optim.SGD(model.parameters(), 0.1, momentum=0.9, nesterov=True)')).toEqual({
      momentum: 0.9,
      nesterov: true,
    });
    expect(kwargs("clip_grad_norm_(model.parameters(), max_norm=1.0, norm_type=float('inf'))")).toEqual({
      max_norm: 1,
      norm_type: Infinity,
    });
    expect(kwargs('SequentialLR(opt, schedulers=[], milestones=[5, 10])')).toEqual({
      schedulers: [],
      milestones: [5, 10],
    });
  });

  test.each<[string, LiteralValue]>([
    ['1e-3', 0.001],
    ['.5', 0.5],
    ['5.', 5],
    ['1_000', 1000],
    ['0x10', 16],
    ["'x'", 'x'],
    ['"it\'s"', "it's"],
    ['True', true],
    ['False', false],
    ['None', null],
    ['[1, (2, 3), [], ()]', [1, [2, 3], [], []]],
    ['(0.9,)', [0.9]],
    ['3e-4 * 2', 6e-4],
    ['-1', -1],
    ['1 / 3', 0.3333333333333333],
    ['2 ** -3', 0.125],
    ['1e-3 if True else 1e-2', 0.001],
    ["float('inf')", Infinity],
    ["float('-inf')", -Infinity],
    ["float(' -Infinity ')", -Infinity],
    ["float('1_000.5')", 1000.5],
    ['math.inf', Infinity],
    ['-math.inf', -Infinity],
    ['math.pi', Math.PI],
    ['math.pi / 2', Math.PI / 2],
    ['not True', false],
    ['1 < 2', true],
    ['True + True', 2],
  ])('%s is %j', (source, value) => {
    expect(constant(source)).toEqual(value);
  });

  test("float('nan') and math.nan are NaN, -0.0 keeps its sign and -0 does not", () => {
    expect(constant("float('nan')")).toBeNaN();
    expect(constant("float('-NaN')")).toBeNaN();
    expect(constant('math.nan')).toBeNaN();
    expect(constant('-0.0')).toBe(-0);
    expect(constant('-0')).toBe(0);
  });

  test.each([
    ['model.parameters()', 'not a constant: "model.parameters()" at 1:1'],
    ['[1, optimizer]', 'not a constant: "optimizer" at 1:5'],
    ['2 * lr', 'not a constant: "lr" at 1:5'],
    ['lambda e: 0.9', 'not a constant: "lambda e: 0.9" at 1:1'],
    ['np.cos(0)', 'not a constant: "np.cos(0)" at 1:1'],
    ["float('abc')", "ValueError: could not convert string to float: 'abc' in \"'abc'\" at 1:7"],
    ["'a' * 2", 'expected a number, got "\'a\'" at 1:1'],
    ['None + 1', 'expected a number, got "None" at 1:1'],
    ['[1] * 2', 'expected a number, got "[1]" at 1:1'],
    ['1 / 0', 'ZeroDivisionError: division by zero in "1 / 0" at 1:1'],
    ['abs(x=1)', 'abs() takes no keyword arguments: "x=1" at 1:5'],
    ['min(1)', 'min() takes 2 or more arguments, got 1: "min(1)" at 1:1'],
    ['math.log()', 'math.log() takes 1 to 2 arguments, got 0: "math.log()" at 1:1'],
  ])('%s: %s', (source, message) => {
    expect(evaluationError(() => constant(source))).toBe(message);
  });

  test('the error carries the span of what it names', () => {
    let error: unknown;
    try {
      constant('f(1,\n  2) * 3');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PythonEvaluationError);
    expect(error).toMatchObject({
      message: 'not a constant: "f(1, 2)" at 1:1',
      span: { line: 1, column: 1, text: 'f(1,\n  2)' },
    });
  });
});

// Each answer below is Python 3.11's, from `python3 -c 'print(repr(<expression>))'`.
const PYTHON_3_ANSWERS: Array<[string, number | boolean]> = [
  ['7 // 2', 3],
  ['-7 // 2', -4],
  ['7 // -2', -4],
  ['-7 // -2', 3],
  ['7 % 3', 1],
  ['-7 % 3', 2],
  ['7 % -3', -2],
  ['-7 % -3', -1],
  ['7.5 // 2', 3.0],
  ['-7.5 // 2', -4.0],
  ['7.5 % -2', -0.5],
  ['-7.5 % 2', 0.5],
  ['0.1 % 0.03', 0.010000000000000009],
  ['-7.0 // 0.5', -14.0],
  ['-0.0 % 5', 0.0],
  ['0.0 % -5', -0],
  ['0 // -1', 0],
  ['0 % -5', 0],
  ['0.0 // -1', -0],
  ['-5 % math.inf', Infinity],
  ['5 % -math.inf', -Infinity],
  ['-1 // math.inf', -1.0],
  ['1 // math.inf', 0.0],
  ['math.inf // 1', NaN],
  ['7 / 2', 3.5],
  ['1 / 3', 0.3333333333333333],
  ['-2 ** 2', -4],
  ['2 ** -1', 0.5],
  ['2 ** 3 ** 2', 512],
  ['2 ** -2 ** 2', 0.0625],
  ['(-2) ** 3', -8],
  ['(-2.0) ** 3', -8.0],
  ['0 ** 0', 1],
  ['0.0 ** 0', 1.0],
  ['10 ** -2', 0.01],
  ['2 ** 0.5', 1.4142135623730951],
  ['1 ** math.nan', 1.0],
  ['(-1) ** math.inf', 1.0],
  ['math.nan ** 0', 1.0],
  ['(-0.0) ** 3', -0],
  ['0.5 ** math.inf', 0.0],
  ['2 ** -math.inf', 0.0],
  ['2 ** 62', 4611686018427387904],
  ['3 ** 33', 5559060566555523],
  ['2 - 3 - 4', -5],
  ['100 // 7 * 7 + 100 % 7', 100],
  ['-0', 0],
  ['-0.0', -0],
  ['0 * -1', 0],
  ['0.0 * -1', -0],
  ['True + 1', 2],
  ['1e308 * 10', Infinity],
  ['round(0.5)', 0],
  ['round(1.5)', 2],
  ['round(2.5)', 2],
  ['round(-0.5)', 0],
  ['round(-1.5)', -2],
  ['round(2.675)', 3],
  ['int(-2.7)', -2],
  ['int(2.7)', 2],
  ['int()', 0],
  ['float()', 0.0],
  ['math.floor(-2.5)', -3],
  ['math.ceil(-2.5)', -2],
  ['abs(-3)', 3],
  ['abs(-0.0)', 0.0],
  ['float(3)', 3.0],
  ['min(1, math.nan)', 1],
  ['min(math.nan, 1)', NaN],
  ['max(2, 2.0)', 2],
  ['min(3, 1.0, 2)', 1.0],
  ['0 or 0.5', 0.5],
  ['0 and 1', 0],
  ['2 and 3', 3],
  ['math.nan or 1', NaN],
  ['1 < 2 < 3', true],
  ['3 > 2 > 2', false],
  ['1 == 1.0 != 2', true],
  ['not math.nan', false],
  ['not 0', true],
  ['3 if 0 else 4', 4],
  ['math.log(8, 2)', 3.0],
  ['math.log(100, 10)', 2.0],
  ['math.sqrt(2)', 1.4142135623730951],
  ['math.cos(math.pi)', -1.0],
  ['math.sin(0)', 0.0],
  ['math.exp(0)', 1.0],
  ['math.e', 2.718281828459045],
  ['math.tau', 6.283185307179586],
  ['0.5 * (1 + math.cos(math.pi * 50 / 100))', 0.5],
];

describe("Python 3's arithmetic", () => {
  test.each(PYTHON_3_ANSWERS)('%s is %p', (source, answer) => {
    // toBe compares with Object.is: -0 is not 0, NaN is NaN.
    expect(constant(source)).toBe(answer);
  });

  test('the same answers from a lambda, its parameters bound to the numbers', () => {
    const floorDiv = lambda('lambda a, b: a // b');
    const mod = lambda('lambda a, b: a % b');
    const power = lambda('lambda a, b: a ** b');
    expect([floorDiv(-7, 2), mod(-7, 3), mod(7.5, -2), power(-2, 3), power(2, -1)]).toEqual([-4, 2, -0.5, -8, 0.5]);
    // Whole-number arguments are Python ints: 0 // -1 is the int 0, where 0.0 // -1 would be -0.0.
    expect(floorDiv(0, -1)).toBe(0);
    expect(floorDiv(0.5, -1)).toBe(-1);
  });
});

describe('compileLambda', () => {
  test('the schedules people write', () => {
    const exponential = lambda('lambda epoch: 0.95 ** epoch');
    expect([0, 1, 2].map((e) => exponential(e))).toEqual([1, 0.95, 0.9025]);
    expect(lambda('lambda e: 0.99')(7)).toBe(0.99);
    const warmup = lambda('lambda step: min(1.0, (step + 1) / 100)');
    expect([0, 49, 99, 500].map((s) => warmup(s))).toEqual([0.01, 0.5, 1, 1]);
    const cosine = lambda('lambda s: 0.5 * (1 + math.cos(math.pi * s / 100))');
    expect([0, 50, 100].map((s) => cosine(s))).toEqual([1, 0.5, 0]);
    const stepwise = lambda('lambda e: 1.0 if e < 5 else 0.1 if e < 10 else 0.01');
    expect([0, 5, 9, 10].map((e) => stepwise(e))).toEqual([1, 0.1, 0.1, 0.01]);
    const warmupThenDecay = lambda('lambda s: s / 10 if s < 10 and not s < 0 else max(0.0, 1 - (s - 10) // 5 * 0.25)');
    expect([5, 10, 14, 15, 29, 30].map((s) => warmupThenDecay(s))).toEqual([0.5, 1, 1, 0.75, 0.25, 0]);
    expect(lambda('lambda e: abs(-e) % 3 - int(2.9) + round(e / 4)')(10)).toBe(1 - 2 + 2);
  });

  test('a bool result is 1 or 0, as Python multiplies a learning rate by it', () => {
    const f = lambda('lambda e: e < 10');
    expect([f(3), f(30)]).toEqual([1, 0]);
  });

  test('only the branch taken is evaluated, so a guarded division does not fail', () => {
    expect(lambda('lambda s: 1 / s if s else 0.0')(0)).toBe(0);
    expect(lambda('lambda s: s and 1 / s')(0)).toBe(0);
  });

  test('a parameter hides the global of its name', () => {
    expect(evaluationError(() => lambda('lambda math: math.pi'))).toBe(
      'unknown name "math.pi" at 1:14: a lambda may use only its parameters (math) and math.pi, math.e, math.tau, math.inf, math.nan',
    );
    expect(evaluationError(() => lambda('lambda min: min(1, 2)'))).toMatch(/^unknown function "min" at 1:13/);
  });

  test('unknown names and functions fail when the lambda is compiled, not when it is first called', () => {
    expect(evaluationError(() => lambda('lambda step: step / warmup_steps'))).toBe(
      'unknown name "warmup_steps" at 1:21: a lambda may use only its parameters (step) and math.pi, math.e, math.tau, math.inf, math.nan',
    );
    expect(evaluationError(() => lambda('lambda s: np.cos(s)'))).toBe(
      'unknown function "np.cos" at 1:11: a lambda may call only abs, float, int, round, min, max, math.ceil, math.floor, math.cos, math.sin, math.exp, math.sqrt, math.log',
    );
    expect(evaluationError(() => lambda('lambda s: math.cos(s, 2)'))).toBe(
      'math.cos() takes 1 argument, got 2: "math.cos(s, 2)" at 1:11',
    );
    expect(evaluationError(() => lambda("lambda s: s * 'x'"))).toBe('expected a number, got "\'x\'" at 1:15');
    expect(evaluationError(() => lambda('lambda s: lambda t: t'))).toBe('expected a number, got "lambda t: t" at 1:11');
    expect(evaluationError(() => lambda('StepLR(step_size=10)'))).toBe(
      'expected a lambda, got "StepLR(step_size=10)" at 1:1',
    );
  });

  test('called with the wrong number of arguments, it says so as Python would', () => {
    expect(evaluationError(() => lambda('lambda e: e')(1, 2))).toBe(
      'TypeError: <lambda>() takes 1 positional argument but 2 were given: "lambda e: e" at 1:1',
    );
    expect(evaluationError(() => lambda('lambda: 1')(1))).toBe(
      'TypeError: <lambda>() takes 0 positional arguments but 1 was given: "lambda: 1" at 1:1',
    );
  });

  // Python 3.11's exceptions for the same expressions, type and message.
  test.each([
    ['lambda s: 1 / s', 0, 'ZeroDivisionError: division by zero in "1 / s" at 1:11 with s = 0'],
    ['lambda s: 1.0 / s', 0, 'ZeroDivisionError: float division by zero in "1.0 / s" at 1:11 with s = 0'],
    ['lambda s: 1 // s', 0, 'ZeroDivisionError: integer division or modulo by zero in "1 // s" at 1:11 with s = 0'],
    ['lambda s: 1.0 // s', 0, 'ZeroDivisionError: float floor division by zero in "1.0 // s" at 1:11 with s = 0'],
    ['lambda s: 1 % s', 0, 'ZeroDivisionError: integer modulo by zero in "1 % s" at 1:11 with s = 0'],
    ['lambda s: 1.0 % s', 0, 'ZeroDivisionError: float modulo in "1.0 % s" at 1:11 with s = 0'],
    [
      'lambda s: s ** -1',
      0,
      'ZeroDivisionError: 0.0 cannot be raised to a negative power in "s ** -1" at 1:11 with s = 0',
    ],
    [
      'lambda s: 10.0 ** s',
      400,
      'OverflowError: (34, \'Numerical result out of range\') in "10.0 ** s" at 1:11 with s = 400',
    ],
    ['lambda s: math.exp(s)', 1000, 'OverflowError: math range error in "math.exp(s)" at 1:11 with s = 1000'],
    ['lambda s: math.log(s)', 0, 'ValueError: math domain error in "math.log(s)" at 1:11 with s = 0'],
    ['lambda s: math.sqrt(s)', -1, 'ValueError: math domain error in "math.sqrt(s)" at 1:11 with s = -1'],
    ['lambda s: math.cos(s)', Infinity, 'ValueError: math domain error in "math.cos(s)" at 1:11 with s = inf'],
    ['lambda s: math.log(2, s)', 1, 'ZeroDivisionError: float division by zero in "math.log(2, s)" at 1:11 with s = 1'],
    ['lambda s: int(s)', NaN, 'ValueError: cannot convert float NaN to integer in "int(s)" at 1:11 with s = nan'],
    [
      'lambda s: round(s)',
      Infinity,
      'OverflowError: cannot convert float infinity to integer in "round(s)" at 1:11 with s = inf',
    ],
    [
      'lambda s: math.floor(s)',
      -Infinity,
      'OverflowError: cannot convert float infinity to integer in "math.floor(s)" at 1:11 with s = -inf',
    ],
  ])('%s at %p: %s', (source, arg, message) => {
    expect(evaluationError(() => lambda(source)(arg))).toBe(message);
  });

  test('what Python would answer with a complex number or an unbounded int is refused', () => {
    expect(evaluationError(() => lambda('lambda s: s ** 0.5')(-4))).toBe(
      'ValueError: a negative number to a fractional power is complex in Python in "s ** 0.5" at 1:11 with s = -4',
    );
    expect(evaluationError(() => lambda('lambda s: 2 ** s')(2000))).toBe(
      'OverflowError: int too large to convert to float in "2 ** s" at 1:11 with s = 2000',
    );
  });

  test('an error names every argument, and quotes a subexpression spanning lines on one line', () => {
    const f = lambda('lambda a, b: (a +\n  1) / b');
    expect(evaluationError(() => f(2.5, 0))).toBe(
      'ZeroDivisionError: float division by zero in "(a + 1) / b" at 1:14 with a = 2.5, b = 0',
    );
  });

  test("float ** uses JavaScript's pow, whose last bit can differ from the C library's CPython calls", () => {
    // Python 3.11 on glibc prints 0.5987369392383787 for 0.95 ** 10: one unit in the last place above.
    const ulp = 2 ** -53;
    expect(lambda('lambda e: 0.95 ** e')(10)).toBe(0.5987369392383787 - ulp);
  });
});

test('a lambda passed to a scheduler compiles from the call it was parsed in', () => {
  const [{ value }] = parseStatements('scheduler = LambdaLR(opt, lr_lambda=lambda e: 0.5 ** (e // 10))');
  if (value.kind !== 'Call') throw new Error(`expected a call, got ${value.kind}`);
  const schedule = compileLambda(value.kwargs[0].value);
  expect([0, 9, 10, 25].map((e) => schedule(e))).toEqual([1, 1, 0.5, 0.25]);
});
