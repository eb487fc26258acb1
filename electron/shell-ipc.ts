import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { isAppUrl } from './app-protocol';
import type { PortReceiver } from './engine-host';

export const SHELL_CHANNELS = {
  chooseOpenPath: 'shell:choose-open-path',
  chooseSavePath: 'shell:choose-save-path',
  connectEngine: 'engine:connect',
  command: 'shell:command',
} as const;

type AnyIpcEvent = Pick<IpcMainEvent | IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

export interface ShellIpcDependencies {
  /** The one WebContents allowed to talk to the shell (the main window's). */
  trustedContents(): unknown;
  showOpenDialog(): Promise<string | null>;
  showSaveDialog(defaultName: string): Promise<string | null>;
  connectEngine(receiver: PortReceiver): void;
}

/** A message counts only if it comes from our window's top frame showing app://packetlens. */
export function isTrustedSender(event: AnyIpcEvent, trusted: unknown): boolean {
  const frame = event.senderFrame;
  return event.sender === trusted && frame !== null && frame !== undefined && frame.parent === null && isAppUrl(frame.url);
}

/** A file name for the save dialog's default: no directories, no control characters, bounded. */
export function safeFileName(value: unknown): string {
  if (typeof value !== 'string') return 'capture.pcapng';
  const name = [...value].map((character) => (character === '/' || character === '\\' || character.charCodeAt(0) < 0x20 ? '_' : character)).join('').slice(0, 200).trim();
  return name === '' || name === '.' || name === '..' ? 'capture.pcapng' : name;
}

/**
 * The shell's IPC: native dialogs and the engine introduction. Every handler checks its sender
 * and validates its arguments; an untrusted sender gets an error (invoke) or nothing (send).
 */
export function registerShellIpc(ipcMain: Pick<IpcMain, 'handle' | 'on'>, dependencies: ShellIpcDependencies): void {
  const guard = (event: AnyIpcEvent) => {
    if (!isTrustedSender(event, dependencies.trustedContents())) throw new Error('untrusted sender');
  };
  ipcMain.handle(SHELL_CHANNELS.chooseOpenPath, (event) => {
    guard(event);
    return dependencies.showOpenDialog();
  });
  ipcMain.handle(SHELL_CHANNELS.chooseSavePath, (event, defaultName: unknown) => {
    guard(event);
    return dependencies.showSaveDialog(safeFileName(defaultName));
  });
  ipcMain.on(SHELL_CHANNELS.connectEngine, (event) => {
    if (!isTrustedSender(event, dependencies.trustedContents())) return;
    dependencies.connectEngine(event.sender);
  });
}
