import { formatTable, TABLE_SEPARATOR } from '../src/format/table';
import { sphere } from '../src/objectives/sphere';
import { float64, unscheduled } from '../src/optimizers/rule';
import { sgdTfjsRule } from '../src/optimizers/sgd';
import { manualTrainer } from '../src/run/manualTrainer';
import { runTrainer } from '../src/run/runner';
import { train } from '../src/train';
import { configFrom, SEED_CASES, seedTableLines } from './helpers';

describe('the manual loop', () => {
  test('follows the closed form x_k = x0·(1 − 2·lr)^k', async () => {
    const lr = 0.1;
    const history = await runTrainer(
      manualTrainer(sphere, unscheduled(sgdTfjsRule({ lr }, float64), lr), [5, 10], 'float64'),
      30,
    );
    history.rows.forEach((row, k) => {
      const closed = [5, 10].map((x0) => x0 * (1 - 2 * lr) ** k);
      // 3 float64 roundings per step against one pow: after 30 steps well inside 1e-13 relative.
      row.x.forEach((x, i) => expect(Math.abs(x - closed[i]) / Math.abs(closed[i])).toBeLessThan(1e-13));
      expect(row.loss).toBeCloseTo(closed[0] ** 2 + closed[1] ** 2, 10);
      row.grad.forEach((g, i) => expect(g).toBe(2 * row.x[i]));
    });
  });
});

describe('tables exactly like the original', () => {
  test.each(SEED_CASES)(
    '$file: first table byte for byte, TF.js table within its last digit',
    async ({ file, flags }) => {
      const expected = seedTableLines(file);
      const separator = expected.indexOf(TABLE_SEPARATOR);
      const result = await train(configFrom('--backend', 'cpu', '--lang', 'zh', ...flags));

      expect(formatTable(result.runs.manual, 'zh')).toEqual(expected.slice(0, separator));

      const tfjsLines = formatTable(result.runs.tfjs, 'zh');
      const originalSecond = expected.slice(separator + 1);
      expect(tfjsLines).toHaveLength(originalSecond.length);
      // Where float32 moves a printed digit, each number may differ by one unit of the last place (0.001).
      const numbers = (line: string): number[] => (line.match(/-?\d+\.?\d*(?:e[+-]\d+)?/g) ?? []).map(Number);
      tfjsLines.forEach((line, i) => {
        if (line === originalSecond[i]) return;
        const ours = numbers(line);
        const theirs = numbers(originalSecond[i]);
        expect(ours).toHaveLength(theirs.length);
        ours.forEach((value, j) => expect(Math.abs(value - theirs[j])).toBeLessThanOrEqual(0.001 + 1e-12));
      });
    },
  );

  test('English labels by default', async () => {
    const history = await runTrainer(
      manualTrainer(sphere, unscheduled(sgdTfjsRule({ lr: 0.1 }, float64), 0.1), [5, 10], 'float64'),
      1,
    );
    expect(formatTable(history, 'en')).toEqual(['1. data: [ 5. 10.] \tloss: 125.0 \tgrad: [10. 20.]']);
  });
});
