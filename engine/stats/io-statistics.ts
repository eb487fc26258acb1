import type { IoStatistics, IoStatisticsRow } from '../api/contract.js';
import type { CaptureSession } from '../session/capture-session.js';
import { framesPassing } from './frame-filter.js';

/**
 * I/O statistics (`-z io,stat,INTERVAL[,FILTER…]`): frames and bytes per time interval, one
 * column per filter (an empty filter is every frame). Times are counted as tshark counts them:
 * whole microseconds since the first frame, rounded; an interval longer than the capture
 * shrinks to the capture's duration. Filters run column-backed (engine/filter).
 */
/** More rows than anyone reads (a capture spanning decades at 1 s) would only exhaust memory. */
const maxRows = 1_000_000;

export async function ioStatistics(session: CaptureSession, interval: number, filters: readonly string[]): Promise<IoStatistics> {
  const store = session.store;
  const columns = filters.length === 0 ? [''] : [...filters];
  const masks = await Promise.all(columns.map((filter) => framesPassing(session, filter === '' ? null : filter)));
  const times = relativeMicroseconds(session);
  let durationMicroseconds = 0;
  for (const time of times) if (time > durationMicroseconds) durationMicroseconds = time;
  const layout = ioLayout(durationMicroseconds, interval);
  if (layout.rowCount > maxRows) throw new RangeError(`io,stat: ${layout.rowCount} intervals of ${interval} s; choose a longer interval`);
  const frames = columns.map(() => new Float64Array(layout.rowCount));
  const bytes = columns.map(() => new Float64Array(layout.rowCount));
  for (let index = 0; index < store.count; index++) {
    // tshark counts a frame in interval floor(t / interval) and prints only `rowCount` rows.
    const row = layout.wholeCapture ? 0 : Math.floor(times[index] / layout.step);
    if (row < 0 || row >= layout.rowCount) continue;
    for (let column = 0; column < columns.length; column++) {
      if (!masks[column][index]) continue;
      frames[column][row]++;
      bytes[column][row] += store.originalLength[index];
    }
  }
  const rows: IoStatisticsRow[] = [];
  // tshark prints no rows when the capture has no duration (no frames, or all at one instant).
  for (let row = 0; row < (durationMicroseconds === 0 ? 0 : layout.rowCount); row++) {
    const start = row * layout.displayInterval;
    rows.push({
      start: start / 1e6,
      end: (row === layout.rowCount - 1 ? layout.roundedDuration : start + layout.displayInterval) / 1e6,
      frames: columns.map((_, column) => frames[column][row]),
      bytes: columns.map((_, column) => bytes[column][row]),
    });
  }
  return { interval: layout.displayInterval / 1e6, duration: durationMicroseconds / 1e6, filters: columns, rows };
}

/** How tshark 4.0 (ui/cli/tap-iostat.c) lays out the rows, all in whole microseconds. */
export interface IoLayout {
  /** The interval is 0 or longer than the capture: one row for the whole capture. */
  wholeCapture: boolean;
  step: number;
  /** Decimal places of the times shown. */
  precision: number;
  /** The duration rounded up by half a unit of the last decimal shown. */
  roundedDuration: number;
  displayInterval: number;
  rowCount: number;
}

export function ioLayout(durationMicroseconds: number, interval: number): IoLayout {
  const step = Math.floor(interval * 1e6);
  const wholeCapture = step <= 0 || step > durationMicroseconds;
  const durationMagnitude = digits(Math.floor(durationMicroseconds / 1e6));
  const precision = wholeCapture ? (durationMagnitude >= 2 ? 1 : durationMagnitude === 1 ? 3 : 6) : intervalPrecision(step);
  const divisor = 10 ** (6 - precision);
  const roundedDuration = durationMicroseconds + 5 * Math.floor(divisor / 10);
  const displayInterval = wholeCapture ? roundedDuration : step;
  const safeInterval = Math.max(displayInterval, 1);
  // One row per interval up to the one holding the last frame.
  const rowCount = wholeCapture ? 1 : Math.floor(durationMicroseconds / safeInterval) + 1;
  return { wholeCapture, step, precision, roundedDuration, displayInterval, rowCount };
}

/** Digits of a whole number, 1 to 5 (tshark's magnitude(value, 5)). */
export function digits(value: number, max = 5): number {
  return Math.min(Math.max(1, String(Math.floor(value)).length), max);
}

/** Decimal places the interval needs (500000 µs → 1, 1000000 → 0, 1000 → 3). */
function intervalPrecision(microseconds: number): number {
  let precision = 6;
  for (let step = 10; step < 10_000_000; step *= 10) {
    if (microseconds % step > 0) break;
    precision--;
  }
  return Math.max(precision, 0);
}

/** Per frame slot: microseconds since the first frame, rounded as tshark's ((ns + 500) / 1000). */
export function relativeMicroseconds(session: CaptureSession): Float64Array {
  const store = session.store;
  const result = new Float64Array(store.count);
  if (store.count === 0) return result;
  const firstSeconds = store.seconds[0];
  const firstNanoseconds = store.nanoseconds[0];
  for (let index = 0; index < store.count; index++) {
    let seconds = store.seconds[index] - firstSeconds;
    let nanoseconds = store.nanoseconds[index] - firstNanoseconds;
    if (nanoseconds < 0) {
      seconds--;
      nanoseconds += 1e9;
    }
    result[index] = seconds * 1e6 + Math.floor((nanoseconds + 500) / 1000);
  }
  return result;
}
