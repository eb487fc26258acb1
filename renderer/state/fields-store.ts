import { create } from 'zustand';
import type { FieldInfo } from '../../engine/api/contract';
import { engine } from './engine';

interface FieldsState {
  /** The engine's fields by the engine's ids (TreeItem.field). */
  byId: ReadonlyMap<number, FieldInfo>;
  load(): Promise<void>;
}

export const useFields = create<FieldsState>((set) => ({
  byId: new Map(),
  async load() {
    const fields = await engine().fields();
    set({ byId: new Map(fields.map((field) => [field.id, field])) });
  },
}));
