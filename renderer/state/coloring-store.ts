import { create } from 'zustand';
import { defaultUserRules, parseStoredRules, rowColors, type UserColoringRule } from '../packet-list/user-coloring-rules';
import { engine } from './engine';
import { readStored, writeStored } from './persisted';
import { useCapture } from './capture-store';
import { useRows } from './rows-store';

const storageKey = 'packetlens.coloringRules';

interface ColoringState {
  rules: UserColoringRule[];
  /** Replaces the rules: persists them and has the engine evaluate them. */
  setRules(rules: UserColoringRule[]): void;
}

const stored = parseStoredRules(readStored(storageKey));

export const useColoring = create<ColoringState>((set) => ({
  rules: stored ?? defaultUserRules(),
  setRules(rules) {
    writeStored(storageKey, rules);
    set({ rules });
    void pushRules(rules);
  },
}));

async function pushRules(rules: readonly UserColoringRule[]): Promise<void> {
  try {
    await engine().setColoringRules(rules.map(({ name, filter, enabled }) => ({ name, filter, enabled })));
    // Rows carry the index of the rule they match: fetch them again under the new list.
    useRows.getState().invalidate();
  } catch (error) {
    useCapture.getState().showProblem(error instanceof Error ? error.message : String(error));
  }
}

/** At start-up: the engine starts with Wireshark's defaults, so only rules the user changed are sent. */
export function startColoringSync(): void {
  if (stored) void pushRules(stored);
}

/** rowColors that re-renders the row when the user edits the rules. */
export function useRowColors(colorRule: number | null): { background: string; color: string } | null {
  const rules = useColoring((state) => state.rules);
  return colorRule === null ? null : rowColors(colorRule, rules);
}
