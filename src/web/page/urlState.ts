import { RUN_NAMES, type RunName } from '../../config';
import { OPTIMIZERS, optimizerNamed, TF_TRAIN_OPTIMIZERS } from '../../optimizers/registry';
import { TORCH_OPTIMIZERS } from '../../optimizers/torch';
import type { OptimizerDefinition } from '../../optimizers/optimizer';
import {
  DEFAULT_STATE,
  PAGE_BACKENDS,
  SHARED_FLAGS,
  SPEEDS,
  type FlagText,
  type PageBackendName,
  type PageState,
  type SharedFlag,
} from './pageState';
import { usingDefault, type Problem } from './problem';

/**
 * The page's state in its URL's query: the command line's flags by their names (`objective`,
 * `optimizer`, `x0`, `iterations`, …), each optimizer's hyperparameters as `<optimizer>.<flag>`
 * (`adam.beta1=0.8`, `torch.adam.betas=0.9,0.99`, `momentum.nesterov=true`), and the page's own
 * settings (`backend`, `pytorch`, `speed`, `table`, `run`). Only what differs from the defaults is
 * written. Reading checks what only the page knows (names, switches, the page's settings); values
 * the command line takes are checked by the command line's own code (settle.ts).
 */

const PAGE_PARAMS = ['optimizer', 'backend', 'pytorch', 'speed', 'table', 'run'] as const;

const TRUE_WORDS = ['true', '1', 'on', 'yes'];
const FALSE_WORDS = ['false', '0', 'off', 'no'];

function switchValue(text: string): boolean | null {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  return null;
}

/** `torch.adam.betas` → torch.adam and betas: the longest optimizer name before a dot. */
function splitHyperparameter(param: string): { optimizer: OptimizerDefinition; flag: string } | null {
  let best: OptimizerDefinition | null = null;
  for (const optimizer of OPTIMIZERS) {
    if (param.startsWith(`${optimizer.name}.`) && (best === null || optimizer.name.length > best.name.length))
      best = optimizer;
  }
  return best === null ? null : { optimizer: best, flag: param.slice(best.name.length + 1) };
}

/** `--optimizer`'s names, one by one: `all` and `torch.all` as on the command line. */
function optimizerList(text: string, problems: Problem[]): string[] {
  const chosen = new Set<string>();
  for (const part of text.split(',')) {
    const name = part.trim();
    const group = name === 'all' ? TF_TRAIN_OPTIMIZERS : name === 'torch.all' ? TORCH_OPTIMIZERS : null;
    if (group !== null) group.forEach((optimizer) => chosen.add(optimizer.name));
    else if (optimizerNamed(name)) chosen.add(name);
    else
      problems.push({
        param: 'optimizer',
        given: name,
        message: `not an optimizer (the page has ${OPTIMIZERS.map((o) => o.name).join(', ')}, all, torch.all)`,
        instead: 'left out',
      });
  }
  // The registry's order: colours, legend and exports come out the same however the link lists them.
  return OPTIMIZERS.map((optimizer) => optimizer.name).filter((name) => chosen.has(name));
}

function unknownParam(param: string, given: string): Problem {
  return {
    param,
    given,
    message: `not a parameter of the page (it reads ${[...SHARED_FLAGS, ...PAGE_PARAMS].join(', ')}, and <optimizer>.<flag> for hyperparameters, e.g. adam.beta1)`,
    instead: 'ignored',
  };
}

/** The state a query describes, with a problem for each parameter the page cannot take. */
export function readQuery(query: string): { state: PageState; problems: Problem[] } {
  const params = new URLSearchParams(query);
  const state: PageState = {
    ...DEFAULT_STATE,
    shared: {},
    hyperparameters: {},
    optimizers: [...DEFAULT_STATE.optimizers],
  };
  const problems: Problem[] = [];
  const seen = new Set<string>();
  let tableGiven: string | null = null;
  for (const [param, given] of params) {
    if (seen.has(param)) {
      problems.push({ param, given, message: 'given twice', instead: 'the first one is used' });
      continue;
    }
    seen.add(param);
    if ((SHARED_FLAGS as readonly string[]).includes(param)) {
      state.shared[param as SharedFlag] = given;
      continue;
    }
    switch (param) {
      case 'optimizer': {
        const names = optimizerList(given, problems);
        if (names.length > 0) state.optimizers = names;
        else problems.push({ param, given, message: 'names no optimizer the page has', instead: usingDefault('sgd') });
        continue;
      }
      case 'backend':
        if ((PAGE_BACKENDS as readonly string[]).includes(given)) state.backend = given as PageBackendName;
        else
          problems.push({
            param,
            given,
            message: `must be one of ${PAGE_BACKENDS.join(', ')}`,
            instead: usingDefault('cpu'),
          });
        continue;
      case 'pytorch': {
        const on = switchValue(given);
        if (on === null)
          problems.push({ param, given, message: 'must be true or false', instead: usingDefault('false') });
        else state.pytorch = on;
        continue;
      }
      case 'speed': {
        const speed = Number(given);
        if (SPEEDS.includes(speed)) state.speed = speed;
        else
          problems.push({
            param,
            given,
            message: `must be one of ${SPEEDS.join(', ')} (iterations per frame)`,
            instead: usingDefault(String(DEFAULT_STATE.speed)),
          });
        continue;
      }
      case 'table':
        tableGiven = given;
        continue;
      case 'run':
        if ((RUN_NAMES as readonly string[]).includes(given)) state.run = given as RunName;
        else
          problems.push({
            param,
            given,
            message: `must be one of ${RUN_NAMES.join(', ')}`,
            instead: usingDefault('tfjs'),
          });
        continue;
    }
    const hyperparameter = splitHyperparameter(param);
    if (hyperparameter === null) {
      problems.push(unknownParam(param, given));
      continue;
    }
    const { optimizer, flag } = hyperparameter;
    const taken = optimizer.flags.find((f) => f.flag === flag);
    if (taken === undefined) {
      problems.push({
        param,
        given,
        message: `${optimizer.name} has no hyperparameter ${flag} (it takes ${optimizer.flags.map((f) => f.flag).join(', ')})`,
        instead: 'ignored',
      });
      continue;
    }
    let value: FlagText = given;
    if (taken.kind === 'boolean') {
      const on = switchValue(given);
      if (on === null) {
        problems.push({ param, given, message: 'is a switch: true or false', instead: usingDefault('false') });
        continue;
      }
      if (!on) continue;
      value = true;
    }
    (state.hyperparameters[optimizer.name] ??= {})[flag] = value;
  }
  state.table = state.optimizers[0];
  if (tableGiven !== null) {
    if (state.optimizers.includes(tableGiven)) state.table = tableGiven;
    else
      problems.push({
        param: 'table',
        given: tableGiven,
        message: `must be one of the optimizers shown (${state.optimizers.join(', ')})`,
        instead: usingDefault(state.table),
      });
  }
  return { state, problems };
}

/**
 * Commas, equals signs, colons and slashes stay as they are (`x0=5,10`,
 * `scheduler=StepLR(step_size=10,%20gamma=0.5)`): the query reads better, and parses alike.
 */
function encode(text: string): string {
  return encodeURIComponent(text).replace(/%(2C|3D|3A|2F)/gi, (escape) => decodeURIComponent(escape));
}

/** The query of a state: only what differs from the defaults, in a fixed order. */
export function writeQuery(state: PageState): string {
  const pairs: Array<[string, string]> = [];
  for (const flag of SHARED_FLAGS) {
    const value = state.shared[flag];
    if (value !== undefined) pairs.push([flag, value]);
  }
  const optimizers = state.optimizers.join(',');
  if (optimizers !== DEFAULT_STATE.optimizers.join(',')) pairs.push(['optimizer', optimizers]);
  for (const name of state.optimizers) {
    const given = state.hyperparameters[name] ?? {};
    for (const flag of optimizerNamed(name)?.flags ?? []) {
      const value = given[flag.flag];
      if (value !== undefined) pairs.push([`${name}.${flag.flag}`, value === true ? 'true' : value]);
    }
  }
  if (state.backend !== DEFAULT_STATE.backend) pairs.push(['backend', state.backend]);
  if (state.pytorch) pairs.push(['pytorch', 'true']);
  if (state.speed !== DEFAULT_STATE.speed) pairs.push(['speed', String(state.speed)]);
  if (state.table !== state.optimizers[0]) pairs.push(['table', state.table]);
  if (state.run !== DEFAULT_STATE.run) pairs.push(['run', state.run]);
  return pairs.length === 0 ? '' : `?${pairs.map(([key, value]) => `${encode(key)}=${encode(value)}`).join('&')}`;
}
