import type { CaptureSession } from '../session/capture-session.js';
import type { PacketRow, SortColumn } from './contract.js';

/** Text of a sort column for one frame (made by dissecting it, like a packet-list row). */
export type RowTextOf = (frame: number) => PacketRow;

export interface SortOptions {
  signal?: AbortSignal;
  /** Fraction of the text keys computed, 0..1 (only text columns report). */
  onProgress?: (fraction: number) => void;
}

const framesBetweenYields = 2048;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Columns whose keys live in the packet store: sorting them needs no dissection. */
export function isColumnBacked(column: SortColumn): boolean {
  return column === 'number' || column === 'time' || column === 'length';
}

/**
 * Text keys of a column, cached per frame: the first sort by Info dissects every displayed frame
 * once; later sorts (another direction, a new filter) reuse what is known.
 */
export class SortKeyCache {
  private keys: Array<string | undefined> = [];
  private column: SortColumn | null = null;

  forColumn(column: SortColumn): Array<string | undefined> {
    if (column !== this.column) {
      this.column = column;
      this.keys = [];
    }
    return this.keys;
  }

  /** Custom columns changed: their cached texts are stale. */
  forget(): void {
    this.column = null;
    this.keys = [];
  }
}

function textOf(row: PacketRow, column: SortColumn): string {
  switch (column) {
    case 'source':
      return row.source;
    case 'destination':
      return row.destination;
    case 'protocol':
      return row.protocol;
    case 'info':
      return row.info;
    default: {
      const custom = /^custom(\d+)$/.exec(column);
      return custom ? row.custom[Number(custom[1])] ?? '' : '';
    }
  }
}

/**
 * The view's frames ordered by `column` (ties keep frame order, as Wireshark's sort is stable).
 * `frames` is the displayed frames in frame order. Text columns compute their keys first,
 * yielding to the event loop and honouring `signal`; null when cancelled.
 */
export async function sortFrames(
  session: CaptureSession, frames: Uint32Array, column: SortColumn, ascending: boolean, rowOf: RowTextOf, cache: SortKeyCache, options: SortOptions = {},
): Promise<Uint32Array | null> {
  const store = session.store;
  let compare: (a: number, b: number) => number;
  if (column === 'number') compare = (a, b) => a - b;
  else if (column === 'time') compare = (a, b) => store.secondsBetween(b - 1, a - 1) || a - b;
  else if (column === 'length') compare = (a, b) => store.originalLength[a - 1] - store.originalLength[b - 1] || a - b;
  else {
    const keys = cache.forColumn(column);
    for (let position = 0; position < frames.length; position++) {
      const frame = frames[position];
      keys[frame] ??= textOf(rowOf(frame), column);
      if ((position + 1) % framesBetweenYields === 0) {
        options.onProgress?.(position / frames.length);
        await yieldToEventLoop();
        if (options.signal?.aborted) return null;
      }
    }
    options.onProgress?.(1);
    compare = (a, b) => collator.compare(keys[a]!, keys[b]!) || a - b;
  }
  const sorted = Uint32Array.from(frames);
  if (ascending) sorted.sort(compare);
  else sorted.sort((a, b) => compare(b, a));
  return sorted;
}

/** Displayed index by frame number (-1: not displayed), for go-to-packet in a sorted view. */
export function inversePermutation(order: Uint32Array, frameCount: number): Int32Array {
  const inverse = new Int32Array(frameCount + 1).fill(-1);
  for (let position = 0; position < order.length; position++) inverse[order[position]] = position;
  return inverse;
}
