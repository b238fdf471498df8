import { OBJECTIVES, OBJECTIVE_NAMES } from '../src/objectives/registry';
import { trajectoryScene } from '../src/output';
import { lossChartConfig } from '../src/plot/lossChart';
import { contourBands, landscapeWindow } from '../src/plot/surface';
import { backendFor, replayCaveat } from '../src/report/sinCosBackends';
import { exitCodeFor } from '../src/run/training';
import { loadBackend } from '../src/tfjs/backend';
import { trainAll } from './helpers';

describe('losses that are not ≥ 0: a log axis draws the gap to the minimum', () => {
  test("styblinski-tang's negative losses: every point drawn, as L − L*, and the axis says so", async () => {
    const [result] = await trainAll(
      '--objective',
      'styblinski-tang',
      '--lr',
      '0.01',
      '--iterations',
      '40',
      '--backend',
      'cpu',
    );
    const minimum = OBJECTIVES['styblinski-tang'].minimumValue(2);
    expect(result.runs.tfjs.rows.some((row) => row.loss < 0)).toBe(true);
    const config = lossChartConfig({
      title: 't',
      logScale: true,
      minimum,
      curves: [{ label: 'TF.js', history: result.runs.tfjs, colour: '#d62728', dashed: false }],
    });
    const points = config.data.datasets[0].data as Array<{ x: number; y: number }>;
    expect(points).toHaveLength(40);
    expect(points.every((p) => p.y > 0)).toBe(true);
    expect(points[0].y).toBeCloseTo(result.runs.tfjs.rows[0].loss - minimum, 10);
    const title = (config.options?.scales?.y as { title: { text: string } }).title.text;
    expect(title).toMatch(/^Loss − L\*, the gap to the minimum L\* = −78\.332/);
  });

  test("contour levels are spaced on the gap: styblinski-tang's four basins get bands of their own", () => {
    const objective = OBJECTIVES['styblinski-tang'];
    const window = objective.window!;
    const minimum = objective.minimumValue(2);
    const value = (x: number, y: number): number => objective.value(Float64Array.of(x, y));
    const raw = contourBands(value, window);
    const gap = contourBands((x, y) => value(x, y) - minimum, window);
    // Which band a point lies in: how many levels it is at or above.
    const band = (bands: typeof gap, v: number): number => bands.filter((b) => b.level <= v).length;
    // The global minimum and the three local ones (x ≈ −2.90 or 2.75 in each coordinate).
    const basins: Array<[number, number]> = [
      [-2.9035, -2.9035],
      [2.7468, -2.9035],
      [-2.9035, 2.7468],
      [2.7468, 2.7468],
    ];
    // Raw values: all four basins are below 0, under every level: one colour.
    expect(basins.map(([x, y]) => band(raw, value(x, y)))).toEqual([0, 0, 0, 0]);
    const onGap = basins.map(([x, y]) => band(gap, value(x, y) - minimum));
    expect(onGap[0]).toBe(0);
    expect(onGap[1]).toBeGreaterThan(onGap[0]);
    expect(onGap[3]).toBeGreaterThan(onGap[1]);
  });
});

describe('Trajectory.png for all eleven objectives', () => {
  test.each(OBJECTIVE_NAMES.map((name) => [name]))(
    '%s: its window holds the start and the minima, with many bands',
    async (name) => {
      const results = await trainAll(
        '--objective',
        name,
        '--optimizer',
        'sgd,adam',
        '--lr',
        '0.001',
        '--iterations',
        '30',
        '--backend',
        'cpu',
      );
      const { options } = trajectoryScene(results);
      const objective = OBJECTIVES[name];
      const { window } = options;
      for (const [x, y] of [options.start, ...options.minima]) {
        expect(x).toBeGreaterThanOrEqual(window.xMin);
        expect(x).toBeLessThanOrEqual(window.xMax);
        expect(y).toBeGreaterThanOrEqual(window.yMin);
        expect(y).toBeLessThanOrEqual(window.yMax);
      }
      if (objective.window) {
        // The objective's own window is shown whole (paths this short stay inside it).
        expect(window.xMin).toBeLessThanOrEqual(objective.window.xMin + 1e-9);
        expect(window.xMax).toBeGreaterThanOrEqual(objective.window.xMax - 1e-9);
      }
      expect(options.bands.filter((band) => band.polygons.length > 0).length).toBeGreaterThanOrEqual(12);
    },
  );

  test('a path that leaves a landscape stretches its window at most 4×, and says it was cut', () => {
    const own = OBJECTIVES.rastrigin.window!;
    const inside = landscapeWindow(
      [
        [
          [1, 1],
          [2, -1],
        ],
      ],
      [[0, 0]],
      own,
    );
    expect(inside).toEqual({ window: own, clipped: false });
    const far = landscapeWindow(
      [
        [
          [1, 1],
          [1000, -1],
        ],
      ],
      [[0, 0]],
      own,
    );
    expect(far.clipped).toBe(true);
    expect(far.window.xMax).toBeCloseTo(4 * own.xMax, 9);
  });
});

describe('Sin and Cos on other backends than cpu: the replay cannot follow them', () => {
  test('auto picks cpu for rastrigin and ackley at any size, and says why; other objectives keep auto', () => {
    const pick = backendFor('auto', 'rastrigin');
    expect(pick.choice).toBe('cpu');
    expect(pick.why).toMatch(/auto picked cpu for rastrigin at any size: its TF\.js expression uses Sin and Cos/);
    expect(backendFor('auto', 'ackley').choice).toBe('cpu');
    expect(backendFor('auto', 'sphere')).toEqual({ choice: 'auto', why: null });
    expect(backendFor('wasm', 'rastrigin')).toEqual({ choice: 'wasm', why: null });
    expect(replayCaveat('rastrigin', 'cpu')).toBeNull();
    expect(replayCaveat('sphere', 'wasm')).toBeNull();
    expect(replayCaveat('rastrigin', 'wasm')).toMatch(/^not conclusive on wasm for rastrigin/);
  });

  test("wasm's Cos is not JavaScript's (the fact the rule rests on), and rastrigin asked on wasm is measured but not judged", async () => {
    const { tf } = await loadBackend('wasm', 2);
    const x = Float32Array.from({ length: 1000 }, (_, i) => -10 + i / 50);
    const wasm = tf.cos(tf.tensor1d(x)).dataSync();
    const differing = x.filter((v, i) => wasm[i] !== Math.fround(Math.cos(v))).length;
    expect(differing).toBeGreaterThan(100);
    // SGD bouncing between Rastrigin's wells: on wasm the difference grows past what float32 rounding explains.
    const [result] = await trainAll(
      '--objective',
      'rastrigin',
      '--lr',
      '0.01',
      '--iterations',
      '200',
      '--backend',
      'wasm',
    );
    expect(result.backend).toBe('wasm');
    expect(result.diff.withinTolerance).toBe(false);
    expect(result.diff.replayCaveat).toMatch(/^not conclusive on wasm for rastrigin/);
    expect(exitCodeFor(result)).toBe(0);
    await loadBackend('cpu');
  }, 20_000);
});
