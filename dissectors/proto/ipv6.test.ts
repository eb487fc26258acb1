import { describe, expect, it } from 'vitest';
import { dissectFrames } from '../../test/support/fields.js';
import { dissectBytes, findNode, hexBytes, walk } from '../../test/support/tree.js';

// Frames built for this test from RFC 8200/4443/4861/3810 layouts (2001:db8::1 ↔ 2001:db8::2);
// every expectation is tshark 4.0.17's output for the same bytes.
const eth = '00112233445500055d11223386dd';
const a = '20010db8000000000000000000000001';
const b = '20010db8000000000000000000000002';
const frames = {
  echoRequest: hexBytes(`${eth}60000000000d3a40${a}${b}8000ce351234000768656c6c6f`),
  echoReply: hexBytes(`${eth}60000000000d3a3f${b}${a}8100cd351234000768656c6c6f`),
  neighborSolicitation: hexBytes(`${eth}6000000000203aff${a}${b}87006f2a00000000${b}010100055d112233`),
  neighborAdvertisement: hexBytes(`${eth}6000000000203aff${b}${a}880025da60000000${b}0201001122334455`),
  routerAdvertisement: hexBytes(`${eth}6000000000403afffe80000000000000021122fffe334455ff020000000000000000000000000001
    86000900400807080000000000000000 030440c000278d0000093a800000000020010db8000100000000000000000000 05010000000005dc 010100055d112233`),
  portUnreachable: hexBytes(`${eth}6000000000383a40${a}${b}0104d21900000000 600000000008114020010db800000000000000000000000220010db80000000000000000000000010400003500080000`),
  mldv2Report: hexBytes(`${eth}6000000000240001fe80000000000000021122fffe334455ff020000000000000000000000000016
    3a00050200000100 8f00086e00000001 04000000ff020000000000000000000000010003`),
  fragment: hexBytes(`${eth}6000000000182c40${a}${b}3a000001cafe000178787878787878787878787878787878`),
  routing: hexBytes(`${eth}6000abcd00202b04${a}${b}3a020001000000002001 0db8000000000000000000000003 8000244500010001`),
  badVersion: hexBytes(`${eth}400000000008114020010db800000000000000000000000120010db80000000000000000000000020400003500080000`),
};

describe('IPv6', () => {
  it('decodes the fixed header, hidden address fields and the SLAAC MAC', () => {
    const [echo, , , , ra] = dissectFrames([frames.echoRequest, frames.echoReply, frames.neighborSolicitation, frames.neighborAdvertisement, frames.routerAdvertisement]);
    expect([echo.get('ipv6.version'), echo.get('ipv6.tclass'), echo.get('ipv6.flow'), echo.get('ipv6.plen'), echo.get('ipv6.nxt'), echo.get('ipv6.hlim')])
      .toEqual(['6', '0x00000000', '0x000000', '13', '58', '64']);
    expect(echo.get('ipv6.src')).toBe('2001:db8::1');
    expect(echo.get('ipv6.addr')).toBe('2001:db8::1,2001:db8::2');
    expect(ra.get('ipv6.src_slaac_mac')).toBe('00:11:22:33:44:55');
    const { tree } = dissectBytes(frames.echoRequest);
    expect(tree.roots.some((node) => node.label === 'Internet Protocol Version 6, Src: 2001:db8::1, Dst: 2001:db8::2')).toBe(true);
    expect(findNode(tree.roots, 'ipv6.tclass')?.label).toBe('.... 0000 0000 .... .... .... .... .... = Traffic Class: 0x00 (DSCP: CS0, ECN: Not-ECT)');
  });

  it('walks a hop-by-hop header with router alert and PadN before MLDv2', () => {
    const [frame] = dissectFrames([frames.mldv2Report]);
    expect(frame.get('ipv6.hopopts.nxt')).toBe('58');
    expect(frame.get('ipv6.hopopts.len_oct')).toBe('8');
    expect(frame.get('ipv6.opt.router_alert')).toBe('0');
    expect(frame.info).toBe('Multicast Listener Report Message v2');
    expect(frame.get('icmpv6.mldr.nb_mcast_records')).toBe('1');
    expect(frame.get('icmpv6.mldr.mar.record_type')).toBe('4');
    expect(frame.get('icmpv6.mldr.mar.multicast_address')).toBe('ff02::1:3');
  });

  it('walks a type 0 routing header and checksums against the final destination', () => {
    const [frame] = dissectFrames([frames.routing]);
    expect(frame.get('ipv6.flow')).toBe('0x00abcd');
    expect(frame.get('ipv6.routing.type')).toBe('0');
    expect(frame.get('ipv6.routing.segleft')).toBe('1');
    expect(frame.get('ipv6.routing.src.addr')).toBe('2001:db8::3');
    expect(frame.get('ipv6.routing.deprecated')).toBe('');
    expect(frame.info).toBe('Echo (ping) request id=0x0001, seq=1, hop limit=4');
    expect(frame.get('icmpv6.checksum.status')).toBe('1');
  });

  it('shows a fragment as data with Wireshark\'s Info', () => {
    const [frame] = dissectFrames([frames.fragment]);
    expect(frame.protocol).toBe('IPv6');
    expect(frame.info).toBe('IPv6 fragment (off=0 more=y ident=0xcafe0001 nxt=58)');
    expect([frame.get('ipv6.fraghdr.nxt'), frame.get('ipv6.fraghdr.offset'), frame.get('ipv6.fraghdr.more'), frame.get('ipv6.fraghdr.ident')]).toEqual(['58', '0', '1', '0xcafe0001']);
    expect(frame.get('icmpv6.type')).toBe('');
  });

  it('refuses a wrong version the way Wireshark does (Protocol 0x86dd, Info IPv6)', () => {
    const [frame] = dissectFrames([frames.badVersion]);
    expect([frame.protocol, frame.info]).toEqual(['0x86dd', 'IPv6']);
  });

  it('notes a header shorter than 40 bytes and decodes what is there (tcpdump ipv6_invalid_length case)', () => {
    const short = hexBytes(`${eth}6009d8d800401140${a}${b.slice(0, 30)}`);
    const [frame] = dissectFrames([short]);
    expect(frame.info).toBe('Invalid IPv6 header (39 bytes, need exactly 40)[Malformed Packet]');
    expect(frame.get('ipv6.src')).toBe('2001:db8::1');
    expect(frame.get('ipv6.dst')).toBe('');
  });
});

describe('ICMPv6', () => {
  it('matches echo request and reply and prints the hop limit', () => {
    const [request, reply] = dissectFrames([frames.echoRequest, frames.echoReply]);
    expect(request.info).toBe('Echo (ping) request id=0x1234, seq=7, hop limit=64');
    expect(reply.info).toBe('Echo (ping) reply id=0x1234, seq=7, hop limit=63 (request in 1)');
    expect(request.get('icmpv6.echo.identifier')).toBe('0x1234');
    expect(request.get('icmpv6.checksum.status')).toBe('1');
    expect(reply.get('icmpv6.resp_to')).toBe('1');
  });

  it('writes neighbor discovery Info like Wireshark', () => {
    const [ns, na, ra] = dissectFrames([frames.neighborSolicitation, frames.neighborAdvertisement, frames.routerAdvertisement]);
    expect(ns.info).toBe('Neighbor Solicitation for 2001:db8::2 from 00:05:5d:11:22:33');
    expect(na.info).toBe('Neighbor Advertisement 2001:db8::2 (sol, ovr) is at 00:11:22:33:44:55');
    expect(ra.info).toBe('Router Advertisement from 00:05:5d:11:22:33');
    expect(ns.get('icmpv6.nd.ns.target_address')).toBe('2001:db8::2');
    expect(na.get('icmpv6.nd.na.flag')).toBe('0x60000000');
    expect([na.get('icmpv6.nd.na.flag.s'), na.get('icmpv6.nd.na.flag.o'), na.get('icmpv6.nd.na.flag.r')]).toEqual(['1', '1', '0']);
    expect(ra.get('icmpv6.nd.ra.router_lifetime')).toBe('1800');
    expect(ra.get('icmpv6.opt.prefix')).toBe('2001:db8:1::');
    expect(ra.get('icmpv6.opt.mtu')).toBe('1500');
    expect(ra.get('icmpv6.opt.type')).toBe('3,5,1');
  });

  it('labels options as Wireshark does', () => {
    const labels = [...walk(dissectBytes(frames.routerAdvertisement).tree.roots)].map((node) => node.label);
    expect(labels).toContain('ICMPv6 Option (Prefix information : 2001:db8:1::/64)');
    expect(labels).toContain('ICMPv6 Option (MTU : 1500)');
    expect(labels).toContain('ICMPv6 Option (Source link-layer address : 00:05:5d:11:22:33)');
    expect(labels).toContain('Link-layer address: 00:05:5d:11:22:33');
  });

  it('dissects the packet quoted in an error without changing the columns', () => {
    const [frame] = dissectFrames([frames.portUnreachable]);
    expect(frame.info).toBe('Destination Unreachable (Port unreachable)');
    expect(frame.get('ipv6.src')).toBe('2001:db8::1,2001:db8::2');
  });

  it('reports a bad checksum and a truncated message', () => {
    const bad = frames.echoRequest.slice();
    bad[bad.length - 1] ^= 1;
    expect(dissectFrames([bad])[0].get('icmpv6.checksum.status')).toBe('0');
    const cut = hexBytes(`${eth}6000000000033a40${a}${b}8000ce`);
    const [frame] = dissectFrames([cut]);
    expect(frame.protocol).toBe('ICMPv6');
    expect(frame.get('_ws.malformed')).toBe('');
  });
});
