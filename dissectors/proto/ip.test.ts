import { afterEach, describe, expect, it } from 'vitest';
import { dissectBytes, findNode, hexBytes, walk } from '../../test/support/tree.js';
import { dissectFrames } from '../../test/support/fields.js';
import { ipv4Settings } from './ip.js';

// Frames crafted for this test (192.0.2.1 → 192.0.2.2, UDP 1024 → 53); every expectation below
// is what tshark 4.0.17 prints for them (`tshark -n -r … -V` / `-T fields`).
const ethernetHeader = '00112233445500055d1122330800';
const withOptions = hexBytes(`${ethernetHeader}
  4f00004412340000401146fec0000201c0000202
  01 070b080a0000010a000002 94040000 8907040a000003 440c0500 0000007b 000001c8 0000000000
  0400003500080000`);
const badChecksum = hexBytes(`${ethernetHeader}4500001c1234000040111b99c0000201c00002020400003500080000`);
const firstFragment = hexBytes(`${ethernetHeader}4500002c123420004011c489c0000201c0000202040000350008000078787878787878787878787878787878`);
const laterFragment = hexBytes(`${ethernetHeader}4500001c123400034011e496c0000201c00002020400003500080000`);
const unknownProtocol = hexBytes(`${ethernetHeader}450000191234000040fde3b0c0000201c000020268656c6c6f`);

describe('IPv4', () => {
  afterEach(() => { ipv4Settings.verifyChecksum = false; });

  it('decodes the fixed header the way tshark prints it', () => {
    const [frame] = dissectFrames([badChecksum]);
    expect(frame.get('ip.version')).toBe('4');
    expect(frame.get('ip.hdr_len')).toBe('20');
    expect(frame.get('ip.len')).toBe('28');
    expect(frame.get('ip.id')).toBe('0x1234');
    expect(frame.get('ip.flags')).toBe('0x00');
    expect(frame.get('ip.ttl')).toBe('64');
    expect(frame.get('ip.proto')).toBe('17');
    expect(frame.get('ip.src')).toBe('192.0.2.1');
    expect(frame.get('ip.dst')).toBe('192.0.2.2');
    expect(frame.get('ip.addr')).toBe('192.0.2.1,192.0.2.2');
    expect(frame.get('ip.host')).toBe('192.0.2.1,192.0.2.2');
  });

  it('labels the header as Wireshark does', () => {
    const { tree } = dissectBytes(badChecksum);
    const ip = tree.roots.find((node) => node.label.startsWith('Internet Protocol'))!;
    expect(ip.label).toBe('Internet Protocol Version 4, Src: 192.0.2.1, Dst: 192.0.2.2');
    expect(findNode(tree.roots, 'ip.hdr_len')?.label).toBe('.... 0101 = Header Length: 20 bytes (5)');
    expect(findNode(tree.roots, 'ip.dsfield')?.label).toBe('Differentiated Services Field: 0x00 (DSCP: CS0, ECN: Not-ECT)');
    expect(findNode(tree.roots, 'ip.flags')?.label).toBe('000. .... = Flags: 0x0');
    expect(findNode(tree.roots, 'ip.proto')?.label).toBe('Protocol: UDP (17)');
  });

  it('leaves the header checksum unverified by default (status 2), like tshark', () => {
    const [frame] = dissectFrames([badChecksum]);
    expect(frame.get('ip.checksum')).toBe('0x1b99');
    expect(frame.get('ip.checksum.status')).toBe('2');
  });

  it('verifies the checksum when asked, and says what it should be', () => {
    ipv4Settings.verifyChecksum = true;
    const [bad, good] = dissectFrames([badChecksum, laterFragment]);
    expect(bad.get('ip.checksum.status')).toBe('0');
    expect(bad.get('ip.checksum_calculated')).toBe('0xe499');
    expect(good.get('ip.checksum.status')).toBe('1');
    const { tree } = dissectBytes(badChecksum);
    expect(findNode(tree.roots, 'ip.checksum_bad.expert')?.label).toBe('Bad checksum [should be 0xe499]');
  });

  it('decodes NOP, record route, router alert, strict source route, timestamp and EOL options', () => {
    const [frame] = dissectFrames([withOptions]);
    expect(frame.get('ip.hdr_len')).toBe('60');
    expect(frame.get('ip.opt.type')).toBe('1,7,148,137,68,0');
    expect(frame.get('ip.rec_rt')).toBe('10.0.0.1');
    expect(frame.get('ip.empty_rt')).toBe('10.0.0.2');
    expect(frame.get('ip.opt.ra')).toBe('0');
    expect(frame.get('ip.opt.time_stamp')).toBe('123,456');
    // The last address of a source route is the final destination: tshark adds it as ip.dst.
    expect(frame.get('ip.dst')).toBe('192.0.2.2,10.0.0.3');
    const { tree } = dissectBytes(withOptions);
    const labels = [...walk(tree.roots)].map((node) => node.label);
    expect(labels).toContain('Options: (40 bytes), Record Route, Router Alert, Strict Source Route, Time Stamp');
    expect(labels).toContain('IP Option - Router Alert (4 bytes): Router shall examine packet (0)');
    expect(labels).toContain('Empty Route: 10.0.0.2 <- (next)');
  });

  it('shows fragments as data with Wireshark\'s Info until the last one completes the datagram', () => {
    const [first, later] = dissectFrames([firstFragment, laterFragment]);
    expect(first.protocol).toBe('IPv4');
    expect(first.info).toBe('Fragmented IP protocol (proto=UDP 17, off=0, ID=1234)');
    expect(first.get('udp.srcport')).toBe('');
    expect(first.get('data.len')).toBe('24');
    expect(later.get('ip.frag_offset')).toBe('3');
    // The last fragment completes the datagram: tshark (defragmentation on by default) shows the UDP inside.
    expect(later.protocol).toBe('UDP');
    expect(later.info).toBe('1024 → 53 Len=0');
    const { tree } = dissectBytes(laterFragment);
    expect(findNode(tree.roots, 'ip.frag_offset')?.label).toBe('...0 0000 0000 0011 = Fragment Offset: 24');
  });

  it('names an unknown payload protocol in the Info column', () => {
    const [frame] = dissectFrames([unknownProtocol]);
    expect(frame.protocol).toBe('IPv4');
    expect(frame.info).toBe('Unknown (253)');
  });

  it('reports a bogus version or header length instead of decoding', () => {
    const version5 = hexBytes(`${ethernetHeader}5500001c1234000040111b99c0000201c0000202`);
    expect(dissectFrames([version5])[0].info).toBe('Bogus IPv4 version (5, must be 4)');
    const shortHeader = hexBytes(`${ethernetHeader}4400001c1234000040111b99c0000201c0000202`);
    const [frame] = dissectFrames([shortHeader]);
    expect(frame.info).toBe('Bogus IP header length (16, must be at least 20)');
    expect(frame.get('ip.hdr_len')).toBe('16');
  });

  it('marks a header cut short as malformed, keeping the fields it could read', () => {
    // Total length 84 but only 19 bytes of IP in the frame (tcpdump's ipv4_invalid_length case).
    const cut = hexBytes(`${ethernetHeader}450000541234000040111b99c0000201c00002`);
    const [frame] = dissectFrames([cut]);
    expect(frame.get('_ws.malformed')).toBe('');
    expect(frame.get('ip.src')).toBe('192.0.2.1');
    expect(frame.get('ip.dst')).toBe('');
    expect(frame.info).toBe('[Malformed Packet]');
    const { tree } = dissectBytes(cut);
    expect(findNode(tree.roots, 'ip.bogus_ip_length')?.label).toBe('IPv4 total length exceeds packet length (19 bytes)');
  });
});
