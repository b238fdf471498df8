import type { Expr } from './ast';
import { PythonSyntaxError } from './errors';
import { parseExpression, parseStatements } from './parse';

/** An expression fully bracketed, to check the tree's shape: `-2 ** 2` shows as `(-(2 ** 2))`. */
function show(expr: Expr): string {
  switch (expr.kind) {
    case 'Call': {
      const args = [...expr.args.map(show), ...expr.kwargs.map((k) => `${k.name}=${show(k.value)}`)];
      return `${expr.callee}(${args.join(', ')})`;
    }
    case 'Name':
      return expr.name;
    case 'Number':
      return `${expr.value}${expr.integer ? '' : 'f'}`;
    case 'String':
      return JSON.stringify(expr.value);
    case 'Bool':
      return expr.value ? 'True' : 'False';
    case 'None':
      return 'None';
    case 'List':
      return `[${expr.elements.map(show).join(', ')}]`;
    case 'Tuple':
      return `tuple(${expr.elements.map(show).join(', ')})`;
    case 'Lambda':
      return `(lambda ${expr.params.join(', ')}: ${show(expr.body)})`;
    case 'BinaryOp':
      return `(${show(expr.left)} ${expr.op} ${show(expr.right)})`;
    case 'UnaryOp':
      return `(${expr.op === 'not' ? 'not ' : expr.op}${show(expr.operand)})`;
    case 'Compare':
      return `(${[show(expr.left), ...expr.ops.flatMap((op, i) => [op, show(expr.comparators[i])])].join(' ')})`;
    case 'BoolOp':
      return `(${expr.values.map(show).join(` ${expr.op} `)})`;
    case 'IfExp':
      return `(${show(expr.body)} if ${show(expr.test)} else ${show(expr.orelse)})`;
  }
}

const parsed = (source: string): string => show(parseExpression(source));

/** The message parsing throws for source, or '' when it parses. */
function syntaxError(source: string): string {
  try {
    parseStatements(source);
    return '';
  } catch (error) {
    if (!(error instanceof PythonSyntaxError)) throw error;
    return error.message;
  }
}

describe('pasted optimizer code', () => {
  test.each([
    [
      'torch.optim.AdamW(model.parameters(), lr=3e-4, betas=(0.9, 0.95), weight_decay=0.1)',
      null,
      'torch.optim.AdamW(model.parameters(), lr=0.0003f, betas=tuple(0.9f, 0.95f), weight_decay=0.1f)',
    ],
    [
      'optimizer = optim.SGD(model.parameters(), 0.1, momentum=0.9, nesterov=True)',
      'optimizer',
      'optim.SGD(model.parameters(), 0.1f, momentum=0.9f, nesterov=True)',
    ],
    [
      'torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=1e-3, total_steps=1000)',
      null,
      'torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.001f, total_steps=1000)',
    ],
    ['StepLR(step_size=10, gamma=0.5)', null, 'StepLR(step_size=10, gamma=0.5f)'],
    [
      'SequentialLR(schedulers=[LinearLR(start_factor=0.1, total_iters=5), CosineAnnealingLR(T_max=95)], milestones=[5])',
      null,
      'SequentialLR(schedulers=[LinearLR(start_factor=0.1f, total_iters=5), CosineAnnealingLR(T_max=95)], milestones=[5])',
    ],
    [
      'torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)',
      null,
      'torch.nn.utils.clip_grad_norm_(model.parameters(), 1f)',
    ],
    [
      "clip_grad_norm_(model.parameters(), max_norm=1.0, norm_type=float('inf'))",
      null,
      'clip_grad_norm_(model.parameters(), max_norm=1f, norm_type=float("inf"))',
    ],
    [
      'torch.nn.utils.clip_grad_value_(params, clip_value=0.5)',
      null,
      'torch.nn.utils.clip_grad_value_(params, clip_value=0.5f)',
    ],
    [
      'LambdaLR(optimizer, lr_lambda=lambda epoch: 0.95 ** epoch)',
      null,
      'LambdaLR(optimizer, lr_lambda=(lambda epoch: (0.95f ** epoch)))',
    ],
    ['MultiplicativeLR(opt, lr_lambda=lambda e: 0.99)', null, 'MultiplicativeLR(opt, lr_lambda=(lambda e: 0.99f))'],
    [
      'LambdaLR(opt, lambda step: min(1.0, (step + 1) / 100))',
      null,
      'LambdaLR(opt, (lambda step: min(1f, ((step + 1) / 100))))',
    ],
  ])('%s', (source, target, value) => {
    const [statement, ...rest] = parseStatements(source);
    expect(rest).toEqual([]);
    expect(statement.target).toBe(target);
    expect(show(statement.value)).toBe(value);
    expect(statement.text).toBe(source);
  });

  test('several statements: newlines, semicolons, comments, blank lines, brackets and backslashes', () => {
    const source = `
        # the optimizer, then its schedule
        optimizer = torch.optim.SGD(
            model.parameters(),  # every weight
            lr=0.1,
            momentum=0.9,
        )

        warmup = LinearLR(optimizer, start_factor=0.1, total_iters=5); cosine = CosineAnnealingLR(optimizer, \\
            T_max=95);
        scheduler = SequentialLR(optimizer, [warmup, cosine], milestones=[5])
    `;
    const statements = parseStatements(source);
    expect(statements.map((s) => s.target)).toEqual(['optimizer', 'warmup', 'cosine', 'scheduler']);
    expect(statements.map((s) => show(s.value))).toEqual([
      'torch.optim.SGD(model.parameters(), lr=0.1f, momentum=0.9f)',
      'LinearLR(optimizer, start_factor=0.1f, total_iters=5)',
      'CosineAnnealingLR(optimizer, T_max=95)',
      'SequentialLR(optimizer, [warmup, cosine], milestones=[5])',
    ]);
    expect(statements[0].span).toMatchObject({ line: 3, column: 9 });
    expect(statements[0].text).toBe(
      'optimizer = torch.optim.SGD(\n            model.parameters(),  # every weight\n            lr=0.1,\n            momentum=0.9,\n        )',
    );
    expect(statements[2].text).toBe('cosine = CosineAnnealingLR(optimizer, \\\n            T_max=95)');
  });

  test('every node keeps where it starts and its exact text', () => {
    const [statement] = parseStatements('x = 1\nopt = SGD(params,\n  lr=3e-4 * 2)');
    expect(statement.span).toEqual({ line: 1, column: 1, text: 'x = 1' });
    const call = parseStatements('x = 1\nopt = SGD(params,\n  lr=3e-4 * 2)')[1].value;
    if (call.kind !== 'Call') throw new Error(`expected a call, got ${call.kind}`);
    expect(call.span).toEqual({ line: 2, column: 7, text: 'SGD(params,\n  lr=3e-4 * 2)' });
    expect(call.calleeSpan).toEqual({ line: 2, column: 7, text: 'SGD' });
    expect(call.args[0].span).toEqual({ line: 2, column: 11, text: 'params' });
    expect(call.kwargs[0].span).toEqual({ line: 3, column: 3, text: 'lr=3e-4 * 2' });
    expect(call.kwargs[0].value.span).toEqual({ line: 3, column: 6, text: '3e-4 * 2' });
  });

  test('a dotted name may have spaces around its dots; the callee is written without them', () => {
    expect(parsed('torch . optim.SGD(p)')).toBe('torch.optim.SGD(p)');
  });

  test('a bare expression is a statement too, and so is a tuple without brackets', () => {
    expect(parseStatements('betas = 0.9, 0.95,\n3').map((s) => [s.target, show(s.value)])).toEqual([
      ['betas', 'tuple(0.9f, 0.95f)'],
      [null, '3'],
    ]);
  });

  test('nothing to parse is no statements', () => {
    expect(parseStatements('\n  # only a comment\n\n')).toEqual([]);
  });
});

describe('literals', () => {
  test.each([
    ['1e-3', '0.001f'],
    ['.5', '0.5f'],
    ['5.', '5f'],
    ['1_000', '1000'],
    ["'x'", '"x"'],
    ['"x"', '"x"'],
    ['\'a\' "b"', '"ab"'],
    ['True', 'True'],
    ['False', 'False'],
    ['None', 'None'],
    ['[]', '[]'],
    ['[1, [2],]', '[1, [2]]'],
    ['()', 'tuple()'],
    ['(1,)', 'tuple(1)'],
    ['(1, 2)', 'tuple(1, 2)'],
    ['((1))', '1'],
    ['-1', '(-1)'],
    ["float('-inf')", 'float("-inf")'],
    ['math.inf', 'math.inf'],
  ])('%s', (source, shape) => {
    expect(parsed(source)).toBe(shape);
  });
});

describe("Python's precedence", () => {
  test.each([
    ['-2 ** 2', '(-(2 ** 2))'],
    ['2 ** -1', '(2 ** (-1))'],
    ['2 ** 3 ** 2', '(2 ** (3 ** 2))'],
    ['a - b - c', '((a - b) - c)'],
    ['a + b * c ** d', '(a + (b * (c ** d)))'],
    ['a // b % c / d * e', '((((a // b) % c) / d) * e)'],
    ['-a * b', '((-a) * b)'],
    ['--a', '(-(-a))'],
    ['+a', '(+a)'],
    ['(a + b) * c', '((a + b) * c)'],
    ['a < b <= c', '(a < b <= c)'],
    ['a == b != c > d >= e', '(a == b != c > d >= e)'],
    ['not a == b', '(not (a == b))'],
    ['a or b and not c', '(a or (b and (not c)))'],
    ['a and b and c', '(a and b and c)'],
    ['x if a < b else y if c else z', '(x if (a < b) else (y if c else z))'],
    ['lambda: 1', '(lambda : 1)'],
    ['lambda x, y,: x if x > y else y', '(lambda x, y: (x if (x > y) else y))'],
    ['lambda e: 0.5 * (1 + math.cos(math.pi * e / 10))', '(lambda e: (0.5f * (1 + math.cos(((math.pi * e) / 10)))))'],
    ['f(lambda a: a, b)', 'f((lambda a: a), b)'],
  ])('%s', (source, shape) => {
    expect(parsed(source)).toBe(shape);
  });
});

describe('parseExpression', () => {
  test("reads one expression, as the command line's --scheduler flag gives", () => {
    expect(parsed('  StepLR(step_size=10, gamma=0.5)  # decay\n')).toBe('StepLR(step_size=10, gamma=0.5f)');
  });

  test.each([
    ['', 'unexpected end of input at 1:1: expected an expression'],
    ['StepLR(1); StepLR(2)', 'unexpected ";" at 1:10: expected a single expression'],
    ['StepLR(1)\nStepLR(2)', 'unexpected token "StepLR" at 2:1: expected a single expression'],
    ['s = StepLR(1)', 'unexpected "=" at 1:3: expected a single expression'],
    ['StepLR(1), 2', 'unexpected "," at 1:10: expected a single expression'],
  ])('rejects %j', (source, message) => {
    expect(() => parseExpression(source)).toThrow(new PythonSyntaxError(message, 0, 0));
  });
});

describe('what is not understood, and where', () => {
  test.each([
    // Statements other than assignments and calls.
    [
      'x = 1\nfor g in groups: g["lr"] = 0.1',
      'unexpected token "for" at 2:1: only assignments and calls are understood',
    ],
    ['import torch', 'unexpected token "import" at 1:1: only assignments and calls are understood'],
    ['def f(): pass', 'unexpected token "def" at 1:1: only assignments and calls are understood'],
    ['x += 1', 'unexpected "+=" at 1:3: augmented assignment is not understood'],
    ['x = y = 1', 'unexpected "=" at 1:7: chained assignment is not understood'],
    ['opt.lr = 1', 'cannot assign to "opt.lr" at 1:1: only plain names can be assigned'],
    ['f() = 1', 'cannot assign to "f()" at 1:1: only plain names can be assigned'],
    ['x: float = 1', 'unexpected ":" at 1:2: expected the end of the statement'],
    ['x = 1;;', 'unexpected ";" at 1:7: expected an expression'],
    ['x = ', 'unexpected end of input at 1:5: expected an expression'],
    ['x = \ny = 2', 'unexpected end of line at 1:5: expected an expression'],
    ['f(x) g(y)', 'unexpected token "g" at 1:6: expected the end of the statement'],
    // Calls and arguments.
    ['f(lr=1, 0.9)', 'positional argument follows keyword argument at 1:9'],
    ['f(lr=1, lr=2)', 'keyword argument repeated: lr at 1:9'],
    ['f(*params)', 'unexpected "*" at 1:3: "*args" unpacking is not understood'],
    ['f(**kwargs)', 'unexpected "**" at 1:3: "**kwargs" unpacking is not understood'],
    ['f(a b)', 'unexpected token "b" at 1:5: expected "," or ")"'],
    ['f(,)', 'unexpected "," at 1:3: expected an expression'],
    ['f(lr=)', 'unexpected ")" at 1:6: expected an expression'],
    ['f(x for x in y)', 'unexpected token "for" at 1:5: expected "," or ")"'],
    ['f()()', 'unexpected "(" at 1:4: only names can be called'],
    ['(lambda: 1)()', 'unexpected "(" at 1:12: only names can be called'],
    ['3(2)', 'unexpected "(" at 1:2: only names can be called'],
    ['model.parameters().grad', 'unexpected "." at 1:19: attributes are understood only on names'],
    ['f(a.)', 'unexpected ")" at 1:5: expected a name after "."'],
    ['groups[0]', 'unexpected "[" at 1:7: subscripts are not understood'],
    // Literals and operators.
    ["AdamW(p, betas={'a': 1})", 'unexpected "{" at 1:16: dicts and sets are not understood'],
    ['f({1, 2})', 'unexpected "{" at 1:3: dicts and sets are not understood'],
    ['[1 2]', 'unexpected token "2" at 1:4: expected "," or "]"'],
    ['(1 2)', 'unexpected token "2" at 1:4: expected "," or ")"'],
    ['x = ...', 'unexpected "..." at 1:5: expected an expression'],
    ['x = 1 << 2', 'unsupported operator "<<" at 1:7'],
    ['x = a & b', 'unsupported operator "&" at 1:7'],
    ['x = a | b', 'unsupported operator "|" at 1:7'],
    ['x = a ^ b', 'unsupported operator "^" at 1:7'],
    ['x = ~a', 'unsupported operator "~" at 1:5'],
    ['x = a @ b', 'unsupported operator "@" at 1:7'],
    ['x = a is None', 'unsupported operator "is" at 1:7'],
    ['x = a in b', 'unsupported operator "in" at 1:7'],
    ['x = a not in b', 'unsupported operator "not in" at 1:7'],
    ['x = (y := 1)', 'unexpected ":=" at 1:8: expected "," or ")"'],
    ['x = 1 if a', 'unexpected end of input at 1:11: expected "else"'],
    // Lambdas.
    ['f(lambda x=1: x)', 'unexpected "=" at 1:11: lambda parameter defaults are not understood'],
    ['f(lambda *a: 1)', 'unexpected "*" at 1:10: lambda star parameters are not understood'],
    ['f(lambda x, x: 1)', 'duplicate argument "x" in lambda at 1:13'],
    ['f(lambda x y: 1)', 'unexpected token "y" at 1:12: expected "," or ":"'],
    ['f(lambda 1: 1)', 'unexpected token "1" at 1:10: expected a lambda parameter name'],
    ['1 + lambda: 1', 'unexpected token "lambda" at 1:5: expected an expression'],
    // From the tokenizer.
    ['f(a, (b)', 'unbalanced brackets: "(" at 1:2 is never closed'],
    ["x = 'abc", 'unterminated string at 1:5'],
  ])('%j', (source, message) => {
    expect(syntaxError(source)).toBe(message);
  });

  test('a message stays on one line when the source quoted spans several', () => {
    expect(syntaxError('f(a,\n  b).c = 1')).toBe('unexpected "." at 2:5: attributes are understood only on names');
    expect(syntaxError('f(a,\n  b) = 1')).toBe('cannot assign to "f(a, b)" at 1:1: only plain names can be assigned');
  });
});
