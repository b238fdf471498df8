import type { Arithmetic } from './arithmetic';

/**
 * torch.nn.utils.clip_grad_norm_ and clip_grad_value_, written once over any `Arithmetic` (the
 * TF.js functions in clip.ts and the reference ones both run these):
 *
 *     norms ← ‖gᵢ‖ₚ for every gradient;  total ← ‖(norms)‖ₚ
 *     coef ← min(max_norm / (total + 1e-6), 1);  gᵢ ← gᵢ·coef   (every gradient, even when coef is 1)
 *
 * ‖·‖∞ is the largest |element|. The coefficient is computed as torch computes it: in the
 * gradients' dtype, on the device, from the total norm tensor; and `max_norm / tensor` is
 * Python's float-by-tensor division, which torch computes as tensor.reciprocal() · max_norm.
 */

/** Why a clipping argument is refused, in the caller's spelling of its name, or null. */
export function clipProblem(name: string, value: number, what: 'maxNorm' | 'normType' | 'clipValue'): string | null {
  if (what === 'normType') {
    return value === Infinity || (Number.isFinite(value) && value > 0)
      ? null
      : `${name} must be a positive number or Infinity, got ${value}`;
  }
  return Number.isFinite(value) && value > 0 ? null : `${name} must be a finite number > 0, got ${value}`;
}

/** ‖g‖ₚ as torch.linalg.vector_norm computes it, for p = 1, 2, ∞ or any other p > 0. */
export function vectorNorm<T>(A: Arithmetic<T>, g: T, p: number): T {
  if (p === Infinity) return A.max(A.abs(g));
  if (p === 2) return A.sqrt(A.sum(A.square(g)));
  if (p === 1) return A.sum(A.abs(g));
  return A.pow(A.sum(A.pow(A.abs(g), p)), 1 / p);
}

/** The clipped gradients and the total norm before clipping (a one-element tensor). */
export function clipGradNormOf<T>(
  A: Arithmetic<T>,
  grads: readonly T[],
  maxNorm: number,
  normType: number,
): { grads: T[]; totalNorm: T } {
  const totalNorm = vectorNorm(A, A.stack(grads.map((g) => vectorNorm(A, g, normType))), normType);
  const coefficient = A.minimum(A.mul(A.div(1, A.add(totalNorm, 1e-6)), maxNorm), 1);
  return { grads: grads.map((g) => A.mul(g, coefficient)), totalNorm };
}

/** Every element of every gradient clamped to [−clipValue, clipValue]. */
export function clipGradValueOf<T>(A: Arithmetic<T>, grads: readonly T[], clipValue: number): T[] {
  return grads.map((g) => A.clip(g, -clipValue, clipValue));
}
