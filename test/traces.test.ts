import traces from './fixtures/torch-traces.json';
import { OPTIMIZERS } from '../src/optimizers/registry';
import { maxRelativeDifference, traceFlags } from '../src/parity/measure';
import { train } from '../src/train';
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
    if (OPTIMIZERS[result.config.optimizer].sameRuleAsTorch) {
      expect(difference).toBeLessThan(1e-9);
    } else {
      // Same-rule cases differ from the traces by float64 rounding alone (≤ 5e-13 measured); the
      // ε placements differ by 2e-10 (adamax) up to 2 (adadelta's flip).
      expect(difference).toBeGreaterThan(1e-11);
    }
  });
});
