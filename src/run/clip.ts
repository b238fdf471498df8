import { referenceClipGradNorm, referenceClipGradValue } from '@optim-mirror/torch/reference';
import type { GradientClip } from '../config';
import type { Precision } from './history';

/**
 * `--clip-grad-norm` / `--clip-grad-value` for the hand-written runs: torch.nn.utils's clipping
 * from @optim-mirror/torch's reference, in the run's precision (in float32 it replays the TF.js
 * run's clipping kernels), applied in place to the gradient before the step.
 */
export function referenceClip(clip: GradientClip | null, precision: Precision): ((grad: Float64Array) => void) | null {
  if (clip === null) return null;
  if (clip.kind === 'norm') return (grad) => void referenceClipGradNorm([grad], clip.maxNorm, 2, precision);
  return (grad) => referenceClipGradValue([grad], clip.clipValue, precision);
}
