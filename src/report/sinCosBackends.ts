import type { ObjectiveName } from '../objectives/registry';
import type { BackendChoice, BackendName } from '../tfjs/backend';

/**
 * The float32 replay (`manual32`) computes sin and cos with JavaScript's Math.sin and Math.cos,
 * as TF.js's cpu backend does, so on cpu it equals TF.js to the bit. The wasm backend has its own
 * Sin and Cos, which are not correctly rounded. Measured with TF.js 4.22.0 on 10⁶ evenly spaced
 * float32 inputs per range, |θ| ≤ 10 up to |θ| ≤ 10⁵: the result differs from
 * fround(Math.sin θ) for 50–56% of inputs (cos: 53–59%), by at most 4.2·2⁻²⁴ (cos: 5.6·2⁻²⁴) in
 * absolute terms, which near a zero of sin or cos is millions of ulps of the result. (Exp, Expm1
 * and Sqrt stay within 0.75 ulp there: ordinary float32 roundings.) The diff's tolerance
 * (src/report/diff.ts) assumes every kernel rounds like a float32 operation, to at most 2⁻²⁴
 * relative; these two break that, and in the runs that bounce between Rastrigin's wells (a chaos
 * that doubles small differences every few steps) no bound derived from one rounding per kernel
 * can hold. libtensorflow has its own sin and cos too (not installed here to measure).
 *
 * So: `--backend auto` runs the objectives that use Sin or Cos on cpu at any size (below 2048
 * parameters it does anyway), and says why; asked for explicitly, another backend runs, the diff
 * is still measured and printed, but its verdict is marked not conclusive and sets no exit code.
 */
export const SIN_COS_OBJECTIVES: readonly ObjectiveName[] = ['rastrigin', 'ackley'];

const WHY =
  "its TF.js expression uses Sin and Cos, which wasm (and libtensorflow) compute otherwise than JavaScript's Math.sin and Math.cos (wasm: up to 5.6·2⁻²⁴ apart, measured), so only on cpu can the float32 replay follow TF.js to the bit";

/** The backend to load for a config: `auto` becomes cpu for objectives using Sin or Cos, with the reason. */
export function backendFor(
  choice: BackendChoice,
  objective: ObjectiveName,
): { choice: BackendChoice; why: string | null } {
  if (choice !== 'auto' || !SIN_COS_OBJECTIVES.includes(objective)) return { choice, why: null };
  return { choice: 'cpu', why: `auto picked cpu for ${objective} at any size: ${WHY}` };
}

/** Why the diff's verdict is not conclusive for this objective on this backend, or null when it is. */
export function replayCaveat(objective: ObjectiveName, backend: BackendName): string | null {
  if (backend === 'cpu' || !SIN_COS_OBJECTIVES.includes(objective)) return null;
  return `not conclusive on ${backend} for ${objective}: ${WHY}; run with --backend cpu for a verdict`;
}
