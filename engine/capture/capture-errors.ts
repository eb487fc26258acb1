import { realpathSync } from 'node:fs';

export type CaptureErrorKind = 'permission' | 'unavailable' | 'no-such-interface' | 'filter' | 'failed' | 'busy';

/**
 * A capture problem the user must read: `message` is complete, plain text (the CLI prints it
 * as is; the API sends it as a `problem` event). Never carries a stack trace to the user.
 */
export class CaptureError extends Error {
  constructor(
    readonly kind: CaptureErrorKind,
    message: string,
    /** libpcap's / dumpcap's own text, when there is one. */
    readonly detail: string | null = null,
  ) {
    super(message);
    this.name = 'CaptureError';
  }
}

/** libpcap/dumpcap wordings of "no privileges" (Linux, macOS, Windows/Npcap). */
const permissionPattern = /permission|operation not permitted|EPERM|EACCES|access is denied/i;
const noSuchDevicePattern = /no such device|doesn't exist|not exist|no such interface/i;

export function isPermissionText(text: string): boolean {
  return permissionPattern.test(text);
}

export function isNoSuchDeviceText(text: string): boolean {
  return noSuchDevicePattern.test(text);
}

/** The capture helper binary: the Node (or Electron) executable running the engine. */
export function captureHelperPath(): string {
  try {
    return realpathSync(process.execPath);
  } catch {
    return process.execPath;
  }
}

/**
 * The exact, OS-specific way to grant capture rights to the capture helper (never "run the
 * app as root"). One line per alternative.
 */
export function permissionFixes(platform: NodeJS.Platform = process.platform): string[] {
  switch (platform) {
    case 'linux':
      return [
        `Give the capture helper the two capture capabilities (once, and again after updating Node/PacketLens):\n      sudo setcap cap_net_raw,cap_net_admin=eip ${captureHelperPath()}`,
        'Or use Wireshark\'s dumpcap: run "sudo dpkg-reconfigure wireshark-common" and answer Yes, then\n      sudo usermod -aG wireshark $USER\n    and log out and back in.',
      ];
    case 'darwin':
      return [
        'Install ChmodBPF (Wireshark\'s "Install ChmodBPF.pkg", or: brew install --cask wireshark-chmodbpf), then log out and back in.',
      ];
    case 'win32':
      return [
        'Install Npcap from https://npcap.com (tick "WinPcap API-compatible mode"). If it was installed with "Restrict Npcap driver\'s access to Administrators only", reinstall it without that option.',
      ];
    default:
      return ['Allow your user to open the packet capture device (see your system\'s libpcap documentation).'];
  }
}

/** The message shown when capture lacks privileges on `interfaceName`. */
export function permissionError(interfaceName: string, detail: string, platform: NodeJS.Platform = process.platform): CaptureError {
  const fixes = permissionFixes(platform).map((fix) => `  - ${fix}`).join('\n');
  const message = `You don't have permission to capture on "${interfaceName}" (${detail.trim()}).\n`
    + `To capture without running PacketLens as root:\n${fixes}\nThen retry. Opening and analysing files works without these permissions.`;
  return new CaptureError('permission', message, detail);
}

/** Why capture is impossible here at all (no libpcap binding, no dumpcap). */
export function unavailableError(reason: string): CaptureError {
  return new CaptureError('unavailable', `Live capture is not available: ${reason}\n`
    + 'Install libpcap and rebuild the capture module:\n'
    + '      sudo apt-get install libpcap-dev && npm rebuild cap\n'
    + '  (or install Wireshark\'s dumpcap: sudo apt-get install wireshark-common). Opening files works without it.', reason);
}

/** Turns a libpcap error text for `interfaceName` into the right CaptureError. */
export function classifyOpenError(interfaceName: string, text: string): CaptureError {
  if (isPermissionText(text)) return permissionError(interfaceName, text);
  if (isNoSuchDeviceText(text)) return new CaptureError('no-such-interface', `There is no capture interface "${interfaceName}" (${text.trim()}). List them with -D.`, text);
  return new CaptureError('failed', `Capture on "${interfaceName}" failed: ${text.trim()}`, text);
}
