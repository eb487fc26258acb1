import { describe, expect, it } from 'vitest';
import { dissectFrames, ethernetIpv4, udpDatagram } from '../../test/support/packets.js';
import { findNode } from '../../test/support/tree.js';

// Expectations from tshark 4.0.17 on pcaps holding exactly these frames (Info in comments).
const A = '10.0.0.1';
const B = '10.0.0.2';
const abcd = [0x61, 0x62, 0x63, 0x64];

describe('UDP', () => {
  it('numbers streams by address/port pair in order of appearance, both directions alike', () => {
    const results = dissectFrames([
      ethernetIpv4(A, B, 17, udpDatagram(1000, 2000, abcd)),
      ethernetIpv4(B, A, 17, udpDatagram(2000, 1000, abcd)),
      ethernetIpv4(A, B, 17, udpDatagram(1000, 2001, [1, 2])),
    ]);
    expect(results.map((r) => r.columns.info)).toEqual(['1000 → 2000 Len=4', '2000 → 1000 Len=4', '1000 → 2001 Len=2']);
    expect(results.map((r) => findNode(r.tree.roots, 'udp.stream')?.value)).toEqual([0, 0, 1]);
    expect(findNode(results[0].tree.roots, 'udp.length')?.value).toBe(12);
    expect(findNode(results[0].tree.roots, 'udp.checksum.status')?.value).toBe(3);
    expect(results[0].columns.protocol).toBe('UDP');
  });

  it('flags a length below 8 as malformed and stops, without a stream', () => {
    const [result] = dissectFrames([ethernetIpv4(A, B, 17, udpDatagram(1000, 2000, abcd, 5))]);
    expect(result.columns.info).toBe('1000 → 2000 [BAD UDP LENGTH 5 < 8]');
    expect(findNode(result.tree.roots, '_ws.malformed')?.label).toBe('Bad length value 5 < 8');
    expect(findNode(result.tree.roots, 'udp.stream')).toBeUndefined();
  });

  it('flags a length beyond the IP payload and reports the length it claims', () => {
    const [result] = dissectFrames([ethernetIpv4(A, B, 17, udpDatagram(1000, 2000, abcd, 40))]);
    expect(result.columns.info).toBe('1000 → 2000 [BAD UDP LENGTH 40 > IP PAYLOAD LENGTH] Len=32');
    expect(findNode(result.tree.roots, '_ws.malformed')?.label).toBe('Bad length value 40 > IP payload length');
  });

  it('reports a header shorter than 8 bytes as malformed, leaving the IP Protocol column', () => {
    const [result] = dissectFrames([ethernetIpv4(A, B, 17, Uint8Array.from([1, 2, 3]))]);
    expect(result.columns.protocol).toBe('IPv4');
    expect(findNode(result.tree.roots, '_ws.malformed')?.label).toBe('[Malformed Packet: UDP]');
  });
});
