import {
  declareField, declareProtocol, etherToString, hex, ipv6ToString, need, registry, u16, u32,
  type DissectorTables, type Field, type PacketContext, type ProtocolField,
} from '../core/index.js';
import { dissectData } from './data.js';
import { wsFields } from './frame.js';
import { dissectIpPayload } from './ip.js';
import { dscpNames, dsfieldSummary, ecnNames } from './names/dsfield.js';
import { ipProtocolNames } from './names/ipproto.js';
import { setFinalDestination6, setHopLimit } from './network-layer.js';

/** IPv6 (RFC 8200) and its extension headers. Ethertype 0x86dd, PPP 0x0057, raw-IP link types. */
export const ipv6 = declareProtocol('ipv6', 'Internet Protocol Version 6', 'IPv6', {
  en: 'The newer network layer: 128-bit addresses, a fixed 40-byte header, and optional extension headers chained by "next header".',
  zh: '新一代网络层：128 位地址、固定 40 字节头部，以及通过"下一个头部"串联的可选扩展头部。',
});

const protocolNames = (value: number) => ipProtocolNames[value] ?? 'Unknown';

const hf = {
  version: declareField('ipv6.version', 'Version', 'uint8', {
    bitmask: 0xf0,
    explain: { en: 'IP version number; 6 here.', zh: 'IP 版本号；此处为 6。' },
  }),
  tclass: declareField('ipv6.tclass', 'Traffic Class', 'uint32', {
    base: 'hex', bitmask: 0x0ff00000,
    explain: { en: 'The IPv6 counterpart of IPv4\'s DS field: DSCP priority class plus ECN congestion bits.', zh: '相当于 IPv4 的 DS 字段：DSCP 优先级类别加 ECN 拥塞位。' },
  }),
  dscp: declareField('ipv6.tclass.dscp', 'Differentiated Services Codepoint', 'uint32', {
    bitmask: 0x0fc00000, values: dscpNames,
    explain: { en: 'Forwarding class for routers (0 default, 46 expedited forwarding).', zh: '路由器使用的转发类别（0 为默认，46 为加速转发）。' },
  }),
  ecn: declareField('ipv6.tclass.ecn', 'Explicit Congestion Notification', 'uint32', {
    bitmask: 0x00300000, values: ecnNames,
    explain: { en: 'Congestion signalling bits (3 = congestion experienced).', zh: '拥塞通知位（3 表示遇到拥塞）。' },
  }),
  flow: declareField('ipv6.flow', 'Flow Label', 'uint24', {
    base: 'hex', bitmask: 0x000fffff,
    explain: { en: 'Lets the sender mark packets of one flow so routers can keep them on one path; 0 if unused.', zh: '发送方用来标记同一流的包，便于路由器让它们走同一路径；不用时为 0。' },
  }),
  plen: declareField('ipv6.plen', 'Payload Length', 'uint16', {
    explain: { en: 'Bytes after the 40-byte header, extension headers included.', zh: '40 字节头部之后的字节数，包括扩展头部。' },
  }),
  nxt: declareField('ipv6.nxt', 'Next Header', 'uint8', {
    values: protocolNames,
    explain: { en: 'What follows the header: an extension header (0 hop-by-hop, 43 routing, 44 fragment) or the payload (6 TCP, 17 UDP, 58 ICMPv6).', zh: '头部之后的内容：扩展头部（0 逐跳，43 路由，44 分片）或载荷（6 TCP，17 UDP，58 ICMPv6）。' },
  }),
  hlim: declareField('ipv6.hlim', 'Hop Limit', 'uint8', {
    explain: { en: 'IPv6\'s TTL: each router subtracts 1 and drops the packet at 0.', zh: 'IPv6 的 TTL：每个路由器减 1，为 0 时丢弃。' },
  }),
  src: declareField('ipv6.src', 'Source Address', 'ipv6', {
    explain: { en: 'IPv6 address of the sender.', zh: '发送方的 IPv6 地址。' },
  }),
  dst: declareField('ipv6.dst', 'Destination Address', 'ipv6', {
    explain: { en: 'IPv6 address of the receiver (ff00::/8 is multicast).', zh: '接收方的 IPv6 地址（ff00::/8 为组播）。' },
  }),
  addr: declareField('ipv6.addr', 'Source or Destination Address', 'ipv6', {
    hidden: true, explain: { en: 'Either address (filter only).', zh: '源或目的地址之一（仅用于过滤）。' },
  }),
  srcHost: declareField('ipv6.src_host', 'Source Host', 'string', {
    hidden: true, explain: { en: 'The source address as a host name.', zh: '源地址对应的主机名。' },
  }),
  dstHost: declareField('ipv6.dst_host', 'Destination Host', 'string', {
    hidden: true, explain: { en: 'The destination address as a host name.', zh: '目的地址对应的主机名。' },
  }),
  host: declareField('ipv6.host', 'Source or Destination Host', 'string', {
    hidden: true, explain: { en: 'Either host name (filter only).', zh: '源或目的主机名之一（仅用于过滤）。' },
  }),
  srcSlaacMac: declareField('ipv6.src_slaac_mac', 'Source SLAAC MAC', 'ether', {
    explain: { en: 'The MAC address embedded in a stateless autoconfigured (EUI-64, …ff:fe…) source address.', zh: '嵌在无状态自动配置（EUI-64，含 …ff:fe…）源地址中的 MAC 地址。' },
  }),
  dstSlaacMac: declareField('ipv6.dst_slaac_mac', 'Destination SLAAC MAC', 'ether', {
    explain: { en: 'The MAC address embedded in an EUI-64 destination address.', zh: '嵌在 EUI-64 目的地址中的 MAC 地址。' },
  }),
  slaacMac: declareField('ipv6.slaac_mac', 'SLAAC MAC', 'ether', {
    hidden: true, explain: { en: 'Either embedded MAC address (filter only).', zh: '任一嵌入的 MAC 地址（仅用于过滤）。' },
  }),
  bogusVersion: declareField('ipv6.bogus_ipv6_version', 'Bogus IP version', 'none', {
    expert: { severity: 'error', group: 'protocol' },
    explain: { en: 'The version field is not 6, so this is not an IPv6 header.', zh: '版本字段不是 6，因此这不是 IPv6 头部。' },
  }),
  invalidHeader: declareField('ipv6.invalid_header', 'Invalid IPv6 header', 'none', {
    expert: { severity: 'error', group: 'malformed' },
    explain: { en: 'Fewer than the 40 bytes an IPv6 header needs.', zh: '不足 IPv6 头部所需的 40 字节。' },
  }),
  // Options of hop-by-hop and destination options headers.
  opt: declareField('ipv6.opt', 'IPv6 Option', 'none', {
    explain: { en: 'One option inside a hop-by-hop or destination options header.', zh: '逐跳或目的选项头部中的一个选项。' },
  }),
  optType: declareField('ipv6.opt.type', 'Type', 'uint8', {
    base: 'hex', values: { 0: 'Pad1', 1: 'PadN', 5: 'Router Alert', 194: 'Jumbo Payload' },
    explain: { en: 'Option type; its top two bits say what a node that does not know it must do.', zh: '选项类型；最高两位规定不认识该选项的节点应如何处理。' },
  }),
  optAction: declareField('ipv6.opt.type.action', 'Action', 'uint8', {
    bitmask: 0xc0, values: { 0: 'Skip and continue', 1: 'Discard packet', 2: 'Discard packet and send ICMP Parameter Problem', 3: 'Discard packet and send ICMP Parameter Problem if destination is not multicast' },
    explain: { en: 'What to do with an unknown option: 0 skip it, 1–3 discard the packet.', zh: '遇到未知选项时的处理：0 跳过，1–3 丢弃该包。' },
  }),
  optChange: declareField('ipv6.opt.type.change', 'May Change', 'bool', {
    bitmask: 0x20, trueFalse: ['Yes', 'No'],
    explain: { en: 'Whether routers may change the option data on the way.', zh: '路由器在途中是否可以修改选项数据。' },
  }),
  optRest: declareField('ipv6.opt.type.rest', 'Low-Order Bits', 'uint8', {
    base: 'hex', bitmask: 0x1f,
    explain: { en: 'The rest of the option type number.', zh: '选项类型号的其余位。' },
  }),
  optLength: declareField('ipv6.opt.length', 'Length', 'uint8', {
    explain: { en: 'Length of the option data in bytes.', zh: '选项数据的字节长度。' },
  }),
  optPad1: declareField('ipv6.opt.pad1', 'Pad1', 'none', {
    explain: { en: 'A single byte of padding.', zh: '单字节填充。' },
  }),
  optPadN: declareField('ipv6.opt.padn', 'PadN', 'bytes', {
    explain: { en: 'Padding bytes that align the header to a multiple of 8.', zh: '把头部对齐到 8 的倍数的填充字节。' },
  }),
  optRouterAlert: declareField('ipv6.opt.router_alert', 'Router Alert', 'uint16', {
    values: { 0: 'MLD', 1: 'RSVP', 2: 'Active Networks' },
    explain: { en: 'Asks routers to look at the packet (0 = MLD, multicast listener messages).', zh: '要求路由器检查该包（0 表示 MLD 组播侦听报文）。' },
  }),
  optJumbo: declareField('ipv6.opt.jumbo', 'Payload Length', 'uint32', {
    explain: { en: 'Jumbogram length (RFC 2675) for payloads over 65,535 bytes; the header\'s payload length is then 0.', zh: '超过 65,535 字节载荷的巨型包长度（RFC 2675）；此时头部的载荷长度为 0。' },
  }),
  optUnknown: declareField('ipv6.opt.unknown', 'Unknown Option Payload', 'bytes', {
    explain: { en: 'Data of an option PacketLens does not decode.', zh: 'PacketLens 未解码的选项数据。' },
  }),
};

function extensionFields(abbrev: 'hopopts' | 'dstopts' | 'routing', what: string) {
  return {
    nxt: declareField(`ipv6.${abbrev}.nxt`, 'Next Header', 'uint8', {
      values: protocolNames,
      explain: { en: `Header that follows the ${what}.`, zh: `${what === 'hop-by-hop options' ? '逐跳选项头部' : what === 'destination options' ? '目的选项头部' : '路由头部'}之后的头部。` },
    }),
    len: declareField(`ipv6.${abbrev}.len`, 'Length', 'uint8', {
      explain: { en: 'Header length in 8-byte units, not counting the first 8 bytes.', zh: '头部长度，以 8 字节为单位，不含前 8 字节。' },
    }),
    lenOct: declareField(`ipv6.${abbrev}.len_oct`, 'Length', 'uint16', {
      explain: { en: 'The same length in bytes: (length + 1) × 8.', zh: '同一长度的字节数：(长度 + 1) × 8。' },
    }),
  };
}

const hopopts = declareProtocol('ipv6.hopopts', 'IPv6 Hop-by-Hop Option', 'IPv6 Hop-by-Hop Option', {
  en: 'Options every router on the path must examine (router alert for MLD, jumbo payload).',
  zh: '路径上每个路由器都必须检查的选项（用于 MLD 的路由器警告、巨型载荷）。',
});
const dstopts = declareProtocol('ipv6.dstopts', 'Destination Options for IPv6', 'Destination Options for IPv6', {
  en: 'Options only the destination examines.',
  zh: '仅由目的主机检查的选项。',
});
const routing = declareProtocol('ipv6.routing', 'Routing Header for IPv6', 'Routing Header for IPv6', {
  en: 'Lists intermediate nodes the packet should visit (source routing; type 0 is deprecated).',
  zh: '列出数据包应经过的中间节点（源路由；类型 0 已废弃）。',
});
const fraghdr = declareProtocol('ipv6.fraghdr', 'Fragment Header for IPv6', 'IPv6 Fragment', {
  en: 'Present when the sender split the packet: IPv6 routers never fragment, only the source does.',
  zh: '发送方拆分数据包时出现：IPv6 路由器从不分片，只有源主机会分片。',
});

const hfHop = extensionFields('hopopts', 'hop-by-hop options');
const hfDst = extensionFields('dstopts', 'destination options');
const hfRouting = {
  ...extensionFields('routing', 'routing header'),
  type: declareField('ipv6.routing.type', 'Type', 'uint8', {
    values: { 0: 'Source Route', 1: 'Nimrod', 2: 'Type 2 Routing', 3: 'RPL Source Route', 4: 'Segment Routing', 5: 'Compact Routing Header 16', 6: 'Compact Routing Header 32' },
    explain: { en: 'Routing header variant: 0 source route (deprecated), 2 Mobile IPv6, 4 segment routing.', zh: '路由头部种类：0 源路由（已废弃），2 移动 IPv6，4 段路由。' },
  }),
  segleft: declareField('ipv6.routing.segleft', 'Segments Left', 'uint8', {
    explain: { en: 'How many listed nodes are still to be visited.', zh: '尚未访问的列出节点数。' },
  }),
  srcReserved: declareField('ipv6.routing.src.reserved', 'Reserved', 'bytes', {
    explain: { en: 'Reserved bytes of a type 0 routing header.', zh: '类型 0 路由头部的保留字节。' },
  }),
  srcAddr: declareField('ipv6.routing.src.addr', 'Address', 'ipv6', {
    explain: { en: 'A node the packet is routed through.', zh: '数据包途经的一个节点。' },
  }),
  deprecated: declareField('ipv6.routing.deprecated', 'Routing header type is deprecated', 'none', {
    expert: { severity: 'note', group: 'protocol' },
    explain: { en: 'Type 0 routing headers were deprecated by RFC 5095 because they allow traffic amplification.', zh: '类型 0 路由头部因可被用于流量放大而被 RFC 5095 废弃。' },
  }),
  unknownData: declareField('ipv6.routing.unknown_data', 'Type-Specific Data', 'bytes', {
    explain: { en: 'Data of a routing header type PacketLens does not decode.', zh: 'PacketLens 未解码的路由头部类型数据。' },
  }),
};
const hfFrag = {
  nxt: declareField('ipv6.fraghdr.nxt', 'Next header', 'uint8', {
    values: protocolNames,
    explain: { en: 'Protocol of the fragmented payload.', zh: '被分片载荷的协议。' },
  }),
  reservedOctet: declareField('ipv6.fraghdr.reserved_octet', 'Reserved octet', 'uint8', {
    base: 'hex', explain: { en: 'Reserved, zero.', zh: '保留，为零。' },
  }),
  offset: declareField('ipv6.fraghdr.offset', 'Offset', 'uint16', {
    bitmask: 0xfff8,
    explain: { en: 'Position of this fragment in the original payload, in 8-byte units.', zh: '该分片在原载荷中的位置，以 8 字节为单位。' },
  }),
  reservedBits: declareField('ipv6.fraghdr.reserved_bits', 'Reserved bits', 'uint16', {
    bitmask: 0x0006, explain: { en: 'Reserved, zero.', zh: '保留，为零。' },
  }),
  more: declareField('ipv6.fraghdr.more', 'More Fragments', 'bool', {
    bitmask: 0x0001, trueFalse: ['Yes', 'No'],
    explain: { en: 'Whether more fragments follow.', zh: '后面是否还有分片。' },
  }),
  ident: declareField('ipv6.fraghdr.ident', 'Identification', 'uint32', {
    base: 'hex',
    explain: { en: 'Shared by all fragments of one original packet.', zh: '同一原始数据包的所有分片共享此值。' },
  }),
};

const optionNames: Readonly<Record<number, string>> = { 0: 'Pad1', 1: 'PadN', 5: 'Router Alert', 194: 'Jumbo Payload' };

/** A hop-by-hop or destination options header: next header, length, then TLV options. */
function dissectOptionsHeader(ctx: PacketContext, protocol: ProtocolField, fields: typeof hfHop, data: Uint8Array, offset: number, end: number): { next: number; length: number } {
  const sink = ctx.sink;
  need(data, offset, 2, end, 'ipv6');
  const next = data[offset];
  const length = (data[offset + 1] + 1) * 8;
  need(data, offset, length, end, 'ipv6');
  sink.open(protocol, offset, length);
  sink.add(fields.nxt, offset, 1, next, sink.detailed ? `Next Header: ${protocolNames(next)} (${next})` : undefined);
  sink.add(fields.len, offset + 1, 1, data[offset + 1]);
  sink.add(fields.lenOct, offset + 1, 1, length, sink.detailed ? `[Length: ${length} bytes]` : undefined);
  for (let cursor = offset + 2; cursor < offset + length;) {
    const type = data[cursor];
    const name = optionNames[type] ?? `Unknown IPv6 Option (${hex(type, 2)})`;
    const optionLength = type === 0 ? 1 : 2 + data[cursor + 1];
    if (cursor + optionLength > offset + length) break;
    sink.open(hf.opt, cursor, optionLength, undefined, name);
    sink.open(hf.optType, cursor, 1, type);
    sink.add(hf.optAction, cursor, 1, type >> 6);
    sink.add(hf.optChange, cursor, 1, (type & 0x20) !== 0);
    sink.add(hf.optRest, cursor, 1, type & 0x1f);
    sink.close();
    if (type === 0) {
      sink.add(hf.optPad1, cursor, 1);
    } else {
      const dataLength = optionLength - 2;
      sink.add(hf.optLength, cursor + 1, 1, dataLength);
      const body = cursor + 2;
      if (type === 1) sink.add(hf.optPadN, body, dataLength, undefined, dataLength === 0 && sink.detailed ? 'PadN: <none>' : undefined);
      else if (type === 5 && dataLength === 2) sink.add(hf.optRouterAlert, body, 2, u16(data, body));
      else if (type === 194 && dataLength === 4) sink.add(hf.optJumbo, body, 4, u32(data, body));
      else if (dataLength > 0) sink.add(hf.optUnknown, body, dataLength);
    }
    sink.close();
    cursor += optionLength;
  }
  sink.close();
  return { next, length };
}

function dissectRoutingHeader(ctx: PacketContext, data: Uint8Array, offset: number, end: number): { next: number; length: number } {
  const sink = ctx.sink;
  need(data, offset, 4, end, 'ipv6');
  const next = data[offset];
  const length = (data[offset + 1] + 1) * 8;
  const type = data[offset + 2];
  need(data, offset, length, end, 'ipv6');
  sink.open(routing, offset, length);
  sink.add(hfRouting.nxt, offset, 1, next, sink.detailed ? `Next Header: ${protocolNames(next)} (${next})` : undefined);
  sink.add(hfRouting.len, offset + 1, 1, data[offset + 1]);
  sink.add(hfRouting.lenOct, offset + 1, 1, length, sink.detailed ? `[Length: ${length} bytes]` : undefined);
  if (type === 0) {
    sink.open(hfRouting.type, offset + 2, 1, type);
    sink.add(hfRouting.deprecated, offset + 2, 1, undefined, 'Routing header type is deprecated');
    sink.close();
  } else {
    sink.add(hfRouting.type, offset + 2, 1, type);
  }
  sink.add(hfRouting.segleft, offset + 3, 1, data[offset + 3]);
  if (type === 0) {
    sink.add(hfRouting.srcReserved, offset + 4, 4);
    let last = -1;
    for (let cursor = offset + 8; cursor + 16 <= offset + length; cursor += 16) {
      sink.add(hfRouting.srcAddr, cursor, 16);
      last = cursor;
    }
    if (last >= 0 && data[offset + 3] > 0) setFinalDestination6(ctx, data.subarray(last, last + 16));
  } else if (length > 4) {
    sink.add(hfRouting.unknownData, offset + 4, length - 4);
  }
  sink.close();
  return { next, length };
}

/** What the fragment header says; the seam for IPv6 reassembly (see ip.ts's Ipv4FragmentHandler). */
export interface Ipv6Fragment {
  readonly identification: number;
  readonly nextHeader: number;
  /** Byte offset of this fragment's data in the original payload. */
  readonly offset: number;
  readonly moreFragments: boolean;
  readonly payloadStart: number;
  readonly payloadEnd: number;
}

export type Ipv6FragmentHandler = (ctx: PacketContext, fragment: Ipv6Fragment, data: Uint8Array) => boolean;

let fragmentHandler: Ipv6FragmentHandler | null = null;

export function setIpv6FragmentHandler(handler: Ipv6FragmentHandler | null): void {
  fragmentHandler = handler;
}

function dissectFragmentHeader(ctx: PacketContext, data: Uint8Array, offset: number, end: number): Ipv6Fragment {
  const sink = ctx.sink;
  // Wireshark adds the header's item before reading it: a cut header still names the layer.
  sink.open(fraghdr, offset, Math.max(0, Math.min(8, Math.min(end, data.length) - offset)));
  need(data, offset, 8, end, 'ipv6.fraghdr');
  const next = data[offset];
  const word = u16(data, offset + 2);
  const identification = u32(data, offset + 4);
  sink.add(hfFrag.nxt, offset, 1, next, sink.detailed ? `Next header: ${protocolNames(next)} (${next})` : undefined);
  sink.add(hfFrag.reservedOctet, offset + 1, 1, data[offset + 1]);
  sink.add(hfFrag.offset, offset + 2, 2, word >> 3);
  sink.add(hfFrag.reservedBits, offset + 2, 2, (word >> 1) & 3);
  sink.add(hfFrag.more, offset + 2, 2, (word & 1) !== 0);
  sink.add(hfFrag.ident, offset + 4, 4, identification);
  sink.close();
  return { identification, nextHeader: next, offset: word & 0xfff8, moreFragments: (word & 1) !== 0, payloadStart: offset + 8, payloadEnd: end };
}

/** Whether the interface id has ff:fe in the middle, i.e. embeds a MAC address (EUI-64, SLAAC). */
function hasSlaacMac(data: Uint8Array, address: number): boolean {
  return data[address + 11] === 0xff && data[address + 12] === 0xfe;
}

function addSlaacMac(ctx: PacketContext, field: Field, data: Uint8Array, address: number): void {
  if (!hasSlaacMac(data, address)) return;
  const mac = Uint8Array.of(data[address + 8] ^ 0x02, data[address + 9], data[address + 10], data[address + 13], data[address + 14], data[address + 15]);
  const label = ctx.sink.detailed ? `[${field.name}: ${etherToString(mac)}]` : undefined;
  ctx.sink.add(field, address + 8, 8, mac, label);
  ctx.sink.add(hf.slaacMac, address + 8, 8, mac);
}

const headerLength = 40;
const ipVersionField = registry.find('ip.version')!;

export function dissectIPv6(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const { sink, columns } = ctx;
  columns?.setProtocol('IPv6');
  columns?.setInfo('');
  const depth = sink.depth;
  need(data, offset, 1, end, 'ipv6');
  const version = data[offset] >> 4;
  if (version !== 6) {
    // Wireshark's IPv6 dissector refuses the packet; the ethertype layer then labels it.
    sink.open(ipv6, offset, 1);
    sink.open(hf.version, offset, 1, version);
    sink.add(hf.bogusVersion, offset, 1, undefined, `Bogus IP version (${version})`);
    sink.add(wsFields.malformed, offset, 1, undefined, 'Bogus IPv6 version');
    sink.close();
    sink.add(ipVersionField, offset, 1, version);
    sink.unwindTo(depth);
    columns?.setProtocol('0x86dd');
    columns?.setInfo('IPv6');
    dissectData(ctx, data, offset, end);
    return;
  }
  const available = Math.min(end, data.length);
  const source = offset + 8;
  const destination = offset + 24;
  const label = sink.detailed && offset + headerLength <= available
    ? `Internet Protocol Version 6, Src: ${ipv6ToString(data, source)}, Dst: ${ipv6ToString(data, destination)}`
    : 'Internet Protocol Version 6';
  sink.open(ipv6, offset, Math.min(headerLength, available - offset), undefined, label);
  if (end - offset < headerLength) {
    // Wireshark notes the short header, then decodes field by field until the bytes run out.
    columns?.setInfo(`Invalid IPv6 header (${end - offset} bytes, need exactly ${headerLength})`);
    sink.open(hf.version, offset, 1, version);
    sink.add(hf.invalidHeader, offset, 1, undefined, 'IPv6 header must be exactly 40 bytes');
    sink.close();
  } else {
    sink.add(hf.version, offset, 1, version);
  }
  // Wireshark also adds IPv4's version field (hidden), so `ip.version == 6` finds IPv6 packets.
  sink.add(ipVersionField, offset, 1, version);
  need(data, offset, 8, end, 'ipv6');
  const first = u32(data, offset);
  const trafficClass = (first >>> 20) & 0xff;
  const flowLabel = first & 0xfffff;
  const payloadLength = u16(data, offset + 4);
  const nextHeader = data[offset + 6];
  const hopLimitValue = data[offset + 7];
  sink.open(hf.tclass, offset, 4, trafficClass, sink.detailed ? `${tclassPicture(first)} = Traffic Class: ${hex(trafficClass, 2)} (${dsfieldSummary(trafficClass)})` : undefined);
  sink.add(hf.dscp, offset, 4, trafficClass >> 2);
  sink.add(hf.ecn, offset, 4, trafficClass & 3);
  sink.close();
  sink.add(hf.flow, offset + 1, 3, flowLabel);
  sink.add(hf.plen, offset + 4, 2, payloadLength);
  sink.add(hf.nxt, offset + 6, 1, nextHeader);
  sink.add(hf.hlim, offset + 7, 1, hopLimitValue);
  need(data, source, 16, end, 'ipv6');
  addAddress(ctx, hf.src, hf.srcHost, data, source);
  need(data, destination, 16, end, 'ipv6');
  addAddress(ctx, hf.dst, hf.dstHost, data, destination);
  addSlaacMac(ctx, hf.srcSlaacMac, data, source);
  addSlaacMac(ctx, hf.dstSlaacMac, data, destination);

  ctx.network.family = 6;
  ctx.network.source6 = data.subarray(source, source + 16);
  ctx.network.destination6 = data.subarray(destination, destination + 16);
  setHopLimit(ctx, hopLimitValue);

  // Payload length 0 means a jumbogram or TCP segmentation offload: the frame says how long it is.
  const datagramEnd = payloadLength === 0 ? end : Math.min(end, offset + headerLength + payloadLength);
  let next = nextHeader;
  let cursor = offset + headerLength;
  for (;;) {
    if (next === 0 || next === 60) {
      const header = dissectOptionsHeader(ctx, next === 0 ? hopopts : dstopts, next === 0 ? hfHop : hfDst, data, cursor, datagramEnd);
      next = header.next;
      cursor += header.length;
    } else if (next === 43) {
      const header = dissectRoutingHeader(ctx, data, cursor, datagramEnd);
      next = header.next;
      cursor += header.length;
    } else if (next === 44) {
      const fragment = dissectFragmentHeader(ctx, data, cursor, datagramEnd);
      sink.unwindTo(depth);
      if (fragment.offset > 0 || fragment.moreFragments) {
        if (fragmentHandler?.(ctx, fragment, data)) return;
        columns?.setInfo(`IPv6 fragment (off=${fragment.offset} more=${fragment.moreFragments ? 'y' : 'n'} ident=${hex(fragment.identification, 8)} nxt=${fragment.nextHeader})`);
        dissectData(ctx, data, fragment.payloadStart, datagramEnd);
        return;
      }
      next = fragment.nextHeader;
      cursor += 8;
      continue;
    } else {
      break;
    }
  }
  sink.unwindTo(depth);
  if (next === 59) {
    // No Next Header: whatever follows is not a protocol.
    dissectData(ctx, data, cursor, datagramEnd);
    return;
  }
  dissectIpPayload(ctx, next, data, cursor, datagramEnd);
}

function addAddress(ctx: PacketContext, field: Field, hostField: Field, data: Uint8Array, offset: number): void {
  const sink = ctx.sink;
  sink.add(field, offset, 16);
  sink.add(hf.addr, offset, 16);
  if (sink.wants(hostField) || sink.wants(hf.host)) {
    const text = ipv6ToString(data, offset);
    sink.add(hostField, offset, 16, text);
    sink.add(hf.host, offset, 16, text);
  }
}

/** ".... 0000 0000 .... …" picture of the traffic class bits in the first 32-bit word. */
function tclassPicture(word: number): string {
  let picture = '';
  for (let bit = 31; bit >= 0; bit--) {
    picture += bit < 28 && bit >= 20 ? String((word >>> bit) & 1) : '.';
    if (bit % 4 === 0 && bit > 0) picture += ' ';
  }
  return picture;
}

export function handoff(tables: DissectorTables): void {
  tables.etherType.add(0x86dd, dissectIPv6);
  tables.pppProtocol.add(0x0057, dissectIPv6);
  tables.ipProtocol.add(41, dissectIPv6);
}
