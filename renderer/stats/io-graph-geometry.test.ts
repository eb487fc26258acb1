import { describe, expect, it } from 'vitest';
import { niceTicks, ratePath, shortNumber } from './io-graph-geometry';

describe('I/O graph geometry', () => {
  it('picks 1-2-5 tick steps that reach the maximum', () => {
    expect(niceTicks(10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(0.35)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it('plots rates per second: counts divided by the interval', () => {
    // Two intervals of 0.5 s holding 1 and 2 packets: 2/s and 4/s, in a 100×40 box up to 4/s over 1 s.
    expect(ratePath([0, 0.5], [1, 2], 0.5, { width: 100, height: 40, xMax: 1, yMax: 4 })).toBe('M0.0,20.0 L50.0,0.0');
  });

  it('shortens axis labels', () => {
    expect([shortNumber(950), shortNumber(1500), shortNumber(2_000_000)]).toEqual(['950', '1.5k', '2M']);
  });
});
