import { create } from 'zustand';
import type { PacketRow } from '../../engine/api/contract';
import { engine } from './engine';

/** Rows are fetched and cached in blocks; the cache forgets the least recently used blocks. */
export const ROW_BLOCK = 100;
const MAX_BLOCKS = 400;

interface RowsState {
  /** Bumps whenever cached rows change, so the list re-renders. */
  version: number;
  row(displayedIndex: number): PacketRow | undefined;
  /** Makes sure rows [start, end) are cached or on their way. */
  request(start: number, end: number): void;
  /** Forgets every row (the view changed: filter, marks, sort, columns). */
  invalidate(): void;
  /**
   * Rows were appended after `displayedCount` (frames indexed or captured into a view in frame
   * order): keeps the rows before it, forgets the block that was partly filled.
   */
  invalidateFrom(displayedCount: number): void;
}

export const useRows = create<RowsState>((set, get) => {
  let blocks = new Map<number, PacketRow[]>();
  /** Blocks on their way, each with its request's token: an answer counts only if still awaited. */
  const pending = new Map<number, number>();
  let lastToken = 0;

  const fetchBlock = (block: number) => {
    const token = ++lastToken;
    pending.set(block, token);
    const awaited = () => pending.get(block) === token;
    engine().rows(block * ROW_BLOCK, ROW_BLOCK).then(
      (rows) => {
        if (!awaited()) return;
        pending.delete(block);
        blocks.set(block, rows);
        if (blocks.size > MAX_BLOCKS) blocks.delete(blocks.keys().next().value!);
        set({ version: get().version + 1 });
      },
      () => {
        if (awaited()) pending.delete(block);
      },
    );
  };

  return {
    version: 0,
    row(displayedIndex) {
      const block = Math.floor(displayedIndex / ROW_BLOCK);
      const rows = blocks.get(block);
      if (!rows) return undefined;
      // Touch the block: Map keeps insertion order, so re-inserting marks it recently used.
      blocks.delete(block);
      blocks.set(block, rows);
      return rows[displayedIndex - block * ROW_BLOCK];
    },
    request(start, end) {
      if (end <= start) return;
      for (let block = Math.floor(start / ROW_BLOCK); block <= Math.floor((end - 1) / ROW_BLOCK); block++) {
        if (!blocks.has(block) && !pending.has(block)) fetchBlock(block);
      }
    },
    invalidate() {
      blocks = new Map();
      pending.clear();
      set({ version: get().version + 1 });
    },
    invalidateFrom(displayedCount) {
      const firstStale = Math.floor(displayedCount / ROW_BLOCK);
      for (const block of [...blocks.keys()]) if (block >= firstStale) blocks.delete(block);
      // A fetch on its way may have been answered before the new frames: its answer no longer counts.
      for (const block of [...pending.keys()]) if (block >= firstStale) pending.delete(block);
      set({ version: get().version + 1 });
    },
  };
});
