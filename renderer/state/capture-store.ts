import { create } from 'zustand';
import type { CaptureSummary, EngineEvent } from '../../engine/api/contract';
import { engine } from './engine';
import { useRows } from './rows-store';
import { useSelection } from './selection-store';

interface CaptureState {
  summary: CaptureSummary | null;
  /** Frames indexed so far while loading. */
  loadedFrames: number | null;
  /** Fraction of a running filter, 0..1, or null. */
  filterFraction: number | null;
  /** Fraction of a running sort by a text column, 0..1, or null. */
  sortFraction: number | null;
  problem: { message: string; detail?: string } | null;
  disconnected: boolean;
  openPath(path: string): Promise<void>;
  openUpload(name: string, bytes: Uint8Array): Promise<void>;
  handleEvent(event: EngineEvent): void;
  showProblem(message: string, detail?: string): void;
  dismissProblem(): void;
  setDisconnected(): void;
}

export const useCapture = create<CaptureState>((set, get) => {
  /** Set from an open request until its capture's first summary arrives (it may come while loading). */
  let awaitingNewFile = false;

  const adopt = (summary: CaptureSummary, newFile: boolean) => {
    const previous = get().summary;
    const sameView = !newFile && previous !== null && previous.filter === summary.filter && previous.marked === summary.marked
      && JSON.stringify(previous.sort ?? null) === JSON.stringify(summary.sort ?? null)
      && (previous.customColumns ?? []).join('\n') === (summary.customColumns ?? []).join('\n');
    // Frames appended to a view in frame order (a file still loading, a live capture) leave the
    // rows already shown as they are: only rows from the old end on are fetched again.
    const appended = sameView && summary.filter === '' && !summary.sort && summary.displayed >= previous.displayed && summary.frames >= previous.frames;
    const unchanged = sameView && previous.displayed === summary.displayed && previous.frames === summary.frames;
    set({ summary, loadedFrames: summary.loading ? get().loadedFrames : null });
    if (appended && !unchanged) useRows.getState().invalidateFrom(previous.displayed);
    else if (!unchanged) useRows.getState().invalidate();
    if (newFile) useSelection.getState().clear();
  };

  const opening = async (open: () => Promise<CaptureSummary>) => {
    set({ problem: null, loadedFrames: 0 });
    awaitingNewFile = true;
    try {
      const summary = await open();
      adopt(summary, awaitingNewFile);
    } catch (error) {
      set({ loadedFrames: null });
      get().showProblem(error instanceof Error ? error.message : String(error));
    } finally {
      awaitingNewFile = false;
    }
  };

  return {
    summary: null,
    loadedFrames: null,
    filterFraction: null,
    sortFraction: null,
    problem: null,
    disconnected: false,
    openPath: (path) => opening(() => engine().openFile(path)),
    openUpload: (name, bytes) => opening(() => engine().openUpload(name, bytes)),
    handleEvent(event) {
      switch (event.type) {
        case 'summary':
          // The opened file's first summary, sent while it loads: a new file (clear the selection).
          adopt(event.payload, awaitingNewFile);
          awaitingNewFile = false;
          break;
        case 'progress':
          set({ loadedFrames: event.payload.done ? null : event.payload.frames });
          break;
        case 'filterProgress':
          set({ filterFraction: event.payload.fraction >= 1 ? null : event.payload.fraction });
          break;
        case 'sortProgress':
          set({ sortFraction: event.payload.fraction >= 1 ? null : event.payload.fraction });
          break;
        case 'problem':
          get().showProblem(event.payload.message, event.payload.detail);
          break;
      }
    },
    showProblem: (message, detail) => set({ problem: detail === undefined ? { message } : { message, detail } }),
    dismissProblem: () => set({ problem: null }),
    setDisconnected: () => set({ disconnected: true }),
  };
});
