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
  // The first row this hook asked for: reaching it is our own scroll, not the user's, even when
  // more rows arrived before the list rendered it (the bottom then lies further down).
  const requested = useRef<number | null>(null);
  const live = running || awaitingLastRows || wasAwaiting.current;

  useEffect(() => {
    const step = followStep({ first, previous: previous.current, requested: requested.current, following, geometry });
    previous.current = { first, rows: geometry.rowCount };
    wasAwaiting.current = awaitingLastRows;
    if (!live) return;
    if (step.following !== following) useLiveCapture.getState().setFollowing(step.following);
    if (step.scrollTo !== null) {
      requested.current = step.scrollTo;
      setFirstRow(step.scrollTo);
    }
  });
}

export interface FollowInput {
  /** The list's first row now, and the first row and row count at the previous render. */
  first: number;
  previous: { first: number; rows: number };
  /** The first row the hook last asked for (null before any). */
  requested: number | null;
  following: boolean;
  geometry: ScrollGeometry;
}

/**
 * One render's decision: a move of the first row that the hook did not ask for is the user's
 * and decides whether to keep following (at the bottom: yes); new rows while following scroll
 * to the new bottom. Reaching the row the hook asked for is its own move, even when more rows
 * arrived before the list rendered it, so the bottom then lies further down.
 */
export function followStep(input: FollowInput): { following: boolean; scrollTo: number | null } {
  const { first, previous, requested, geometry } = input;
  const moved = first !== previous.first;
  const grew = geometry.rowCount > previous.rows;
  const userMove = moved && first !== requested;
  const following = userMove ? showsLastRow(first, geometry) : input.following;
  // Only new rows move the list, so a scrollbar that maps back one row short cannot fight us.
  return { following, scrollTo: following && grew ? maxFirstRow(geometry) : null };
}
