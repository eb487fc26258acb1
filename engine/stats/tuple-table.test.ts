import { describe, expect, it } from 'vitest';
import { QuadTable } from './tuple-table.js';

describe('QuadTable', () => {
  it('numbers tuples in insertion order and finds them again after growing', () => {
    const table = new QuadTable(4);
    const tuples: Array<[number, number, number, number]> = [];
    for (let index = 0; index < 5000; index++) tuples.push([index % 7, index * 2654435761 >>> 0, 0xffffffff - index, (index << 16) | 0xffff]);
    tuples.forEach((tuple, index) => {
      expect(table.get(...tuple)).toBe(-1);
      expect(table.add(...tuple)).toBe(index);
    });
    tuples.forEach((tuple, index) => expect(table.get(...tuple)).toBe(index));
    expect(table.size).toBe(5000);
    // Signed and unsigned spellings of one word are the same key.
    expect(table.get(0, 0, -1, 0xffff)).toBe(0);
    expect(table.get(1, 2, 3, 4)).toBe(-1);
  });
});
