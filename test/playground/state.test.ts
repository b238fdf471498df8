import { optimizerNamed } from '../../src/optimizers/registry';
import { DEFAULT_STATE, type PageState } from '../../src/web/page/pageState';
import { settle } from '../../src/web/page/settle';
import { sliderLadder } from '../../src/web/page/sliderLadder';
import { readQuery, writeQuery } from '../../src/web/page/urlState';
import { configFrom } from '../helpers';

/** The page's state, its URL and its configs, in Node: the browser tests drive the same code through the page. */

const STATE: PageState = {
  shared: { objective: 'rosenbrock', x0: '-1,1.5', iterations: '200', scheduler: 'StepLR(step_size=10, gamma=0.5)' },
  optimizers: ['momentum', 'adam', 'torch.adam'],
  hyperparameters: {
    momentum: { lr: '0.002', nesterov: true },
    adam: { beta1: '0.8' },
    'torch.adam': { betas: '0.9,0.99', amsgrad: true },
  },
  backend: 'webgl',
  pytorch: true,
  speed: 20,
  table: 'adam',
  run: 'manual32',
};

test('a state survives its URL, which keeps commas and equals signs readable', () => {
  const query = writeQuery(STATE);
  expect(query).toBe(
    '?objective=rosenbrock&x0=-1,1.5&iterations=200&scheduler=StepLR(step_size=10,%20gamma=0.5)' +
      '&optimizer=momentum,adam,torch.adam&momentum.lr=0.002&momentum.nesterov=true&adam.beta1=0.8' +
      '&torch.adam.betas=0.9,0.99&torch.adam.amsgrad=true&backend=webgl&pytorch=true&speed=20&table=adam&run=manual32',
  );
  expect(readQuery(query)).toEqual({ state: STATE, problems: [] });
  expect(writeQuery(DEFAULT_STATE)).toBe('');
});

test('each config is the one `npm run train` builds from the same flags', () => {
  const { configs, problems } = settle(STATE);
  expect(problems).toEqual([]);
  const shared = ['--objective', 'rosenbrock', '--x0=-1,1.5', '--iterations', '200', '--backend', 'cpu'];
  const scheduler = ['--scheduler', 'StepLR(step_size=10, gamma=0.5)'];
  const cli = [
    configFrom(...shared, ...scheduler, '--optimizer', 'momentum', '--lr', '0.002', '--nesterov'),
    configFrom(...shared, ...scheduler, '--optimizer', 'adam', '--beta1', '0.8'),
    configFrom(...shared, ...scheduler, '--optimizer', 'torch.adam', '--betas', '0.9,0.99', '--amsgrad'),
  ];
  const described = (config: (typeof configs)[number]): unknown => ({
    ...config,
    optimizer: { name: config.optimizer.definition.name, hyperparameters: config.optimizer.hyperparameters },
  });
  expect(configs.map(described)).toEqual(cli.map(described));
});

test.each([
  ['?momentum.lr=-1', 'momentum.lr', '--lr must be ≥ 0, got "-1"'],
  ['?optimizer=torch.sgd&torch.sgd.nesterov=true', 'torch.sgd.nesterov', '--nesterov'],
  ['?x0=1,2,3', 'x0', '--x0 must be two numbers here'],
  ['?iterations=20000', 'iterations', '--iterations may be at most 10000 here'],
  ['?objective=sphere2', 'objective', '--objective must be one of'],
  ['?seed=3', 'seed', '--seed seeds --noise'],
])('%s: named, explained, left out', (query, param, words) => {
  const { state, problems } = readQuery(query);
  const settled = settle(state);
  expect([...problems, ...settled.problems].map((p) => [p.param, p.message.includes(words)])).toEqual([[param, true]]);
  expect(writeQuery(settled.state)).not.toContain(param);
  expect(settled.configs).toHaveLength(settled.state.optimizers.length);
});

test.each([
  ['?lr=0.5', 'lr', 'not a parameter of the page'],
  ['?adam.beta3=0.5', 'adam.beta3', 'adam has no hyperparameter beta3'],
  ['?optimizer=sgd,adamw', 'optimizer', 'not an optimizer'],
  ['?pytorch=maybe', 'pytorch', 'must be true or false'],
  ['?speed=3', 'speed', 'must be one of 1, 2, 5, 10'],
  ['?table=adam', 'table', 'must be one of the optimizers shown (sgd)'],
  ['?momentum.nesterov=yes%3F', 'momentum.nesterov', 'is a switch'],
  ['?x0=1,2&x0=3,4', 'x0', 'given twice'],
])('%s: a parameter only the page reads, named and explained', (query, param, words) => {
  const { problems } = readQuery(query);
  expect(problems.map((p) => [p.param, p.message.includes(words)])).toEqual([[param, true]]);
});

describe("sliders stop at round values of the flag's own domain, and at its default", () => {
  const flag = (optimizer: string, name: string) => {
    const definition = optimizerNamed(optimizer);
    const taken = definition?.flags.find((f) => f.flag === name);
    if (!definition || !taken) throw new Error(`${optimizer} has no --${name}`);
    return { domain: taken.domain, fallback: definition.defaults.tfjs[taken.key] as number };
  };

  test('a learning rate: 0, then 1e-8 … 10, the default among them', () => {
    const { domain, fallback } = flag('sgd', 'lr');
    const ladder = sliderLadder(domain, fallback);
    expect([ladder[0], ladder[1], ladder.at(-1)]).toEqual([0, 1e-8, 10]);
    expect(ladder).toContain(0.1);
    expect(ladder).toContain(0.002);
    expect([...ladder].sort((a, b) => a - b)).toEqual(ladder);
  });

  test('β1 in [0, 1): up to 0.9999, never 1', () => {
    const { domain, fallback } = flag('adam', 'beta1');
    const ladder = sliderLadder(domain, fallback);
    expect(ladder).toContain(0.9);
    expect(ladder.at(-1)).toBe(0.9999);
    expect(ladder.every((v) => domain?.accepts(v))).toBe(true);
  });

  test("Adagrad's ε of 1e-10, below the ladder, is a stop of its own", () => {
    const { domain, fallback } = flag('torch.adagrad', 'eps');
    expect(sliderLadder(domain, fallback)).toContain(1e-10);
  });

  test('dampening takes any number: negative stops too', () => {
    const { domain, fallback } = flag('torch.sgd', 'dampening');
    const ladder = sliderLadder(domain, fallback);
    expect([ladder[0], ladder.at(-1)]).toEqual([-10, 10]);
    expect(ladder).toContain(0);
  });
});
