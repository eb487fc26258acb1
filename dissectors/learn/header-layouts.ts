import { line, type Bilingual } from './text.js';

/**
 * Header layouts as the standards draw them, one cell per field in wire order, widths in
 * bits. These are the RFC figures transcribed (RFC 791 §3.1, RFC 9293 §3.1, RFC 768, RFC 792,
 * RFC 826, RFC 8200 §3, IEEE 802.3 clause 3), not Wireshark's packet diagram: TCP's 4-bit data
 * offset, 4 reserved bits and 8 one-bit flags follow RFC 9293 (Wireshark draws them otherwise).
 * `abbrev` names the registry field the cell links to in the detail tree ('' for none).
 */

export type ValueFormat = 'decimal' | 'hex' | 'binary' | 'ipv4' | 'ipv6' | 'ether' | 'words' | 'bytes';

export interface CellLayout {
  readonly abbrev: string;
  readonly label: Bilingual;
  /** Width in bits; `variable` cells take whatever is left of the header (options, quoted data). */
  readonly bits: number | 'variable';
  readonly format: ValueFormat;
}

export interface HeaderShape {
  /** Cells in wire order; together they cover the header from its first bit. */
  readonly cells: readonly CellLayout[];
  /** The header's length in bytes (options included), read from the header itself. */
  readonly length: number;
}

const cell = (abbrev: string, en: string, zh: string, bits: number | 'variable', format: ValueFormat = 'decimal'): CellLayout => ({ abbrev, label: line(en, zh), bits, format });

/** IEEE 802.3 MAC header (no preamble, no FCS): not 32-bit aligned, so the addresses span rows. */
const ethernet: readonly CellLayout[] = [
  cell('eth.dst', 'Destination Address', '目的地址', 48, 'ether'),
  cell('eth.src', 'Source Address', '源地址', 48, 'ether'),
  cell('eth.type', 'EtherType', '类型', 16, 'hex'),
];

/** RFC 826, for any address sizes (Ethernet/IPv4: 6 and 4 bytes, 28 bytes in all). */
function arp(hardwareSize: number, protocolSize: number): CellLayout[] {
  const ethernetIpv4 = hardwareSize === 6 && protocolSize === 4;
  return [
    cell('arp.hw.type', 'Hardware Type', '硬件类型', 16),
    cell('arp.proto.type', 'Protocol Type', '协议类型', 16, 'hex'),
    cell('arp.hw.size', 'HLEN', '硬件地址长度', 8),
    cell('arp.proto.size', 'PLEN', '协议地址长度', 8),
    cell('arp.opcode', 'Operation', '操作码', 16),
    cell(ethernetIpv4 ? 'arp.src.hw_mac' : 'arp.src.hw', 'Sender Hardware Address', '发送方硬件地址', hardwareSize * 8, ethernetIpv4 ? 'ether' : 'hex'),
    cell(ethernetIpv4 ? 'arp.src.proto_ipv4' : 'arp.src.proto', 'Sender Protocol Address', '发送方协议地址', protocolSize * 8, ethernetIpv4 ? 'ipv4' : 'hex'),
    cell(ethernetIpv4 ? 'arp.dst.hw_mac' : 'arp.dst.hw', 'Target Hardware Address', '目标硬件地址', hardwareSize * 8, ethernetIpv4 ? 'ether' : 'hex'),
    cell(ethernetIpv4 ? 'arp.dst.proto_ipv4' : 'arp.dst.proto', 'Target Protocol Address', '目标协议地址', protocolSize * 8, ethernetIpv4 ? 'ipv4' : 'hex'),
  ];
}

/** RFC 791 §3.1 (the ToS byte is today's DS field, RFC 2474). */
const ipv4: readonly CellLayout[] = [
  cell('ip.version', 'Version', '版本', 4),
  cell('ip.hdr_len', 'IHL', '首部长度', 4, 'words'),
  cell('ip.dsfield', 'Type of Service (DS field)', '服务类型（DS 字段）', 8, 'hex'),
  cell('ip.len', 'Total Length', '总长度', 16),
  cell('ip.id', 'Identification', '标识', 16, 'hex'),
  cell('ip.flags', 'Flags', '标志', 3, 'binary'),
  cell('ip.frag_offset', 'Fragment Offset', '片偏移', 13),
  cell('ip.ttl', 'Time to Live', '生存时间', 8),
  cell('ip.proto', 'Protocol', '协议', 8),
  cell('ip.checksum', 'Header Checksum', '首部校验和', 16, 'hex'),
  cell('ip.src', 'Source Address', '源地址', 32, 'ipv4'),
  cell('ip.dst', 'Destination Address', '目的地址', 32, 'ipv4'),
  cell('', 'Options + Padding', '选项 + 填充', 'variable', 'bytes'),
];

/** RFC 8200 §3. */
const ipv6: readonly CellLayout[] = [
  cell('ipv6.version', 'Version', '版本', 4),
  cell('ipv6.tclass', 'Traffic Class', '流量类别', 8, 'hex'),
  cell('ipv6.flow', 'Flow Label', '流标签', 20, 'hex'),
  cell('ipv6.plen', 'Payload Length', '载荷长度', 16),
  cell('ipv6.nxt', 'Next Header', '下一个首部', 8),
  cell('ipv6.hlim', 'Hop Limit', '跳数限制', 8),
  cell('ipv6.src', 'Source Address', '源地址', 128, 'ipv6'),
  cell('ipv6.dst', 'Destination Address', '目的地址', 128, 'ipv6'),
];

/** RFC 9293 §3.1, Figure 1. */
const tcp: readonly CellLayout[] = [
  cell('tcp.srcport', 'Source Port', '源端口', 16),
  cell('tcp.dstport', 'Destination Port', '目的端口', 16),
  cell('tcp.seq_raw', 'Sequence Number', '序号', 32),
  cell('tcp.ack_raw', 'Acknowledgment Number', '确认号', 32),
  cell('tcp.hdr_len', 'DOffset', '数据偏移', 4, 'words'),
  cell('tcp.flags.res', 'Rsrvd', '保留', 4, 'binary'),
  cell('tcp.flags.cwr', 'CWR', 'CWR', 1),
  cell('tcp.flags.ece', 'ECE', 'ECE', 1),
  cell('tcp.flags.urg', 'URG', 'URG', 1),
  cell('tcp.flags.ack', 'ACK', 'ACK', 1),
  cell('tcp.flags.push', 'PSH', 'PSH', 1),
  cell('tcp.flags.reset', 'RST', 'RST', 1),
  cell('tcp.flags.syn', 'SYN', 'SYN', 1),
  cell('tcp.flags.fin', 'FIN', 'FIN', 1),
  cell('tcp.window_size_value', 'Window', '窗口', 16),
  cell('tcp.checksum', 'Checksum', '校验和', 16, 'hex'),
  cell('tcp.urgent_pointer', 'Urgent Pointer', '紧急指针', 16),
  cell('tcp.options', 'Options', '选项', 'variable', 'bytes'),
];

/** RFC 768. */
const udp: readonly CellLayout[] = [
  cell('udp.srcport', 'Source Port', '源端口', 16),
  cell('udp.dstport', 'Destination Port', '目的端口', 16),
  cell('udp.length', 'Length', '长度', 16),
  cell('udp.checksum', 'Checksum', '校验和', 16, 'hex'),
];

/** RFC 792: the first word is common; the second depends on the type. */
function icmp(type: number, code: number): CellLayout[] {
  const common = [
    cell('icmp.type', 'Type', '类型', 8),
    cell('icmp.code', 'Code', '代码', 8),
    cell('icmp.checksum', 'Checksum', '校验和', 16, 'hex'),
  ];
  const quoted = cell('', 'Internet Header + 64 bits of Original Data Datagram', '原数据报的 IP 首部 + 前 64 位数据', 'variable', 'bytes');
  switch (type) {
    case 0: case 8: case 13: case 14: case 15: case 16: case 17: case 18:
      return [...common, cell('icmp.ident', 'Identifier', '标识符', 16), cell('icmp.seq', 'Sequence Number', '序号', 16), cell('', 'Data', '数据', 'variable', 'bytes')];
    case 3:
      // RFC 1191 puts the next-hop MTU in the low half for "fragmentation needed".
      return code === 4
        ? [...common, cell('icmp.unused', 'unused', '未用', 16, 'hex'), cell('icmp.mtu', 'Next-Hop MTU', '下一跳 MTU', 16), quoted]
        : [...common, cell('icmp.unused', 'unused', '未用', 32, 'hex'), quoted];
    case 4: case 11:
      return [...common, cell('icmp.unused', 'unused', '未用', 32, 'hex'), quoted];
    case 5:
      return [...common, cell('icmp.redir_gw', 'Gateway Internet Address', '网关地址', 32, 'ipv4'), quoted];
    case 12:
      return [...common, cell('icmp.pointer', 'Pointer', '指针', 8), cell('icmp.unused', 'unused', '未用', 24, 'hex'), quoted];
    default:
      return [...common, cell('', 'Rest of Header', '首部其余部分', 32, 'hex'), cell('', 'Data', '数据', 'variable', 'bytes')];
  }
}

/**
 * The layout of the header at `offset`, read from the header itself (IHL, data offset, ARP
 * address sizes, ICMP type), or undefined for a protocol without a diagram. `available` is
 * the protocol's byte length in the tree (an ICMP message's data runs to its end).
 */
export function headerShape(protocol: string, bytes: Uint8Array, offset: number, available: number): HeaderShape | undefined {
  const at = (index: number) => bytes[offset + index] ?? 0;
  switch (protocol) {
    case 'eth': return { cells: ethernet, length: 14 };
    case 'arp': return { cells: arp(at(4), at(5)), length: 8 + 2 * (at(4) + at(5)) };
    case 'ip': return { cells: ipv4, length: Math.max(20, (at(0) & 0x0f) * 4) };
    case 'ipv6': return { cells: ipv6, length: 40 };
    case 'tcp': return { cells: tcp, length: Math.max(20, (at(12) >> 4) * 4) };
    case 'udp': return { cells: udp, length: 8 };
    case 'icmp': return { cells: icmp(at(0), at(1)), length: Math.max(8, available) };
    default: return undefined;
  }
}

/** Protocols `headerDiagram` draws. */
export const diagramProtocols = ['eth', 'arp', 'ip', 'ipv6', 'icmp', 'tcp', 'udp'] as const;
