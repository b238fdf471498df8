import cases from '../../test/fixtures/numpy-format-cases.json';
import { formatNpArray, formatNpFloat64, npAround, rint } from './numpyFormat';

const around3 = (values: number[]): number[] => values.map((v) => npAround(v, 3));

describe('np.around(v, 3): multiply, round half to even, divide, as NumPy does', () => {
  test('ties go to the even neighbour', () => {
    expect(npAround(52.5625, 3)).toBe(52.562);
    expect(npAround(0.0625, 3)).toBe(0.062);
    expect(npAround(0.0015, 3)).toBe(0.002); // 0.0015*1000 = 1.5 exactly in float64
    expect(rint(2.5)).toBe(2);
    expect(rint(3.5)).toBe(4);
    expect(rint(-2.5)).toBe(-2);
  });
  test('NumPy multiplies in float64 first, which is not decimal rounding of the exact value', () => {
    // 0.0125 is stored just above 0.0125, so exact rounding gives 0.013; but 0.0125*1000 rounds to
    // 12.5 exactly, a tie, and NumPy prints 0.012. 4.0355 (stored below) goes the other way: 4.036.
    expect(0.0125 * 1000).toBe(12.5);
    expect(npAround(0.0125, 3)).toBe(0.012);
    expect(npAround(4.0355, 3)).toBe(4.036);
  });
  test('a small negative rounds to -0, which NumPy prints as -0.', () => {
    expect(Object.is(npAround(-0.0004, 3), -0)).toBe(true);
    expect(formatNpArray([-0, 2])).toBe('[-0.  2.]');
  });
});

describe('str(ndarray) of float64, against NumPy itself', () => {
  test('shared widths, trailing dots and the switch to scientific notation', () => {
    expect(formatNpArray([5, 10])).toBe('[ 5. 10.]');
    expect(formatNpArray([0.01, 0.019])).toBe('[0.01  0.019]');
    expect(formatNpArray([1000, 0.5])).toBe('[1.e+03 5.e-01]');
    expect(formatNpArray(around3([-3, 0.001, 250]))).toBe('[-3.0e+00  1.0e-03  2.5e+02]');
    expect(formatNpArray([1e100, 1])).toBe('[1.e+100 1.e+000]');
    expect(formatNpArray([])).toBe('[]');
  });
  test(`${cases.arrays.length} arrays printed by NumPy ${cases.numpy}`, () => {
    const mismatches = cases.arrays
      .map((c) => ({ input: c.input, expected: c.array, actual: formatNpArray(around3(c.input)) }))
      .filter((c) => c.actual !== c.expected);
    expect(mismatches).toEqual([]);
  });
  test('long arrays wrap at 75 characters with a one-space hanging indent', () => {
    const text = formatNpArray(Array.from({ length: 30 }, (_, i) => i * 1.5));
    const lines = text.split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((line) => line.length <= 75)).toBe(true);
    expect(lines.slice(1).every((line) => line.startsWith(' '))).toBe(true);
  });
  test('more than 1000 elements are summarized with ... between three at each end', () => {
    const values = Array.from({ length: 1001 }, (_, i) => i);
    expect(formatNpArray(values)).toBe('[   0.    1.    2. ...  998.  999. 1000.]');
  });
  test('nan and inf take the shared width', () => {
    expect(formatNpArray([NaN, 1.5])).toBe('[nan 1.5]');
    expect(formatNpArray([-Infinity, 1.5])).toBe('[-inf  1.5]');
  });
});

describe('str(np.float64): Python shortest repr', () => {
  test("the seed's values", () => {
    expect(formatNpFloat64(125)).toBe('125.0');
    expect(formatNpFloat64(npAround(20.97152, 3))).toBe('20.972');
    expect(formatNpFloat64(0)).toBe('0.0');
    expect(formatNpFloat64(-0)).toBe('-0.0');
    expect(formatNpFloat64(1e16)).toBe('1e+16');
  });
  test(`${cases.scalars.length} scalars printed by NumPy ${cases.numpy}`, () => {
    const mismatches = cases.scalars
      .map((c) => ({ input: c.input, expected: c.text, actual: formatNpFloat64(npAround(c.input, 3)) }))
      .filter((c) => c.actual !== c.expected);
    expect(mismatches).toEqual([]);
  });
});
