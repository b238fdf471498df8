import cases from '../../test/fixtures/numpy-format-cases.json';
import { numpySum, numpySumOfSquares } from './numpySum';

test(`ndarray.sum() to the bit, ${cases.sums.length} arrays summed by NumPy ${cases.numpy}`, () => {
  const mismatches = cases.sums.filter((c) => !Object.is(numpySum(c.input), c.sum)).map((c) => c.input.length);
  expect(mismatches).toEqual([]);
});

test('the order is not sequential: a case where left-to-right addition differs', () => {
  const sequential = (values: number[]): number => values.reduce((sum, v) => sum + v, 0);
  const differing = cases.sums.find((c) => sequential(c.input) !== c.sum);
  expect(differing).toBeDefined();
  expect(numpySum(differing!.input)).toBe(differing!.sum);
});

test('the sum of squares adds x·x in the same order, without building the squares', () => {
  for (const c of cases.sums) {
    const squares = c.input.map((v) => v * v);
    expect(numpySumOfSquares(c.input)).toBe(numpySum(squares));
  }
});
