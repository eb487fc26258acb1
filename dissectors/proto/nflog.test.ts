import { describe, expect, it } from 'vitest';
import { dissectFrames } from '../../test/support/fields.js';
import { hexBytes } from '../../test/support/tree.js';

/**
 * An NFLOG record as a little-endian Linux host writes it: family 2, version 0, group 20, then
 * TLVs (length and type little-endian, values big-endian, each padded to 4 bytes).
 */
const ipv4Udp = hexBytes('4500001c0000400037110000c0000201c0000202 0035a65900080000');
const record = Uint8Array.from([
  0x02, 0x00, 0x00, 0x14,
  ...hexBytes('0800 0100 0800 01 00'), // NFULA_PACKET_HDR: hw protocol 0x0800, hook 1 (Local in)
  ...hexBytes('0500 0a00 00 000000'), // NFULA_PREFIX "" (length 5, padded to 8)
  ...hexBytes('0800 0400 00000002'), // NFULA_IFINDEX_INDEV 2
  ...hexBytes('1400 0300 00000000522a1f9e 00000000000960fc'), // NFULA_TIMESTAMP 1378492318 s, 614652 µs
  ...Uint8Array.from([ipv4Udp.length + 4, 0, 9, 0]), ...ipv4Udp, // NFULA_PAYLOAD
]);

describe('NFLOG', () => {
  it('reads the header and TLVs and hands the payload to IPv4', () => {
    const [frame] = dissectFrames([record], 239);
    expect(frame.get('nflog.family')).toBe('2');
    expect(frame.get('nflog.res_id')).toBe('20');
    expect(frame.get('nflog.tlv_type')).toBe('1,10,4,3,9');
    expect(frame.get('nflog.tlv_length')).toBe(`8,5,8,20,${ipv4Udp.length + 4}`);
    expect(frame.get('nflog.protocol')).toBe('0x0800');
    expect(frame.get('nflog.hook')).toBe('1');
    expect(frame.get('nflog.ifindex_indev')).toBe('2');
    expect(frame.get('nflog.timestamp')).toBe('Sep  6, 2013 18:31:58.614652000 UTC');
    expect(frame.get('ip.src')).toBe('192.0.2.1');
    expect(frame.get('udp.srcport')).toBe('53');
    expect(frame.get('frame.encap_type')).toBe('141');
  });
});
