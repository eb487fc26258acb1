import type { IoStatistics, IoStatisticsRow } from '../api/contract.js';
import type { CaptureSession } from '../session/capture-session.js';
import { framesPassing } from './frame-filter.js';

/**
 * I/O statistics (`-z io,stat,INTERVAL[,FILTER…]`): frames and bytes per time interval, one
 * column per filter (an empty filter is every frame). Times are counted as tshark counts them:
 * whole microseconds since the first frame, rounded; an interval longer than the capture
 * shrinks to the capture's duration. Filters run column-backed (engine/filter).
 */
export async function ioStatistics(session: CaptureSession, interval: number, filters: readonly string[]): Promise<IoStatistics> {
  const store = session.store;
  const columns = filters.length === 0 ? [''] : [...filters];
  const masks = await Promise.all(columns.map((filter) => framesPassing(session, filter === '' ? null : filter)));
  const times = relativeMicroseconds(session);
  let durationMicroseconds = 0;
  for (const time of times) if (time > durationMicroseconds) durationMicroseconds = time;
  // tshark truncates the interval to whole microseconds; 0 (or longer than the capture) means one row.
  let step = Math.floor(interval * 1e6);
  if (step <= 0 || step > durationMicroseconds) step = Math.max(durationMicroseconds, 1);
  const rowCount = Math.floor(durationMicroseconds / step) + 1;
  const frames = columns.map(() => new Float64Array(rowCount));
  const bytes = columns.map(() => new Float64Array(rowCount));
  for (let index = 0; index < store.count; index++) {
    const row = Math.min(Math.floor(times[index] / step), rowCount - 1);
    for (let column = 0; column < columns.length; column++) {
      if (!masks[column][index]) continue;
      frames[column][row]++;
      bytes[column][row] += store.originalLength[index];
    }
  }
  const rows: IoStatisticsRow[] = [];
  for (let row = 0; row < rowCount; row++) {
    rows.push({
      start: (row * step) / 1e6,
      end: Math.min((row + 1) * step, durationMicroseconds) / 1e6,
      frames: columns.map((_, column) => frames[column][row]),
      bytes: columns.map((_, column) => bytes[column][row]),
    });
  }
  return { interval: step / 1e6, duration: durationMicroseconds / 1e6, filters: columns, rows };
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
