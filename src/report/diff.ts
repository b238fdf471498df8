import type { RunHistory } from '../run/history';
import type { RunState } from '../run/runner';

/**
 * How far the TF.js run (float32) lands from the Float64 mirror, and whether that is explained by
 * float32 alone.
 *
 * The tolerance is derived, not tuned. A float32 operation rounds its result by at most u = 2⁻²⁴
 * relative; what those roundings add up to over a run depends on the rule and the objective, so
 * we measure it: the `manual32` run replays the same rule with every kernel's output rounded to
 * float32 (Math.fround) in TF.js's order. D = |manual32 − manual| is then exactly the drift that
 * float32 rounding causes along TF.js's path. A backend that orders or fuses operations
 * differently (wasm, libtensorflow) takes as many roundings, each as large, so its own drift is
 * bounded by the same D, and by the triangle inequality the two float32 runs lie within 2·D of
 * each other's reference. Where D happens to be 0 (values exact in float32) a floor of 4 ulps of
 * the row's magnitude (4·u·max|row|) stands in for "a few roundings". Per element:
 *
 *     |tfjs − manual| ≤ 2·|manual32 − manual| + 4·u·max|manual row|
 *
 * One place takes more roundings in other backends: the loss's final Sum. The cpu kernel adds
 * in a JS double and rounds once; wasm (and libtensorflow) accumulate in float32, n − 1 roundings
 * for n terms, and a float32 sum of n terms in any order lies within (n − 1)·u·Σ|tᵢ| of the exact
 * sum (recursive summation, Higham ch. 4). Our objectives sum non-negative terms, so Σ|tᵢ| is the
 * loss, and the loss's tolerance gets that much more. At 10⁶ parameters that is 6% of the loss:
 * wasm's loss really is that loose (measured: 1% off), while x and the gradient stay at 1e-7.
 *
 * A mistake in the rule (a misplaced ε, a wrong accumulator) changes manual and manual32 alike but
 * not TF.js, and breaks this bound at once.
 */
export const FLOAT32_UNIT_ROUNDOFF = 2 ** -24;
export const TOLERANCE_RULE =
  '|tfjs − manual| ≤ 2·|manual32 − manual| + 4·2⁻²⁴·max|manual row|, per element; the loss also (n − 1)·2⁻²⁴·loss for its n summed terms';

export type Quantity = 'x' | 'loss' | 'grad';
export const QUANTITIES: readonly Quantity[] = ['x', 'loss', 'grad'];

export interface QuantityDiff {
  /** Largest |tfjs − manual| over every element of every compared row. */
  maxAbs: number;
  /**
   * Largest |tfjs − manual| / max|manual row| (norm-wise, so values passing through 0 stay
   * meaningful); where the whole row is 0, the absolute difference.
   */
  maxRel: number;
  /** Largest |tfjs − manual| / tolerance: at most 1 passes. */
  worstRatio: number;
  /** Iteration of that worst ratio (0 when nothing was compared). */
  worstIteration: number;
  withinTolerance: boolean;
}

export interface RunDiff {
  comparedRows: number;
  tolerance: string;
  x: QuantityDiff;
  loss: QuantityDiff;
  grad: QuantityDiff;
  withinTolerance: boolean;
  /** Whether the float32 replay equals the TF.js run to the bit on every compared row. */
  float32ReplayIdentical: boolean;
  /**
   * Why the verdict is not conclusive on this backend (kernels the replay cannot follow, see
   * src/report/sinCosBackends.ts), or null. A verdict that is not conclusive sets no exit code.
   */
  replayCaveat: string | null;
}

type QuantityValues = (state: RunState) => ArrayLike<number>;
const VALUES: Record<Quantity, QuantityValues> = { x: (s) => s.x, loss: (s) => [s.loss], grad: (s) => s.grad };

function maxAbs(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]));
  return max;
}

/** A difference relative to a scale, or the difference itself where the scale is 0. */
export function relativeTo(delta: number, scale: number): number {
  return scale === 0 ? delta : delta / scale;
}

export interface DiffAccumulator {
  /** One iteration where all three runs are still finite. */
  observe(iteration: number, manual: RunState, tfjs: RunState, manual32: RunState): void;
  result(): RunDiff;
}

/**
 * The diff, built one iteration at a time, so no run's history has to be kept in full.
 * `lossTerms`: how many non-negative terms the loss sums (see the tolerance above).
 */
export function diffAccumulator(lossTerms: number): DiffAccumulator {
  const summationSlack = Math.max(0, lossTerms - 1) * FLOAT32_UNIT_ROUNDOFF;
  let comparedRows = 0;
  let identical = true;
  const perQuantity = {} as Record<Quantity, QuantityDiff>;
  for (const quantity of QUANTITIES)
    perQuantity[quantity] = { maxAbs: 0, maxRel: 0, worstRatio: 0, worstIteration: 0, withinTolerance: true };
  return {
    observe(iteration, manual, tfjs, manual32) {
      comparedRows++;
      for (const quantity of QUANTITIES) {
        const diff = perQuantity[quantity];
        const [reference, candidate, replay] = [manual, tfjs, manual32].map(VALUES[quantity]);
        const scale = maxAbs(reference);
        for (let i = 0; i < reference.length; i++) {
          const delta = Math.abs(candidate[i] - reference[i]);
          if (!Object.is(candidate[i], replay[i])) identical = false;
          if (delta === 0) continue;
          const summation = quantity === 'loss' ? summationSlack * Math.abs(reference[i]) : 0;
          const tolerance = 2 * Math.abs(replay[i] - reference[i]) + 4 * FLOAT32_UNIT_ROUNDOFF * scale + summation;
          const ratio = delta / tolerance;
          diff.maxAbs = Math.max(diff.maxAbs, delta);
          diff.maxRel = Math.max(diff.maxRel, relativeTo(delta, scale));
          if (ratio > diff.worstRatio) {
            diff.worstRatio = ratio;
            diff.worstIteration = iteration;
          }
        }
      }
    },
    result() {
      for (const quantity of QUANTITIES) perQuantity[quantity].withinTolerance = perQuantity[quantity].worstRatio <= 1;
      return {
        comparedRows,
        tolerance: TOLERANCE_RULE,
        ...structuredClone(perQuantity),
        withinTolerance: QUANTITIES.every((q) => perQuantity[q].withinTolerance),
        float32ReplayIdentical: identical,
        replayCaveat: null,
      };
    },
  };
}

/** The diff of three recorded (not summarized) histories, row by row. */
export function diffRuns(manual: RunHistory, tfjs: RunHistory, manual32: RunHistory, lossTerms: number): RunDiff {
  const accumulator = diffAccumulator(lossTerms);
  const rows = Math.min(manual.rows.length, tfjs.rows.length, manual32.rows.length);
  for (let k = 0; k < rows; k++)
    accumulator.observe(manual.rows[k].iteration, manual.rows[k], tfjs.rows[k], manual32.rows[k]);
  return accumulator.result();
}
