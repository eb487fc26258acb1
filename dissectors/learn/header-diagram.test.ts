import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { registry } from '../core/fields.js';
import { dissectBytes, hexBytes } from '../../test/support/tree.js';
import { cellAtByte, headerDiagram, nodeAtPath, type HeaderDiagram } from './index.js';

// Hand-made frames (checksums arbitrary): each protocol's header with known field values.
const frames = {
  // IPv4 (DF, TTL 64, ID 0x1c46) + TCP SYN 50000 → 80, seq 1000, window 64240, MSS option.
  tcpSyn: hexBytes('001122334455 66778899aabb 0800 4500002c1c46400040061234c0a8010ac0a80101 c3500050000003e800000000 6002faf0abcd0000 020405b4'),
  // IPv6 (traffic class 0xb8, flow label 0xabcde, hop limit 64) + UDP 5353 → 5353, 4 bytes of data.
  udpIpv6: hexBytes('3333000000fb 66778899aabb 86dd 6b8abcde000c1140 fe800000000000000000000000000001 ff0200000000000000000000000000fb 14e914e9000c0000 61626364'),
  // ARP request who-has 192.168.1.1 tell 192.168.1.10, padded to 60 bytes.
  arpRequest: hexBytes(`ffffffffffff 001122334455 0806 0001 0800 06 04 0001 001122334455 c0a8010a 000000000000 c0a80101 ${'00'.repeat(18)}`),
  // IPv4 + ICMP echo request id 1 seq 7.
  icmpEcho: hexBytes('001122334455 66778899aabb 0800 4500002000014000400100000a0000010a000002 08001234 00010007 61626364'),
  // IPv4 + ICMP port unreachable quoting an IPv4/UDP datagram to port 53.
  icmpUnreachable: hexBytes('001122334455 66778899aabb 0800 450000380002000040010000 0a000002 0a000001 0303abcd 00000000 45000021aaaa0000401100000a0000010a000002 d43100350009 0000'),
};

type Layout = readonly (readonly [label: string, bitOffset: number, bitWidth: number])[];

/** The cells as [RFC label, bit offset, bit width]: the figures of the RFCs, written out by hand. */
function layoutOf(diagram: HeaderDiagram): Layout {
  return diagram.cells.map((cell) => [cell.label.en, cell.bitOffset, cell.bitWidth] as const);
}

function diagramOf(bytes: Uint8Array, protocol: string, occurrence = 0) {
  const { tree } = dissectBytes(bytes);
  const diagram = headerDiagram(tree, protocol, occurrence);
  if (!diagram) throw new Error(`no ${protocol} diagram`);
  return { tree, diagram };
}

describe('header diagrams follow the RFC figures', () => {
  it('Ethernet (IEEE 802.3): 14 bytes in rows of 4, the 6-byte addresses spanning rows', () => {
    const { diagram } = diagramOf(frames.tcpSyn, 'eth');
    expect(layoutOf(diagram)).toEqual([['Destination Address', 0, 48], ['Source Address', 48, 48], ['EtherType', 96, 16]]);
    expect(diagram.rows.map((row) => row.pieces.map((piece) => [piece.cell, piece.bitStart, piece.bitWidth]))).toEqual([
      [[0, 0, 32]],
      [[0, 0, 16], [1, 16, 16]],
      [[1, 0, 32]],
      [[2, 0, 16]],
    ]);
    expect(diagram.rows[1].pieces.map((piece) => [piece.first, piece.last])).toEqual([[false, true], [true, false]]);
  });

  it('IPv4 (RFC 791 §3.1)', () => {
    const { diagram } = diagramOf(frames.tcpSyn, 'ip');
    expect(layoutOf(diagram)).toEqual([
      ['Version', 0, 4], ['IHL', 4, 4], ['Type of Service (DS field)', 8, 8], ['Total Length', 16, 16],
      ['Identification', 32, 16], ['Flags', 48, 3], ['Fragment Offset', 51, 13],
      ['Time to Live', 64, 8], ['Protocol', 72, 8], ['Header Checksum', 80, 16],
      ['Source Address', 96, 32], ['Destination Address', 128, 32],
    ]);
    expect(diagram.rows).toHaveLength(5);
  });

  it('TCP (RFC 9293 §3.1): 4-bit data offset, 4 reserved bits, 8 one-bit flags', () => {
    const { diagram } = diagramOf(frames.tcpSyn, 'tcp');
    expect(layoutOf(diagram)).toEqual([
      ['Source Port', 0, 16], ['Destination Port', 16, 16], ['Sequence Number', 32, 32], ['Acknowledgment Number', 64, 32],
      ['DOffset', 96, 4], ['Rsrvd', 100, 4], ['CWR', 104, 1], ['ECE', 105, 1], ['URG', 106, 1], ['ACK', 107, 1],
      ['PSH', 108, 1], ['RST', 109, 1], ['SYN', 110, 1], ['FIN', 111, 1], ['Window', 112, 16],
      ['Checksum', 128, 16], ['Urgent Pointer', 144, 16], ['Options', 160, 32],
    ]);
    expect(diagram.cells.at(-1)!.variable).toBe(true);
    expect(diagram.rows.at(-1)!.pieces).toEqual([{ cell: 17, bitStart: 0, bitWidth: 32, first: true, last: true }]);
  });

  it('UDP (RFC 768)', () => {
    const { diagram } = diagramOf(frames.udpIpv6, 'udp');
    expect(layoutOf(diagram)).toEqual([['Source Port', 0, 16], ['Destination Port', 16, 16], ['Length', 32, 16], ['Checksum', 48, 16]]);
  });

  it('IPv6 (RFC 8200 §3)', () => {
    const { diagram } = diagramOf(frames.udpIpv6, 'ipv6');
    expect(layoutOf(diagram)).toEqual([
      ['Version', 0, 4], ['Traffic Class', 4, 8], ['Flow Label', 12, 20], ['Payload Length', 32, 16], ['Next Header', 48, 8], ['Hop Limit', 56, 8],
      ['Source Address', 64, 128], ['Destination Address', 192, 128],
    ]);
    expect(diagram.rows).toHaveLength(10);
  });

  it('ARP (RFC 826) for Ethernet and IPv4: 28 bytes', () => {
    const { diagram } = diagramOf(frames.arpRequest, 'arp');
    expect(layoutOf(diagram)).toEqual([
      ['Hardware Type', 0, 16], ['Protocol Type', 16, 16], ['HLEN', 32, 8], ['PLEN', 40, 8], ['Operation', 48, 16],
      ['Sender Hardware Address', 64, 48], ['Sender Protocol Address', 112, 32], ['Target Hardware Address', 144, 48], ['Target Protocol Address', 192, 32],
    ]);
    expect(diagram.headerLength).toBe(28);
  });

  it('ICMP (RFC 792): the second word depends on the type', () => {
    expect(layoutOf(diagramOf(frames.icmpEcho, 'icmp').diagram)).toEqual([
      ['Type', 0, 8], ['Code', 8, 8], ['Checksum', 16, 16], ['Identifier', 32, 16], ['Sequence Number', 48, 16], ['Data', 64, 32],
    ]);
    expect(layoutOf(diagramOf(frames.icmpUnreachable, 'icmp').diagram)).toEqual([
      ['Type', 0, 8], ['Code', 8, 8], ['Checksum', 16, 16], ['unused', 32, 32], ['Internet Header + 64 bits of Original Data Datagram', 64, 28 * 8],
    ]);
  });
});

describe('cells map both ways to the tree and the hex pane', () => {
  it.each([
    ['tcpSyn', 'eth'], ['tcpSyn', 'ip'], ['tcpSyn', 'tcp'], ['udpIpv6', 'ipv6'], ['udpIpv6', 'udp'], ['arpRequest', 'arp'], ['icmpEcho', 'icmp'], ['icmpUnreachable', 'icmp'],
  ] as const)('%s %s', (frame, protocol) => {
    const { tree, diagram } = diagramOf(frames[frame], protocol);
    for (const [index, cell] of diagram.cells.entries()) {
      if (!cell.abbrev) continue;
      expect(cell.treePath, cell.abbrev).not.toBeNull();
      const node = nodeAtPath(tree, cell.treePath!)!;
      const field = registry.byId(node.field);
      expect(field.abbrev).toBe(cell.abbrev);
      // The tree node covers the cell's bytes (Wireshark's items span whole bytes).
      expect(node.offset, cell.abbrev).toBeLessThanOrEqual(cell.byteOffset);
      expect(node.offset + node.length, cell.abbrev).toBeGreaterThanOrEqual(cell.byteOffset + cell.byteLength);
      // Where the registry has a bitmask, its bits sit where the RFC puts the cell (TCP's Rsrvd holds Wireshark's 3 reserved bits and AE).
      if (field.bitmask && node.length <= 4) {
        const maskTop = node.length * 8 - (32 - Math.clz32(field.bitmask));
        const maskWidth = 32 - Math.clz32(field.bitmask) - (31 - Math.clz32(field.bitmask & -field.bitmask));
        const start = (node.offset - diagram.headerOffset) * 8 + maskTop;
        expect(start, cell.abbrev).toBeGreaterThanOrEqual(cell.bitOffset);
        expect(start + maskWidth, cell.abbrev).toBeLessThanOrEqual(cell.bitOffset + cell.bitWidth);
        if (cell.abbrev !== 'tcp.flags.res') expect([start, maskWidth], cell.abbrev).toEqual([cell.bitOffset, cell.bitWidth]);
      }
      // A byte of the cell in the hex pane leads back to this cell (or to a bit field sharing the byte).
      const back = cellAtByte(diagram, diagram.source, cell.byteOffset + cell.byteLength - 1);
      expect(diagram.cells[back].byteOffset + diagram.cells[back].byteLength, cell.abbrev).toBe(cell.byteOffset + cell.byteLength);
      expect(index >= back || diagram.cells[index].byteOffset === diagram.cells[back].byteOffset, cell.abbrev).toBe(true);
    }
  });

  it('draws the IP header quoted in an ICMP error as occurrence 1', () => {
    const { diagram } = diagramOf(frames.icmpUnreachable, 'ip', 1);
    expect(diagram.headerOffset).toBe(14 + 20 + 8);
    expect(diagram.cells.find((cell) => cell.abbrev === 'ip.dst')!.valueText).toBe('10.0.0.2');
    expect(diagram.cells.find((cell) => cell.abbrev === 'ip.proto')!.valueText).toBe('17 (UDP)');
  });

  it('returns undefined for a protocol the packet does not have', () => {
    const { tree } = dissectBytes(frames.arpRequest);
    expect(headerDiagram(tree, 'tcp')).toBeUndefined();
    expect(headerDiagram(tree, 'dns')).toBeUndefined();
  });
});

const hasTshark = spawnSync('tshark', ['--version']).status === 0;

describe.skipIf(!hasTshark)('diagram values are the header bits tshark reads', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'packetlens-diagram-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  /** A classic little-endian pcap of Ethernet frames. */
  function writePcap(name: string, packets: readonly Uint8Array[]): string {
    const header = Buffer.from('d4c3b2a1020004000000000000000000ffff000001000000', 'hex');
    const records = packets.map((packet, index) => {
      const record = Buffer.alloc(16);
      record.writeUInt32LE(1_700_000_000 + index, 0);
      record.writeUInt32LE(packet.length, 8);
      record.writeUInt32LE(packet.length, 12);
      return Buffer.concat([record, packet]);
    });
    const file = path.join(directory, name);
    writeFileSync(file, Buffer.concat([header, ...records]));
    return file;
  }

  function tsharkFields(file: string, fields: readonly string[]): string[][] {
    const output = execFileSync('tshark', ['-n', '-r', file, '-T', 'fields', '-E', 'occurrence=f', ...fields.flatMap((field) => ['-e', field])], { encoding: 'utf8' });
    return output.trimEnd().split('\n').map((row) => row.split('\t'));
  }

  const cases: readonly { frame: keyof typeof frames; protocol: string; fields: readonly string[] }[] = [
    { frame: 'tcpSyn', protocol: 'eth', fields: ['eth.dst', 'eth.src'] },
    { frame: 'tcpSyn', protocol: 'ip', fields: ['ip.version', 'ip.len', 'ip.ttl', 'ip.src', 'ip.dst'] },
    { frame: 'tcpSyn', protocol: 'tcp', fields: ['tcp.srcport', 'tcp.dstport', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.window_size_value', 'tcp.urgent_pointer'] },
    { frame: 'udpIpv6', protocol: 'ipv6', fields: ['ipv6.version', 'ipv6.plen', 'ipv6.hlim', 'ipv6.src', 'ipv6.dst'] },
    { frame: 'udpIpv6', protocol: 'udp', fields: ['udp.srcport', 'udp.dstport', 'udp.length'] },
    { frame: 'arpRequest', protocol: 'arp', fields: ['arp.hw.size', 'arp.proto.size', 'arp.src.hw_mac', 'arp.src.proto_ipv4', 'arp.dst.hw_mac', 'arp.dst.proto_ipv4'] },
    { frame: 'icmpEcho', protocol: 'icmp', fields: ['icmp.code', 'icmp.ident', 'icmp.seq'] },
  ];

  it.each(cases)('$frame $protocol', ({ frame, protocol, fields }) => {
    const [row] = tsharkFields(writePcap(`${frame}-${protocol}.pcap`, [frames[frame]]), fields);
    const { diagram } = diagramOf(frames[frame], protocol);
    fields.forEach((field, index) => {
      const cell = diagram.cells.find((candidate) => candidate.abbrev === field)!;
      expect(cell.valueText.split(' ')[0], field).toBe(row[index]);
    });
  });

  it('shows hex fields and the bit fields tshark prints in hex', () => {
    const [row] = tsharkFields(writePcap('hex.pcap', [frames.udpIpv6]), ['ipv6.tclass', 'ipv6.flow']);
    const { diagram } = diagramOf(frames.udpIpv6, 'ipv6');
    expect(Number(diagram.cells[1].valueText)).toBe(Number(row[0]));
    expect(Number(diagram.cells[2].valueText)).toBe(Number(row[1]));
    const [tcpRow] = tsharkFields(writePcap('flags.pcap', [frames.tcpSyn]), ['tcp.hdr_len', 'tcp.flags.syn', 'tcp.flags.ack', 'ip.frag_offset', 'ip.flags', 'ip.checksum']);
    const ipDiagram = diagramOf(frames.tcpSyn, 'ip').diagram;
    const tcpDiagram = diagramOf(frames.tcpSyn, 'tcp').diagram;
    const value = (diagram: HeaderDiagram, abbrev: string) => diagram.cells.find((cell) => cell.abbrev === abbrev)!.valueText;
    expect(value(tcpDiagram, 'tcp.hdr_len')).toBe(`${Number(tcpRow[0]) / 4} (${tcpRow[0]} bytes)`);
    expect(value(tcpDiagram, 'tcp.flags.syn')).toBe(tcpRow[1] === 'True' || tcpRow[1] === '1' ? '1' : '0');
    expect(value(tcpDiagram, 'tcp.flags.ack')).toBe(tcpRow[2] === 'True' || tcpRow[2] === '1' ? '1' : '0');
    expect(value(ipDiagram, 'ip.frag_offset')).toBe(tcpRow[3]);
    expect(parseInt(value(ipDiagram, 'ip.flags'), 2)).toBe(Number(tcpRow[4]));
    expect(Number(value(ipDiagram, 'ip.checksum'))).toBe(Number(tcpRow[5]));
  });
});
