/**
 * The smallest and largest of any number of values, in one pass: `Math.min(...values)` puts every
 * value on the call stack and fails past about a hundred thousand of them.
 */
export function minOf(values: Iterable<number>, empty = Infinity): number {
  let smallest = empty;
  for (const value of values) if (value < smallest) smallest = value;
  return smallest;
}

export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  let largest = empty;
  for (const value of values) if (value > largest) largest = value;
  return largest;
}
