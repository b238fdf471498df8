import { ReferenceOptimizer, type OptionsOptimizer, type TorchRule } from '@optim-mirror/torch/reference';
import { referenceRule, type UpdateRule } from '../optimizers/rule';
import { choosePort, type PortChoice } from './choice';
import { readClip, type ClipPlan } from './clips';
import { PortInputError } from './errors';
import { readOptimizerCall, type OptimizerCall, type OptionValue } from './optimizerCall';
import { readStatements } from './read';
import { planSchedule, type SchedulePlan } from './schedulers';
import { signatureOf } from './signatures';
import { identifiers, type Identifiers } from './identifiers';

/**
 * Everything the port decides about the pasted code, before any TypeScript is written or anything
 * is run: the optimizer read as torch reads it and the TF.js that follows it, the schedule, the
 * clipping, and the names the TypeScript gives them. Pure: no TF.js, no I/O.
 */
export interface PortPlan {
  /** The code as given. */
  source: string;
  optimizer: OptimizerCall;
  choice: PortChoice;
  schedule: SchedulePlan | null;
  clips: ClipPlan[];
  names: Identifiers;
}

/**
 * torch's rule for the optimizer, on a Float64Array (float64, or float32 replaying the library's
 * TF.js kernels), as runs and schedules use it: its options are the rule's (checked already), its
 * lr, momentum and betas what a schedule reads.
 */
export function referenceOptimizer(
  optimizer: OptimizerCall,
  precision: 'float64' | 'float32' = 'float64',
): UpdateRule & OptionsOptimizer {
  const rule = signatureOf(optimizer.className).rule as unknown as TorchRule<Record<string, OptionValue>>;
  // The options are the rule's own, so getOptions() has its lr (and momentum or betas where it has them).
  return new ReferenceOptimizer(rule, optimizer.options, precision) as unknown as UpdateRule & OptionsOptimizer;
}

export function planPort(source: string): PortPlan {
  if (source.trim() === '') {
    throw new PortInputError(
      "no code given: pass the PyTorch lines, e.g. npm run port -- 'torch.optim.SGD(model.parameters(), lr=0.1)'",
    );
  }
  const statements = readStatements(source);
  const optimizer = readOptimizerCall(statements.optimizer);
  const schedule = planSchedule(
    statements.schedulers,
    statements.optimizer,
    () => referenceRule(referenceOptimizer(optimizer), optimizer.className).schedule,
  );
  const clips = statements.clips.map(readClip);
  const choice = choosePort(optimizer, schedule?.call ?? null);
  return { source, optimizer, choice, schedule, clips, names: identifiers(statements, choice, schedule, clips) };
}
