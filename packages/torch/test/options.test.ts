import { Adadelta, Adagrad, Adam, Adamax, AdamW, NAdam, RAdam, RMSprop, SGD } from '../src/classes';
import { RULES } from '../src/rules';
import { useBackend } from './backend';
import { optimizerFor, referenceFor, ruleFor } from './helpers';

/*
 * Options: torch.optim's defaults (PyTorch 2.x), and torch's ValueError checks as one-line Errors
 * that start with the class name and name the option and the rule.
 */

beforeAll(() => useBackend('cpu'));

const DEFAULTS: Array<[string, () => { getOptions(): object }, object]> = [
  ['SGD', () => new SGD(), { lr: 1e-3, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false }],
  [
    'Adam',
    () => new Adam(),
    { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false },
  ],
  [
    'AdamW',
    () => new AdamW(),
    { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 1e-2, amsgrad: false, maximize: false },
  ],
  [
    'Adagrad',
    () => new Adagrad(),
    { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false },
  ],
  ['Adadelta', () => new Adadelta(), { lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false }],
  [
    'RMSprop',
    () => new RMSprop(),
    { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false },
  ],
  ['Adamax', () => new Adamax(), { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, maximize: false }],
  [
    'NAdam',
    () => new NAdam(),
    { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, momentumDecay: 4e-3, maximize: false },
  ],
  ['RAdam', () => new RAdam(), { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, maximize: false }],
];

test.each(DEFAULTS)("%s: torch.optim's defaults", (_, make, expected) => {
  expect(make().getOptions()).toEqual(expected);
});

test('every rule has a class, and every option spec names its torch argument', () => {
  expect(RULES.map((r) => r.className)).toEqual(DEFAULTS.map(([name]) => name));
  for (const rule of RULES) {
    for (const [key, spec] of Object.entries(rule.options)) {
      expect(spec.torch.replace(/_([a-z])/g, (_m: string, c: string) => c.toUpperCase())).toBe(key);
    }
  }
});

/** [torch name, options, the message]: each refused by the class and by the reference alike. */
const REFUSED: Array<[string, object, string]> = [
  ['sgd', { lr: -0.1 }, 'SGD: lr must be ≥ 0, got -0.1'],
  ['sgd', { momentum: -0.5 }, 'SGD: momentum must be ≥ 0, got -0.5'],
  ['sgd', { weightDecay: -1e-4 }, 'SGD: weightDecay must be ≥ 0, got -0.0001'],
  [
    'sgd',
    { nesterov: true },
    'SGD: nesterov needs momentum > 0 and dampening 0 (Nesterov momentum requires a momentum and zero dampening)',
  ],
  [
    'sgd',
    { nesterov: true, momentum: 0.9, dampening: 0.1 },
    'SGD: nesterov needs momentum > 0 and dampening 0 (Nesterov momentum requires a momentum and zero dampening)',
  ],
  ['sgd', { lr: Number.NaN }, 'SGD: lr must be a finite number, got NaN'],
  ['sgd', { nesterov: 1 }, 'SGD: nesterov must be true or false, got 1'],
  ['adam', { lr: -1 }, 'Adam: lr must be ≥ 0, got -1'],
  ['adam', { eps: -1e-8 }, 'Adam: eps must be ≥ 0, got -1e-8'],
  ['adam', { betas: [1, 0.999] }, 'Adam: betas must be two numbers, each in [0, 1), got [1, 0.999]'],
  ['adam', { betas: [0.9, -0.1] }, 'Adam: betas must be two numbers, each in [0, 1), got [0.9, -0.1]'],
  ['adam', { betas: [0.9] }, 'Adam: betas must be two finite numbers, got [0.9]'],
  ['adam', { betas: 0.9 }, 'Adam: betas must be two finite numbers, got 0.9'],
  [
    'adam',
    { learningRate: 0.1 },
    'Adam: unknown option learningRate (it takes lr, betas, eps, weightDecay, amsgrad, maximize)',
  ],
  ['adamw', { weightDecay: -0.01 }, 'AdamW: weightDecay must be ≥ 0, got -0.01'],
  ['adagrad', { lrDecay: -1 }, 'Adagrad: lrDecay must be ≥ 0, got -1'],
  ['adagrad', { initialAccumulatorValue: -0.1 }, 'Adagrad: initialAccumulatorValue must be ≥ 0, got -0.1'],
  ['adagrad', { eps: -1 }, 'Adagrad: eps must be ≥ 0, got -1'],
  ['adadelta', { rho: 1.5 }, 'Adadelta: rho must be in [0, 1], got 1.5'],
  ['adadelta', { weightDecay: -1 }, 'Adadelta: weightDecay must be ≥ 0, got -1'],
  ['rmsprop', { alpha: -0.5 }, 'RMSprop: alpha must be ≥ 0, got -0.5'],
  ['rmsprop', { momentum: -0.5 }, 'RMSprop: momentum must be ≥ 0, got -0.5'],
  ['adamax', { betas: [0.9, 1] }, 'Adamax: betas must be two numbers, each in [0, 1), got [0.9, 1]'],
  ['nadam', { momentumDecay: -0.004 }, 'NAdam: momentumDecay must be ≥ 0, got -0.004'],
  [
    'nadam',
    { decoupledWeightDecay: true },
    'NAdam: unknown option decoupledWeightDecay (it takes lr, betas, eps, weightDecay, momentumDecay, maximize)',
  ],
  ['radam', { eps: -1 }, 'RAdam: eps must be ≥ 0, got -1'],
  ['radam', { foreach: true }, 'RAdam: unknown option foreach (it takes lr, betas, eps, weightDecay, maximize)'],
];

test.each(REFUSED)('%s %j throws one line naming the option and the rule', (name, options, message) => {
  expect(message).not.toContain('\n');
  expect(() => optimizerFor(name, options)).toThrow(new Error(message));
  expect(() => referenceFor(ruleFor(name), options, 'float64')).toThrow(new Error(message));
});

test('setOptions refuses the same mistakes and keeps the options in force', () => {
  const optimizer = new SGD({ lr: 0.1, momentum: 0.9 });
  expect(() => optimizer.setOptions({ momentum: 0, nesterov: true })).toThrow(/^SGD: nesterov needs momentum > 0/);
  expect(() => optimizer.setOptions({ dampening: 0.5, nesterov: true })).toThrow(/^SGD: nesterov needs/);
  expect(optimizer.getOptions()).toMatchObject({ lr: 0.1, momentum: 0.9, nesterov: false, dampening: 0 });
});

test('accepted edges: torch accepts RMSprop alpha above 1, SGD dampening of any sign, rho 0 and 1, betas 0', () => {
  expect(() => new RMSprop({ alpha: 1.5 })).not.toThrow();
  expect(() => new SGD({ lr: 0.1, dampening: -1 })).not.toThrow();
  expect(() => new Adadelta({ rho: 0 })).not.toThrow();
  expect(() => new Adadelta({ rho: 1 })).not.toThrow();
  expect(() => new Adam({ betas: [0, 0] })).not.toThrow();
});
