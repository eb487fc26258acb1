/**
 * Scrolling over more rows than a browser can lay out. Chromium caps an element's height near
 * 16.7M px (2^24), i.e. ~800k rows of 20 px; we cap the scrollbar's content height well below
 * that and, past the cap, map the scrollbar position proportionally to a row. Below the cap the
 * mapping is exact (one pixel is one pixel).
 */
export const MAX_SCROLL_HEIGHT = 8_000_000;

export interface ScrollGeometry {
  rowCount: number;
  rowHeight: number;
  viewportHeight: number;
}

/** Rows that fit entirely in the viewport (at least 1). */
export function fullyVisibleRows(geometry: ScrollGeometry): number {
  return Math.max(1, Math.floor(geometry.viewportHeight / geometry.rowHeight));
}

/** The largest useful first row: the one that puts the last row at the bottom. */
export function maxFirstRow(geometry: ScrollGeometry): number {
  return Math.max(0, geometry.rowCount - fullyVisibleRows(geometry));
}

/** Height of the scrollbar's content. */
export function scrollContentHeight(geometry: ScrollGeometry): number {
  return Math.min(geometry.rowCount * geometry.rowHeight, MAX_SCROLL_HEIGHT);
}

function maxScrollTop(geometry: ScrollGeometry): number {
  return Math.max(0, scrollContentHeight(geometry) - geometry.viewportHeight);
}

function isScaled(geometry: ScrollGeometry): boolean {
  return geometry.rowCount * geometry.rowHeight > MAX_SCROLL_HEIGHT;
}

export function clampFirstRow(row: number, geometry: ScrollGeometry): number {
  return Math.min(Math.max(0, Math.round(row)), maxFirstRow(geometry));
}

export function firstRowForScrollTop(scrollTop: number, geometry: ScrollGeometry): number {
  const range = maxScrollTop(geometry);
  if (range <= 0) return 0;
  if (!isScaled(geometry)) return clampFirstRow(Math.floor(scrollTop / geometry.rowHeight), geometry);
  return clampFirstRow((Math.min(scrollTop, range) / range) * maxFirstRow(geometry), geometry);
}

export function scrollTopForFirstRow(firstRow: number, geometry: ScrollGeometry): number {
  const range = maxScrollTop(geometry);
  if (range <= 0) return 0;
  if (!isScaled(geometry)) return Math.min(firstRow * geometry.rowHeight, range);
  const last = maxFirstRow(geometry);
  return last === 0 ? 0 : (clampFirstRow(firstRow, geometry) / last) * range;
}

/** The first row to show so that `row` is visible, moving as little as possible. */
export function firstRowToReveal(row: number, firstRow: number, geometry: ScrollGeometry): number {
  const visible = fullyVisibleRows(geometry);
  if (row < firstRow) return clampFirstRow(row, geometry);
  if (row >= firstRow + visible) return clampFirstRow(row - visible + 1, geometry);
  return firstRow;
}
