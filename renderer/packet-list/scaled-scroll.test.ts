import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_HEIGHT, firstRowForScrollTop, maxFirstRow, scrollContentHeight, scrollTopForFirstRow, type ScrollGeometry } from './scaled-scroll';

/**
 * The bottom of the list: dragging the scrollbar to its end must show the last row whole.
 * The browser's largest scrollTop is the content height minus the track's client height; each
 * case computes that by hand and checks that it maps to the first row that puts the last row
 * at the bottom (rowCount minus the whole rows that fit).
 */
const bottomOf = (contentHeight: number, trackHeight: number) => contentHeight - trackHeight;

describe('scaled scrolling at the bottom of the list', () => {
  it('reaches the last row when the viewport is not a whole number of rows (exact mapping)', () => {
    // 323 px shows 16 whole rows (320 px): the last first row is 50,000 − 16 = 49,984.
    const geometry: ScrollGeometry = { rowCount: 50_000, rowHeight: 20, viewportHeight: 323 };
    expect(maxFirstRow(geometry)).toBe(49_984);
    // 49,984 rows of range plus the track: the range is exactly 49,984 × 20 px.
    expect(scrollContentHeight(geometry)).toBe(49_984 * 20 + 323);
    expect(firstRowForScrollTop(bottomOf(scrollContentHeight(geometry), 323), geometry)).toBe(49_984);
    // One row up from the bottom is still one row up (pixels stay rows below the cap).
    expect(firstRowForScrollTop(49_983 * 20, geometry)).toBe(49_983);
  });

  it('reaches the last row when the track is taller than the rows (a horizontal scrollbar under them)', () => {
    // Rows area 303 px (15 whole rows), track 318 px: bottom scrollTop = content − 318.
    const geometry: ScrollGeometry = { rowCount: 50_000, rowHeight: 20, viewportHeight: 303, trackHeight: 318 };
    expect(maxFirstRow(geometry)).toBe(49_985);
    expect(firstRowForScrollTop(bottomOf(scrollContentHeight(geometry), 318), geometry)).toBe(49_985);
    expect(scrollTopForFirstRow(49_985, geometry)).toBe(49_985 * 20);
  });

  it('reaches the last row past the height cap, with a taller track too', () => {
    const geometry: ScrollGeometry = { rowCount: 1_000_000, rowHeight: 20, viewportHeight: 303, trackHeight: 318 };
    expect(scrollContentHeight(geometry)).toBe(MAX_SCROLL_HEIGHT);
    expect(firstRowForScrollTop(bottomOf(MAX_SCROLL_HEIGHT, 318), geometry)).toBe(1_000_000 - 15);
    // A browser at fractional zoom may stop half a pixel short of the end: still the end.
    expect(firstRowForScrollTop(bottomOf(MAX_SCROLL_HEIGHT, 318) - 0.5, geometry)).toBe(1_000_000 - 15);
    // The proportional mapping in the middle: half the range is half the rows (999,985 / 2, rounded).
    expect(firstRowForScrollTop(bottomOf(MAX_SCROLL_HEIGHT, 318) / 2, geometry)).toBe(499_993);
  });

  it('does not scroll a list that fits', () => {
    const geometry: ScrollGeometry = { rowCount: 10, rowHeight: 20, viewportHeight: 323 };
    expect(maxFirstRow(geometry)).toBe(0);
    expect(firstRowForScrollTop(0, geometry)).toBe(0);
    expect(scrollTopForFirstRow(5, geometry)).toBe(0);
  });
});
