import { OPTIMIZER_NAMES } from '../src/optimizers/registry';
import { loadBackend } from '../src/tfjs/backend';
import { countTensors } from '../src/tfjs/disposeLeak';
import { train } from '../src/train';
import { configFrom } from './helpers';

/** Settings each optimizer makes real progress with in 40 steps, so rounding has room to grow. */
const LR: Record<string, string> = {
  sgd: '0.001',
  momentum: '0.0005',
  adagrad: '0.1',
  adadelta: '0.001', // TF.js's first Adadelta step is lr·g: large steps would leave the valley at once
  adam: '0.05',
  adamax: '0.05',
  rmsprop: '0.01',
  'torch.sgd': '0.001',
  'torch.adam': '0.05',
  'torch.adamw': '0.05',
  'torch.adagrad': '0.1',
  'torch.adadelta': '1',
  'torch.rmsprop': '0.01',
  'torch.adamax': '0.05',
  'torch.nadam': '0.05',
  // RAdam's first steps (ρₜ ≤ 5) are momentum steps of lr·m̂: SGD's small lr on this valley.
  'torch.radam': '0.0005',
};
const OBJECTIVE_CASES = [
  ['sphere', '--x0=5,10'],
  ['rosenbrock', '--x0=-1.5,2,0.5'],
  ['himmelblau', '--x0=-1,-1'],
] as const;

describe.each(OPTIMIZER_NAMES)('%s', (optimizer) => {
  test.each(OBJECTIVE_CASES)(
    'on %s: TF.js within float32 tolerance of its Float64 mirror; the float32 replay is TF.js to the bit (cpu)',
    async (objective, x0) => {
      const lr = objective === 'sphere' ? '0.1' : LR[optimizer];
      const result = await train(
        configFrom(
          '--optimizer',
          optimizer,
          '--objective',
          objective,
          x0,
          '--lr',
          lr,
          '--iterations',
          '40',
          '--backend',
          'cpu',
        ),
      );
      expect(result.runs.tfjs.diverged).toBeNull();
      expect(result.diff.comparedRows).toBe(40);
      expect(result.diff.withinTolerance).toBe(true);
      expect(result.diff.float32ReplayIdentical).toBe(true);
    },
  );

  test("no tensor leaks across steps; after dispose only tf.train.momentum's known leak (tfjs#4647) remains", async () => {
    const backend = await loadBackend('cpu');
    const counts = countTensors(backend, configFrom('--optimizer', optimizer).optimizer);
    expect(counts.afterLastStep).toBe(counts.afterFirstStep);
    // MomentumOptimizer.dispose() frees its momentum scalar and accumulators but never the
    // learning-rate scalar it inherits from SGDOptimizer (tfjs#4647, still so in 4.22.0).
    expect(counts.leftAfterDispose).toBe(optimizer === 'momentum' ? 1 : 0);
  });

  test('one optimizer instance per run: the same training twice gives the same history', async () => {
    const config = configFrom(
      '--optimizer',
      optimizer,
      '--objective',
      'rosenbrock',
      '--lr',
      LR[optimizer],
      '--iterations',
      '10',
      '--backend',
      'cpu',
    );
    const first = await train(config);
    const second = await train(config);
    expect(second.runs.tfjs).toEqual(first.runs.tfjs);
    expect(second.runs.manual).toEqual(first.runs.manual);
    expect(second.runs.pytorch).toEqual(first.runs.pytorch);
  });
});
