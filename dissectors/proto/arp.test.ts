import { describe, expect, it } from 'vitest';
import { dissectFrames } from '../../test/support/fields.js';
import { dissectBytes, hexBytes } from '../../test/support/tree.js';

// RFC 826 packets built for this test; Protocol/Info and field values are tshark 4.0.17's.
const header = (etherType: string) => `00112233445500055d112233${etherType}`;
const arp = (body: string, etherType = '0806') => hexBytes(header(etherType) + body);
const alice = '00055d112233';
const bob = '001122334455';
const aliceIp = 'c0a80037'; // 192.168.0.55
const bobIp = 'c0a80002'; // 192.168.0.2
const zeroMac = '000000000000';

const cases: Array<[string, Uint8Array, string, string]> = [
  ['request', arp(`0001080006040001${alice}${aliceIp}${zeroMac}${bobIp}`), 'ARP', 'Who has 192.168.0.2? Tell 192.168.0.55'],
  ['reply', arp(`0001080006040002${bob}${bobIp}${alice}${aliceIp}`), 'ARP', '192.168.0.2 is at 00:11:22:33:44:55'],
  ['announcement', arp(`0001080006040001${alice}${aliceIp}${zeroMac}${aliceIp}`), 'ARP', 'ARP Announcement for 192.168.0.55'],
  ['gratuitous request', arp(`0001080006040001${alice}${aliceIp}ffffffffffff${aliceIp}`), 'ARP', 'Gratuitous ARP for 192.168.0.55 (Request)'],
  ['gratuitous reply', arp(`0001080006040002${alice}${aliceIp}ffffffffffff${aliceIp}`), 'ARP', 'Gratuitous ARP for 192.168.0.55 (Reply)'],
  ['probe', arp(`0001080006040001${alice}00000000${zeroMac}${bobIp}`), 'ARP', 'Who has 192.168.0.2? (ARP Probe)'],
  ['RARP request', arp(`0001080006040003${alice}00000000${alice}00000000`, '8035'), 'RARP', 'Who is 00:05:5d:11:22:33? Tell 00:05:5d:11:22:33'],
  ['RARP reply', arp(`0001080006040004${bob}${bobIp}${alice}${aliceIp}`, '8035'), 'RARP', '00:05:5d:11:22:33 is at 192.168.0.55'],
  ['InARP request', arp(`0001080006040008${alice}${aliceIp}${bob}00000000`), 'Inverse ARP', 'Who is 00:11:22:33:44:55? Tell 00:05:5d:11:22:33'],
  ['InARP reply', arp(`0001080006040009${bob}${bobIp}${alice}${aliceIp}`), 'Inverse ARP', '00:11:22:33:44:55 is at 192.168.0.2'],
  ['unknown opcode', arp(`000108000604004d${alice}${aliceIp}${bob}${bobIp}`), 'ARP', 'Unknown ARP opcode 0x004d'],
  ['DRARP request', arp(`0001080006040005${alice}${aliceIp}${bob}${bobIp}`), 'DRARP', 'Who is 00:11:22:33:44:55? Tell 00:05:5d:11:22:33'],
];

describe('ARP', () => {
  it.each(cases)('writes Protocol and Info like Wireshark for a %s', (_name, bytes, protocol, info) => {
    const [frame] = dissectFrames([bytes]);
    expect(frame.protocol).toBe(protocol);
    expect(frame.info).toBe(info);
  });

  it('decodes every field of a request', () => {
    const [frame] = dissectFrames([cases[0][1]]);
    expect(frame.get('arp.hw.type')).toBe('1');
    expect(frame.get('arp.proto.type')).toBe('0x0800');
    expect(frame.get('arp.hw.size')).toBe('6');
    expect(frame.get('arp.proto.size')).toBe('4');
    expect(frame.get('arp.opcode')).toBe('1');
    expect(frame.get('arp.src.hw_mac')).toBe('00:05:5d:11:22:33');
    expect(frame.get('arp.src.proto_ipv4')).toBe('192.168.0.55');
    expect(frame.get('arp.dst.hw_mac')).toBe('00:00:00:00:00:00');
    expect(frame.get('arp.dst.proto_ipv4')).toBe('192.168.0.2');
    expect(frame.get('arp.isgratuitous')).toBe('');
  });

  it('flags gratuitous ARP, announcements and probes', () => {
    const [announcement, gratuitous, probe] = dissectFrames([cases[2][1], cases[3][1], cases[5][1]]);
    expect([announcement.get('arp.isgratuitous'), announcement.get('arp.isannouncement')]).toEqual(['1', '1']);
    expect([gratuitous.get('arp.isgratuitous'), gratuitous.get('arp.isannouncement')]).toEqual(['1', '']);
    expect(probe.get('arp.isprobe')).toBe('1');
  });

  it('labels the protocol line with the kind of message', () => {
    const label = (bytes: Uint8Array) => dissectBytes(bytes).tree.roots.find((node) => node.label.startsWith('Address Resolution'))!.label;
    expect(label(cases[0][1])).toBe('Address Resolution Protocol (request)');
    expect(label(cases[3][1])).toBe('Address Resolution Protocol (request/gratuitous ARP)');
    expect(label(cases[2][1])).toBe('Address Resolution Protocol (ARP Announcement)');
    expect(label(cases[6][1])).toBe('Address Resolution Protocol (reverse request)');
    expect(label(cases[10][1])).toBe('Address Resolution Protocol (opcode 0x004d)');
  });

  it('shows non-Ethernet hardware addresses as bytes (tcpdump arp-too-long-tha case)', () => {
    const [frame] = dissectFrames([arp(`303008000e040001${'30'.repeat(14)}30303030${'30'.repeat(14)}30303030`)]);
    expect(frame.info).toBe('Gratuitous ARP for 48.48.48.48 (Request)');
    expect(frame.get('arp.src.hw')).toBe('30'.repeat(14));
    expect(frame.get('arp.src.hw_mac')).toBe('');
  });

  it('marks a truncated packet as malformed and leaves Info empty, like tshark', () => {
    const [frame] = dissectFrames([arp(`0001080006040001${alice}${aliceIp}0011`)]);
    expect(frame.protocol).toBe('ARP');
    expect(frame.info).toBe('[Malformed Packet]');
    expect(frame.get('_ws.malformed')).toBe('');
  });
});
