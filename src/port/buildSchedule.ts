import type { LRScheduler, Schedulable, Scheduler } from '@optim-mirror/torch';
import { torchLibrary } from './library';
import type { PlanValue, SchedulePlan, SchedulerNode } from './schedulers';

/**
 * The planned schedulers built on an optimizer exactly as the printed TypeScript builds them: one
 * constructor call per statement, in the order written, nested ones in argument order, each with
 * the options printed (lambdas as the Python reader compiles them). It runs on a TF.js optimizer
 * (tf.train's or the library's) and on a reference rule's schedule target alike. Returns the
 * scheduler the training loop steps.
 */
export function buildSchedule(plan: SchedulePlan, optimizer: Schedulable): Scheduler {
  const library = torchLibrary();
  const classes: Record<string, unknown> = library;
  const named = new Map<string, Scheduler>();

  const value = (v: PlanValue): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(value);
    switch (v.kind) {
      case 'ref': {
        const built = named.get(v.name);
        if (built === undefined) throw new Error(`scheduler ${v.name} used before it was built`);
        return built;
      }
      case 'lambda':
        return v.fn;
      case 'scheduler':
        return build(v);
    }
  };

  const build = (node: SchedulerNode): Scheduler => {
    const options: Record<string, unknown> = {};
    for (const { arg, value: v } of node.args) if (arg.torchOnly !== true) options[arg.name] = value(v);
    if (node.className === 'ChainedScheduler') {
      return new library.ChainedScheduler(options.schedulers as LRScheduler[], optimizer);
    }
    // Each class takes (optimizer, options) with the options its spec names, checked by the class.
    const Class = classes[node.className] as new (
      optimizer: Schedulable,
      options: Record<string, unknown>,
    ) => Scheduler;
    return new Class(optimizer, options);
  };

  let stepped: Scheduler | null = null;
  for (const definition of plan.definitions) {
    const built = build(definition.node);
    if (definition.statement.target !== null) named.set(definition.statement.target, built);
    if (definition === plan.stepped) stepped = built;
  }
  if (stepped === null) throw new Error('the stepped scheduler was not built');
  return stepped;
}
