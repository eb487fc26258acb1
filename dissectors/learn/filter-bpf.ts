import type { Field } from '../core/fields.js';
import { etherToString, ipv4ToString, ipv6ToString } from '../core/format.js';
import { compileFilter, type FilterNode, type Network, type RuntimeValue, type SetMember, type ValueNode } from '../filter/index.js';
import { prefixToNetmask } from './addresses.js';
import { line, type Bilingual } from './text.js';

/**
 * Display filter → capture filter (libpcap's BPF syntax, `man pcap-filter`), for what has an
 * equivalent: protocols, addresses, ports, and header fields at fixed offsets. A capture filter
 * sees one packet's bytes at a time and knows fixed header positions only, so application
 * fields (`http.request.method`), values PacketLens computes (`tcp.stream`, relative sequence
 * numbers, `tcp.analysis.*`) and text searches have no translation; the result says why.
 *
 * Translations are exact where BPF allows: `ip.addr == X` becomes `ip host X` (plain
 * `host X` would also match ARP packets about X), and Wireshark's `!=` (no occurrence equal,
 * and the field must be present) becomes `ip and not ip host X`.
 */
export type BpfTranslation =
  | { readonly bpf: string; readonly note?: Bilingual }
  | { readonly reason: Bilingual };

class Untranslatable extends Error {
  constructor(readonly reason: Bilingual) {
    super(reason.en);
  }
}

type Direction = 'src' | 'dst' | 'either';

/** How one display-filter field is read in BPF. */
interface BpfField {
  /** The BPF primitive true when the field is present (`tcp`, `ip`). */
  readonly presence: string;
  /** An address test: `ip src host X`. */
  readonly address?: { readonly qualifier: 'ip' | 'ip6' | 'ether' | 'arp'; readonly direction: Direction };
  /** A port test: `tcp dst port N`. */
  readonly port?: { readonly transport: 'tcp' | 'udp'; readonly direction: Direction };
  /** An arithmetic expression with the field's value, for relational tests. */
  readonly accessor?: string;
  /** For one-bit fields: an expression that is non-zero when the bit is set. */
  readonly bit?: string;
  /** A dedicated primitive for equality (`ip proto 6`, `ether proto 0x0800`). */
  readonly equals?: (value: number) => string;
  /** The accessor indexes into an upper-layer header, which libpcap finds only in IPv4. */
  readonly ipv4Only?: boolean;
}

const either = 'either' as const;
const tcpHeader = (accessor: string): BpfField => ({ presence: 'tcp', accessor, ipv4Only: true });
const udpHeader = (accessor: string): BpfField => ({ presence: 'udp', accessor, ipv4Only: true });
const tcpFlag = (name: string): BpfField => ({ presence: 'tcp', bit: `tcp[tcpflags] & ${name}`, ipv4Only: true });

const bpfFields: Readonly<Record<string, BpfField>> = {
  'frame.len': { presence: '', accessor: 'len' },
  'eth.addr': { presence: '', address: { qualifier: 'ether', direction: either } },
  'eth.src': { presence: '', address: { qualifier: 'ether', direction: 'src' } },
  'eth.dst': { presence: '', address: { qualifier: 'ether', direction: 'dst' } },
  'eth.type': { presence: '', accessor: 'ether[12:2]', equals: (value) => `ether proto 0x${value.toString(16).padStart(4, '0')}` },
  'arp.opcode': { presence: 'arp', accessor: 'arp[6:2]' },
  'arp.src.proto_ipv4': { presence: 'arp', address: { qualifier: 'arp', direction: 'src' } },
  'arp.dst.proto_ipv4': { presence: 'arp', address: { qualifier: 'arp', direction: 'dst' } },
  'ip.addr': { presence: 'ip', address: { qualifier: 'ip', direction: either } },
  'ip.src': { presence: 'ip', address: { qualifier: 'ip', direction: 'src' } },
  'ip.dst': { presence: 'ip', address: { qualifier: 'ip', direction: 'dst' } },
  'ip.version': { presence: 'ip', accessor: 'ip[0] >> 4' },
  'ip.hdr_len': { presence: 'ip', accessor: '(ip[0] & 0xf) * 4' },
  'ip.dsfield': { presence: 'ip', accessor: 'ip[1]' },
  'ip.dsfield.dscp': { presence: 'ip', accessor: 'ip[1] >> 2' },
  'ip.dsfield.ecn': { presence: 'ip', accessor: 'ip[1] & 0x3' },
  'ip.len': { presence: 'ip', accessor: 'ip[2:2]' },
  'ip.id': { presence: 'ip', accessor: 'ip[4:2]' },
  'ip.flags': { presence: 'ip', accessor: 'ip[6] >> 5' },
  'ip.flags.rb': { presence: 'ip', bit: 'ip[6] & 0x80' },
  'ip.flags.df': { presence: 'ip', bit: 'ip[6] & 0x40' },
  'ip.flags.mf': { presence: 'ip', bit: 'ip[6] & 0x20' },
  'ip.frag_offset': { presence: 'ip', accessor: 'ip[6:2] & 0x1fff' },
  'ip.ttl': { presence: 'ip', accessor: 'ip[8]' },
  'ip.proto': { presence: 'ip', accessor: 'ip[9]', equals: (value) => `ip proto ${value}` },
  'ip.checksum': { presence: 'ip', accessor: 'ip[10:2]' },
  'ipv6.addr': { presence: 'ip6', address: { qualifier: 'ip6', direction: either } },
  'ipv6.src': { presence: 'ip6', address: { qualifier: 'ip6', direction: 'src' } },
  'ipv6.dst': { presence: 'ip6', address: { qualifier: 'ip6', direction: 'dst' } },
  'ipv6.plen': { presence: 'ip6', accessor: 'ip6[4:2]' },
  'ipv6.nxt': { presence: 'ip6', accessor: 'ip6[6]' },
  'ipv6.hlim': { presence: 'ip6', accessor: 'ip6[7]' },
  'icmp.type': { presence: 'icmp', accessor: 'icmp[0]', ipv4Only: true },
  'icmp.code': { presence: 'icmp', accessor: 'icmp[1]', ipv4Only: true },
  'icmp.checksum': { presence: 'icmp', accessor: 'icmp[2:2]', ipv4Only: true },
  'tcp.port': { presence: 'tcp', port: { transport: 'tcp', direction: either } },
  'tcp.srcport': { presence: 'tcp', port: { transport: 'tcp', direction: 'src' } },
  'tcp.dstport': { presence: 'tcp', port: { transport: 'tcp', direction: 'dst' } },
  'tcp.seq_raw': tcpHeader('tcp[4:4]'),
  'tcp.ack_raw': tcpHeader('tcp[8:4]'),
  'tcp.hdr_len': tcpHeader('(tcp[12] >> 4) * 4'),
  'tcp.flags': tcpHeader('tcp[12:2] & 0xfff'),
  'tcp.flags.ae': { presence: 'tcp', bit: 'tcp[12] & 0x1', ipv4Only: true },
  'tcp.flags.cwr': tcpFlag('tcp-cwr'),
  'tcp.flags.ece': tcpFlag('tcp-ece'),
  'tcp.flags.urg': tcpFlag('tcp-urg'),
  'tcp.flags.ack': tcpFlag('tcp-ack'),
  'tcp.flags.push': tcpFlag('tcp-push'),
  'tcp.flags.reset': tcpFlag('tcp-rst'),
  'tcp.flags.syn': tcpFlag('tcp-syn'),
  'tcp.flags.fin': tcpFlag('tcp-fin'),
  'tcp.window_size_value': tcpHeader('tcp[14:2]'),
  'tcp.checksum': tcpHeader('tcp[16:2]'),
  'tcp.urgent_pointer': tcpHeader('tcp[18:2]'),
  'udp.port': { presence: 'udp', port: { transport: 'udp', direction: either } },
  'udp.srcport': { presence: 'udp', port: { transport: 'udp', direction: 'src' } },
  'udp.dstport': { presence: 'udp', port: { transport: 'udp', direction: 'dst' } },
  'udp.length': udpHeader('udp[4:2]'),
  'udp.checksum': udpHeader('udp[6:2]'),
};

/** Protocols BPF can recognise by name. */
const protocolPrimitives: Readonly<Record<string, string>> = {
  ip: 'ip', ipv6: 'ip6', arp: 'arp', tcp: 'tcp', udp: 'udp', icmp: 'icmp', icmpv6: 'icmp6', igmp: 'igmp', vlan: 'vlan', sctp: 'sctp',
};

/** Header-only protocols whose other fields are computed or sit at varying places. */
const headerProtocols = new Set(['frame', 'eth', 'arp', 'ip', 'ipv6', 'icmp', 'icmpv6', 'tcp', 'udp', 'vlan']);

const comparisonSymbols: Readonly<Record<string, string>> = { eq: '=', ne: '!=', gt: '>', ge: '>=', lt: '<', le: '<=' };

function unsupportedField(field: Field): Untranslatable {
  if (!headerProtocols.has(field.protocol)) {
    return new Untranslatable(line(
      `${field.abbrev} is decoded from ${field.protocol.toUpperCase()} data; a capture filter (BPF) reads only fixed places in the link, network and transport headers, so it cannot test it. Capture by host or port instead, then apply the display filter.`,
      `${field.abbrev} 是从 ${field.protocol.toUpperCase()} 数据中解析出来的；捕获过滤器（BPF）只能读取链路层、网络层和传输层头部的固定位置，无法检测它。可以改为按主机或端口抓包，再应用显示过滤器。`,
    ));
  }
  return new Untranslatable(line(
    `${field.abbrev} is not a fixed header field: PacketLens computes it (from other packets or from variable-length parts), and a capture filter sees one packet's raw bytes at a time.`,
    `${field.abbrev} 不是固定位置的头部字段：它由 PacketLens 计算得出（依据其他数据包或可变长部分），而捕获过滤器每次只能看到一个数据包的原始字节。`,
  ));
}

function unsupported(en: string, zh: string): Untranslatable {
  return new Untranslatable(line(en, zh));
}

class BpfWriter {
  /** Set when an accessor reads an upper-layer header that libpcap indexes only in IPv4. */
  ipv4Only = false;

  test(node: FilterNode): string {
    switch (node.kind) {
      case 'true': return '';
      case 'and': case 'or': return `${this.operand(node.left, node.kind)} ${node.kind} ${this.operand(node.right, node.kind)}`;
      case 'not': return `not ${this.operand(node.operand, 'not')}`;
      case 'exists': return this.exists(node.value);
      case 'truthy': return this.truthy(node.value);
      case 'compare': return this.compare(node);
      case 'in': return this.membership(node.value, node.set, node.quantifier);
    }
  }

  /** Parenthesises compound operands: BPF gives `and` and `or` equal precedence, left to right. */
  private operand(node: FilterNode, parent: 'and' | 'or' | 'not'): string {
    const text = this.test(node);
    if (text === '') throw unsupported('An empty operand has no BPF form.', '空操作数没有 BPF 形式。');
    const compound = node.kind === 'and' || node.kind === 'or' || / (and|or) /.test(text);
    return compound && !(node.kind === parent) ? `(${text})` : text;
  }

  private field(value: ValueNode): { field: Field; bpf: BpfField } {
    if (value.kind === 'field' && !value.layers) {
      const bpf = bpfFields[value.field.abbrev];
      if (!bpf) throw unsupportedField(value.field);
      return { field: value.field, bpf };
    }
    if (value.kind === 'field') throw unsupported('Layer selectors (ip.src#2) have no BPF equivalent.', '层选择器（ip.src#2）没有 BPF 等价形式。');
    if (value.kind === 'reference') throw unsupported('Field references (${…}) depend on the selected packet; a capture filter cannot use them.', '字段引用（${…}）依赖所选数据包，捕获过滤器无法使用。');
    if (value.kind === 'slice') throw unsupported('Slices ([i:j]) of display-filter fields have no general BPF equivalent.', '显示过滤器字段的切片（[i:j]）没有通用的 BPF 等价形式。');
    if (value.kind === 'function') throw unsupported(`The function ${value.name}() has no BPF equivalent.`, `函数 ${value.name}() 没有 BPF 等价形式。`);
    throw unsupported('This expression has no BPF equivalent.', '该表达式没有 BPF 等价形式。');
  }

  private exists(value: ValueNode): string {
    if (value.kind === 'field' && value.field.type === 'protocol' && !value.layers) {
      const primitive = protocolPrimitives[value.field.abbrev];
      if (primitive) return primitive;
      if (value.field.abbrev === 'eth' || value.field.abbrev === 'frame') throw unsupported(`Every captured frame is ${value.field.abbrev}: a capture filter selects by what follows.`, `每个抓到的帧都是 ${value.field.abbrev}：捕获过滤器按其后的内容选择。`);
      throw unsupportedField(value.field);
    }
    const { bpf } = this.field(value);
    if (bpf.presence === '') throw unsupported('Every Ethernet frame has this field.', '每个以太网帧都有该字段。');
    return bpf.presence;
  }

  private truthy(value: ValueNode): string {
    if (value.kind !== 'arithmetic' || value.op !== '&' || value.right.kind !== 'constant') {
      throw unsupported('Only "field & mask" tests have a BPF form.', '只有"字段 & 掩码"形式的测试有 BPF 形式。');
    }
    return `${this.accessor(value.left)} & 0x${Number(this.integer(value.right.value)).toString(16)} != 0`;
  }

  private accessor(value: ValueNode): string {
    const { field, bpf } = this.field(value);
    const accessor = bpf.accessor ?? bpf.bit;
    if (!accessor) throw unsupportedField(field);
    if (bpf.ipv4Only) this.ipv4Only = true;
    return accessor;
  }

  private integer(value: RuntimeValue): string {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
      throw unsupported('BPF compares unsigned 32-bit integers only.', 'BPF 只能比较 32 位无符号整数。');
    }
    return String(value);
  }

  private compare(node: FilterNode & { kind: 'compare' }): string {
    if (node.op === 'contains' || node.op === 'matches') {
      throw unsupported(`BPF cannot search inside packets: "${node.op}" has no capture-filter form.`, `BPF 不能在数据包中搜索："${node.op}" 没有捕获过滤器形式。`);
    }
    if (node.right.kind !== 'constant') {
      if (node.right.kind === 'reference') this.field(node.right);
      throw unsupported('BPF compares a field with a constant only.', 'BPF 只能把字段与常量比较。');
    }
    const { field, bpf } = this.field(node.left);
    const constant = node.right.value;
    if (node.op === 'eq' || node.op === 'ne') {
      // Wireshark's `!=` means "present, and no occurrence equal"; `!==` and `===` differ only for two-valued fields.
      const twoValued = bpf.address?.direction === either || bpf.port?.direction === either;
      const strict = (node.op === 'eq') !== (node.quantifier === 'any');
      if (strict && twoValued) throw unsupported('"===" and "!==" on a field with two values (both addresses or both ports) have no BPF form.', '对有两个取值的字段（双方地址或双方端口）使用 "===" 和 "!==" 没有 BPF 形式。');
      const equal = this.equality(field, bpf, constant);
      if (node.op === 'eq') return equal;
      return bpf.presence ? `${bpf.presence} and not ${wrap(equal)}` : `not ${wrap(equal)}`;
    }
    if (bpf.port) return this.portRange(bpf, node.op, this.integerValue(constant));
    const accessor = this.accessor(node.left);
    return `${accessor} ${comparisonSymbols[node.op]} ${this.integer(constant)}`;
  }

  private integerValue(value: RuntimeValue): number {
    return Number(this.integer(value));
  }

  private equality(field: Field, bpf: BpfField, constant: RuntimeValue): string {
    if (bpf.address) return addressTest(bpf.address.qualifier, bpf.address.direction, constant);
    if (bpf.port) return `${bpf.port.transport} ${directionWord(bpf.port.direction)}port ${this.integer(constant)}`;
    if (bpf.bit) {
      if (bpf.ipv4Only) this.ipv4Only = true;
      return `${bpf.bit} ${constant === 0 ? '=' : '!='} 0`;
    }
    if (bpf.equals && typeof constant === 'number') return bpf.equals(constant);
    if (!bpf.accessor) throw unsupportedField(field);
    if (bpf.ipv4Only) this.ipv4Only = true;
    return `${bpf.accessor} = ${this.integer(constant)}`;
  }

  private portRange(bpf: BpfField, op: string, value: number): string {
    const [low, high] = op === 'gt' ? [value + 1, 65535] : op === 'ge' ? [value, 65535] : op === 'lt' ? [0, value - 1] : [0, value];
    if (low > high || low > 65535 || high < 0) throw unsupported('This port range is empty.', '该端口范围为空。');
    return `${bpf.port!.transport} ${directionWord(bpf.port!.direction)}portrange ${low}-${high}`;
  }

  private membership(value: ValueNode, set: readonly SetMember[], quantifier: 'any' | 'all'): string {
    const { field, bpf } = this.field(value);
    if (quantifier === 'all' && (bpf.address?.direction === either || bpf.port?.direction === either)) {
      throw unsupported('"all_in" on a field with two values has no BPF form.', '对有两个取值的字段使用 all_in 没有 BPF 形式。');
    }
    const tests = set.map((member) => {
      if (member.low.kind !== 'constant' || (member.high && member.high.kind !== 'constant')) throw unsupported('Set members must be constants.', '集合成员必须是常量。');
      if (!member.high) return this.equality(field, bpf, member.low.value);
      const low = this.integerValue(member.low.value);
      const high = this.integerValue(member.high.value);
      if (bpf.port) return `${bpf.port.transport} ${directionWord(bpf.port.direction)}portrange ${low}-${high}`;
      const accessor = this.accessor(value);
      return `(${accessor} >= ${low} and ${accessor} <= ${high})`;
    });
    return tests.length === 1 ? tests[0] : `(${tests.join(' or ')})`;
  }
}

function wrap(text: string): string {
  return / (and|or) /.test(text) ? `(${text})` : text;
}

function directionWord(direction: Direction): string {
  return direction === either ? '' : `${direction} `;
}

function isNetwork(value: RuntimeValue): value is Network {
  return typeof value === 'object' && value !== null && 'bits' in value && 'address' in value;
}

function addressTest(qualifier: 'ip' | 'ip6' | 'ether' | 'arp', direction: Direction, constant: RuntimeValue): string {
  const where = directionWord(direction);
  if (qualifier === 'ether') {
    if (!(constant instanceof Uint8Array) || constant.length !== 6) throw unsupported('Not a MAC address.', '不是 MAC 地址。');
    return `ether ${where}host ${etherToString(constant)}`;
  }
  if (isNetwork(constant)) {
    if (typeof constant.address === 'number') {
      // libpcap refuses host bits inside a network ("10.1.2.3/8"); Wireshark ignores them.
      const network = (constant.address & prefixToNetmask(constant.bits)) >>> 0;
      return `${qualifier} ${where}net ${ipv4ToString(network)}/${constant.bits}`;
    }
    return `${qualifier} ${where}net ${ipv6ToString(maskIpv6(constant.address, constant.bits))}/${constant.bits}`;
  }
  if (typeof constant === 'number') return `${qualifier} ${where}host ${ipv4ToString(constant)}`;
  if (constant instanceof Uint8Array && constant.length === 16) return `${qualifier} ${where}host ${ipv6ToString(constant)}`;
  throw unsupported('Not an address.', '不是地址。');
}

function maskIpv6(address: Uint8Array, bits: number): Uint8Array {
  const masked = new Uint8Array(16);
  for (let index = 0; index < 16; index++) {
    const keep = Math.max(0, Math.min(8, bits - index * 8));
    masked[index] = address[index] & ((0xff << (8 - keep)) & 0xff);
  }
  return masked;
}

const ipv4OnlyNote = line(
  'libpcap finds the TCP, UDP and ICMP headers for tcp[…], udp[…] and icmp[…] only in IPv4 packets, so IPv6 packets will not match this part.',
  'libpcap 只在 IPv4 数据包中定位 tcp[…]、udp[…] 和 icmp[…] 所用的头部，因此 IPv6 数据包不会匹配这一部分。',
);

/**
 * Translates a display filter to a capture filter, or says why there is none. Throws
 * FilterError when `text` is not a valid display filter. The empty filter gives `{ bpf: '' }`
 * (capture everything).
 */
export function filterToBpf(text: string): BpfTranslation {
  const root = compileFilter(text).describe();
  const writer = new BpfWriter();
  try {
    const bpf = writer.test(root);
    return writer.ipv4Only ? { bpf, note: ipv4OnlyNote } : { bpf };
  } catch (error) {
    if (error instanceof Untranslatable) return { reason: error.reason };
    throw error;
  }
}
