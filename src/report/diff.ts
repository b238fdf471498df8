import type { RunHistory } from '../run/history';

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
 * A mistake in the rule (a misplaced ε, a wrong accumulator) changes manual and manual32 alike but
 * not TF.js, and breaks this bound at once.
 */
export const FLOAT32_UNIT_ROUNDOFF = 2 ** -24;
export const TOLERANCE_RULE = '|tfjs − manual| ≤ 2·|manual32 − manual| + 4·2⁻²⁴·max|manual row|, per element';

export type Quantity = 'x' | 'loss' | 'grad';
export const QUANTITIES: readonly Quantity[] = ['x', 'loss', 'grad'];

export interface QuantityDiff {
  /** Largest |tfjs − manual| over every element of every compared row. */
  maxAbs: number;
  /** Largest |tfjs − manual| / max|manual row| (norm-wise, so values passing through 0 stay meaningful). */
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
}

function values(history: RunHistory, row: number, quantity: Quantity): number[] {
  const r = history.rows[row];
  return quantity === 'loss' ? [r.loss] : r[quantity];
}

function maxAbs(values: readonly number[]): number {
  let max = 0;
  for (const v of values) max = Math.max(max, Math.abs(v));
  return max;
}

export function diffRuns(manual: RunHistory, tfjs: RunHistory, manual32: RunHistory): RunDiff {
  const comparedRows = Math.min(manual.rows.length, tfjs.rows.length, manual32.rows.length);
  let identical = true;
  const perQuantity = {} as Record<Quantity, QuantityDiff>;
  for (const quantity of QUANTITIES) {
    const diff: QuantityDiff = { maxAbs: 0, maxRel: 0, worstRatio: 0, worstIteration: 0, withinTolerance: true };
    for (let row = 0; row < comparedRows; row++) {
      const reference = values(manual, row, quantity);
      const candidate = values(tfjs, row, quantity);
      const replay = values(manual32, row, quantity);
      const scale = maxAbs(reference);
      for (let i = 0; i < reference.length; i++) {
        const delta = Math.abs(candidate[i] - reference[i]);
        const tolerance = 2 * Math.abs(replay[i] - reference[i]) + 4 * FLOAT32_UNIT_ROUNDOFF * scale;
        const ratio = delta === 0 ? 0 : delta / tolerance;
        diff.maxAbs = Math.max(diff.maxAbs, delta);
        diff.maxRel = Math.max(diff.maxRel, delta === 0 ? 0 : delta / scale);
        if (ratio > diff.worstRatio) {
          diff.worstRatio = ratio;
          diff.worstIteration = manual.rows[row].iteration;
        }
        if (!Object.is(candidate[i], replay[i])) identical = false;
      }
    }
    diff.withinTolerance = diff.worstRatio <= 1;
    perQuantity[quantity] = diff;
  }
  return {
    comparedRows,
    tolerance: TOLERANCE_RULE,
    ...perQuantity,
    withinTolerance: QUANTITIES.every((q) => perQuantity[q].withinTolerance),
    float32ReplayIdentical: identical,
  };
}
