import type { Domain } from '../../optimizers/optimizer';

/**
 * The values a hyperparameter's slider stops at, taken from the flag's own domain: round numbers
 * the domain accepts, and the default. A domain says only which numbers it accepts (`accepts`), so
 * the ladder is a fixed set of candidates filtered by it:
 *  - a domain that accepts numbers above 1 (a learning rate, ε, a weight decay): 0 when accepted,
 *    then 1, 1.5, 2 … 9.5 × 10ᵏ for k from −8 to 0, and 10; and the negatives of these when
 *    negative numbers are accepted;
 *  - a domain within [0, 1] (a decay, a β): 0, 0.01 … 0.99, then 0.995, 0.999, 0.9995, 0.9999, and
 *    1 when accepted.
 * The number box beside the slider takes any value the domain accepts.
 */

const MANTISSAS = Array.from({ length: 18 }, (_, i) => 1 + i / 2);
const DECADES = Array.from({ length: 9 }, (_, i) => i - 8);

/** Rounds away binary noise: 3 × 10⁻⁷ is 3e-7, not 2.9999999999999997e-7. */
function clean(value: number): number {
  return Number(value.toPrecision(12));
}

function openEndedCandidates(): number[] {
  const positive = [...DECADES.flatMap((k) => MANTISSAS.map((m) => clean(m * 10 ** k))), 10];
  return [...positive.map((v) => -v).reverse(), 0, ...positive];
}

function unitCandidates(): number[] {
  return [...Array.from({ length: 100 }, (_, i) => i / 100), 0.995, 0.999, 0.9995, 0.9999, 1];
}

export function sliderLadder(domain: Domain | undefined, defaultValue: number): number[] {
  const accepts = (value: number): boolean => domain?.accepts(value) ?? Number.isFinite(value);
  const candidates = accepts(2) ? openEndedCandidates() : unitCandidates();
  const ladder = candidates.filter(accepts);
  if (!ladder.includes(defaultValue)) ladder.push(defaultValue);
  return ladder.sort((a, b) => a - b);
}

/** The slider position nearest to a value typed into the box (the thumb's place; the box keeps the value). */
export function nearestStop(ladder: readonly number[], value: number): number {
  let best = 0;
  for (let i = 1; i < ladder.length; i++) {
    if (Math.abs(ladder[i] - value) < Math.abs(ladder[best] - value)) best = i;
  }
  return best;
}
