import { create } from 'zustand';

export type LearnTab = 'stepper' | 'flow' | 'explain' | 'diagram';

interface LearnState {
  /** The learning panel beside the packet panes. */
  open: boolean;
  tab: LearnTab;
  /** The TCP stream the stepper shows, or null before one is chosen. */
  stream: number | null;
  show(tab: LearnTab): void;
  toggle(): void;
  close(): void;
  stepThrough(stream: number): void;
}

export const useLearn = create<LearnState>((set, get) => ({
  open: false,
  tab: 'explain',
  stream: null,
  show: (tab) => set({ open: true, tab }),
  toggle: () => set({ open: !get().open }),
  close: () => set({ open: false }),
  stepThrough: (stream) => set({ open: true, tab: 'stepper', stream }),
}));
