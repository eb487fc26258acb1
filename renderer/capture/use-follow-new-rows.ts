import { useEffect, useRef } from 'react';
import { maxFirstRow, type ScrollGeometry } from '../packet-list/scaled-scroll';
import { useCapture } from '../state/capture-store';
import { useLiveCapture } from './live-capture-store';

/**
 * Whether the list shows its last row, even partly. (Partly counts: a viewport that is not a
 * whole number of rows shows the row after the last whole one cut.)
 */
export function showsLastRow(first: number, geometry: ScrollGeometry): boolean {
  return first + Math.ceil(geometry.viewportHeight / geometry.rowHeight) >= geometry.rowCount;
}

/**
 * The packet list's auto-scroll during a live capture: when rows are added while the list
 * shows its last row, it scrolls to the new last row. A move by the user away from the bottom
 * (wheel, scrollbar, keys) pauses that; coming back to the bottom resumes it. Each new capture
 * starts following.
 *
 * `first` is the list's (clamped) first row, `setFirstRow` its setter.
 */
export function useFollowNewRows(first: number, geometry: ScrollGeometry, setFirstRow: (row: number) => void): void {
  const running = useLiveCapture((state) => state.status?.running === true);
  const following = useLiveCapture((state) => state.following);
  // After Stop, the capture's last rows come in one more summary: keep following until they are in.
  const stoppedWith = useLiveCapture((state) => (state.status && !state.status.running ? state.status.packets : null));
  const frames = useCapture((state) => state.summary?.frames ?? 0);
  const awaitingLastRows = stoppedWith !== null && frames < stoppedWith;
  const wasAwaiting = useRef(false);
  const previous = useRef({ first, rows: geometry.rowCount });
  const live = running || awaitingLastRows || wasAwaiting.current;

  useEffect(() => {
    const moved = first !== previous.current.first;
    const grew = geometry.rowCount > previous.current.rows;
    previous.current = { first, rows: geometry.rowCount };
    wasAwaiting.current = awaitingLastRows;
    if (!live) return;
    let follow = following;
    if (moved) {
      follow = showsLastRow(first, geometry);
      useLiveCapture.getState().setFollowing(follow);
    }
    // Only new rows move the list, so a scrollbar that maps back one row short cannot fight us.
    if (follow && grew) setFirstRow(maxFirstRow(geometry));
  });
}
