/** Wireshark's hex dump layout: 16 bytes a line, an extra gap after the eighth. */
export const BYTES_PER_LINE = 16;

/** Offset column: at least 4 hex digits, more for sources over 64 KiB. */
export function offsetText(offset: number, sourceLength: number): string {
  const digits = Math.max(4, Math.ceil(Math.log2(Math.max(2, sourceLength)) / 4));
  return offset.toString(16).padStart(digits, '0');
}

export function hexByte(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

/** Printable ASCII as itself, everything else as a dot. */
export function asciiChar(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
}

export function lineCount(length: number): number {
  return Math.ceil(length / BYTES_PER_LINE);
}
