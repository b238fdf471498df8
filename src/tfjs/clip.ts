import type * as TfCore from '@tensorflow/tfjs-core';
import type { GradientClip } from '../config';
import type { TfjsContext } from '../optimizers/optimizer';

/** `--clip-grad-norm` / `--clip-grad-value` for the TF.js run: @optim-mirror/torch's clipping, in place on the gradients. */
export function tfjsClip(
  clip: GradientClip | null,
  { torch }: TfjsContext,
): ((grads: TfCore.NamedTensorMap) => void) | null {
  if (clip === null) return null;
  if (clip.kind === 'norm') return (grads) => void torch.clipGradNorm(grads, clip.maxNorm);
  return (grads) => torch.clipGradValue(grads, clip.clipValue);
}
