import type { DesktopShell, PacketLensClient } from '../engine/api/contract';

/**
 * What the desktop shell's preload exposes (electron/preload.ts): one function per API
 * operation plus events, and the shell's own dialogs and menu commands. Both are absent in
 * browser mode.
 */
declare global {
  interface Window {
    packetLens?: PacketLensClient;
    packetLensShell?: DesktopShell;
  }
}

export {};
