import type { SchedulerCall, SchedulerValue } from '@optim-mirror/torch/reference';
import type { Expr } from './ast';
import { PythonEvaluationError } from './errors';
import { compileLambda, literalValue } from './evaluate';

/**
 * A scheduler call as pasted (`StepLR(step_size=10, gamma=0.5)`,
 * `torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=1e-3, total_steps=1000)`) as the data
 * @optim-mirror/torch's buildScheduler takes: the class name without its module path, its
 * positional and keyword arguments as values, nested calls (SequentialLR's schedulers) as calls,
 * lambdas as JavaScript functions, and a bare name (`optimizer`, `self.opt`) as its text, which
 * buildScheduler takes for the optimizer.
 */
export function schedulerCall(expr: Expr): SchedulerCall {
  if (expr.kind !== 'Call') {
    throw new PythonEvaluationError(
      `not a call: "${expr.span.text}" (write it as PyTorch does, e.g. StepLR(step_size=10))`,
      expr.span,
    );
  }
  const name = expr.callee.split('.').pop() ?? expr.callee;
  return {
    name,
    positional: expr.args.map(value),
    keyword: Object.fromEntries(expr.kwargs.map((keyword) => [keyword.name, value(keyword.value)])),
  };
}

function value(expr: Expr): SchedulerValue {
  switch (expr.kind) {
    case 'Call':
      // float('inf') is a number; any other call is a nested scheduler.
      return expr.callee === 'float' ? literalValue(expr) : schedulerCall(expr);
    case 'Name':
      return /^(math\.)/.test(expr.name) ? literalValue(expr) : expr.name;
    case 'Lambda':
      return compileLambda(expr);
    case 'List':
    case 'Tuple':
      return expr.elements.map(value);
    default:
      return literalValue(expr);
  }
}
