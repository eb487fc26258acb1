import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_HEIGHT, firstRowForScrollTop, firstRowToReveal, maxFirstRow, scrollContentHeight, scrollTopForFirstRow } from '../../renderer/packet-list/scaled-scroll';

const small = { rowCount: 1000, rowHeight: 20, viewportHeight: 400 };
const million = { rowCount: 1_000_000, rowHeight: 20, viewportHeight: 400 };

describe('scaled scrolling', () => {
  it('maps pixels to rows one to one below the cap', () => {
    expect(scrollContentHeight(small)).toBe(20_000);
    expect(firstRowForScrollTop(0, small)).toBe(0);
    expect(firstRowForScrollTop(39, small)).toBe(1);
    expect(firstRowForScrollTop(20_000 - 400, small)).toBe(980);
    expect(scrollTopForFirstRow(980, small)).toBe(19_600);
  });

  it('keeps a million rows under the browser height cap and reaches both ends', () => {
    // 1M rows x 20 px = 20M px, more than Chromium's ~16.7M px element height.
    expect(scrollContentHeight(million)).toBe(MAX_SCROLL_HEIGHT);
    expect(firstRowForScrollTop(0, million)).toBe(0);
    const bottom = MAX_SCROLL_HEIGHT - 400;
    expect(firstRowForScrollTop(bottom, million)).toBe(1_000_000 - 20);
    expect(maxFirstRow(million)).toBe(999_980);
    expect(firstRowForScrollTop(bottom / 2, million)).toBe(499_990);
  });

  it('round-trips a row through the scrollbar position', () => {
    for (const row of [0, 1, 12_345, 500_000, 999_980]) {
      expect(firstRowForScrollTop(scrollTopForFirstRow(row, million), million)).toBe(row);
    }
  });

  it('scrolls just enough to reveal a row', () => {
    expect(firstRowToReveal(5, 0, small)).toBe(0);
    expect(firstRowToReveal(20, 0, small)).toBe(1);
    expect(firstRowToReveal(3, 10, small)).toBe(3);
    expect(firstRowToReveal(999, 0, small)).toBe(980);
  });
});
