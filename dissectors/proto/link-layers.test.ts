import { describe, expect, it } from 'vitest';
import { dissectFrames } from '../../test/support/fields.js';
import { dissectBytes, findNode, hexBytes } from '../../test/support/tree.js';

// Byte layouts from IEEE 802.1Q, libpcap's LINKTYPE_* definitions and RFC 1661/1662; expected
// values are tshark 4.0.17's for the same bytes (real captures from the corpus where noted).
const udpDatagram = '4500001c123400004011e499c0000201c00002020400003500080000'; // 192.0.2.1 → 192.0.2.2, UDP 1024 → 53
const ethernet = (type: string, rest: string) => hexBytes(`00112233445500055d112233${type}${rest}`);
const filler = '6162636465666768'.repeat(6);

describe('802.1Q VLAN and 802.1ad', () => {
  it('decodes the tag and labels an unknown inner ethertype like Wireshark', () => {
    const [frame] = dissectFrames([ethernet('8100', `b0641234${filler}`)]);
    expect([frame.get('vlan.priority'), frame.get('vlan.dei'), frame.get('vlan.id'), frame.get('vlan.etype')]).toEqual(['5', '1', '100', '0x1234']);
    expect(frame.protocol).toBe('0x1234');
    expect(frame.info).toBe('PRI: 5  DEI: 1  ID: 100');
    const { tree } = dissectBytes(ethernet('8100', `b0641234${filler}`));
    expect(tree.roots.some((node) => node.label === '802.1Q Virtual LAN, PRI: 5, DEI: 1, ID: 100')).toBe(true);
    expect(findNode(tree.roots, 'vlan.priority')?.label).toBe('101. .... .... .... = Priority: Voice, < 10ms latency and jitter (5)');
    expect(findNode(tree.roots, 'vlan.dei')?.label).toBe('...1 .... .... .... = DEI: Eligible');
  });

  it('shows the 802.1ad service tag as its own protocol', () => {
    const [frame] = dissectFrames([ethernet('88a8', `60c81234${filler}`)]);
    expect(frame.get('ieee8021ad.id')).toBe('200');
    expect(frame.get('ieee8021ad.priority')).toBe('3');
    expect(frame.get('ieee8021ah.etype')).toBe('0x1234');
    expect(frame.info).toBe('PRI: 3  DROP: 0 ID: 200');
  });

  it('splits the bytes after a tagged ARP into padding (to 60 bytes) and trailer', () => {
    const arp = `0001080006040001 00055d112233 c0a80037 000000000000 c0a80002`;
    const [frame] = dissectFrames([ethernet('8100', `80050806${arp}${'00'.repeat(14)}01020304`)]);
    expect(frame.protocol).toBe('ARP');
    expect(frame.info).toBe('Who has 192.168.0.2? Tell 192.168.0.55');
    expect(frame.get('eth.padding')).toBe('00'.repeat(14));
    expect(frame.get('vlan.trailer')).toBe('01020304');
  });

  it('hands the old QinQ type 0x9100 to the VLAN dissector too', () => {
    const [frame] = dissectFrames([ethernet('9100', `412c0800${udpDatagram}${'00'.repeat(20)}`)]);
    expect(frame.get('vlan.id')).toBe('300');
    expect(frame.get('ip.src')).toBe('192.0.2.1');
  });

  it('reports a tag cut short as malformed', () => {
    const [frame] = dissectFrames([ethernet('8100', '00')]);
    expect(frame.protocol).toBe('VLAN');
    expect(frame.get('_ws.malformed')).toBe('');
  });
});

describe('Linux cooked capture', () => {
  // First frame of tcpdump's tcp-handshake-nano.pcap (SLL, PPP hardware type, sent by us).
  const sll = hexBytes(`0004 0200 0000 0000000000000000 0800 ${udpDatagram}`);
  // First frame of filesamples' simple_http_sll2.pcap header (SLL2, loopback).
  const sll2 = hexBytes(`0800 0000 00000001 0304 00 06 000000000000 0000 ${udpDatagram}`);

  it('decodes SLL v1 (link type 113)', () => {
    const [frame] = dissectFrames([sll], 113);
    expect([frame.get('sll.pkttype'), frame.get('sll.hatype'), frame.get('sll.halen'), frame.get('sll.unused'), frame.get('sll.etype')])
      .toEqual(['4', '512', '0', '0000000000000000', '0x0800']);
    expect(frame.get('ip.dst')).toBe('192.0.2.2');
  });

  it('decodes SLL2 (link type 276) in Wireshark\'s field order', () => {
    const [frame] = dissectFrames([sll2], 276);
    expect([frame.get('sll.etype'), frame.get('sll.ifindex'), frame.get('sll.hatype'), frame.get('sll.pkttype'), frame.get('sll.halen'), frame.get('sll.src.eth'), frame.get('sll.unused')])
      .toEqual(['0x0800', '1', '772', '0', '6', '00:00:00:00:00:00', '0000']);
    expect(frame.get('ip.src')).toBe('192.0.2.1');
  });

  it('reports a short cooked header as malformed', () => {
    expect(dissectFrames([hexBytes('00040200')], 113)[0].get('_ws.malformed')).toBe('');
  });
});

describe('NULL/loopback, raw IP and PPP', () => {
  it('reads the NULL family in either byte order (link type 0) and big-endian for LOOP (108)', () => {
    const [littleEndian] = dissectFrames([hexBytes(`02000000${udpDatagram}`)], 0);
    expect(littleEndian.get('null.family')).toBe('2');
    expect(littleEndian.get('ip.src')).toBe('192.0.2.1');
    const [loop, unknown] = dissectFrames([hexBytes(`00000002${udpDatagram}`), hexBytes('00000063616263')], 108);
    expect(loop.get('null.family')).toBe('2');
    expect([unknown.protocol, unknown.info]).toEqual(['N/A', 'Null/Loopback']);
  });

  it('marks a NULL header cut short as malformed after setting the columns', () => {
    const [frame] = dissectFrames([hexBytes('0200')], 0);
    expect(frame.info).toBe('Null/Loopback[Malformed Packet]');
  });

  it('chooses IPv4 or IPv6 by the version nibble for raw IP (101) and fixes it for 228', () => {
    expect(dissectFrames([hexBytes(udpDatagram)], 101)[0].get('ip.src')).toBe('192.0.2.1');
    expect(dissectFrames([hexBytes(udpDatagram)], 228)[0].get('ip.dst')).toBe('192.0.2.2');
    const { tree } = dissectBytes(hexBytes(udpDatagram), 101);
    expect(tree.roots.some((node) => node.label === 'Raw packet data')).toBe(true);
  });

  it('decodes PPP with and without address/control, and a compressed protocol field', () => {
    const [full, compressed] = dissectFrames([hexBytes(`ff030021${udpDatagram}`), hexBytes(`21${udpDatagram}`)], 9);
    expect([full.get('ppp.address'), full.get('ppp.control'), full.get('ppp.protocol')]).toEqual(['0xff', '0x03', '0x0021']);
    expect(full.get('ip.src')).toBe('192.0.2.1');
    expect(compressed.get('ppp.protocol')).toBe('0x0021');
    expect(compressed.get('ip.dst')).toBe('192.0.2.2');
  });
});
