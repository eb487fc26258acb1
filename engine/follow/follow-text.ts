import type { FollowEndpoint, FollowResult } from '../api/contract.js';

export type FollowMode = 'ascii' | 'hex' | 'raw';

const separator = '===================================================================';

/**
 * tshark 4.0's `-z follow` output: a banner, the filter, the two nodes (Node 0 sent the first
 * packet), then one chunk per segment, the server's indented by a tab. ascii: the byte count,
 * then the text with unprintable bytes as '.'; hex: a hexdump with per-direction offsets;
 * raw: the bytes as one hex line.
 */
export function formatFollow(result: FollowResult, mode: FollowMode): string {
  const lines: string[] = ['', separator, `Follow: ${result.protocol},${mode}`, `Filter: ${result.filter}`, `Node 0: ${endpointText(result.client)}`, `Node 1: ${endpointText(result.server)}`];
  let text = `${lines.join('\n')}\n`;
  for (const segment of result.segments) {
    const indent = segment.fromServer ? '\t' : '';
    if (mode === 'ascii') text += `${indent}${segment.bytes.length}\n${printable(segment.bytes)}\n`;
    else if (mode === 'raw') text += `${indent}${hexString(segment.bytes)}\n`;
    else text += hexDump(segment.bytes, segment.offset, indent);
  }
  return `${text}${separator}\n`;
}

/** "10.0.0.1:80", "[2001:db8::1]:80"; tshark prints ":0" style emptiness when nothing matched. */
function endpointText(endpoint: FollowEndpoint | null): string {
  if (endpoint === null) return ':0';
  return endpoint.address.includes(':') ? `[${endpoint.address}]:${endpoint.port}` : `${endpoint.address}:${endpoint.port}`;
}

/** CR and LF kept, other bytes outside printable ASCII as '.'. */
function printable(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte === 0x0d || byte === 0x0a || (byte >= 0x20 && byte < 0x7f) ? String.fromCharCode(byte) : '.';
  return text;
}

function hexString(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
  return text;
}

/** 16 bytes a line: offset (8 upper-case hex digits), hex with a gap after 8, ASCII with a gap after 8. */
function hexDump(bytes: Uint8Array, startOffset: number, indent: string): string {
  let text = '';
  for (let lineStart = 0; lineStart < bytes.length; lineStart += 16) {
    const line = bytes.subarray(lineStart, Math.min(lineStart + 16, bytes.length));
    let hex = '';
    let ascii = '';
    line.forEach((byte, position) => {
      hex += `${byte.toString(16).padStart(2, '0')} `;
      ascii += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
      if (position === 7) {
        hex += ' ';
        ascii += ' ';
      }
    });
    const offset = ((startOffset + lineStart) >>> 0).toString(16).toUpperCase().padStart(8, '0');
    // tshark drops one trailing space (the gap after byte 8, or a space byte).
    text += `${indent}${offset}  ${hex.padEnd(49)} ${ascii.endsWith(' ') ? ascii.slice(0, -1) : ascii}\n`;
  }
  return text;
}
