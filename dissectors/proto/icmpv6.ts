import {
  declareField, declareProtocol, bytesToHex, etherToString, hex, ipv6ToString, need, stateKey, u16, u32,
  type DissectorTables, type PacketContext,
} from '../core/index.js';
import { dissectData } from './data.js';
import { EchoMatcher } from './echo-matching.js';
import { addEchoMatch, addVerifiedChecksum } from './icmp.js';
import { internetChecksum, ipv6PseudoHeaderSum } from './inet-checksum.js';
import { dissectIPv6 } from './ipv6.js';
import { checksumStatusNames, ChecksumStatus } from './names/checksum.js';
import { icmpv6CodeText, icmpv6OptionNames, icmpv6TypeText, mldRecordTypeNames } from './names/icmpv6.js';
import { hopLimit, pseudoHeaderDestination6 } from './network-layer.js';
import { dissectQuoted } from './quoted.js';

/** ICMPv6 (RFC 4443), Neighbor Discovery (RFC 4861) and MLD (RFC 2710, 3810). IP protocol 58. */
export const icmpv6 = declareProtocol('icmpv6', 'Internet Control Message Protocol v6', 'ICMPv6', {
  en: 'ICMP for IPv6: ping and error messages, and also what ARP does for IPv4 (neighbor discovery) and router/multicast discovery.',
  zh: 'IPv6 的 ICMP：ping 与差错报文，还承担 IPv4 中 ARP 的工作（邻居发现）以及路由器和组播发现。',
});

const explain = (en: string, zh: string) => ({ explain: { en, zh } });

const hf = {
  type: declareField('icmpv6.type', 'Type', 'uint8', explain('Message type: 1–4 errors, 128/129 echo, 133–137 neighbor discovery, 130–132 and 143 multicast listener.', '报文类型：1–4 为差错，128/129 为回显，133–137 为邻居发现，130–132 和 143 为组播侦听。')),
  code: declareField('icmpv6.code', 'Code', 'uint8', explain('Refines the type (for Destination Unreachable, 4 = port unreachable).', '对类型的细分（目的不可达中，4 为端口不可达）。')),
  checksum: declareField('icmpv6.checksum', 'Checksum', 'uint16', { base: 'hex', ...explain('Checksum over the message and an IPv6 pseudo-header (addresses, length, next header 58).', '覆盖报文和 IPv6 伪头部（地址、长度、下一头部 58）的校验和。') }),
  checksumStatus: declareField('icmpv6.checksum.status', 'Checksum Status', 'uint8', { values: checksumStatusNames, ...explain('1 Good, 0 Bad, 2 Unverified (inside an error message or truncated).', '1 正确，0 错误，2 未验证（位于差错报文内或被截断）。') }),
  checksumBad: declareField('icmpv6.checksum_bad', 'Bad checksum', 'none', { expert: { severity: 'error', group: 'checksum' }, ...explain('The checksum does not match the message.', '校验和与报文不符。') }),
  reserved: declareField('icmpv6.reserved', 'Reserved', 'bytes', explain('Unused bytes, zero.', '未使用的字节，为零。')),
  mtu: declareField('icmpv6.mtu', 'MTU', 'uint32', explain('Packet Too Big: the largest packet the next link takes; the sender must send smaller packets.', '数据包过大：下一链路可接受的最大包长；发送方必须发送更小的包。')),
  pointer: declareField('icmpv6.pointer', 'Pointer', 'uint32', explain('Byte offset of the problem in the quoted packet.', '问题在被引用数据包中的字节偏移。')),
  unknownData: declareField('icmpv6.unknown_data', 'Unknown Data', 'bytes', explain('Bytes PacketLens does not decode.', 'PacketLens 未解码的字节。')),
  echoId: declareField('icmpv6.echo.identifier', 'Identifier', 'uint16', { base: 'hex', ...explain('Chosen by the ping program to tell its replies apart.', 'ping 程序选定的标识，用于区分自己的应答。') }),
  echoSeq: declareField('icmpv6.echo.sequence_number', 'Sequence', 'uint16', explain('Counts the pings; a reply repeats its request\'s number.', 'ping 的计数；应答重复请求的序号。')),
  raHopLimit: declareField('icmpv6.nd.ra.cur_hop_limit', 'Cur hop limit', 'uint8', explain('Hop limit hosts should put in packets they send (0 = unspecified).', '主机发送数据包时应使用的跳数限制（0 为未指定）。')),
  raFlags: declareField('icmpv6.nd.ra.flag', 'Flags', 'uint8', { base: 'hex', ...explain('Router advertisement flags: M (use DHCPv6 for addresses), O (other info by DHCPv6), …', '路由通告标志：M（用 DHCPv6 获取地址）、O（用 DHCPv6 获取其他信息）等。') }),
  raM: declareField('icmpv6.nd.ra.flag.m', 'Managed address configuration', 'bool', { bitmask: 0x80, trueFalse: ['Set', 'Not set'], ...explain('M: get addresses from DHCPv6.', 'M：从 DHCPv6 获取地址。') }),
  raO: declareField('icmpv6.nd.ra.flag.o', 'Other configuration', 'bool', { bitmask: 0x40, trueFalse: ['Set', 'Not set'], ...explain('O: get other settings (DNS) from DHCPv6.', 'O：从 DHCPv6 获取其他配置（如 DNS）。') }),
  raH: declareField('icmpv6.nd.ra.flag.h', 'Home Agent', 'bool', { bitmask: 0x20, trueFalse: ['Set', 'Not set'], ...explain('The router is a Mobile IPv6 home agent.', '该路由器是移动 IPv6 家乡代理。') }),
  raPrf: declareField('icmpv6.nd.ra.flag.prf', 'Prf (Default Router Preference)', 'uint8', { bitmask: 0x18, values: { 0: 'Medium', 1: 'High', 2: 'Reserved', 3: 'Low' }, ...explain('How much hosts should prefer this router as default.', '主机把该路由器作为默认路由器的偏好程度。') }),
  raP: declareField('icmpv6.nd.ra.flag.p', 'Proxy', 'bool', { bitmask: 0x04, trueFalse: ['Set', 'Not set'], ...explain('Neighbor discovery proxy flag (RFC 4389).', '邻居发现代理标志（RFC 4389）。') }),
  raRsv: declareField('icmpv6.nd.ra.flag.rsv', 'Reserved', 'uint8', { bitmask: 0x03, ...explain('Reserved bits.', '保留位。') }),
  raLifetime: declareField('icmpv6.nd.ra.router_lifetime', 'Router lifetime (s)', 'uint16', explain('Seconds hosts may use this router as default gateway; 0 = not a default router.', '主机可把该路由器用作默认网关的秒数；0 表示不是默认路由器。')),
  raReachable: declareField('icmpv6.nd.ra.reachable_time', 'Reachable time (ms)', 'uint32', explain('How long a neighbor counts as reachable after confirmation.', '确认后邻居被视为可达的时长。')),
  raRetrans: declareField('icmpv6.nd.ra.retrans_timer', 'Retrans timer (ms)', 'uint32', explain('Time between neighbor solicitations.', '邻居请求的重发间隔。')),
  nsTarget: declareField('icmpv6.nd.ns.target_address', 'Target Address', 'ipv6', explain('The address whose MAC is asked for (IPv6\'s "who has?").', '被询问 MAC 的地址（IPv6 版的"谁有？"）。')),
  naFlags: declareField('icmpv6.nd.na.flag', 'Flags', 'uint32', { base: 'hex', ...explain('Neighbor advertisement flags: R router, S solicited (answers a request), O override cached entry.', '邻居通告标志：R 路由器，S 应请求发送，O 覆盖缓存条目。') }),
  naR: declareField('icmpv6.nd.na.flag.r', 'Router', 'bool', { bitmask: 0x80000000, trueFalse: ['Set', 'Not set'], ...explain('The sender is a router.', '发送方是路由器。') }),
  naS: declareField('icmpv6.nd.na.flag.s', 'Solicited', 'bool', { bitmask: 0x40000000, trueFalse: ['Set', 'Not set'], ...explain('This answers a neighbor solicitation.', '这是对邻居请求的应答。') }),
  naO: declareField('icmpv6.nd.na.flag.o', 'Override', 'bool', { bitmask: 0x20000000, trueFalse: ['Set', 'Not set'], ...explain('Replace any cached link-layer address.', '替换已缓存的链路层地址。') }),
  naRsv: declareField('icmpv6.nd.na.flag.rsv', 'Reserved', 'uint32', { bitmask: 0x1fffffff, ...explain('Reserved bits.', '保留位。') }),
  naTarget: declareField('icmpv6.nd.na.target_address', 'Target Address', 'ipv6', explain('The address being advertised.', '被通告的地址。')),
  rdTarget: declareField('icmpv6.nd.rd.target_address', 'Target Address', 'ipv6', explain('The better first hop to use.', '应使用的更优下一跳。')),
  rdDestination: declareField('icmpv6.rd.na.destination_address', 'Destination Address', 'ipv6', explain('The destination being redirected.', '被重定向的目的地址。')),
  opt: declareField('icmpv6.opt', 'ICMPv6 Option', 'none', explain('One neighbor-discovery option (type, length in 8-byte units, data).', '一个邻居发现选项（类型、以 8 字节为单位的长度、数据）。')),
  optType: declareField('icmpv6.opt.type', 'Type', 'uint8', { values: icmpv6OptionNames, ...explain('Option type: 1 source link-layer address, 2 target link-layer address, 3 prefix, 5 MTU, 25 DNS servers.', '选项类型：1 源链路层地址，2 目标链路层地址，3 前缀，5 MTU，25 DNS 服务器。') }),
  optLength: declareField('icmpv6.opt.length', 'Length', 'uint8', explain('Option length in units of 8 bytes.', '选项长度，以 8 字节为单位。')),
  optReserved: declareField('icmpv6.opt.reserved', 'Reserved', 'none', explain('Reserved bytes.', '保留字节。')),
  optLinkaddr: declareField('icmpv6.opt.linkaddr', 'Link-layer address', 'bytes', explain('A MAC address carried in the option.', '选项中携带的 MAC 地址。')),
  optSrcLinkaddr: declareField('icmpv6.opt.src_linkaddr', 'Source Link-layer address', 'bytes', { hidden: true, ...explain('The sender\'s MAC address (filter only).', '发送方的 MAC 地址（仅用于过滤）。') }),
  optTargetLinkaddr: declareField('icmpv6.opt.target_linkaddr', 'Target Link-layer address', 'bytes', { hidden: true, ...explain('The target\'s MAC address (filter only).', '目标的 MAC 地址（仅用于过滤）。') }),
  prefixLength: declareField('icmpv6.opt.prefix.length', 'Prefix Length', 'uint8', explain('How many leading bits of the prefix are significant (64 for SLAAC).', '前缀中有效的前导位数（SLAAC 为 64）。')),
  prefixFlag: declareField('icmpv6.opt.prefix.flag', 'Flag', 'uint8', { base: 'hex', ...explain('L: prefix is on-link; A: hosts may autoconfigure addresses from it.', 'L：前缀在链路上；A：主机可用它自动配置地址。') }),
  prefixL: declareField('icmpv6.opt.prefix.flag.l', 'On-link flag(L)', 'bool', { bitmask: 0x80, trueFalse: ['Set', 'Not set'], ...explain('Addresses with this prefix are on this link.', '具有该前缀的地址都在本链路上。') }),
  prefixA: declareField('icmpv6.opt.prefix.flag.a', 'Autonomous address-configuration flag(A)', 'bool', { bitmask: 0x40, trueFalse: ['Set', 'Not set'], ...explain('Hosts may form their own address from this prefix (SLAAC).', '主机可用该前缀自行生成地址（SLAAC）。') }),
  prefixR: declareField('icmpv6.opt.prefix.flag.r', 'Router address flag(R)', 'bool', { bitmask: 0x20, trueFalse: ['Set', 'Not set'], ...explain('The prefix field holds the router\'s full address.', '前缀字段包含路由器的完整地址。') }),
  prefixReserved: declareField('icmpv6.opt.prefix.flag.reserved', 'Reserved', 'uint8', { bitmask: 0x1f, ...explain('Reserved bits.', '保留位。') }),
  prefixValid: declareField('icmpv6.opt.prefix.valid_lifetime', 'Valid Lifetime', 'uint32', explain('Seconds the prefix stays valid.', '前缀保持有效的秒数。')),
  prefixPreferred: declareField('icmpv6.opt.prefix.preferred_lifetime', 'Preferred Lifetime', 'uint32', explain('Seconds addresses from it stay preferred.', '由其生成的地址保持首选的秒数。')),
  prefix: declareField('icmpv6.opt.prefix', 'Prefix', 'ipv6', explain('The advertised network prefix.', '通告的网络前缀。')),
  optMtu: declareField('icmpv6.opt.mtu', 'MTU', 'uint32', explain('The link MTU hosts should use.', '主机应使用的链路 MTU。')),
  rdnssLifetime: declareField('icmpv6.opt.rdnss.lifetime', 'Lifetime', 'uint32', explain('Seconds the DNS servers may be used.', 'DNS 服务器可使用的秒数。')),
  rdnss: declareField('icmpv6.opt.rdnss', 'Recursive DNS Servers', 'ipv6', explain('A DNS server announced by the router (RFC 8106).', '路由器通告的 DNS 服务器（RFC 8106）。')),
  mldMaxDelay: declareField('icmpv6.mld.maximum_response_delay', 'Maximum Response Delay [ms]', 'uint16', explain('How long listeners may wait before reporting.', '侦听者在报告前可等待的最长时间。')),
  mldAddress: declareField('icmpv6.mld.multicast_address', 'Multicast Address', 'ipv6', explain('The group concerned; :: in a general query.', '相关的组播组；通用查询中为 ::。')),
  mldMaxCode: declareField('icmpv6.mld.maximum_response_code', 'Maximum Response Code', 'uint16', explain('MLDv2 maximum response delay, in milliseconds (coded).', 'MLDv2 最长响应延迟（编码后的毫秒数）。')),
  mldFlag: declareField('icmpv6.mld.flag', 'Flags', 'uint8', { base: 'hex', ...explain('S flag and robustness variable of an MLDv2 query.', 'MLDv2 查询的 S 标志和健壮性变量。') }),
  mldS: declareField('icmpv6.mld.flag.s', 'Suppress Router-Side Processing', 'bool', { bitmask: 0x08, ...explain('Routers should not update their timers on this query.', '路由器不应因该查询更新计时器。') }),
  mldQrv: declareField('icmpv6.mld.flag.qrv', "QRV (Querier's Robustness Variable)", 'uint8', { bitmask: 0x07, ...explain('How many times messages are repeated to survive loss.', '为应对丢包而重复发送报文的次数。') }),
  mldReserved: declareField('icmpv6.mld.flag.reserved', 'Reserved', 'uint8', { bitmask: 0xf0, ...explain('Reserved bits.', '保留位。') }),
  mldQqi: declareField('icmpv6.mld.qqi', "QQIC (Querier's Query Interval Code)", 'uint8', explain('Interval between general queries, coded.', '通用查询间隔（编码值）。')),
  mldSources: declareField('icmpv6.mld.nb_sources', 'Number of Sources', 'uint16', explain('Number of source addresses in the query.', '查询中的源地址数。')),
  mldSource: declareField('icmpv6.mld.source_address', 'Source Address', 'ipv6', explain('A source the query asks about.', '查询所涉及的源地址。')),
  mldrRecords: declareField('icmpv6.mldr.nb_mcast_records', 'Number of Multicast Address Records', 'uint16', explain('How many group records follow.', '后面的组记录数。')),
  mldrRecord: declareField('icmpv6.mldr.mar', 'Multicast Address Record', 'none', explain('One group the host joins, leaves or changes sources for.', '主机加入、离开或更改源过滤的一个组。')),
  mldrRecordType: declareField('icmpv6.mldr.mar.record_type', 'Record Type', 'uint8', { values: mldRecordTypeNames, ...explain('1/2 current state include/exclude, 3/4 filter change, 5/6 allow/block sources.', '1/2 为当前状态包含/排除，3/4 为过滤模式变化，5/6 为允许/阻止源。') }),
  mldrAuxLen: declareField('icmpv6.mldr.mar.aux_data_len', 'Aux Data Len', 'uint8', explain('Length of auxiliary data in 32-bit words.', '辅助数据长度，以 32 位字计。')),
  mldrSources: declareField('icmpv6.mldr.mar.nb_sources', 'Number of Sources', 'uint16', explain('Number of sources in the record.', '记录中的源地址数。')),
  mldrAddress: declareField('icmpv6.mldr.mar.multicast_address', 'Multicast Address', 'ipv6', explain('The multicast group of this record.', '该记录的组播组。')),
  mldrSource: declareField('icmpv6.mldr.mar.source_address', 'Source Address', 'ipv6', explain('A source in the record.', '记录中的一个源地址。')),
  responseIn: declareField('icmpv6.resp_in', 'Response In', 'framenum', explain('The frame with the reply to this echo request.', '本回显请求的应答所在帧。')),
  responseTo: declareField('icmpv6.resp_to', 'Response To', 'framenum', explain('The frame with the request this reply answers.', '本应答所回应的请求所在帧。')),
  responseTime: declareField('icmpv6.resptime', 'Response Time', 'double', { unit: ' ms', ...explain('Round-trip time in milliseconds.', '往返时间（毫秒）。') }),
  noResponse: declareField('icmpv6.no_resp', 'No response seen', 'none', { expert: { severity: 'warn', group: 'sequence' }, ...explain('No reply to this request appears in the capture.', '抓包中没有该请求的应答。') }),
};

const echoMatching = stateKey('icmpv6.echo', () => new EchoMatcher());

export function dissectIcmpv6(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const { sink, columns } = ctx;
  columns?.setProtocol('ICMPv6');
  columns?.setInfo('');
  need(data, offset, 4, end, 'icmpv6');
  const type = data[offset];
  const code = data[offset + 1];
  const typeText = icmpv6TypeText(type);
  const codeText = icmpv6CodeText(type, code);
  columns?.setInfo(codeText === undefined ? typeText : `${typeText} (${codeText})`);

  const depth = sink.depth;
  sink.open(icmpv6, offset, Math.min(end, data.length) - offset);
  sink.add(hf.type, offset, 1, type, sink.detailed ? `Type: ${typeText} (${type})` : undefined);
  sink.add(hf.code, offset + 1, 1, code, sink.detailed && codeText !== undefined ? `Code: ${code} (${codeText})` : undefined);
  addChecksum(ctx, data, offset, end);
  const body = offset + 4;
  switch (type) {
    case 1: case 2: case 3: case 4:
      need(data, body, 4, end, 'icmpv6');
      if (type === 2) sink.add(hf.mtu, body, 4, u32(data, body));
      else if (type === 4) sink.add(hf.pointer, body, 4, u32(data, body));
      else sink.add(hf.reserved, body, 4);
      if (body + 4 < Math.min(end, data.length)) dissectQuoted(ctx, () => dissectIPv6(ctx, data, body + 4, end));
      break;
    case 128: case 129:
      dissectEcho(ctx, data, offset, end, type);
      break;
    case 133:
      need(data, body, 4, end, 'icmpv6');
      sink.add(hf.reserved, body, 4);
      appendLinkAddress(ctx, 'from', dissectOptions(ctx, data, body + 4, end));
      break;
    case 134:
      dissectRouterAdvertisement(ctx, data, body, end);
      break;
    case 135: {
      need(data, body, 20, end, 'icmpv6');
      sink.add(hf.reserved, body, 4);
      sink.add(hf.nsTarget, body + 4, 16);
      columns?.appendInfo(`for ${ipv6ToString(data, body + 4)}`);
      appendLinkAddress(ctx, 'from', dissectOptions(ctx, data, body + 20, end));
      break;
    }
    case 136:
      dissectNeighborAdvertisement(ctx, data, body, end);
      break;
    case 137:
      need(data, body, 36, end, 'icmpv6');
      sink.add(hf.reserved, body, 4);
      sink.add(hf.rdTarget, body + 4, 16);
      sink.add(hf.rdDestination, body + 20, 16);
      dissectOptions(ctx, data, body + 36, end);
      break;
    case 130: case 131: case 132:
      dissectMld(ctx, data, offset, end, type);
      break;
    case 143:
      dissectMldv2Report(ctx, data, body, end);
      break;
    default:
      if (body < Math.min(end, data.length)) sink.add(hf.unknownData, body, Math.min(end, data.length) - body);
  }
  sink.unwindTo(depth);
}

function addChecksum(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const sink = ctx.sink;
  const stored = u16(data, offset + 2);
  const source6 = ctx.network.source6;
  const destination6 = pseudoHeaderDestination6(ctx);
  if (ctx.quotedDepth > 0 || end > data.length || source6 === null || destination6 === null) {
    const why = ctx.quotedDepth > 0 ? ' [in ICMP error packet]' : '';
    sink.add(hf.checksum, offset + 2, 2, stored, sink.detailed ? `Checksum: ${hex(stored, 4)} [unverified]${why}` : undefined);
    sink.add(hf.checksumStatus, offset + 2, 0, ChecksumStatus.Unverified);
    return;
  }
  const pseudo = ipv6PseudoHeaderSum(source6, destination6, 58, end - offset);
  addVerifiedChecksum(ctx, hf, stored, offset + 2, internetChecksum(data, offset, end - offset, pseudo));
}

function dissectEcho(ctx: PacketContext, data: Uint8Array, offset: number, end: number, type: number): void {
  const sink = ctx.sink;
  need(data, offset + 4, 4, end, 'icmpv6');
  const identifier = u16(data, offset + 4);
  const sequence = u16(data, offset + 6);
  sink.add(hf.echoId, offset + 4, 2, identifier);
  sink.add(hf.echoSeq, offset + 6, 2, sequence);
  ctx.columns?.appendInfo(`id=${hex(identifier, 4)}, seq=${sequence}, hop limit=${hopLimit(ctx)}`);
  if (ctx.quotedDepth === 0 && ctx.network.source6 && ctx.network.destination6) {
    const a = ipv6ToString(ctx.network.source6);
    const b = ipv6ToString(ctx.network.destination6);
    const key = `${a < b ? a : b}|${a < b ? b : a}|${identifier}|${sequence}`;
    addEchoMatch(ctx, ctx.state.get(echoMatching), key, type === 128, hf, null);
  }
  dissectData(ctx, data, offset + 8, end);
}

function dissectRouterAdvertisement(ctx: PacketContext, data: Uint8Array, body: number, end: number): void {
  const sink = ctx.sink;
  need(data, body, 12, end, 'icmpv6');
  const flags = data[body + 1];
  sink.add(hf.raHopLimit, body, 1, data[body]);
  const preference = ['Medium', 'High', 'Reserved', 'Low'][(flags >> 3) & 3];
  const names = [flags & 0x80 ? 'Managed' : '', flags & 0x40 ? 'Other' : '', flags & 0x20 ? 'Home Agent' : '', `Prf (Default Router Preference): ${preference}`, flags & 0x04 ? 'Proxy' : ''].filter((name) => name !== '');
  sink.open(hf.raFlags, body + 1, 1, flags, sink.detailed ? `Flags: ${hex(flags, 2)}, ${names.join(', ')}` : undefined);
  sink.add(hf.raM, body + 1, 1, (flags & 0x80) !== 0);
  sink.add(hf.raO, body + 1, 1, (flags & 0x40) !== 0);
  sink.add(hf.raH, body + 1, 1, (flags & 0x20) !== 0);
  sink.add(hf.raPrf, body + 1, 1, (flags >> 3) & 3);
  sink.add(hf.raP, body + 1, 1, (flags & 0x04) !== 0);
  sink.add(hf.raRsv, body + 1, 1, flags & 3);
  sink.close();
  sink.add(hf.raLifetime, body + 2, 2, u16(data, body + 2));
  sink.add(hf.raReachable, body + 4, 4, u32(data, body + 4));
  sink.add(hf.raRetrans, body + 8, 4, u32(data, body + 8));
  appendLinkAddress(ctx, 'from', dissectOptions(ctx, data, body + 12, end));
}

function dissectNeighborAdvertisement(ctx: PacketContext, data: Uint8Array, body: number, end: number): void {
  const sink = ctx.sink;
  need(data, body, 20, end, 'icmpv6');
  const flags = u32(data, body);
  const names = [flags & 0x80000000 ? 'rtr' : '', flags & 0x40000000 ? 'sol' : '', flags & 0x20000000 ? 'ovr' : ''].filter((name) => name !== '');
  const flagNames = [flags & 0x80000000 ? 'Router' : '', flags & 0x40000000 ? 'Solicited' : '', flags & 0x20000000 ? 'Override' : ''].filter((name) => name !== '');
  sink.open(hf.naFlags, body, 4, flags, sink.detailed ? `Flags: ${hex(flags, 8)}${flagNames.map((name) => `, ${name}`).join('')}` : undefined);
  sink.add(hf.naR, body, 4, (flags & 0x80000000) !== 0);
  sink.add(hf.naS, body, 4, (flags & 0x40000000) !== 0);
  sink.add(hf.naO, body, 4, (flags & 0x20000000) !== 0);
  sink.add(hf.naRsv, body, 4, flags & 0x1fffffff);
  sink.close();
  sink.add(hf.naTarget, body + 4, 16);
  ctx.columns?.appendInfo(`${ipv6ToString(data, body + 4)} (${names.length === 0 ? 'none' : names.join(', ')})`);
  appendLinkAddress(ctx, 'is at', dissectOptions(ctx, data, body + 20, end));
}

function appendLinkAddress(ctx: PacketContext, verb: string, linkAddress: string | undefined): void {
  if (linkAddress !== undefined) ctx.columns?.appendInfo(`${verb} ${linkAddress}`);
}

/**
 * Neighbor discovery options (type, length in 8-byte units). Returns the first source or
 * target link-layer address, which the Info column quotes ("from …", "is at …").
 */
function dissectOptions(ctx: PacketContext, data: Uint8Array, start: number, end: number): string | undefined {
  const sink = ctx.sink;
  let linkAddress: string | undefined;
  for (let cursor = start; cursor < end;) {
    need(data, cursor, 2, end, 'icmpv6');
    const type = data[cursor];
    const length = data[cursor + 1] * 8;
    const name = icmpv6OptionNames[type] ?? 'Unknown';
    if (length === 0) {
      // A zero length would loop forever; Wireshark gives up on the packet as malformed.
      need(data, cursor, 8, cursor, 'icmpv6');
    }
    need(data, cursor, length, end, 'icmpv6');
    const body = cursor + 2;
    let summary = '';
    if ((type === 1 || type === 2) && length === 8) {
      summary = ` : ${etherToString(data, body)}`;
      linkAddress ??= etherToString(data, body);
    } else if (type === 3 && length === 32) {
      summary = ` : ${ipv6ToString(data, cursor + 16)}/${data[body]}`;
    } else if (type === 5 && length === 8) {
      summary = ` : ${u32(data, cursor + 4)}`;
    }
    sink.open(hf.opt, cursor, length, undefined, sink.detailed ? `ICMPv6 Option (${name}${summary})` : undefined);
    sink.add(hf.optType, cursor, 1, type);
    sink.add(hf.optLength, cursor + 1, 1, data[cursor + 1], sink.detailed ? `Length: ${data[cursor + 1]} (${length} bytes)` : undefined);
    dissectOptionBody(ctx, data, cursor, length, type);
    sink.close();
    cursor += length;
  }
  return linkAddress;
}

function dissectOptionBody(ctx: PacketContext, data: Uint8Array, cursor: number, length: number, type: number): void {
  const sink = ctx.sink;
  const body = cursor + 2;
  if ((type === 1 || type === 2) && length === 8) {
    const text = etherToString(data, body);
    const label = sink.detailed ? `Link-layer address: ${text}` : undefined;
    sink.add(hf.optLinkaddr, body, 6, undefined, label);
    sink.add(type === 1 ? hf.optSrcLinkaddr : hf.optTargetLinkaddr, body, 6);
  } else if ((type === 1 || type === 2) && length > 2) {
    sink.add(hf.optLinkaddr, body, length - 2, undefined, sink.detailed ? `Link-layer address: ${bytesToHex(data, body, length - 2, ':')}` : undefined);
  } else if (type === 3 && length === 32) {
    const flags = data[body + 1];
    sink.add(hf.prefixLength, body, 1, data[body]);
    const flagNames = [flags & 0x80 ? 'On-link flag(L)' : '', flags & 0x40 ? 'Autonomous address-configuration flag(A)' : '', flags & 0x20 ? 'Router address flag(R)' : ''].filter((name) => name !== '');
    sink.open(hf.prefixFlag, body + 1, 1, flags, sink.detailed ? `Flag: ${hex(flags, 2)}${flagNames.map((name) => `, ${name}`).join('')}` : undefined);
    sink.add(hf.prefixL, body + 1, 1, (flags & 0x80) !== 0);
    sink.add(hf.prefixA, body + 1, 1, (flags & 0x40) !== 0);
    sink.add(hf.prefixR, body + 1, 1, (flags & 0x20) !== 0);
    sink.add(hf.prefixReserved, body + 1, 1, flags & 0x1f);
    sink.close();
    sink.add(hf.prefixValid, cursor + 4, 4, u32(data, cursor + 4));
    sink.add(hf.prefixPreferred, cursor + 8, 4, u32(data, cursor + 8));
    sink.add(hf.optReserved, cursor + 12, 4);
    sink.add(hf.prefix, cursor + 16, 16);
  } else if (type === 5 && length === 8) {
    sink.add(hf.optReserved, body, 2);
    sink.add(hf.optMtu, cursor + 4, 4, u32(data, cursor + 4));
  } else if (type === 25 && length >= 8) {
    sink.add(hf.optReserved, body, 2);
    sink.add(hf.rdnssLifetime, cursor + 4, 4, u32(data, cursor + 4));
    for (let server = cursor + 8; server + 16 <= cursor + length; server += 16) sink.add(hf.rdnss, server, 16);
  } else if ((type === 7 || type === 8 || type === 31) && length >= 8) {
    // Advertisement Interval, Home Agent Information, DNS Search List: 2 reserved bytes, the
    // rest not decoded field by field yet.
    sink.add(hf.optReserved, body, 2);
    sink.add(hf.unknownData, body + 2, length - 4);
  } else if (length > 2) {
    sink.add(hf.unknownData, body, length - 2);
  }
}

function dissectMld(ctx: PacketContext, data: Uint8Array, offset: number, end: number, type: number): void {
  const sink = ctx.sink;
  const body = offset + 4;
  need(data, body, 20, end, 'icmpv6');
  const isVersion2Query = type === 130 && end - offset >= 28;
  if (!isVersion2Query) {
    sink.add(hf.mldMaxDelay, body, 2, u16(data, body));
    sink.add(hf.reserved, body + 2, 2);
    sink.add(hf.mldAddress, body + 4, 16);
    return;
  }
  need(data, body, 24, end, 'icmpv6');
  sink.add(hf.mldMaxCode, body, 2, u16(data, body));
  sink.add(hf.reserved, body + 2, 2);
  sink.add(hf.mldAddress, body + 4, 16);
  const flags = data[body + 20];
  sink.open(hf.mldFlag, body + 20, 1, flags);
  sink.add(hf.mldS, body + 20, 1, (flags & 0x08) !== 0);
  sink.add(hf.mldQrv, body + 20, 1, flags & 7);
  sink.add(hf.mldReserved, body + 20, 1, flags >> 4);
  sink.close();
  sink.add(hf.mldQqi, body + 21, 1, data[body + 21]);
  const sources = u16(data, body + 22);
  sink.add(hf.mldSources, body + 22, 2, sources);
  for (let index = 0; index < sources; index++) {
    need(data, body + 24 + index * 16, 16, end, 'icmpv6');
    sink.add(hf.mldSource, body + 24 + index * 16, 16);
  }
}

function dissectMldv2Report(ctx: PacketContext, data: Uint8Array, body: number, end: number): void {
  const sink = ctx.sink;
  need(data, body, 4, end, 'icmpv6');
  sink.add(hf.reserved, body, 2);
  const records = u16(data, body + 2);
  sink.add(hf.mldrRecords, body + 2, 2, records);
  let cursor = body + 4;
  for (let index = 0; index < records; index++) {
    need(data, cursor, 20, end, 'icmpv6');
    const recordType = data[cursor];
    const auxLength = data[cursor + 1] * 4;
    const sources = u16(data, cursor + 2);
    const length = 20 + sources * 16 + auxLength;
    const label = sink.detailed ? `Multicast Address Record ${mldRecordTypeNames[recordType] ?? 'Unknown'}: ${ipv6ToString(data, cursor + 4)}` : undefined;
    sink.open(hf.mldrRecord, cursor, length, undefined, label);
    sink.add(hf.mldrRecordType, cursor, 1, recordType);
    sink.add(hf.mldrAuxLen, cursor + 1, 1, data[cursor + 1]);
    sink.add(hf.mldrSources, cursor + 2, 2, sources);
    sink.add(hf.mldrAddress, cursor + 4, 16);
    for (let source = 0; source < sources; source++) {
      need(data, cursor + 20 + source * 16, 16, end, 'icmpv6');
      sink.add(hf.mldrSource, cursor + 20 + source * 16, 16);
    }
    sink.close();
    cursor += length;
  }
}

export function handoff(tables: DissectorTables): void {
  tables.ipProtocol.add(58, dissectIcmpv6);
}
