import type { CaptureFormat, PacketSelection } from '../../engine/api/contract';
import { useCapture } from '../state/capture-store';
import { engine } from '../state/engine';

/**
 * Opening and saving, desktop or browser: the desktop shell gives native dialogs and file
 * paths; in browser mode files are uploaded whole and exports are downloaded.
 */
export async function openChosenFile(file: File): Promise<void> {
  const path = window.packetLensShell?.pathForFile(file) ?? null;
  if (path) return useCapture.getState().openPath(path);
  const bytes = new Uint8Array(await file.arrayBuffer());
  return useCapture.getState().openUpload(file.name, bytes);
}

/** Desktop: the native dialog. Browser: returns false so the caller clicks its file input. */
export async function chooseWithShell(): Promise<boolean> {
  const shell = window.packetLensShell;
  if (!shell) return false;
  const path = await shell.chooseOpenPath();
  if (path) await useCapture.getState().openPath(path);
  return true;
}

/**
 * Exports all, displayed or marked packets as pcap or pcapng, offered under `fileName` (default:
 * the capture's name and the selection); returns how many were written (null if cancelled or failed).
 */
export async function exportPackets(selection: PacketSelection, format: CaptureFormat, fileName?: string): Promise<number | null> {
  const summary = useCapture.getState().summary;
  if (!summary) return null;
  const name = fileName ?? `${summary.name.replace(/\.(pcapng|pcap|cap)$/i, '')}-${selection}.${format}`;
  try {
    const shell = window.packetLensShell;
    if (shell) {
      const path = await shell.chooseSavePath(name);
      if (!path) return null;
      return (await engine().exportPackets(selection, format, path)).packets;
    }
    const result = await engine().exportPackets(selection, format, null);
    if (result.bytes) download(name, result.bytes);
    return result.packets;
  } catch (error) {
    useCapture.getState().showProblem(error instanceof Error ? error.message : String(error));
    return null;
  }
}

function download(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
