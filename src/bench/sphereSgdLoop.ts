/**
 * One SGD step on Σxᵢ² as a single fused pass over a Float64Array: the loss at x, the gradient
 * 2x and the update x ← x + (−lr)·2x, element by element. The benchmark's `manual` baseline:
 * the plain-JavaScript floor for this job. It takes the same steps as the project's manual run
 * (same x, bit for bit); only its loss is summed left to right rather than in NumPy's order.
 */
export function sphereSgdStep(x: Float64Array, lr: number): number {
  const c = -lr;
  let loss = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    loss += v * v;
    x[i] = v + c * (2 * v);
  }
  return loss;
}
