import type { MenuItemConstructorOptions } from 'electron';
import type { ShellCommand } from '../engine/api/contract';
import type { MenuLabels } from './menu-labels';

export interface MenuActions {
  /** Shows the native open dialog and opens the chosen file. */
  open(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  /** Sends a command to the page (the page owns selection, filter and export flows). */
  send(command: ShellCommand): void;
  about(): void;
}

/**
 * The application menu with Wireshark's shortcuts: Ctrl+O open, Ctrl+S save, Ctrl+K capture
 * options, Ctrl+E start/stop capture, Ctrl+G go to packet, Ctrl+F find, Ctrl+/ display filter, Ctrl+Up/Down previous/next.
 */
export function buildMenuTemplate(labels: MenuLabels, recent: readonly string[], actions: MenuActions, development: boolean): MenuItemConstructorOptions[] {
  const command = (label: string, accelerator: string, shellCommand: ShellCommand): MenuItemConstructorOptions => ({ label, accelerator, click: () => actions.send(shellCommand) });
  const recentItems: MenuItemConstructorOptions[] = recent.length === 0
    ? [{ label: '—', enabled: false }]
    : [...recent.map((path) => ({ label: path, click: () => actions.openRecent(path) })), { type: 'separator' as const }, { label: labels.clearRecent, click: () => actions.clearRecent() }];
  return [
    {
      label: labels.file,
      submenu: [
        { label: labels.open, accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
        { label: labels.openRecent, submenu: recentItems },
        { type: 'separator' },
        command(labels.save, 'CmdOrCtrl+S', { type: 'save' }),
        command(labels.exportDisplayed, 'CmdOrCtrl+Shift+E', { type: 'exportDisplayed' }),
        { type: 'separator' },
        { label: labels.quit, role: 'quit', accelerator: 'CmdOrCtrl+Q' },
      ],
    },
    {
      label: labels.edit,
      submenu: [
        { role: 'copy' },
        { role: 'selectAll' },
        { type: 'separator' },
        command(labels.find, 'CmdOrCtrl+F', { type: 'find' }),
      ],
    },
    {
      label: labels.view,
      submenu: [
        command(labels.focusFilter, 'CmdOrCtrl+/', { type: 'focusFilter' }),
        { type: 'separator' },
        { label: labels.fullScreen, role: 'togglefullscreen' },
        ...(development ? [{ label: labels.reload, role: 'reload' as const }, { label: labels.devTools, role: 'toggleDevTools' as const }] : []),
      ],
    },
    {
      label: labels.goTo,
      submenu: [
        command(labels.goToPacket, 'CmdOrCtrl+G', { type: 'goToPacket' }),
        command(labels.previous, 'CmdOrCtrl+Up', { type: 'previousPacket' }),
        command(labels.next, 'CmdOrCtrl+Down', { type: 'nextPacket' }),
      ],
    },
    {
      label: labels.capture,
      submenu: [
        command(labels.captureOptions, 'CmdOrCtrl+K', { type: 'captureOptions' }),
        command(labels.startStop, 'CmdOrCtrl+E', { type: 'toggleCapture' }),
      ],
    },
    {
      label: labels.help,
      submenu: [{ label: labels.about, click: () => actions.about() }],
    },
  ];
}
