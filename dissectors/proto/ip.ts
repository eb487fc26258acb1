import {
  declareField, declareProtocol, hex, ipv4ToString, need, u16, u32,
  type DissectorTables, type Field, type PacketContext, type ProtocolField,
} from '../core/index.js';
import { dissectData } from './data.js';
import { expectedChecksum, internetChecksum } from './inet-checksum.js';
import { checksumStatusNames, ChecksumStatus } from './names/checksum.js';
import { dscpNames, dsfieldSummary, ecnNames } from './names/dsfield.js';
import { ipProtocolName, ipProtocolNames } from './names/ipproto.js';
import { setHopLimit } from './network-layer.js';

/** IPv4 (RFC 791). Ethertype 0x0800; also raw-IP, NULL, SLL and PPP link layers. */
export const ip = declareProtocol('ip', 'Internet Protocol Version 4', 'IPv4', {
  en: 'The network layer: carries a datagram from a source IP address to a destination IP address, across routers.',
  zh: '网络层：把数据报从源 IP 地址经过路由器送到目的 IP 地址。',
});

/**
 * Settings that change what the dissector reports, as Wireshark preferences do. The defaults
 * match tshark's: IPv4 header checksums are not verified (status "Unverified", 2).
 */
export const ipv4Settings = {
  verifyChecksum: false,
};

const setNotSet = ['Set', 'Not set'] as const;
const protocolNames = (value: number) => ipProtocolNames[value] ?? 'Unknown';

const hf = {
  version: declareField('ip.version', 'Version', 'uint8', {
    bitmask: 0xf0,
    explain: { en: 'IP version number; always 4 in an IPv4 header.', zh: 'IP 版本号；IPv4 头部中总是 4。' },
  }),
  hdrLen: declareField('ip.hdr_len', 'Header Length', 'uint8', {
    bitmask: 0x0f,
    explain: { en: 'Header length: the field counts 32-bit words (5 = 20 bytes, the minimum; more means options follow).', zh: '头部长度：字段以 32 位字计数（5 即 20 字节，为最小值；更大表示带有选项）。' },
  }),
  dsfield: declareField('ip.dsfield', 'Differentiated Services Field', 'uint8', {
    base: 'hex',
    explain: { en: 'The old Type of Service byte, now DSCP (priority class, 6 bits) plus ECN (congestion signal, 2 bits).', zh: '原服务类型（ToS）字节，现分为 DSCP（优先级类别，6 位）和 ECN（拥塞通知，2 位）。' },
  }),
  dscp: declareField('ip.dsfield.dscp', 'Differentiated Services Codepoint', 'uint8', {
    bitmask: 0xfc, values: dscpNames,
    explain: { en: 'Which forwarding class routers should give the packet (0 = default best effort, 46 = expedited, e.g. voice).', zh: '路由器应给予该包的转发类别（0 为默认尽力而为，46 为加速转发，如语音）。' },
  }),
  ecn: declareField('ip.dsfield.ecn', 'Explicit Congestion Notification', 'uint8', {
    bitmask: 0x03, values: ecnNames,
    explain: { en: 'Lets routers mark congestion instead of dropping the packet (3 = congestion experienced).', zh: '让路由器标记拥塞而不是丢包（3 表示遇到拥塞）。' },
  }),
  len: declareField('ip.len', 'Total Length', 'uint16', {
    explain: { en: 'Length of the whole datagram, header plus data, in bytes.', zh: '整个数据报（头部加数据）的字节数。' },
  }),
  id: declareField('ip.id', 'Identification', 'uint16', {
    base: 'hex_dec',
    explain: { en: 'Number the sender gives each datagram; all fragments of one datagram share it.', zh: '发送方给每个数据报的编号；同一数据报的所有分片编号相同。' },
  }),
  flags: declareField('ip.flags', 'Flags', 'uint8', {
    base: 'hex', bitmask: 0xe0,
    explain: { en: 'Three fragmentation bits: reserved, Don\'t Fragment (DF) and More Fragments (MF).', zh: '三个分片标志位：保留位、不分片（DF）和更多分片（MF）。' },
  }),
  flagRb: declareField('ip.flags.rb', 'Reserved bit', 'bool', {
    bitmask: 0x80, trueFalse: setNotSet,
    explain: { en: 'Must be 0 (RFC 3514 jokingly calls it the "evil bit").', zh: '必须为 0（RFC 3514 戏称其为"邪恶位"）。' },
  }),
  flagDf: declareField('ip.flags.df', "Don't fragment", 'bool', {
    bitmask: 0x40, trueFalse: setNotSet,
    explain: { en: 'DF: routers must drop the packet (and send ICMP "fragmentation needed") rather than split it; used for path MTU discovery.', zh: 'DF：路由器必须丢弃该包（并回 ICMP"需要分片"）而不能拆分它；用于路径 MTU 发现。' },
  }),
  flagMf: declareField('ip.flags.mf', 'More fragments', 'bool', {
    bitmask: 0x20, trueFalse: setNotSet,
    explain: { en: 'MF: more fragments of this datagram follow; 0 on the last (or only) fragment.', zh: 'MF：此数据报后面还有分片；最后一个（或唯一的）分片为 0。' },
  }),
  fragOffset: declareField('ip.frag_offset', 'Fragment Offset', 'uint16', {
    bitmask: 0x1fff,
    explain: { en: 'Where this fragment\'s data sits in the original datagram, in units of 8 bytes (the tree shows it in bytes; filters use the raw value).', zh: '该分片数据在原数据报中的位置，以 8 字节为单位（树中显示为字节；过滤使用原始值）。' },
  }),
  ttl: declareField('ip.ttl', 'Time to Live', 'uint8', {
    explain: { en: 'Hop limit: each router subtracts 1 and drops the packet at 0, sending ICMP "time exceeded" (how traceroute works).', zh: '跳数限制：每经过一个路由器减 1，减到 0 时丢弃并回 ICMP"超时"（traceroute 的原理）。' },
  }),
  proto: declareField('ip.proto', 'Protocol', 'uint8', {
    values: protocolNames,
    explain: { en: 'Which protocol the data carries: 1 ICMP, 2 IGMP, 6 TCP, 17 UDP.', zh: '数据部分承载的协议：1 为 ICMP，2 为 IGMP，6 为 TCP，17 为 UDP。' },
  }),
  checksum: declareField('ip.checksum', 'Header Checksum', 'uint16', {
    base: 'hex',
    explain: { en: 'Internet checksum over the header only; every router recomputes it because the TTL changes.', zh: '仅覆盖头部的校验和；由于 TTL 改变，每个路由器都要重新计算。' },
  }),
  checksumCalculated: declareField('ip.checksum_calculated', 'Calculated Checksum', 'uint16', {
    base: 'hex',
    explain: { en: 'The checksum the header should carry, computed by PacketLens.', zh: 'PacketLens 计算出的头部应有的校验和。' },
  }),
  checksumStatus: declareField('ip.checksum.status', 'Header checksum status', 'uint8', {
    values: checksumStatusNames,
    explain: { en: 'Whether the checksum was checked: 2 Unverified (the default, like Wireshark), 1 Good, 0 Bad.', zh: '校验和是否已验证：2 未验证（默认，与 Wireshark 相同），1 正确，0 错误。' },
  }),
  checksumBad: declareField('ip.checksum_bad.expert', 'Bad checksum', 'none', {
    expert: { severity: 'error', group: 'checksum' },
    explain: { en: 'The header checksum is wrong; often harmless on the sending host, where the network card fills it in later (checksum offload).', zh: '头部校验和错误；在发送主机上抓包时常见且无害，因为网卡稍后才填写（校验和卸载）。' },
  }),
  src: declareField('ip.src', 'Source Address', 'ipv4', {
    explain: { en: 'IP address of the sender.', zh: '发送方的 IP 地址。' },
  }),
  dst: declareField('ip.dst', 'Destination Address', 'ipv4', {
    explain: { en: 'IP address of the receiver (or a broadcast/multicast group).', zh: '接收方的 IP 地址（或广播/组播地址）。' },
  }),
  addr: declareField('ip.addr', 'Source or Destination Address', 'ipv4', {
    hidden: true,
    explain: { en: 'Either the source or the destination address (filter only: ip.addr == 10.0.0.1 matches both directions).', zh: '源或目的地址之一（仅用于过滤：ip.addr == 10.0.0.1 匹配两个方向）。' },
  }),
  srcHost: declareField('ip.src_host', 'Source Host', 'string', {
    hidden: true,
    explain: { en: 'The source address as a host name (the address itself when names are not resolved).', zh: '源地址对应的主机名（不解析名称时即地址本身）。' },
  }),
  dstHost: declareField('ip.dst_host', 'Destination Host', 'string', {
    hidden: true,
    explain: { en: 'The destination address as a host name (the address itself when names are not resolved).', zh: '目的地址对应的主机名（不解析名称时即地址本身）。' },
  }),
  host: declareField('ip.host', 'Source or Destination Host', 'string', {
    hidden: true,
    explain: { en: 'Either host name (filter only).', zh: '源或目的主机名之一（仅用于过滤）。' },
  }),
  bogusVersion: declareField('ip.bogus_ip_version', 'Bogus IP version', 'none', {
    expert: { severity: 'error', group: 'protocol' },
    explain: { en: 'The version field is not 4, so this is not an IPv4 header.', zh: '版本字段不是 4，因此这不是 IPv4 头部。' },
  }),
  bogusHeaderLength: declareField('ip.bogus_header_length', 'Bogus IP header length', 'none', {
    expert: { severity: 'error', group: 'protocol' },
    explain: { en: 'The header length is below the 20-byte minimum, so the header cannot be decoded.', zh: '头部长度小于最小值 20 字节，无法解码头部。' },
  }),
  bogusLength: declareField('ip.bogus_ip_length', 'Bogus IP length', 'none', {
    expert: { severity: 'error', group: 'protocol' },
    explain: { en: 'The total length disagrees with the header length or with the bytes the packet really has.', zh: '总长度与头部长度或数据包实际字节数不符。' },
  }),
  ttlTooSmall: declareField('ip.ttl.too_small', 'Time To Live', 'none', {
    expert: { severity: 'note', group: 'sequence' },
    explain: { en: 'A TTL below 5: the packet will die within a few hops (normal for traceroute probes).', zh: 'TTL 小于 5：数据包几跳之内就会被丢弃（traceroute 探测包属正常）。' },
  }),
  ttlLncb: declareField('ip.ttl.lncb', 'Time To Live', 'none', {
    expert: { severity: 'note', group: 'sequence' },
    explain: { en: 'Packets to 224.0.0.0/24 (link-local multicast) should have TTL 1 (RFC 3171).', zh: '发往 224.0.0.0/24（链路本地组播）的数据包 TTL 应为 1（RFC 3171）。' },
  }),
  // Options (RFC 791 §3.1).
  optType: declareField('ip.opt.type', 'Type', 'uint8', {
    explain: { en: 'Option type byte: copy flag, class and option number together.', zh: '选项类型字节：复制标志、类别和选项号的组合。' },
  }),
  optCopy: declareField('ip.opt.type.copy', 'Copy on fragmentation', 'bool', {
    bitmask: 0x80, trueFalse: ['Yes', 'No'],
    explain: { en: 'Whether routers copy this option into every fragment.', zh: '路由器分片时是否把该选项复制到每个分片。' },
  }),
  optClass: declareField('ip.opt.type.class', 'Class', 'uint8', {
    bitmask: 0x60, values: { 0: 'Control', 1: 'Reserved for future use', 2: 'Debugging and measurement', 3: 'Reserved for future use' },
    explain: { en: 'Option class: 0 control, 2 debugging and measurement.', zh: '选项类别：0 为控制，2 为调试与测量。' },
  }),
  optNumber: declareField('ip.opt.type.number', 'Number', 'uint8', {
    bitmask: 0x1f,
    values: {
      0: 'End of Option List (EOL)', 1: 'No-Operation (NOP)', 2: 'Security', 3: 'Loose source route', 4: 'Time stamp',
      5: 'Extended security', 6: 'Commercial IP security option', 7: 'Record route', 8: 'Stream identifier', 9: 'Strict source route',
      10: 'Experimental Measurement', 11: 'MTU probe', 12: 'MTU Reply', 13: 'Experimental Flow Control', 14: 'Experimental Access Control',
      15: 'Ask Estrin', 16: 'IMI Traffic Descriptor', 17: 'Extended Internet Protocol', 18: 'Traceroute', 19: 'Address Extension',
      20: 'Router Alert', 21: 'Selective Directed Broadcast', 22: 'Unassigned', 23: 'Dynamic Packet State', 24: 'Upstream Multicast Packet',
      25: 'Quick-Start', 30: 'RFC 3692-style experiment',
    },
    explain: { en: 'Which option this is (1 NOP, 7 record route, 20 router alert, …).', zh: '具体是哪种选项（1 为 NOP，7 为记录路由，20 为路由器警告，…）。' },
  }),
  optLen: declareField('ip.opt.len', 'Length', 'uint8', {
    explain: { en: 'Length of the option in bytes, counting the type and length bytes.', zh: '选项的字节长度，包括类型和长度字节。' },
  }),
  optPtr: declareField('ip.opt.ptr', 'Pointer', 'uint8', {
    explain: { en: 'Byte position (from 1, within the option) of the next slot to fill.', zh: '下一个待填槽位在选项内的字节位置（从 1 开始）。' },
  }),
  optRa: declareField('ip.opt.ra', 'Router Alert', 'uint16', {
    values: { 0: 'Router shall examine packet' },
    explain: { en: 'Asks every router on the path to look at the packet (used by IGMP and RSVP).', zh: '要求路径上的每个路由器检查该包（IGMP 和 RSVP 使用）。' },
  }),
  optOverflow: declareField('ip.opt.overflow', 'Overflow', 'uint8', {
    bitmask: 0xf0,
    explain: { en: 'How many routers could not add a timestamp because the option was full.', zh: '因选项已满而无法添加时间戳的路由器数量。' },
  }),
  optFlag: declareField('ip.opt.flag', 'Flag', 'uint8', {
    base: 'hex', bitmask: 0x0f, values: { 0: 'Time stamps only', 1: 'Time stamp and address', 3: 'Time stamps for prespecified addresses' },
    explain: { en: 'What each router records: timestamps only, or address plus timestamp.', zh: '每个路由器记录的内容：仅时间戳，或地址加时间戳。' },
  }),
  optTimestamp: declareField('ip.opt.time_stamp', 'Time stamp', 'uint32', {
    explain: { en: 'Milliseconds since midnight UT when a router handled the packet.', zh: '路由器处理该包时距 UT 午夜的毫秒数。' },
  }),
  optTimestampAddress: declareField('ip.opt.time_stamp_addr', 'Address', 'ipv4', {
    explain: { en: 'The router that wrote the following timestamp.', zh: '写入其后时间戳的路由器地址。' },
  }),
  recordedRoute: declareField('ip.rec_rt', 'Recorded Route', 'ipv4', {
    explain: { en: 'A router address already recorded in the route option.', zh: '路由选项中已记录的路由器地址。' },
  }),
  recordedRouteHost: declareField('ip.rec_rt_host', 'Recorded Route Host', 'string', {
    hidden: true, explain: { en: 'The recorded route address as a host name.', zh: '已记录路由地址对应的主机名。' },
  }),
  sourceRoute: declareField('ip.src_rt', 'Source Route', 'ipv4', {
    explain: { en: 'A router the sender wants the packet to pass through.', zh: '发送方要求数据包经过的路由器。' },
  }),
  sourceRouteHost: declareField('ip.src_rt_host', 'Source Route Host', 'string', {
    hidden: true, explain: { en: 'The source route address as a host name.', zh: '源路由地址对应的主机名。' },
  }),
  emptyRoute: declareField('ip.empty_rt', 'Empty Route', 'ipv4', {
    explain: { en: 'A record-route slot not yet filled by a router.', zh: '尚未被路由器填写的记录路由槽位。' },
  }),
  emptyRouteHost: declareField('ip.empty_rt_host', 'Empty Route Host', 'string', {
    hidden: true, explain: { en: 'The empty route slot as a host name.', zh: '空路由槽位对应的主机名。' },
  }),
  optLenInvalid: declareField('ip.opt.len.invalid', 'Invalid length for option', 'none', {
    expert: { severity: 'warn', group: 'protocol' },
    explain: { en: 'The option\'s length byte is impossible or runs past the end of the options.', zh: '选项的长度字节不合理，或超出了选项区末尾。' },
  }),
  subOptionTooLong: declareField('ip.subopt_too_long', 'Suboption would go past end of option', 'none', {
    expert: { severity: 'warn', group: 'protocol' },
    explain: { en: 'An entry inside the option does not fit in the option\'s length.', zh: '选项内的某个条目超出了选项长度。' },
  }),
};

/** Option protocols, one per option Wireshark names ("IP Option - Router Alert"). */
function optionProtocol(abbrev: string, name: string, explainEn: string, explainZh: string): ProtocolField {
  return declareProtocol(`ip.options.${abbrev}`, `IP Option - ${name}`, name, { en: explainEn, zh: explainZh });
}

interface OptionKind {
  readonly protocol: ProtocolField;
  /** The name in the "Options: (N bytes), …" summary; null for EOL and NOP, which it omits. */
  readonly listName: string | null;
  readonly body?: (ctx: PacketContext, data: Uint8Array, offset: number, length: number) => void;
}

const optionKinds: ReadonlyMap<number, OptionKind> = new Map<number, OptionKind>([
  [0, { protocol: optionProtocol('eol', 'End of Options List (EOL)', 'Marks the end of the options; the rest of the header is padding.', '标记选项结束；头部其余部分为填充。'), listName: null }],
  [1, { protocol: optionProtocol('nop', 'No-Operation (NOP)', 'One byte of filler that aligns the next option.', '用于对齐下一个选项的单字节填充。'), listName: null }],
  [130, { protocol: optionProtocol('security', 'Security', 'Military security labels (RFC 1108).', '军用安全标签（RFC 1108）。'), listName: 'Security' }],
  [131, { protocol: optionProtocol('route', 'Loose Source Route', 'Routers the packet must visit, in order, with other hops allowed between them.', '数据包必须依次经过的路由器，其间允许经过其他路由器。'), listName: 'Loose Source Route', body: (ctx, data, offset, length) => routeBody(ctx, data, offset, length, false) }],
  [68, { protocol: optionProtocol('timestamp', 'Time Stamp', 'Asks routers to add timestamps (and optionally their address) as the packet passes.', '要求路由器在数据包经过时添加时间戳（可选附带地址）。'), listName: 'Time Stamp', body: timestampBody }],
  [133, { protocol: optionProtocol('ext_security', 'Extended Security', 'Extended security label (RFC 1108).', '扩展安全标签（RFC 1108）。'), listName: 'Extended Security' }],
  [134, { protocol: optionProtocol('cipso', 'Commercial Security', 'Commercial IP security option (CIPSO) label.', '商用 IP 安全选项（CIPSO）标签。'), listName: 'Commercial Security' }],
  [7, { protocol: optionProtocol('record_route', 'Record Route', 'Each router on the path writes its address into the next empty slot.', '路径上的每个路由器把自己的地址写进下一个空槽位。'), listName: 'Record Route', body: (ctx, data, offset, length) => routeBody(ctx, data, offset, length, true) }],
  [136, { protocol: optionProtocol('sid', 'Stream ID', 'SATNET stream identifier (obsolete).', 'SATNET 流标识（已废弃）。'), listName: 'Stream ID' }],
  [137, { protocol: optionProtocol('source_route', 'Strict Source Route', 'The exact list of routers the packet must pass through.', '数据包必须严格经过的路由器列表。'), listName: 'Strict Source Route', body: (ctx, data, offset, length) => routeBody(ctx, data, offset, length, false) }],
  [11, { protocol: optionProtocol('mtu_probe', 'MTU Probe', 'MTU probe (obsolete, RFC 1063).', 'MTU 探测（已废弃，RFC 1063）。'), listName: 'MTU Probe' }],
  [12, { protocol: optionProtocol('mtu_reply', 'MTU Reply', 'MTU reply (obsolete, RFC 1063).', 'MTU 应答（已废弃，RFC 1063）。'), listName: 'MTU Reply' }],
  [82, { protocol: optionProtocol('traceroute', 'Traceroute', 'Traceroute option (RFC 1393, experimental).', 'Traceroute 选项（RFC 1393，实验性）。'), listName: 'Traceroute' }],
  [148, { protocol: optionProtocol('routeralert', 'Router Alert', 'Asks routers to examine the packet even though it is not addressed to them (IGMP, RSVP).', '要求路由器检查这个并非发给它的数据包（IGMP、RSVP）。'), listName: 'Router Alert', body: routerAlertBody }],
  [149, { protocol: optionProtocol('sdb', 'Selective Directed Broadcast', 'Selective directed broadcast (RFC 6814, obsolete).', '选择性定向广播（RFC 6814，已废弃）。'), listName: 'Selective Directed Broadcast' }],
  [25, { protocol: optionProtocol('qs', 'Quick-Start', 'Quick-Start rate request (RFC 4782).', '快速启动速率请求（RFC 4782）。'), listName: 'Quick-Start' }],
]);

function optionTypeTree(ctx: PacketContext, data: Uint8Array, offset: number): void {
  const sink = ctx.sink;
  const type = data[offset];
  sink.open(hf.optType, offset, 1, type);
  sink.add(hf.optCopy, offset, 1, (type & 0x80) !== 0);
  sink.add(hf.optClass, offset, 1, (type >> 5) & 3);
  sink.add(hf.optNumber, offset, 1, type & 0x1f);
  sink.close();
}

function addAddressWithHost(ctx: PacketContext, field: Field, hostField: Field, offset: number, address: number, label?: string): void {
  ctx.sink.add(field, offset, 4, address, label);
  if (ctx.sink.wants(hostField)) ctx.sink.add(hostField, offset, 4, ipv4ToString(address));
}

/** Record route, loose and strict source route: a pointer, then 4-byte address slots. */
function routeBody(ctx: PacketContext, data: Uint8Array, offset: number, length: number, recordRoute: boolean): void {
  const sink = ctx.sink;
  if (length < 3) return;
  const pointer = data[offset + 2];
  sink.add(hf.optPtr, offset + 2, 1, pointer);
  for (let slot = 3; slot + 4 <= length; slot += 4) {
    const address = u32(data, offset + slot);
    const isNext = slot + 1 === pointer;
    const label = sink.detailed && isNext ? `${recordRoute ? 'Empty Route' : 'Source Route'}: ${ipv4ToString(address)} <- (next)` : undefined;
    if (!recordRoute && slot + 4 === length) {
      // The last slot of a source route is the final destination.
      addAddressWithHost(ctx, hf.dst, hf.dstHost, offset + slot, address);
      sink.add(hf.addr, offset + slot, 4, address);
      if (sink.wants(hf.host)) sink.add(hf.host, offset + slot, 4, ipv4ToString(address));
    } else if (slot + 1 < pointer) {
      addAddressWithHost(ctx, hf.recordedRoute, hf.recordedRouteHost, offset + slot, address);
    } else if (recordRoute) {
      addAddressWithHost(ctx, hf.emptyRoute, hf.emptyRouteHost, offset + slot, address, label);
    } else {
      addAddressWithHost(ctx, hf.sourceRoute, hf.sourceRouteHost, offset + slot, address, label);
    }
  }
}

/** RFC 791 timestamp: pointer, overflow/flag nibbles, then timestamps or address+timestamp pairs. */
function timestampBody(ctx: PacketContext, data: Uint8Array, offset: number, length: number): void {
  const sink = ctx.sink;
  if (length < 4) return;
  sink.add(hf.optPtr, offset + 2, 1, data[offset + 2]);
  const flag = data[offset + 3] & 0x0f;
  sink.add(hf.optOverflow, offset + 3, 1, data[offset + 3] >> 4);
  sink.add(hf.optFlag, offset + 3, 1, flag);
  const entryLength = flag === 0 ? 4 : 8;
  let cursor = 4;
  for (; cursor < length; cursor += entryLength) {
    if (cursor + entryLength > length) {
      sink.add(hf.subOptionTooLong, offset + cursor, length - cursor);
      break;
    }
    if (flag !== 0) {
      sink.add(hf.optTimestampAddress, offset + cursor, 4, u32(data, offset + cursor));
      sink.add(hf.optTimestamp, offset + cursor + 4, 4, u32(data, offset + cursor + 4));
    } else {
      sink.add(hf.optTimestamp, offset + cursor, 4, u32(data, offset + cursor));
    }
  }
}

function routerAlertBody(ctx: PacketContext, data: Uint8Array, offset: number, length: number): void {
  if (length === 4) ctx.sink.add(hf.optRa, offset + 2, 2, u16(data, offset + 2));
}

/**
 * The options between byte 20 and the header length. Malformed lengths become expert items,
 * as in Wireshark; the header's bytes were already checked to be present by the caller.
 */
function dissectOptions(ctx: PacketContext, data: Uint8Array, start: number, stop: number): void {
  const sink = ctx.sink;
  const names: string[] = [];
  const depth = sink.depth;
  if (sink.detailed) {
    for (let cursor = start; cursor < stop;) {
      const type = data[cursor];
      const kind = optionKinds.get(type);
      if (kind?.listName) names.push(kind.listName);
      if (type === 0) break;
      if (type === 1) { cursor++; continue; }
      const length = cursor + 1 < stop ? data[cursor + 1] : 0;
      if (length < 2) break;
      cursor += length;
    }
  }
  sink.openText(`Options: (${stop - start} bytes)${names.map((name) => `, ${name}`).join('')}`, start, stop - start);
  for (let cursor = start; cursor < stop;) {
    const type = data[cursor];
    const kind = optionKinds.get(type);
    if (type === 0 || type === 1) {
      sink.open(kind!.protocol, cursor, 1);
      optionTypeTree(ctx, data, cursor);
      sink.close();
      if (type === 0) break;
      cursor++;
      continue;
    }
    const name = kind ? kind.protocol.shortName : `Unknown (0x${type.toString(16).padStart(2, '0')})`;
    if (cursor + 1 >= stop) {
      sink.add(hf.optLenInvalid, cursor, 1, undefined, `${name} (length byte past end of options)`);
      break;
    }
    const length = data[cursor + 1];
    if (length < 2) {
      sink.add(hf.optLenInvalid, cursor, 2, undefined, `${name} (with too-short option length = ${length} byte${length === 1 ? '' : 's'})`);
      break;
    }
    if (cursor + length > stop) {
      sink.add(hf.optLenInvalid, cursor, stop - cursor, undefined, `${name} (option length = ${length} bytes says option goes past end of options)`);
      break;
    }
    if (kind === undefined) {
      sink.text(`${name} (${length} bytes)`, cursor, length);
    } else {
      const raLabel = type === 148 && length === 4 && u16(data, cursor + 2) === 0 ? ': Router shall examine packet (0)' : '';
      sink.open(kind.protocol, cursor, length, undefined, sink.detailed ? `${kind.protocol.name} (${length} bytes)${raLabel}` : undefined);
      optionTypeTree(ctx, data, cursor);
      sink.add(hf.optLen, cursor + 1, 1, length);
      kind.body?.(ctx, data, cursor, length);
      sink.close();
    }
    cursor += length;
  }
  sink.unwindTo(depth);
}

/** What the IPv4 header says about a fragment, for the reassembler (a later task). */
export interface Ipv4Fragment {
  readonly source: number;
  readonly destination: number;
  readonly identification: number;
  readonly protocol: number;
  /** Byte offset of this fragment's data in the original datagram. */
  readonly offset: number;
  readonly moreFragments: boolean;
  /** This fragment's data: `data[payloadStart, payloadEnd)`. */
  readonly payloadStart: number;
  readonly payloadEnd: number;
}

/**
 * The seam for IPv4 reassembly. A handler gets every fragment (MF set or offset > 0) and
 * returns true when it took care of the payload (added fragment items, and dissected the
 * reassembled datagram through `dissectIpPayload` when this fragment completed it). When it
 * returns false, or none is installed, the fragment is shown as data, as Wireshark does
 * with reassembly off.
 */
export type Ipv4FragmentHandler = (ctx: PacketContext, fragment: Ipv4Fragment, data: Uint8Array) => boolean;

let fragmentHandler: Ipv4FragmentHandler | null = null;

export function setIpv4FragmentHandler(handler: Ipv4FragmentHandler | null): void {
  fragmentHandler = handler;
}

function dissectFragment(ctx: PacketContext, fragment: Ipv4Fragment, data: Uint8Array): void {
  if (fragmentHandler?.(ctx, fragment, data)) return;
  ctx.columns?.setInfo(`Fragmented IP protocol (proto=${ipProtocolName(fragment.protocol)} ${fragment.protocol}, off=${fragment.offset}, ID=${fragment.identification.toString(16).padStart(4, '0')})`);
  dissectData(ctx, data, fragment.payloadStart, fragment.payloadEnd);
}

/** Hands an IP payload (or a reassembled datagram) to the protocol table; unknown protocols become data. */
export function dissectIpPayload(ctx: PacketContext, protocol: number, data: Uint8Array, offset: number, end: number): void {
  const next = ctx.tables.ipProtocol.get(protocol);
  if (next !== undefined) {
    next(ctx, data, offset, end);
    return;
  }
  ctx.columns?.setInfo(`${ipProtocolName(protocol)} (${protocol})`);
  dissectData(ctx, data, offset, end);
}

/**
 * The TTL a packet to the Local Network Control Block (224.0.0.0/24, RFC 3171) must have:
 * 1, except for the protocols Wireshark knows insist on 255 (VRRP, GLBP, mDNS); -1 for any (LLMNR).
 */
function localNetworkControlBlockTtl(address: number): number {
  switch (address) {
    case 0xe0000012: case 0xe0000066: case 0xe00000fb: return 255;
    case 0xe00000fc: return -1;
    default: return 1;
  }
}

/** The TTL with Wireshark's two plausibility notes; `destination` is -1 when not captured. */
function addTimeToLive(ctx: PacketContext, offset: number, ttl: number, protocol: number, destination: number): void {
  const sink = ctx.sink;
  let note: string | undefined;
  if (destination >= 0 && destination >>> 8 === 0xe00000) {
    const valid = localNetworkControlBlockTtl(destination);
    if (valid >= 0 && valid !== ttl) note = `"Time To Live" != ${valid} for a packet sent to the Local Network Control Block (see RFC 3171)`;
  } else if (destination >= 0 && destination >>> 28 !== 0xe && ttl < 5 && protocol !== 103 && protocol !== 89) {
    // Multicast, PIM (103) and OSPF (89) legitimately use small TTLs.
    note = `"Time To Live" only ${ttl}`;
  }
  if (note === undefined) {
    sink.add(hf.ttl, offset, 1, ttl);
    return;
  }
  sink.open(hf.ttl, offset, 1, ttl);
  sink.add(note.startsWith('"Time To Live" only') ? hf.ttlTooSmall : hf.ttlLncb, offset, 1, undefined, note);
  sink.close();
}

const minimumHeaderLength = 20;

export function dissectIPv4(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const { sink, columns } = ctx;
  columns?.setProtocol('IPv4');
  columns?.setInfo('');
  need(data, offset, 1, end, 'ip');
  const version = data[offset] >> 4;
  const headerLength = (data[offset] & 0x0f) * 4;
  const depth = sink.depth;
  if (version !== 4) {
    sink.open(ip, offset, 1);
    sink.open(hf.version, offset, 1, version);
    sink.add(hf.bogusVersion, offset, 1, undefined, 'Bogus IPv4 version');
    sink.unwindTo(depth);
    columns?.setInfo(`Bogus IPv4 version (${version}, must be 4)`);
    return;
  }
  if (headerLength < minimumHeaderLength) {
    sink.open(ip, offset, 1);
    sink.add(hf.version, offset, 1, version);
    sink.open(hf.hdrLen, offset, 1, headerLength, sink.detailed ? `.... ${(headerLength >> 2).toString(2).padStart(4, '0')} = Header Length: ${headerLength} bytes (${headerLength >> 2})` : undefined);
    sink.add(hf.bogusHeaderLength, offset, 1, undefined, `Bogus IP header length (${headerLength}, must be at least ${minimumHeaderLength})`);
    sink.unwindTo(depth);
    columns?.setInfo(`Bogus IP header length (${headerLength}, must be at least ${minimumHeaderLength})`);
    return;
  }

  const available = Math.min(end, data.length);
  const source = offset + 16 <= available ? u32(data, offset + 12) : -1;
  const destination = offset + 20 <= available ? u32(data, offset + 16) : -1;
  let label: string | undefined;
  if (sink.detailed) {
    label = 'Internet Protocol Version 4';
    if (source >= 0) label += `, Src: ${ipv4ToString(source)}`;
    if (destination >= 0) label += `, Dst: ${ipv4ToString(destination)}`;
  }
  sink.open(ip, offset, headerLength, undefined, label);
  sink.add(hf.version, offset, 1, version);
  sink.add(hf.hdrLen, offset, 1, headerLength, sink.detailed ? `.... ${(headerLength >> 2).toString(2).padStart(4, '0')} = Header Length: ${headerLength} bytes (${headerLength >> 2})` : undefined);

  need(data, offset + 1, 1, end, 'ip');
  const dsfield = data[offset + 1];
  sink.open(hf.dsfield, offset + 1, 1, dsfield, sink.detailed ? `Differentiated Services Field: ${hex(dsfield, 2)} (${dsfieldSummary(dsfield)})` : undefined);
  sink.add(hf.dscp, offset + 1, 1, dsfield >> 2);
  sink.add(hf.ecn, offset + 1, 1, dsfield & 3);
  sink.close();

  need(data, offset + 2, 2, end, 'ip');
  const reportedLength = end - offset;
  let totalLength = u16(data, offset + 2);
  if (totalLength === 0) {
    // TCP segmentation offload on the capturing host: the length was left for the card to fill in.
    totalLength = reportedLength;
    sink.add(hf.len, offset + 2, 2, totalLength, sink.detailed ? `Total Length: ${totalLength} bytes (reported as 0, presumed to be because of "TCP segmentation offload" (TSO))` : undefined);
  } else if (totalLength < headerLength) {
    sink.open(hf.len, offset + 2, 2, totalLength);
    sink.add(hf.bogusLength, offset + 2, 2, undefined, `Total length ${totalLength} bytes is less than header length ${headerLength}`);
    sink.unwindTo(depth);
    columns?.setInfo(`Bogus IP length (${totalLength}, less than header length ${headerLength})`);
    return;
  } else if (totalLength > reportedLength) {
    sink.open(hf.len, offset + 2, 2, totalLength);
    sink.add(hf.bogusLength, offset + 2, 2, undefined, `IPv4 total length exceeds packet length (${reportedLength} bytes)`);
    sink.close();
    totalLength = reportedLength;
  } else {
    sink.add(hf.len, offset + 2, 2, totalLength);
  }
  const datagramEnd = offset + totalLength;

  need(data, offset + 4, 8, datagramEnd, 'ip');
  const identification = u16(data, offset + 4);
  sink.add(hf.id, offset + 4, 2, identification);
  const flags = data[offset + 6] >> 5;
  const fragmentOffset = (u16(data, offset + 6) & 0x1fff) * 8;
  const moreFragments = (flags & 1) !== 0;
  sink.open(hf.flags, offset + 6, 1, flags, sink.detailed ? flagsLabel(flags) : undefined);
  sink.add(hf.flagRb, offset + 6, 1, (flags & 4) !== 0);
  sink.add(hf.flagDf, offset + 6, 1, (flags & 2) !== 0);
  sink.add(hf.flagMf, offset + 6, 1, moreFragments);
  sink.close();
  // The field holds the 13-bit value (units of 8 bytes) while the tree shows bytes, as in Wireshark.
  sink.add(hf.fragOffset, offset + 6, 2, fragmentOffset / 8, sink.detailed ? fragmentOffsetLabel(u16(data, offset + 6), fragmentOffset) : undefined);

  const ttl = data[offset + 8];
  const protocol = data[offset + 9];
  addTimeToLive(ctx, offset + 8, ttl, protocol, destination);
  sink.add(hf.proto, offset + 9, 1, protocol);
  addHeaderChecksum(ctx, data, offset, headerLength, datagramEnd);

  need(data, offset + 12, 4, datagramEnd, 'ip');
  addAddress(ctx, hf.src, hf.srcHost, offset + 12, source);
  need(data, offset + 16, 4, datagramEnd, 'ip');
  addAddress(ctx, hf.dst, hf.dstHost, offset + 16, destination);

  if (headerLength > minimumHeaderLength) {
    need(data, offset + minimumHeaderLength, headerLength - minimumHeaderLength, datagramEnd, 'ip');
    dissectOptions(ctx, data, offset + minimumHeaderLength, offset + headerLength);
  }
  sink.unwindTo(depth);

  ctx.network.family = 4;
  ctx.network.source = source;
  ctx.network.destination = destination;
  setHopLimit(ctx, ttl);

  const payloadStart = offset + headerLength;
  // Wireshark dissects a first fragment it cannot reassemble (not all bytes captured) as if whole.
  const firstFragmentCut = fragmentOffset === 0 && datagramEnd > data.length;
  if ((moreFragments || fragmentOffset > 0) && !firstFragmentCut) {
    dissectFragment(ctx, { source, destination, identification, protocol, offset: fragmentOffset, moreFragments, payloadStart, payloadEnd: datagramEnd }, data);
    return;
  }
  dissectIpPayload(ctx, protocol, data, payloadStart, datagramEnd);
}

function addAddress(ctx: PacketContext, field: Field, hostField: Field, offset: number, address: number): void {
  const sink = ctx.sink;
  sink.add(field, offset, 4, address);
  sink.add(hf.addr, offset, 4, address);
  if (sink.wants(hostField) || sink.wants(hf.host)) {
    const text = ipv4ToString(address);
    sink.add(hostField, offset, 4, text);
    sink.add(hf.host, offset, 4, text);
  }
}

/** Checksum, its status and (when verified) the calculated value, as Wireshark lays them out. */
function addHeaderChecksum(ctx: PacketContext, data: Uint8Array, offset: number, headerLength: number, datagramEnd: number): void {
  const sink = ctx.sink;
  const stored = u16(data, offset + 10);
  const canVerify = ipv4Settings.verifyChecksum && offset + headerLength <= Math.min(datagramEnd, data.length);
  if (!canVerify) {
    sink.add(hf.checksum, offset + 10, 2, stored, sink.detailed ? `Header Checksum: ${hex(stored, 4)} [validation disabled]` : undefined);
    sink.add(hf.checksumStatus, offset + 10, 0, ChecksumStatus.Unverified);
    return;
  }
  const residue = internetChecksum(data, offset, headerLength);
  const calculated = residue === 0 ? stored : expectedChecksum(stored, residue);
  if (residue === 0) {
    sink.add(hf.checksum, offset + 10, 2, stored, sink.detailed ? `Header Checksum: ${hex(stored, 4)} [correct]` : undefined);
    sink.add(hf.checksumStatus, offset + 10, 0, ChecksumStatus.Good);
  } else {
    sink.open(hf.checksum, offset + 10, 2, stored, sink.detailed ? `Header Checksum: ${hex(stored, 4)} incorrect, should be ${hex(calculated, 4)}(may be caused by "IP checksum offload"?)` : undefined);
    sink.add(hf.checksumBad, offset + 10, 2, undefined, `Bad checksum [should be ${hex(calculated, 4)}]`);
    sink.close();
    sink.add(hf.checksumStatus, offset + 10, 0, ChecksumStatus.Bad);
  }
  sink.add(hf.checksumCalculated, offset + 10, 2, calculated);
}

function flagsLabel(flags: number): string {
  const names: string[] = [];
  if (flags & 4) names.push('Reserved bit');
  if (flags & 2) names.push("Don't fragment");
  if (flags & 1) names.push('More fragments');
  const bits = `${(flags >> 2) & 1}${(flags >> 1) & 1}${flags & 1}. ....`;
  return `${bits} = Flags: ${hex(flags, 1)}${names.map((name) => `, ${name}`).join('')}`;
}

/** Wireshark shows the offset in bytes while the bit picture shows the 13-bit field. */
function fragmentOffsetLabel(word: number, bytes: number): string {
  let picture = '';
  for (let bit = 15; bit >= 0; bit--) {
    picture += bit > 12 ? '.' : String((word >> bit) & 1);
    if (bit % 4 === 0 && bit > 0) picture += ' ';
  }
  return `${picture} = Fragment Offset: ${bytes}`;
}

export function handoff(tables: DissectorTables): void {
  tables.etherType.add(0x0800, dissectIPv4);
  tables.pppProtocol.add(0x0021, dissectIPv4);
  tables.ipProtocol.add(4, dissectIPv4);
}
