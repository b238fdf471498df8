import type * as TfCore from '@tensorflow/tfjs-core';
import type { TfjsContext } from '../optimizers/optimizer';
import type { PortPlan } from './plan';

/**
 * The TF.js side of what the port prints, from the same plan: the optimizer (tf.train's factory
 * with the printed arguments, or the library's class with the printed options) and the clipping.
 */

export function createTfjsOptimizer(plan: PortPlan, { tf, torch }: TfjsContext): TfCore.Optimizer {
  const { choice, optimizer } = plan;
  if (choice.kind === 'tf.train') {
    const args = choice.call.args.map((a) => a.value);
    const n = (i: number): number => Number(args[i]);
    switch (choice.call.factory) {
      case 'sgd':
        return tf.train.sgd(n(0));
      case 'momentum':
        return tf.train.momentum(n(0), n(1), args[2] === true);
      case 'rmsprop':
        return tf.train.rmsprop(n(0), n(1), n(2), n(3), args[4] === true);
      case 'adam':
        return tf.train.adam(n(0), n(1), n(2), n(3));
      case 'adamax':
        return tf.train.adamax(n(0), n(1), n(2), n(3), n(4));
    }
  }
  // The library's classes take torch's options by camelCase name and check them as torch does.
  const Class = torch[choice.className as 'SGD'] as unknown as new (options: object) => TfCore.Optimizer;
  return new Class(optimizer.options);
}

/** The printed clipping calls, in order, on the gradients of one step. */
export function tfjsClips(plan: PortPlan, { torch }: TfjsContext): ((grads: TfCore.NamedTensorMap) => void) | null {
  if (plan.clips.length === 0) return null;
  return (grads) => {
    for (const clip of plan.clips) {
      if (clip.fn === 'clip_grad_norm_') torch.clipGradNorm(grads, clip.maxNorm, clip.normType);
      else torch.clipGradValue(grads, clip.clipValue);
    }
  };
}
