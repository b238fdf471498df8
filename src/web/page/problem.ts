/**
 * A URL parameter (or a value typed into the page) that could not be used: which one, why, and
 * what the page uses instead. Shown at the top of the page; never a blank page.
 */
export interface Problem {
  /** As the URL names it: `x0`, `adam.beta1`, `speed`. */
  param: string;
  /** The text given. */
  given: string;
  /** Why it cannot be used: the command line's own one-line reason where the command line has the flag. */
  message: string;
  /** What happens instead, in words: "using the default, 0.1", "ignored". */
  instead: string;
}

export function usingDefault(value: string): string {
  return `using the default, ${value}`;
}

export function problemText(problem: Problem): string {
  return `${problem.param}=${problem.given}: ${problem.message}; ${problem.instead}`;
}
