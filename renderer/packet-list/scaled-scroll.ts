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
  /** Height of the rows' area. */
  viewportHeight: number;
  /**
   * Height of the scrollbar's track (its client height) when it differs from the rows' area,
   * e.g. when a horizontal scrollbar takes room under the rows but not beside them.
   */
  trackHeight?: number;
}

/** Rows that fit entirely in the viewport (at least 1). */
export function fullyVisibleRows(geometry: ScrollGeometry): number {
  return Math.max(1, Math.floor(geometry.viewportHeight / geometry.rowHeight));
}

/** The largest useful first row: the one that puts the last row, whole, at the bottom. */
export function maxFirstRow(geometry: ScrollGeometry): number {
  return Math.max(0, geometry.rowCount - fullyVisibleRows(geometry));
}

function trackHeight(geometry: ScrollGeometry): number {
  return geometry.trackHeight ?? geometry.viewportHeight;
}

/**
 * Content height that makes the exact scroll range `maxFirstRow` rows long. (rowCount ×
 * rowHeight would leave a viewport that is not a whole number of rows one row short: its last
 * pixels of range would map to the row before the last useful first row.)
 */
function exactContentHeight(geometry: ScrollGeometry): number {
  return maxFirstRow(geometry) * geometry.rowHeight + trackHeight(geometry);
}

function isScaled(geometry: ScrollGeometry): boolean {
  return exactContentHeight(geometry) > MAX_SCROLL_HEIGHT;
}

/** Height of the scrollbar's content. */
export function scrollContentHeight(geometry: ScrollGeometry): number {
  return Math.min(exactContentHeight(geometry), MAX_SCROLL_HEIGHT);
}

function maxScrollTop(geometry: ScrollGeometry): number {
  return Math.max(0, scrollContentHeight(geometry) - trackHeight(geometry));
}

export function clampFirstRow(row: number, geometry: ScrollGeometry): number {
  return Math.min(Math.max(0, Math.round(row)), maxFirstRow(geometry));
}

/**
 * The first row for a scrollbar position. Within a pixel of the end is the end: browsers may
 * stop a fraction short of the range at fractional zoom, and the bottom must show the last row.
 */
export function firstRowForScrollTop(scrollTop: number, geometry: ScrollGeometry): number {
  const range = maxScrollTop(geometry);
  if (range <= 0) return 0;
  if (scrollTop >= range - 1) return maxFirstRow(geometry);
  if (!isScaled(geometry)) return clampFirstRow(Math.floor(scrollTop / geometry.rowHeight), geometry);
  return clampFirstRow((Math.max(0, scrollTop) / range) * maxFirstRow(geometry), geometry);
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
