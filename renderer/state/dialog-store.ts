import { create } from 'zustand';
import type { FollowRequest } from '../../engine/api/contract';

/** The dialogs PacketLens opens over the main window (one at a time, like Wireshark's modal ones). */
export type DialogSpec =
  | { kind: 'fileProperties' }
  | { kind: 'export' }
  | { kind: 'follow'; request: FollowRequest }
  | { kind: 'conversations' }
  | { kind: 'endpoints' }
  | { kind: 'protocolHierarchy' }
  | { kind: 'ioGraph' }
  | { kind: 'expert' }
  | { kind: 'coloringRules' }
  | { kind: 'captureOptions' }
  | { kind: 'captureProblem'; message: string };

interface DialogState {
  dialog: DialogSpec | null;
  /** The Find Packet bar under the filter bar (Ctrl+F). */
  findOpen: boolean;
  show(dialog: DialogSpec): void;
  close(): void;
  setFindOpen(open: boolean): void;
}

export const useDialogs = create<DialogState>((set) => ({
  dialog: null,
  findOpen: false,
  show: (dialog) => set({ dialog }),
  close: () => set({ dialog: null }),
  setFindOpen: (findOpen) => set({ findOpen }),
}));
