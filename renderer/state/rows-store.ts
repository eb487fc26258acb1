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
  /** Forgets every row (the view changed: filter, marks, new frames). */
  invalidate(): void;
}

export const useRows = create<RowsState>((set, get) => {
  let blocks = new Map<number, PacketRow[]>();
  const pending = new Set<number>();
  let generation = 0;

  const fetchBlock = (block: number) => {
    pending.add(block);
    const started = generation;
    engine().rows(block * ROW_BLOCK, ROW_BLOCK).then(
      (rows) => {
        if (started !== generation) return;
        pending.delete(block);
        blocks.set(block, rows);
        if (blocks.size > MAX_BLOCKS) blocks.delete(blocks.keys().next().value!);
        set({ version: get().version + 1 });
      },
      () => {
        if (started === generation) pending.delete(block);
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
      generation++;
      blocks = new Map();
      pending.clear();
      set({ version: get().version + 1 });
    },
  };
});
