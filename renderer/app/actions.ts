import type { SortColumn, TreeItem } from '../../engine/api/contract';
import { chooseWithShell } from '../file/open-file';
import { useCapture } from '../state/capture-store';
import { useDialogs } from '../state/dialog-store';
import { engine } from '../state/engine';
import { useFields } from '../state/fields-store';
import { useRows } from '../state/rows-store';
import { useSelection } from '../state/selection-store';

/** Element ids the shortcuts reach for. */
export const FILTER_INPUT_ID = 'display-filter';
export const FILE_INPUT_ID = 'open-file-input';
export const GO_TO_INPUT_ID = 'go-to-packet';
export const FIND_INPUT_ID = 'find-packet';

/**
 * What menu items, shortcuts and buttons do; one place, so Ctrl+O in the page and File › Open
 * in the desktop menu cannot drift apart.
 */
let latestSelect = 0;

export async function selectDisplayed(index: number): Promise<void> {
  const displayed = useCapture.getState().summary?.displayed ?? 0;
  if (displayed === 0) return;
  const clamped = Math.min(Math.max(0, index), displayed - 1);
  // Quick ←/→ may fetch uncached rows: only the latest request may select, or an older answer
  // arriving last would win.
  const ticket = ++latestSelect;
  let row = useRows.getState().row(clamped);
  if (!row) [row] = await engine().rows(clamped, 1);
  if (row && ticket === latestSelect) await useSelection.getState().selectRow(clamped, row.frame);
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

/** Header click: ascending, then descending, then frame order again (Wireshark's cycle). */
export async function sortByColumn(column: SortColumn): Promise<void> {
  const summary = useCapture.getState().summary;
  if (!summary) return;
  const current = summary.sort;
  const next = current?.column !== column ? { column, ascending: true } : current.ascending ? { column, ascending: false } : null;
  try {
    await engine().sortView(next);
    const frame = useSelection.getState().frame;
    if (frame !== null) {
      // The selected packet stays selected at its new place.
      const index = await engine().displayedIndexOf(frame);
      if (index >= 0) await useSelection.getState().selectRow(index, frame);
    }
  } catch (error) {
    useCapture.getState().showProblem(error instanceof Error ? error.message : String(error));
  }
}

/** The first numeric value of any of `fieldIds` in a detail tree (tcp.stream, udp.stream), or null. */
export function findValue(items: readonly TreeItem[], fieldIds: ReadonlySet<number>): number | null {
  for (const item of items) {
    if (fieldIds.has(item.field) && typeof item.value === 'number') return item.value;
    const inner = item.children ? findValue(item.children, fieldIds) : null;
    if (inner !== null) return inner;
  }
  return null;
}

/** Analyze › Follow › TCP/UDP Stream for the selected packet: its `tcp.stream` / `udp.stream`. */
export async function followSelected(protocol: 'tcp' | 'udp'): Promise<void> {
  const { frame, detail } = useSelection.getState();
  if (frame === null) return;
  const tree = detail?.frame === frame ? detail.tree : (await engine().detail(frame)).tree;
  const streamFields = new Set([...useFields.getState().byId.values()].filter((field) => field.abbrev === `${protocol}.stream`).map((field) => field.id));
  const stream = findValue(tree, streamFields);
  if (stream === null) {
    useCapture.getState().showProblem(protocol === 'tcp' ? 'The selected packet is not a TCP packet.' : 'The selected packet is not a UDP packet.');
    return;
  }
  useDialogs.getState().show({ kind: 'follow', request: { protocol, stream } });
}

export function openFind(): void {
  useDialogs.getState().setFindOpen(true);
  requestAnimationFrame(() => focusInput(FIND_INPUT_ID));
}

export function openExport(): void {
  if (useCapture.getState().summary) useDialogs.getState().show({ kind: 'export' });
}
