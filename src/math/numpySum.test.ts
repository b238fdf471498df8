import cases from '../../test/fixtures/numpy-format-cases.json';
import { numpySum } from './numpySum';

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
