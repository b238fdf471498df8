import type { OptimizerName } from '../optimizers/registry';

/**
 * One colour per optimizer in every chart the project draws. SGD is the original's red; the rest
 * are the Tableau-10 hues, which stay apart for most colour-blind readers and on print.
 */
export const OPTIMIZER_COLOURS: Record<OptimizerName, string> = {
  sgd: '#d62728',
  momentum: '#ff7f0e',
  adagrad: '#2ca02c',
  adadelta: '#9467bd',
  adam: '#1f77b4',
  adamax: '#8c564b',
  rmsprop: '#e377c2',
};

/** The Float64 mirror, dashed over the TF.js line in Loss.png: dark, so it reads over any hue. */
export const MANUAL_COLOUR = '#1b1b3a';
