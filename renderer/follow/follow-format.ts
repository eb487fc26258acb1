import type { FollowSegment } from '../../engine/api/contract';

/** Follow Stream's "Show data as" choices. */
export type FollowMode = 'ascii' | 'hex' | 'raw';
/** Which directions to show. */
export type FollowDirection = 'both' | 'client' | 'server';

/**
 * ASCII as Wireshark's Follow Stream shows it: printable characters, tabs and line feeds as
 * themselves, carriage returns dropped (CRLF reads as one line break), everything else '.'.
 */
export function asciiText(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    if (byte === 0x0d) continue;
    text += byte === 0x0a || byte === 0x09 || (byte >= 0x20 && byte < 0x7f) ? String.fromCharCode(byte) : '.';
  }
  return text;
}

const hex2 = (byte: number) => byte.toString(16).padStart(2, '0');

/**
 * Wireshark's hex dump of one segment: the offset in this direction's byte stream (8 hex
 * digits), 16 bytes in two groups of 8, then the same bytes as ASCII in two groups.
 */
export function hexDump(bytes: Uint8Array, streamOffset: number): string {
  const lines: string[] = [];
  for (let start = 0; start < bytes.length; start += 16) {
    const line = bytes.subarray(start, Math.min(bytes.length, start + 16));
    const hex = [...line].map(hex2);
    const ascii = [...line].map((byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.'));
    const hexText = `${hex.slice(0, 8).join(' ')}  ${hex.slice(8).join(' ')}`.padEnd(48);
    lines.push(`${(streamOffset + start).toString(16).padStart(8, '0')}  ${hexText}  ${ascii.slice(0, 8).join('')} ${ascii.slice(8).join('')}`.trimEnd());
  }
  return lines.join('\n');
}

export function rawHex(bytes: Uint8Array): string {
  return [...bytes].map(hex2).join('');
}

export function segmentText(segment: FollowSegment, mode: FollowMode): string {
  if (segment.missing) return `[${segment.bytes.length} bytes missing in capture file]`;
  if (mode === 'ascii') return asciiText(segment.bytes);
  if (mode === 'hex') return hexDump(segment.bytes, segment.offset);
  return rawHex(segment.bytes);
}

/** Wireshark's summary line: client packets, server packets and turns (changes of direction, plus one). */
export function conversationCounts(segments: readonly FollowSegment[]): { clientPackets: number; serverPackets: number; turns: number } {
  let clientPackets = 0;
  let serverPackets = 0;
  let turns = 0;
  let previous: boolean | null = null;
  for (const segment of segments) {
    if (segment.fromServer) serverPackets++;
    else clientPackets++;
    if (segment.fromServer !== previous) turns++;
    previous = segment.fromServer;
  }
  return { clientPackets, serverPackets, turns };
}

export function visibleSegments(segments: readonly FollowSegment[], direction: FollowDirection): FollowSegment[] {
  return segments.filter((segment) => direction === 'both' || segment.fromServer === (direction === 'server'));
}
