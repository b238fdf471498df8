import { RUN_NAMES } from '../src/config';
import { seededRandom, xoshiro128StarStar } from '../src/math/random';
import { OBJECTIVES } from '../src/objectives/registry';
import { noiseSource } from '../src/run/noise';
import { trainOnCpu } from './helpers';

describe('the seeded generator', () => {
  test("xoshiro128** gives the reference implementation's outputs for the state 1, 2, 3, 4", () => {
    const next = xoshiro128StarStar(Uint32Array.of(1, 2, 3, 4));
    expect(Array.from({ length: 10 }, next)).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804,
    ]);
  });

  test('the same (seed, stream) gives the same draws; another seed or stream, others', () => {
    const draws = (seed: number, stream: number): number[] => {
      const random = seededRandom(seed, stream);
      return Array.from({ length: 8 }, () => random.normal());
    };
    expect(draws(7, 0)).toEqual(draws(7, 0));
    expect(draws(7, 0)).not.toEqual(draws(8, 0));
    expect(draws(7, 0)).not.toEqual(draws(7, 1));
  });

  test('normal draws: mean 0 and variance 1 within what 10⁵ draws allow', () => {
    const random = seededRandom(0);
    const n = 100_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const z = random.normal();
      sum += z;
      squares += z * z;
    }
    // The sample mean's standard error is 1/√n ≈ 0.0032, the sample variance's √(2/n) ≈ 0.0045: five of each.
    expect(Math.abs(sum / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(squares / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });
});

describe('--noise', () => {
  test('every float64 run of every optimizer used the same draws: its gradient minus the true one is σ·z of stream 0', async () => {
    const results = await trainOnCpu(
      '--optimizer',
      'sgd,adam,torch.adamw',
      '--objective',
      'booth',
      '--noise',
      '0.5',
      '--seed',
      '11',
      '--iterations',
      '12',
    );
    const objective = OBJECTIVES.booth;
    for (const result of results) {
      for (const run of ['manual', 'pytorch'] as const) {
        const draws = noiseSource({ sigma: 0.5, seed: 11 }, 0);
        for (const row of result.runs[run].rows) {
          const exact = new Float64Array(2);
          objective.gradient(Float64Array.from(row.x), exact);
          const expected = draws?.(2) ?? new Float64Array(2);
          row.grad.forEach((g, i) => {
            // g = ∇L + σz rounded once in float64: g − ∇L is σz to within one rounding of g.
            expect(Math.abs(g - exact[i] - expected[i])).toBeLessThanOrEqual(2 ** -52 * Math.abs(g) * 2);
          });
        }
      }
    }
  });

  test('the float32 replay equals TF.js to the bit with noise (cpu), for tf.train and torch.* optimizers', async () => {
    const results = await trainOnCpu(
      '--optimizer',
      'sgd,momentum,adam,rmsprop,torch.adam,torch.sgd',
      '--objective',
      'rosenbrock',
      '--noise',
      '1',
      '--seed',
      '5',
      '--iterations',
      '60',
      '--lr',
      '0.001',
    );
    for (const result of results) {
      expect(result.diff.comparedRows).toBe(60);
      expect(result.diff.float32ReplayIdentical).toBe(true);
      expect(result.diff.withinTolerance).toBe(true);
    }
  });

  test('reproducible with the seed; another seed draws other noise; σ = 0 is no noise at all', async () => {
    const rows = async (...flags: string[]) => (await trainOnCpu('--iterations', '8', ...flags))[0].runs;
    const a = await rows('--noise', '2', '--seed', '1');
    const b = await rows('--noise', '2', '--seed', '1');
    const c = await rows('--noise', '2', '--seed', '2');
    const none = await rows();
    const zero = await rows('--noise', '0');
    for (const run of RUN_NAMES) {
      expect(a[run].rows).toEqual(b[run].rows);
      expect(a[run].rows).not.toEqual(c[run].rows);
      expect(zero[run].rows).toEqual(none[run].rows);
      expect(a[run].rows).not.toEqual(none[run].rows);
    }
  });
});
