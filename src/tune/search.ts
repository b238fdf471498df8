/**
 * The learning-rate search, whatever judges a learning rate: a log-spaced grid over the range,
 * then refinement around the best so far (the log-midpoints between it and its evaluated
 * neighbours, so the bracket around the best halves each round), until the budget is spent or
 * nothing new is left to try. Learning rates are kept to three significant digits, which titles
 * can print and which are 0.1–1% apart: finer than any loss-against-lr curve here needs.
 */

/** How a learning rate did: lower is better, compared as (final, area). */
export interface Score {
  /** The mean final gap to the minimum over the starts; Infinity when any start diverged. */
  final: number;
  /** The mean area under the gap curve (how fast), for ties in `final` (e.g. several reach exactly L*). */
  area: number;
}

export interface Trial<T> {
  lr: number;
  score: Score;
  /** What the judge returned beside the score. */
  detail: T;
}

export interface SearchResult<T> {
  /** Every learning rate tried, in increasing order. */
  trials: Array<Trial<T>>;
  /** The best finite one, or null when every learning rate diverged. */
  best: Trial<T> | null;
  /** Whether the best is the range's lowest or highest learning rate (the optimum may lie outside). */
  atEdge: 'low' | 'high' | null;
}

/** `value` to three significant digits (0.000183298… → 0.000183). */
export function threeDigits(value: number): number {
  return Number(value.toPrecision(3));
}

/** Whether `a` is better than `b`. */
export function better(a: Score, b: Score): boolean {
  if (a.final !== b.final) return a.final < b.final;
  return a.area < b.area;
}

/** The grid's share of the budget: half, at least 2 points (the ends). */
export function gridSize(budget: number): number {
  return Math.max(2, Math.ceil(budget / 2));
}

export function searchLearningRate<T>(
  range: readonly [number, number],
  budget: number,
  judge: (lr: number) => { score: Score; detail: T },
): SearchResult<T> {
  const [low, high] = range;
  const tried = new Map<number, Trial<T>>();
  const tryLr = (lr: number): void => {
    if (tried.has(lr) || tried.size >= budget) return;
    tried.set(lr, { lr, ...judge(lr) });
  };
  const points = gridSize(budget);
  for (let k = 0; k < points; k++) {
    // The ends exactly as given; the points between to three digits.
    const lr = k === 0 ? low : k === points - 1 ? high : threeDigits(low * (high / low) ** (k / (points - 1)));
    tryLr(lr);
  }
  const bestOf = (): Trial<T> | null => {
    let best: Trial<T> | null = null;
    for (const trial of tried.values())
      if (Number.isFinite(trial.score.final) && (best === null || better(trial.score, best.score))) best = trial;
    return best;
  };
  while (tried.size < budget) {
    const best = bestOf();
    if (best === null) break;
    const sorted = [...tried.keys()].sort((a, b) => a - b);
    const index = sorted.indexOf(best.lr);
    const candidates = [sorted[index - 1], sorted[index + 1]]
      .filter((neighbour): neighbour is number => neighbour !== undefined)
      .map((neighbour) => Math.min(high, Math.max(low, threeDigits(Math.sqrt(neighbour * best.lr)))))
      .filter((lr) => !tried.has(lr));
    if (candidates.length === 0) break;
    for (const lr of candidates) tryLr(lr);
  }
  const trials = [...tried.values()].sort((a, b) => a.lr - b.lr);
  const best = bestOf();
  const atEdge =
    best === null ? null : best.lr === trials[0].lr ? 'low' : best.lr === trials[trials.length - 1].lr ? 'high' : null;
  return { trials, best, atEdge };
}
