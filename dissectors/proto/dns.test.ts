import { describe, expect, it } from 'vitest';
import { dissectFrames, ethernetIpv4, tcpFlags, tcpSegment, udpDatagram } from '../../test/support/packets.js';
import { findNode, walk } from '../../test/support/tree.js';
import { registry } from '../core/index.js';

// Messages laid out per RFC 1035 §4.1; expectations from tshark 4.0.17 run on the same frames.
const A = '10.0.0.1';
const B = '10.0.0.2';

function name(text: string): number[] {
  const bytes: number[] = [];
  for (const label of text.split('.').filter((part) => part !== '')) bytes.push(label.length, ...Array.from(label, (c) => c.charCodeAt(0)));
  return [...bytes, 0];
}
const u16 = (value: number) => [value >> 8, value & 255];
const header = (id: number, flags: number, counts: [number, number, number, number]) => [...u16(id), ...u16(flags), ...counts.flatMap(u16)];
const question = (text: string, type: number, klass = 1) => [...name(text), ...u16(type), ...u16(klass)];
const record = (type: number, data: number[], owner = [0xc0, 0x0c], ttl = 60) => [...owner, ...u16(type), ...u16(1), 0, 0, ttl >> 8, ttl & 255, ...u16(data.length), ...data];
const query = (message: number[], port = 53, from = A, to = B, sourcePort = 1234) => ethernetIpv4(from, to, 17, udpDatagram(sourcePort, port, message));
const response = (message: number[]) => ethernetIpv4(B, A, 17, udpDatagram(53, 1234, message));
const values = (roots: ReturnType<typeof dissectFrames>[number]['tree']['roots'], abbrev: string) => {
  const id = registry.find(abbrev)!.id;
  return [...walk(roots)].filter((node) => node.field === id).map((node) => node.value);
};

describe('DNS', () => {
  it('writes Info like Wireshark and matches the response to its query', () => {
    const results = dissectFrames([
      query([...header(0x2222, 0x0100, [1, 0, 0, 0]), ...question('a.example.com', 255)]),
      response([...header(0x2222, 0x8180, [1, 3, 0, 0]), ...question('a.example.com', 255),
        ...record(1, [1, 2, 3, 4]), ...record(999, [0x78, 0x79]), ...record(16, [3, 0x61, 0x62, 0x63, 2, 0x64, 0x65])]),
    ]);
    expect(results[0].columns.info).toBe('Standard query 0x2222 ANY a.example.com');
    expect(results[1].columns.info).toBe('Standard query response 0x2222 ANY a.example.com A 1.2.3.4 Unknown (999) TXT');
    expect(results[1].columns.protocol).toBe('DNS');
    const roots = results[1].tree.roots;
    expect(values(roots, 'dns.txt')).toEqual(['abc', 'de']);
    expect(findNode(roots, 'dns.a')?.label).toBe('Address: 1.2.3.4');
    expect(findNode(roots, 'dns.qry.name.len')?.value).toBe(13);
    expect(findNode(roots, 'dns.count.labels')?.value).toBe(3);
    expect(findNode(roots, 'dns.response_to')?.value).toBe(1);
    expect(findNode(roots, 'dns.time')?.value).toBe(1);
  });

  it('names the reply code and the root, and decodes MX records', () => {
    const results = dissectFrames([
      response([...header(0x4444, 0x8183, [1, 0, 0, 0]), 0, ...u16(1), ...u16(1)]),
      response([...header(0x5555, 0x8180, [1, 1, 0, 0]), ...question('x.org', 15), ...record(15, [0, 10, 4, 0x6d, 0x61, 0x69, 0x6c, 0xc0, 0x0c])]),
    ]);
    expect(results[0].columns.info).toBe('Standard query response 0x4444 No such name A <Root>');
    expect(findNode(results[0].tree.roots, 'dns.qry.name.len')?.value).toBe(6);
    expect(findNode(results[0].tree.roots, 'dns.count.labels')?.value).toBe(1);
    expect(results[1].columns.info).toBe('Standard query response 0x5555 MX x.org MX 10 mail.x.org');
    expect(findNode(results[1].tree.roots, 'dns.mx.mail_exchange')?.value).toBe('mail.x.org');
  });

  it('survives a compression pointer that points at itself', () => {
    const [result] = dissectFrames([query([...header(0x1111, 0x0100, [1, 0, 0, 0]), 0xc0, 0x0c, ...u16(1), ...u16(1)])]);
    expect(result.columns.info).toBe('Standard query 0x1111 A <Name contains a pointer that loops>');
    expect(findNode(result.tree.roots, 'dns.qry.name.len')?.value).toBe(36);
  });

  it('marks a question cut short as malformed after the header part of Info', () => {
    const [result] = dissectFrames([query([...header(0x3333, 0x0100, [1, 0, 0, 0]), 3, 0x61, 0x62, 0x63, 3])]);
    expect(result.columns.info.startsWith('Standard query 0x3333')).toBe(true);
    expect(result.columns.info).toContain('[Malformed Packet]');
    expect(findNode(result.tree.roots, '_ws.malformed')?.label).toBe('[Malformed Packet: DNS]');
  });

  it('calls port 5353 MDNS with its QU/QM note and port 5355 LLMNR', () => {
    const results = dissectFrames([
      query([...header(0, 0, [1, 0, 0, 0]), ...question('_http._tcp.local', 12, 0x8001)], 5353, A, B, 5353),
      query([...header(7, 0, [1, 0, 0, 0]), ...question('wpad', 1)], 5355, A, B, 1000),
    ]);
    expect(results.map((r) => `${r.columns.protocol} | ${r.columns.info}`)).toEqual([
      'MDNS | Standard query 0x0000 PTR _http._tcp.local, "QU" question',
      'LLMNR | Standard query 0x0007 A wpad',
    ]);
  });

  it('reads DNS over TCP after its two-byte length', () => {
    const message = [...header(0x4319, 0x0120, [1, 0, 0, 0]), ...question('www.tcpdump.org', 1)];
    const segment = tcpSegment({ sourcePort: 33779, destinationPort: 53, sequence: 10, acknowledgment: 20, flags: tcpFlags.ack | tcpFlags.psh, payload: [...u16(message.length), ...message] });
    const [result] = dissectFrames([ethernetIpv4(A, B, 6, segment)]);
    expect(result.columns.info).toBe('Standard query 0x4319 A www.tcpdump.org');
    expect(findNode(result.tree.roots, 'dns.length')?.value).toBe(message.length);
  });
});
