/**
 * Optimizer options as torch.optim spells them: each one's torch name, its PyTorch 2.x default, the
 * domain torch.optim enforces (in words and as a check), and one line saying what it does. The
 * library validates with these, and a command line built on the library can reuse the same specs,
 * so both refuse the same mistakes in the same words.
 */

/** The values torch accepts, in words ("must be ≥ 0") and as a check. */
export interface Domain {
  words: string;
  accepts(value: number): boolean;
}

export const NON_NEGATIVE: Domain = { words: 'must be ≥ 0', accepts: (v) => v >= 0 };
export const UNIT_INTERVAL: Domain = { words: 'must be in [0, 1]', accepts: (v) => v >= 0 && v <= 1 };
/** torch.optim leaves some options unchecked (SGD's dampening, RMSprop's alpha above 1). */
export const ANY_FINITE: Domain = { words: 'must be a finite number', accepts: () => true };
export const BETA: Domain = { words: 'must be in [0, 1)', accepts: (v) => v >= 0 && v < 1 };

interface OptionBase<V> {
  /** torch.optim's argument name, e.g. `weight_decay`. */
  torch: string;
  /** torch.optim's default (PyTorch 2.x). */
  default: V;
  /** What it does, in one line. */
  doc: string;
}
export interface NumberOption extends OptionBase<number> {
  kind: 'number';
  domain: Domain;
}
export interface BooleanOption extends OptionBase<boolean> {
  kind: 'boolean';
}
/** `betas`: two numbers, each in its domain. */
export interface PairOption extends OptionBase<readonly [number, number]> {
  kind: 'pair';
  domain: Domain;
}
export type OptionSpec = NumberOption | BooleanOption | PairOption;
export type OptionValue = number | boolean | readonly [number, number];

/** `lr`, with each optimizer's own default. */
export function lrOption(defaultLr: number, doc = 'learning rate'): NumberOption {
  return { kind: 'number', torch: 'lr', default: defaultLr, domain: NON_NEGATIVE, doc };
}

/** `eps`, with each optimizer's own default and place. */
export function epsOption(defaultEps: number, doc: string): NumberOption {
  return { kind: 'number', torch: 'eps', default: defaultEps, domain: NON_NEGATIVE, doc };
}

/** `betas`, PyTorch's (0.9, 0.999) everywhere it appears. */
export function betasOption(doc: string): PairOption {
  return { kind: 'pair', torch: 'betas', default: [0.9, 0.999], domain: BETA, doc };
}

/** `weight_decay` as an L2 penalty (AdamW overrides it: decoupled). */
export const L2_WEIGHT_DECAY: NumberOption = {
  kind: 'number',
  torch: 'weight_decay',
  default: 0,
  domain: NON_NEGATIVE,
  doc: 'L2 penalty: λ·p added to the gradient',
};

export const MAXIMIZE: BooleanOption = {
  kind: 'boolean',
  torch: 'maximize',
  default: false,
  doc: 'maximize the objective',
};

/** The spec of every option of an options type, by its camelCase name. */
export type OptionSpecs<O> = {
  [K in keyof O]-?: O[K] extends boolean
    ? BooleanOption
    : O[K] extends number
      ? NumberOption
      : O[K] extends readonly [number, number]
        ? PairOption
        : never;
};

/**
 * A rule across options (torch's "Nesterov momentum requires a momentum and zero dampening"):
 * which options it involves, and the sentence, written with each option's name as the caller
 * spells it (the library: `momentum`; a command line: `--momentum`).
 */
export interface OptionRule<O> {
  involves: ReadonlyArray<keyof O & string>;
  violated(options: O): boolean;
  message(name: (option: keyof O & string) => string): string;
}

/** `weight_decay` → `weightDecay`: how this library names torch's arguments. */
export function camelCase(torchName: string): string {
  return torchName.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function describe(value: unknown): string {
  return Array.isArray(value) ? `[${value.map(String).join(', ')}]` : String(value);
}

/** Why `value` is not a valid value of this option, in the caller's spelling of its name, or null. */
export function optionProblem(spec: OptionSpec, name: string, value: unknown): string | null {
  const got = `, got ${describe(value)}`;
  switch (spec.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? null : `${name} must be true or false${got}`;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${name} must be a finite number${got}`;
      return spec.domain.accepts(value) ? null : `${name} ${spec.domain.words}${got}`;
    case 'pair':
      if (
        !Array.isArray(value) ||
        value.length !== 2 ||
        !value.every((v) => typeof v === 'number' && Number.isFinite(v))
      ) {
        return `${name} must be two finite numbers${got}`;
      }
      return value.every((v: number) => spec.domain.accepts(v))
        ? null
        : `${name} must be two numbers, each ${spec.domain.words.replace(/^must be /, '')}${got}`;
  }
}

/**
 * Every option of `given` checked and the rest filled with torch's defaults; an Error naming the
 * option and the rule when something is wrong (as torch.optim raises ValueError).
 */
export function resolveOptions<O extends object>(
  className: string,
  specs: OptionSpecs<O>,
  rules: ReadonlyArray<OptionRule<O>>,
  given: Partial<O>,
): O {
  const resolved: Record<string, unknown> = {};
  const known = specs as Record<string, OptionSpec>;
  for (const name of Object.keys(given)) {
    if (!(name in known))
      throw new Error(`${className}: unknown option ${name} (it takes ${Object.keys(known).join(', ')})`);
  }
  for (const [name, spec] of Object.entries(known)) {
    const value: unknown = (given as Record<string, unknown>)[name] ?? spec.default;
    const problem = optionProblem(spec, name, value);
    if (problem) throw new Error(`${className}: ${problem}`);
    resolved[name] = Array.isArray(value) ? [...(value as number[])] : value;
  }
  const options = resolved as O;
  for (const rule of rules) {
    if (rule.violated(options)) throw new Error(`${className}: ${rule.message((option) => option)}`);
  }
  return options;
}

/** The options of a resolved options object, each a number, a boolean or a pair. */
export function optionEntries(options: object): Array<[string, OptionValue]> {
  return Object.entries(options).map(([key, value]: [string, unknown]) => {
    if (typeof value === 'number' || typeof value === 'boolean') return [key, value];
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number'))
      return [key, [value[0], value[1]]];
    throw new Error(`option ${key} is neither a number, a boolean nor a pair`);
  });
}
