import { create } from 'zustand';
import { validateFilter, type FilterCheck } from '../filter/check-filter';
import { useCapture } from './capture-store';
import { engine } from './engine';
import { readStored, writeStored } from './persisted';
import { useSelection } from './selection-store';

export interface SavedFilter {
  label: string;
  filter: string;
}

const historyKey = 'packetlens.filterHistory';
const savedKey = 'packetlens.savedFilters';
const HISTORY_LIMIT = 30;

interface FilterState {
  /** What is in the input box (may differ from the applied filter until Apply). */
  text: string;
  check: FilterCheck;
  applying: boolean;
  /** The filter being applied (for the progress bar), or null. */
  applyingFilter: string | null;
  /** Milliseconds the engine took for the last filter. */
  elapsedMs: number | null;
  history: readonly string[];
  saved: readonly SavedFilter[];
  setText(text: string): void;
  apply(text?: string): Promise<void>;
  clear(): Promise<void>;
  /** Stops the running filter; the previous view stays. */
  cancel(): Promise<void>;
  save(label: string, filter: string): void;
  remove(label: string): void;
}

function storedList<T>(key: string, valid: (value: unknown) => value is T): T[] {
  const value = readStored(key);
  return Array.isArray(value) ? value.filter(valid) : [];
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isSaved = (value: unknown): value is SavedFilter =>
  typeof value === 'object' && value !== null && isString((value as SavedFilter).label) && isString((value as SavedFilter).filter);

/** Each apply takes a ticket; an answer for an older ticket (cancelled, superseded) changes nothing. */
let latestApply = 0;
/** A filter applied while no capture was open, applied when the first summary arrives. */
let pendingFilter: string | null = null;

export const useFilter = create<FilterState>((set, get) => ({
  text: '',
  check: { state: 'empty' },
  applying: false,
  applyingFilter: null,
  elapsedMs: null,
  history: storedList(historyKey, isString),
  saved: storedList(savedKey, isSaved),

  setText(text) {
    set({ text, check: validateFilter(text) });
  },

  async apply(text = get().text) {
    const filter = text.trim();
    set({ text, check: validateFilter(text) });
    if (get().check.state === 'invalid') return;
    if (!useCapture.getState().summary) {
      // Nothing open yet (or its first summary not in): apply once the capture is there.
      pendingFilter = filter;
      return;
    }
    pendingFilter = null;
    const ticket = ++latestApply;
    set({ applying: true, applyingFilter: filter });
    try {
      const result = await engine().applyFilter(filter);
      if (ticket !== latestApply) return;
      if (result.error) {
        set({ check: { state: 'invalid', ...result.error } });
        return;
      }
      set({ elapsedMs: result.elapsedMs });
      if (filter !== '') {
        const history = [filter, ...get().history.filter((entry) => entry !== filter)].slice(0, HISTORY_LIMIT);
        writeStored(historyKey, history);
        set({ history });
      }
      await keepSelection();
    } catch (error) {
      useCapture.getState().showProblem(error instanceof Error ? error.message : String(error));
    } finally {
      if (ticket === latestApply) {
        set({ applying: false, applyingFilter: null });
        useCapture.setState({ filterFraction: null });
      }
    }
  },

  async cancel() {
    if (!get().applying) return;
    latestApply++;
    set({ applying: false, applyingFilter: null, check: validateFilter(get().text) });
    useCapture.setState({ filterFraction: null });
    await engine().cancelFilter();
  },

  async clear() {
    await get().apply('');
  },

  save(label, filter) {
    const name = label.trim() || filter.trim();
    if (!name || !filter.trim()) return;
    const saved = [...get().saved.filter((entry) => entry.label !== name), { label: name, filter: filter.trim() }];
    writeStored(savedKey, saved);
    set({ saved });
  },

  remove(label) {
    const saved = get().saved.filter((entry) => entry.label !== label);
    writeStored(savedKey, saved);
    set({ saved });
  },
}));

/** After a new filter, the selected packet stays selected when it is still displayed (Wireshark does this). */
async function keepSelection(): Promise<void> {
  const selection = useSelection.getState();
  if (selection.frame === null) return;
  const index = await engine().displayedIndexOf(selection.frame);
  if (index < 0) selection.clear();
  else await selection.selectRow(index, selection.frame);
}

// Runs the filter applied before a capture was open (a saved-filter click during loading) as soon
// as the capture's first summary arrives.
useCapture.subscribe((state, previous) => {
  if (pendingFilter === null || !state.summary || previous.summary) return;
  const filter = pendingFilter;
  pendingFilter = null;
  if (state.summary.filter !== filter) void useFilter.getState().apply(filter);
});
