import { useEffect } from 'react';
import type { ShellCommand } from '../../engine/api/contract';
import { openCaptureOptions, toggleCapture } from '../capture/capture-actions';
import { useCapture } from '../state/capture-store';
import { focusFilter, focusGoToPacket, openDialog, openExport, openFind, selectRelative, toggleMarkSelected } from './actions';

/** Runs a desktop-menu command (the same actions as the page's own shortcuts). */
export function runCommand(command: ShellCommand): void {
  switch (command.type) {
    case 'open':
      void useCapture.getState().openPath(command.path);
      break;
    case 'save':
    case 'exportDisplayed':
      openExport();
      break;
    case 'goToPacket':
      focusGoToPacket();
      break;
    case 'find':
      openFind();
      break;
    case 'focusFilter':
      focusFilter();
      break;
    case 'previousPacket':
      void selectRelative(-1);
      break;
    case 'nextPacket':
      void selectRelative(1);
      break;
    case 'toggleCapture':
      void toggleCapture();
      break;
    case 'captureOptions':
      openCaptureOptions();
      break;
  }
}

/**
 * Wireshark's keyboard shortcuts in the page. In the desktop app the menu's accelerators send
 * the same commands; the page handles keys only when no shell is present, so nothing runs twice.
 */
export function useShortcuts(): void {
  useEffect(() => {
    const shell = window.packetLensShell;
    if (shell) return shell.onCommand(runCommand);
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const commands: Record<string, ShellCommand> = {
        o: { type: 'open', path: '' }, s: { type: 'save' }, g: { type: 'goToPacket' }, f: { type: 'find' }, '/': { type: 'focusFilter' },
        ArrowUp: { type: 'previousPacket' }, ArrowDown: { type: 'nextPacket' }, e: { type: 'toggleCapture' }, k: { type: 'captureOptions' },
      };
      const command = commands[event.key];
      if (event.key === 'm') {
        event.preventDefault();
        void toggleMarkSelected();
        return;
      }
      if (!command) return;
      event.preventDefault();
      if (command.type === 'open') void openDialog();
      else runCommand(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
