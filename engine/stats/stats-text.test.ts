import { describe, expect, it } from 'vitest';
import { printfFixed } from './stats-text.js';

describe('printfFixed', () => {
  // Expected strings from C's printf("%.*f") on the same doubles (Python's '%.*f' % (d, v), glibc).
  const cases: Array<[number, number, string]> = [
    [0.15625, 4, '0.1562'], [0.0625, 3, '0.062'], [2.5, 0, '2'], [3.5, 0, '4'], [0.5, 0, '0'], [-0.5, 0, '-0'], [1.5, 0, '2'],
    [0.00015, 4, '0.0001'], [-0.15625, 4, '-0.1562'], [227.058698, 9, '227.058698000'], [0.125, 2, '0.12'], [0.375, 2, '0.38'], [1e-7, 4, '0.0000'],
  ];
  for (const [value, decimals, expected] of cases) {
    it(`%.${decimals}f of ${value} is ${expected}`, () => expect(printfFixed(value, decimals)).toBe(expected));
  }
});
