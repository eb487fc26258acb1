import { create } from 'zustand';
import type { PacketDetail } from '../../engine/api/contract';
import { ancestorKeys, expansionKey, itemAt, type TreePath } from '../detail/tree-model';
import { engine } from './engine';

interface SelectionState {
  /** Displayed index of the selected row, or null. */
  displayedIndex: number | null;
  frame: number | null;
  detail: PacketDetail | null;
  /** Selected detail-tree item. */
  path: TreePath | null;
  /** Expansion keys (tree-model.ts), kept across packets like Wireshark does. */
  expanded: ReadonlySet<string>;
  /** The hex pane's tab: an index into detail.sources. */
  source: number;
  selectRow(displayedIndex: number, frame: number): Promise<void>;
  selectPath(path: TreePath | null): void;
  setExpanded(path: TreePath, expanded: boolean): void;
  setSource(source: number): void;
  clear(): void;
}

export const useSelection = create<SelectionState>((set, get) => {
  let request = 0;
  return {
    displayedIndex: null,
    frame: null,
    detail: null,
    path: null,
    expanded: new Set(),
    source: 0,
    async selectRow(displayedIndex, frame) {
      const ticket = ++request;
      set({ displayedIndex, frame });
      if (get().detail?.frame === frame) return;
      const detail = await engine().detail(frame);
      // A later selection wins, whatever order the answers arrive in.
      if (ticket !== request) return;
      set({ detail, path: null, source: 0 });
    },
    selectPath(path) {
      const detail = get().detail;
      if (!detail || path === null) {
        set({ path: null });
        return;
      }
      const expanded = new Set(get().expanded);
      for (const key of ancestorKeys(detail.tree, path)) expanded.add(key);
      // The hex pane follows the item to the data source its bytes are in.
      set({ path, expanded, source: itemAt(detail.tree, path)?.source ?? get().source });
    },
    setExpanded(path, open) {
      const detail = get().detail;
      if (!detail) return;
      const expanded = new Set(get().expanded);
      const key = expansionKey(detail.tree, path);
      if (open) expanded.add(key);
      else expanded.delete(key);
      set({ expanded });
    },
    setSource: (source) => set({ source }),
    clear() {
      request++;
      set({ displayedIndex: null, frame: null, detail: null, path: null, source: 0 });
    },
  };
});
