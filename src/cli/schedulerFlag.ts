import type { SchedulerCall } from '@optim-mirror/torch/reference';
import type { ResolvedOptimizer } from '../optimizers/optimizer';
import { parseExpression, PythonEvaluationError, PythonSyntaxError } from '../python';
import { schedulerCall } from '../python/schedulerCall';
import { UsageError } from './usageError';

/**
 * `--scheduler 'StepLR(step_size=10, gamma=0.5)'`: PyTorch's call as a person pastes it, the
 * optimizer argument left out or given first (and ignored). Read, then built once on every
 * optimizer of the run, creating nothing: whatever torch or the library refuses (an unknown
 * argument, a missing T_max, momentum cycling a tf.train optimizer cannot follow) is bad input now,
 * before any work.
 */
export function parseSchedulerFlag(
  text: string,
  optimizers: readonly ResolvedOptimizer[],
  iterations: number,
): SchedulerCall {
  let call: SchedulerCall;
  try {
    call = schedulerCall(parseExpression(text));
  } catch (error) {
    if (error instanceof PythonSyntaxError || error instanceof PythonEvaluationError) {
      throw new UsageError(`--scheduler: ${error.message}`);
    }
    throw error;
  }
  // The library's schedulers load tfjs-core: only when a schedule is asked for.
  const { buildScheduler } = require('@optim-mirror/torch') as typeof import('@optim-mirror/torch');
  for (const optimizer of optimizers) {
    try {
      buildScheduler(call, optimizer.manualRule('float64').schedule, { iterations });
    } catch (error) {
      // The library throws plain Errors for what torch refuses, one line each.
      throw new UsageError(`--scheduler: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  return call;
}
