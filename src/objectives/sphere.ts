import { numpySumOfSquares } from '../math/numpySum';
import type { Objective } from './objective';

const f32 = Math.fround;

/**
 * L(x) = Σ xᵢ², the seed's objective; ∇L = 2x. Any dimension.
 * The float64 value sums in NumPy's pairwise order, so the manual table is the original's to the
 * bit. TF.js's cpu `Sum` kernel adds float32 inputs in a JS double and rounds once at the end, and
 * `Square`'s gradient is dy·(2x): exact doubling, so the float32 gradient is 2x too.
 */
export const sphere: Objective = {
  name: 'sphere',
  formula: 'Σ xᵢ²',
  defaultX0: [5, 10],
  dimensionRule: 'any dimension of at least 1',
  acceptsDimension: (dimension) => dimension >= 1,
  lossTerms: (dimension) => dimension,
  minima: (dimension) => [new Array<number>(dimension).fill(0)],
  minimumValue: () => 0,
  window: null,
  value: (x) => numpySumOfSquares(x),
  gradient(x, out) {
    for (let i = 0; i < x.length; i++) out[i] = 2 * x[i];
  },
  value32(x) {
    let sum = 0;
    for (let i = 0; i < x.length; i++) sum += f32(x[i] * x[i]);
    return f32(sum);
  },
  gradient32(x, out) {
    for (let i = 0; i < x.length; i++) out[i] = f32(2 * x[i]);
  },
};
