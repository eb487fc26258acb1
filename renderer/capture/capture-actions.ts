import type { CaptureOptions, CapturePermissionSetup } from '../../engine/api/contract';
import { exportPackets } from '../file/open-file';
import { useCapture } from '../state/capture-store';
import { useDialogs } from '../state/dialog-store';
import { engine } from '../state/engine';
import { captureFileName, errorText } from './format';
import { useLiveCapture } from './live-capture-store';

/**
 * What the Capture menu, the toolbar, Ctrl+E and the dialogs do (one place, as app/actions.ts
 * does for the rest): start, stop, restart, retry, save.
 */
export function openCaptureOptions(): void {
  useDialogs.getState().show({ kind: 'captureOptions' });
}

/** Starts capturing; a refusal (permissions: with the exact fix) opens the problem dialog with Retry. */
export async function startCapture(options: CaptureOptions): Promise<boolean> {
  const live = useLiveCapture.getState();
  if (live.busy || live.status?.running) return false;
  useLiveCapture.setState({ busy: true, lastOptions: options });
  try {
    const status = await engine().startCapture(options);
    // The engine made the capture's file the open one (its summary came before this answer).
    useLiveCapture.getState().started(options, status, useCapture.getState().summary?.name ?? null);
    if (useDialogs.getState().dialog?.kind === 'captureProblem') useDialogs.getState().close();
    return true;
  } catch (error) {
    const message = errorText(error);
    // The engine also announced it as a problem: the dialog says it, the banner need not.
    if (useCapture.getState().problem?.message.trim() === message) useCapture.getState().dismissProblem();
    useDialogs.getState().show({ kind: 'captureProblem', message });
    return false;
  } finally {
    useLiveCapture.setState({ busy: false });
  }
}

export async function stopCapture(): Promise<void> {
  if (useLiveCapture.getState().busy) return;
  useLiveCapture.setState({ busy: true });
  try {
    const status = await engine().stopCapture();
    if (status) useLiveCapture.getState().receiveStatus(status, true);
  } catch (error) {
    useCapture.getState().showProblem(errorText(error));
  } finally {
    useLiveCapture.setState({ busy: false });
  }
}

/** Ctrl+E: stops a running capture, or starts one with the last options (first time: the dialog). */
export async function toggleCapture(): Promise<void> {
  const { status, lastOptions } = useLiveCapture.getState();
  if (status?.running) return stopCapture();
  if (lastOptions) {
    await startCapture(lastOptions);
    return;
  }
  openCaptureOptions();
}

/** Capture › Restart: the same options again, from an empty list (the previous packets are dropped). */
export async function restartCapture(): Promise<void> {
  const { lastOptions } = useLiveCapture.getState();
  if (!lastOptions) return openCaptureOptions();
  if (useLiveCapture.getState().status?.running) await stopCapture();
  await startCapture(lastOptions);
}

export async function retryCapture(): Promise<void> {
  const { lastOptions } = useLiveCapture.getState();
  if (lastOptions) await startCapture(lastOptions);
}

/** The problem dialog's "Set up capture permissions" (Linux: a pkexec password prompt); Retry follows. */
export async function setUpCapturePermissions(): Promise<CapturePermissionSetup> {
  try {
    return await engine().setUpCapturePermissions();
  } catch (error) {
    return { outcome: 'failed', message: errorText(error) };
  }
}

/** Saves the stopped capture's packets (desktop: a path; browser: a download); false if cancelled. */
export async function saveCapturedPackets(): Promise<boolean> {
  const { lastOptions, startedAt } = useLiveCapture.getState();
  const name = captureFileName(lastOptions?.interfaceName ?? 'capture', startedAt ?? new Date());
  const written = await exportPackets('all', 'pcapng', name);
  if (written === null) return false;
  useLiveCapture.setState({ unsaved: false });
  return true;
}
