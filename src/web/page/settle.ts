import { trainConfigs } from '../../cli/trainOptions';
import { UsageError } from '../../cli/usageError';
import type { FlagValues } from '../../cli/flags';
import type { TrainConfig } from '../../config';
import { OBJECTIVES, type ObjectiveName } from '../../objectives/registry';
import { optimizerNamed } from '../../optimizers/registry';
import type { Value } from '../../optimizers/optimizer';
import { copyState, PAGE_MAX_ITERATIONS, SHARED_FLAGS, type PageState, type SharedFlag } from './pageState';
import { usingDefault, type Problem } from './problem';

/**
 * The page's state to one TrainConfig per optimizer shown, built by the command line's own
 * `trainConfigs` from the same flags `npm run train` would be given: every default, domain and
 * rule (and every error message) is the command line's. A value it refuses is left out (so its
 * default is used), with the command line's one-line reason, and the rest is tried again.
 */

/** The flags the command line would get for one optimizer of the page (its own alone, for one not ticked). */
export function flagValues(state: PageState, optimizer: string, withShared = true): FlagValues {
  return {
    ...(withShared ? state.shared : {}),
    ...(state.hyperparameters[optimizer] ?? {}),
    optimizer,
    // The page's webgl has no flag: the configs say cpu, and the run's result names the backend that ran.
    backend: 'cpu',
  };
}

/** What the page cannot draw: a map of more (or fewer) than two coordinates, or more rows than it keeps. */
function pageLimits(config: TrainConfig): void {
  if (config.x0.length !== 2)
    throw new UsageError(
      `--x0 must be two numbers here: the map shows the (x₁, x₂) plane (the command line takes any dimension)`,
    );
  if (config.iterations > PAGE_MAX_ITERATIONS)
    throw new UsageError(
      `--iterations may be at most ${PAGE_MAX_ITERATIONS} here: the page keeps every row of every run (the command line takes up to 100000)`,
    );
}

/** The first of `candidates` an error message names as a flag (`--lr must be ≥ 0` → lr). */
function flagNamed(message: string, candidates: readonly string[]): string | undefined {
  for (const match of message.matchAll(/--([a-z0-9][a-z0-9-]*)/g)) {
    if (candidates.includes(match[1])) return match[1];
  }
  return undefined;
}

function describe(value: Value | undefined): string {
  if (value === undefined) return 'none';
  return typeof value === 'object' ? value.join(',') : String(value);
}

/** What a shared flag left out means. */
function sharedFallback(flag: SharedFlag, state: PageState): string {
  switch (flag) {
    case 'objective':
      return 'sphere';
    case 'x0': {
      const objective = OBJECTIVES[(state.shared.objective ?? 'sphere') as ObjectiveName] ?? OBJECTIVES.sphere;
      return `the objective's, ${objective.defaultX0.join(',')}`;
    }
    case 'iterations':
      return '30';
    case 'lang':
      return 'en';
    default:
      return 'none';
  }
}

export interface Settled {
  /** The state with every refused value left out. */
  state: PageState;
  /** One per optimizer shown, in the state's order. */
  configs: TrainConfig[];
  problems: Problem[];
}

export function settle(given: PageState): Settled {
  const state = copyState(given);
  const problems: Problem[] = [];
  for (;;) {
    let failure: { optimizer: string; message: string } | null = null;
    const configs: TrainConfig[] = [];
    // Hyperparameters kept for optimizers not ticked are checked too: ticking one later must not fail.
    const resting = Object.keys(state.hyperparameters).filter((name) => !state.optimizers.includes(name));
    for (const optimizer of [...state.optimizers, ...resting]) {
      try {
        const ticked = state.optimizers.includes(optimizer);
        const [config] = trainConfigs(flagValues(state, optimizer, ticked));
        if (ticked) {
          pageLimits(config);
          configs.push(config);
        }
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        failure = { optimizer, message: error.message };
        break;
      }
    }
    if (failure === null) return { state, configs, problems };

    const { optimizer, message } = failure;
    const own = state.hyperparameters[optimizer] ?? {};
    const sharedGiven = state.optimizers.includes(optimizer)
      ? SHARED_FLAGS.filter((flag) => state.shared[flag] !== undefined)
      : [];
    const ownGiven = Object.keys(own);
    // The flag the message names; else the optimizer's last hyperparameter (a rule between two of
    // them), else the last shared flag.
    const named = flagNamed(message, [...sharedGiven, ...ownGiven]) ?? ownGiven.at(-1) ?? sharedGiven.at(-1);
    if (named === undefined) throw new Error(`the command line refused the page's defaults: ${message}`);
    if ((sharedGiven as string[]).includes(named)) {
      const flag = named as SharedFlag;
      problems.push({
        param: flag,
        given: state.shared[flag] ?? '',
        message,
        instead: usingDefault(sharedFallback(flag, state)),
      });
      delete state.shared[flag];
    } else {
      const definition = optimizerNamed(optimizer);
      const key = definition?.flags.find((f) => f.flag === named)?.key ?? named;
      const value = own[named];
      problems.push({
        param: `${optimizer}.${named}`,
        given: value === true ? 'true' : value,
        message,
        instead: usingDefault(describe(definition?.defaults.tfjs[key])),
      });
      delete own[named];
    }
  }
}
