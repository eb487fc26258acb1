import { describe, expect, it } from 'vitest';
import { dissectFrames } from '../../test/support/fields.js';
import { ethernetIpv4, udpDatagram } from '../../test/support/packets.js';
import { hexBytes } from '../../test/support/tree.js';

/** An inner ARP request (who has 192.0.2.3? tell 192.0.2.5) in its own Ethernet frame. */
const innerArp = hexBytes('ffffffffffff 003088010002 0806 0001 0800 06 04 0001 003088010002 c00002 05 000000000000 c00002 03');

describe('VXLAN', () => {
  it('decodes the RFC 7348 header (I flag, 24-bit VNI) and the inner Ethernet frame', () => {
    // flags 0x08 (I), reserved, VNI 0x000064 = 100, reserved (tshark: vxlan.vni 100, vxlan.flags 0x0800).
    const vxlan = Uint8Array.from([0x08, 0, 0, 0, 0, 0, 0x64, 0, ...innerArp]);
    const [frame] = dissectFrames([ethernetIpv4('192.0.2.1', '192.0.2.2', 17, udpDatagram(42710, 4789, vxlan))]);
    expect(frame.get('vxlan.flags')).toBe('0x0800');
    expect(frame.get('vxlan.flag_i')).toBe('1');
    expect(frame.get('vxlan.flag_g')).toBe('0');
    expect(frame.get('vxlan.vni')).toBe('100');
    expect(frame.get('eth.type')).toBe('0x0800,0x0806');
    expect(frame.get('arp.opcode')).toBe('1');
    expect(frame.protocol).toBe('ARP');
    expect(frame.info).toBe('Who has 192.0.2.3? Tell 192.0.2.5');
  });
});
