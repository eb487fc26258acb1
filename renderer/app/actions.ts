import { chooseWithShell, exportDisplayed } from '../file/open-file';
import { useCapture } from '../state/capture-store';
import { engine } from '../state/engine';
import { useRows } from '../state/rows-store';
import { useSelection } from '../state/selection-store';

/** Element ids the shortcuts reach for. */
export const FILTER_INPUT_ID = 'display-filter';
export const FILE_INPUT_ID = 'open-file-input';
export const GO_TO_INPUT_ID = 'go-to-packet';

/**
 * What menu items, shortcuts and buttons do; one place, so Ctrl+O in the page and File › Open
 * in the desktop menu cannot drift apart.
 */
export async function selectDisplayed(index: number): Promise<void> {
  const displayed = useCapture.getState().summary?.displayed ?? 0;
  if (displayed === 0) return;
  const clamped = Math.min(Math.max(0, index), displayed - 1);
  let row = useRows.getState().row(clamped);
  if (!row) [row] = await engine().rows(clamped, 1);
  if (row) await useSelection.getState().selectRow(clamped, row.frame);
}

export function selectRelative(delta: number): Promise<void> {
  const current = useSelection.getState().displayedIndex;
  return selectDisplayed(current === null ? (delta > 0 ? 0 : Number.MAX_SAFE_INTEGER) : current + delta);
}

/** Ctrl+G: selects the frame if it is displayed; returns false when it is not. */
export async function goToPacket(frame: number): Promise<boolean> {
  if (!useCapture.getState().summary || !Number.isInteger(frame) || frame < 1) return false;
  const index = await engine().displayedIndexOf(frame);
  if (index < 0) return false;
  await selectDisplayed(index);
  return true;
}

function focusInput(id: string): void {
  const input = document.getElementById(id);
  if (input instanceof HTMLInputElement) {
    input.focus();
    input.select();
  }
}

export const focusFilter = () => focusInput(FILTER_INPUT_ID);
/** Ctrl+G: the toolbar's packet number box (no window.prompt: Electron does not implement it). */
export const focusGoToPacket = () => focusInput(GO_TO_INPUT_ID);

export async function openDialog(): Promise<void> {
  if (await chooseWithShell()) return;
  document.getElementById(FILE_INPUT_ID)?.click();
}

export async function toggleMarkSelected(): Promise<void> {
  const { frame, displayedIndex } = useSelection.getState();
  if (frame === null || displayedIndex === null) return;
  const row = useRows.getState().row(displayedIndex);
  await engine().setMarked([frame], !(row?.marked ?? false));
}

export { exportDisplayed };
