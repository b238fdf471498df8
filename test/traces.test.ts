import traces from './fixtures/torch-traces.json';
import { float32BoundRatio, maxRelativeDifference, rowScaledDifference, traceFlags } from '../src/parity/measure';
import { train, type TrainResult } from '../src/train';
import { configFrom } from './helpers';

describe.each(traces.cases)('$name: npm run train -- $cli', (trace) => {
  const flags = [...traceFlags(trace).split(' '), '--backend', 'cpu'];

  test('the pytorch run reproduces the trace to 1e-9 relative on every row and in final x', async () => {
    const result = await train(configFrom(...flags));
    const pytorch = result.runs.pytorch;
    expect(pytorch.rows.map((row) => row.iteration)).toEqual(trace.rows.map((row) => row.iteration));
    expect(maxRelativeDifference(pytorch.rows, trace.rows)).toBeLessThan(1e-9);
    pytorch.finalX.forEach((v, i) =>
      expect(Math.abs(v - trace.final_x[i]) / Math.abs(trace.final_x[i])).toBeLessThan(1e-9),
    );
  });

  test("where TF.js's rule is PyTorch's, the manual run reproduces it too; where not, the difference shows", async () => {
    const result = await train(configFrom(...flags));
    const difference = maxRelativeDifference(result.runs.manual.rows, trace.rows);
    if (result.config.optimizer.definition.sameRuleAsTorch) {
      expect(difference).toBeLessThan(1e-9);
    } else {
      // Same-rule cases differ from the traces by float64 rounding alone (≤ 5e-13 measured); the
      // ε placements differ by 2e-10 (adamax) up to 2 (adadelta's flip).
      expect(difference).toBeGreaterThan(1e-11);
    }
  });
});

describe.each(traces.library_cases)('$name: npm run train -- $cli', (trace) => {
  const flags = [...traceFlags(trace).split(' '), '--backend', 'cpu'];
  let result: TrainResult;
  beforeAll(async () => {
    result = await train(configFrom(...flags));
  });
  const xOnly = trace.objective === 'rosenbrock';

  test("the pytorch and manual runs are torch's float64 run, to 1e-9 of each row's largest value", () => {
    expect(result.runs.pytorch.rows).toHaveLength(trace.rows.length);
    expect(rowScaledDifference(result.runs.pytorch.rows, trace.rows, xOnly)).toBeLessThan(1e-9);
    expect(rowScaledDifference(result.runs.manual.rows, trace.rows, xOnly)).toBeLessThan(1e-9);
  });

  test("the tfjs run strays from torch's float64 path no further than torch's own float32 run (the stated bound)", () => {
    expect(result.runs.tfjs.rows).toHaveLength(trace.rows.length);
    expect(float32BoundRatio(result.runs.tfjs.rows, trace.rows, trace.rows_float32)).toBeLessThanOrEqual(1);
  });

  test('manual32 replays the tfjs run to the bit (cpu), within float32 tolerance of manual', () => {
    expect(result.diff.float32ReplayIdentical).toBe(true);
    expect(result.diff.withinTolerance).toBe(true);
  });
});
