import { describe, expect, it } from 'vitest';
import type { FollowSegment } from '../../engine/api/contract';
import { asciiText, conversationCounts, hexDump, rawHex, segmentText } from './follow-format';

const bytes = (text: string) => new TextEncoder().encode(text);
const segment = (fromServer: boolean, text: string, offset = 0): FollowSegment => ({ frame: 1, fromServer, offset, bytes: bytes(text), missing: false });

describe('Follow Stream text', () => {
  it('shows ASCII with CRLF as one line break and other control bytes as dots', () => {
    expect(asciiText(Uint8Array.from([0x47, 0x45, 0x54, 0x0d, 0x0a, 0x00, 0x7f, 0x09, 0x41]))).toBe('GET\n..\tA');
  });

  it('lays out a hex dump like Wireshark: stream offset, 8+8 bytes, ASCII in two halves', () => {
    // 18 bytes at stream offset 0x20: a full line and a two-byte line (hand-written expectation).
    const dump = hexDump(bytes('GET / HTTP/1.1\r\nHo'), 0x20);
    expect(dump.split('\n')).toEqual([
      '00000020  47 45 54 20 2f 20 48 54  54 50 2f 31 2e 31 0d 0a  GET / HT TP/1.1..',
      '00000030  48 6f                                             Ho',
    ]);
  });

  it('gives raw hex and the missing-bytes placeholder', () => {
    expect(rawHex(Uint8Array.from([0, 0xab, 0x10]))).toBe('00ab10');
    expect(segmentText({ frame: 2, fromServer: true, offset: 0, bytes: new Uint8Array(5), missing: true }, 'ascii')).toBe('[5 bytes missing in capture file]');
  });

  it('counts client packets, server packets and turns', () => {
    expect(conversationCounts([segment(false, 'a'), segment(false, 'b'), segment(true, 'c'), segment(false, 'd')])).toEqual({ clientPackets: 3, serverPackets: 1, turns: 3 });
  });
});
