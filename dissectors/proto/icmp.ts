import {
  absoluteTimeText, declareField, declareProtocol, hex, need, stateKey, u16, u16le, u32, u32le,
  type DissectorTables, type PacketContext,
} from '../core/index.js';
import { dissectData } from './data.js';
import { EchoMatcher, frameTime } from './echo-matching.js';
import { expectedChecksum, finishSum, internetChecksum } from './inet-checksum.js';
import { dissectIPv4 } from './ip.js';
import { checksumStatusNames, ChecksumStatus } from './names/checksum.js';
import { icmpCodeText, icmpTypeText } from './names/icmp.js';
import { hopLimit } from './network-layer.js';
import { dissectQuoted } from './quoted.js';

/** ICMP (RFC 792, 1191, 1256, 4884). IP protocol 1. */
export const icmp = declareProtocol('icmp', 'Internet Control Message Protocol', 'ICMP', {
  en: 'Control messages of the IP layer: ping (echo), "destination unreachable", "time exceeded" (traceroute), redirects.',
  zh: 'IP 层的控制报文：ping（回显）、"目的不可达"、"超时"（traceroute）、重定向等。',
});

const hf = {
  type: declareField('icmp.type', 'Type', 'uint8', {
    explain: { en: 'Message type: 8 echo request, 0 echo reply, 3 destination unreachable, 11 time exceeded, 5 redirect.', zh: '报文类型：8 回显请求，0 回显应答，3 目的不可达，11 超时，5 重定向。' },
  }),
  code: declareField('icmp.code', 'Code', 'uint8', {
    explain: { en: 'Refines the type: for type 3, code 3 is "port unreachable", code 4 "fragmentation needed".', zh: '对类型的细分：类型 3 中，代码 3 为"端口不可达"，代码 4 为"需要分片"。' },
  }),
  checksum: declareField('icmp.checksum', 'Checksum', 'uint16', {
    base: 'hex',
    explain: { en: 'Internet checksum over the whole ICMP message.', zh: '覆盖整个 ICMP 报文的校验和。' },
  }),
  checksumStatus: declareField('icmp.checksum.status', 'Checksum Status', 'uint8', {
    values: checksumStatusNames,
    explain: { en: 'Result of checking the checksum: 1 Good, 0 Bad, 2 Unverified (inside an error message or truncated).', zh: '校验结果：1 正确，0 错误，2 未验证（位于差错报文内或被截断）。' },
  }),
  checksumBad: declareField('icmp.checksum_bad', 'Bad checksum', 'none', {
    expert: { severity: 'error', group: 'checksum' },
    explain: { en: 'The ICMP checksum does not match the message: it was corrupted, or altered after the checksum was computed.', zh: 'ICMP 校验和与报文不符：报文已损坏，或在计算校验和后被修改。' },
  }),
  unused: declareField('icmp.unused', 'Unused', 'bytes', {
    explain: { en: 'Bytes the message type does not use; senders set them to zero.', zh: '该报文类型未使用的字节；发送方置为零。' },
  }),
  reserved: declareField('icmp.reserved', 'Reserved', 'bytes', {
    explain: { en: 'Reserved bytes, zero.', zh: '保留字节，为零。' },
  }),
  ident: declareField('icmp.ident', 'Identifier (BE)', 'uint16', {
    base: 'dec_hex',
    explain: { en: 'Chosen by the pinging program (often its process id) to tell its replies apart, read big-endian.', zh: 'ping 程序选定的标识（常为进程号），用于区分自己的应答；按大端读取。' },
  }),
  identLe: declareField('icmp.ident_le', 'Identifier (LE)', 'uint16', {
    base: 'dec_hex',
    explain: { en: 'The same identifier read little-endian (Windows ping writes it that way).', zh: '按小端读取的同一标识（Windows 的 ping 这样写入）。' },
  }),
  seq: declareField('icmp.seq', 'Sequence Number (BE)', 'uint16', {
    base: 'dec_hex',
    explain: { en: 'Counts the pings (1, 2, 3, …); a reply repeats its request\'s number. Read big-endian.', zh: 'ping 的计数（1、2、3…）；应答重复其请求的序号。按大端读取。' },
  }),
  seqLe: declareField('icmp.seq_le', 'Sequence Number (LE)', 'uint16', {
    base: 'dec_hex',
    explain: { en: 'The same sequence number read little-endian.', zh: '按小端读取的同一序号。' },
  }),
  mtu: declareField('icmp.mtu', 'MTU of next hop', 'uint16', {
    explain: { en: 'For "fragmentation needed": the largest packet the next link accepts (path MTU discovery).', zh: '用于"需要分片"：下一链路可接受的最大包长（路径 MTU 发现）。' },
  }),
  pointer: declareField('icmp.pointer', 'Pointer', 'uint32', {
    explain: { en: 'Byte offset in the quoted header where the problem was found.', zh: '在被引用头部中发现问题的字节偏移。' },
  }),
  redirectGateway: declareField('icmp.redir_gw', 'Gateway Address', 'ipv4', {
    explain: { en: 'The better router to use for this destination.', zh: '发往该目的地应使用的更优路由器。' },
  }),
  length: declareField('icmp.length', 'Length', 'uint8', {
    explain: { en: 'RFC 4884: length of the quoted original datagram, in 32-bit words.', zh: 'RFC 4884：被引用原始数据报的长度，以 32 位字计。' },
  }),
  lengthOriginal: declareField('icmp.length.original_datagram', 'Length of original datagram', 'uint8', {
    explain: { en: 'The quoted datagram\'s length in bytes (the length field times 4).', zh: '被引用数据报的字节长度（长度字段乘以 4）。' },
  }),
  numAddrs: declareField('icmp.num_addrs', 'Number of addresses', 'uint8', {
    explain: { en: 'How many router addresses the advertisement lists.', zh: '通告中列出的路由器地址数。' },
  }),
  addrEntrySize: declareField('icmp.addr_entry_size', 'Address entry size', 'uint8', {
    explain: { en: 'Size of each address entry in 32-bit words (2: address and preference).', zh: '每个地址条目的大小，以 32 位字计（2：地址与优先级）。' },
  }),
  lifetime: declareField('icmp.lifetime', 'Lifetime', 'uint16', {
    explain: { en: 'Seconds the advertised addresses stay valid.', zh: '通告地址的有效秒数。' },
  }),
  routerAddress: declareField('icmp.router_address', 'Router address', 'ipv4', {
    explain: { en: 'An address of the advertising router.', zh: '通告路由器的一个地址。' },
  }),
  prefLevel: declareField('icmp.pref_level', 'Preference level', 'int32', {
    explain: { en: 'How much to prefer this router as default gateway (higher is better).', zh: '作为默认网关的优先程度（越大越优先）。' },
  }),
  originateTimestamp: declareField('icmp.originate_timestamp', 'Originate Timestamp', 'uint32', {
    explain: { en: 'When the request was sent, in milliseconds since midnight UT.', zh: '请求发出的时间，自 UT 午夜起的毫秒数。' },
  }),
  receiveTimestamp: declareField('icmp.receive_timestamp', 'Receive Timestamp', 'uint32', {
    explain: { en: 'When the replier received the request, in milliseconds since midnight UT.', zh: '应答方收到请求的时间，自 UT 午夜起的毫秒数。' },
  }),
  transmitTimestamp: declareField('icmp.transmit_timestamp', 'Transmit Timestamp', 'uint32', {
    explain: { en: 'When the reply was sent, in milliseconds since midnight UT.', zh: '应答发出的时间，自 UT 午夜起的毫秒数。' },
  }),
  addressMask: declareField('icmp.address_mask', 'Address Mask', 'ipv4', {
    explain: { en: 'The subnet mask of the network (obsolete address-mask reply).', zh: '网络的子网掩码（已废弃的地址掩码应答）。' },
  }),
  responseIn: declareField('icmp.resp_in', 'Response frame', 'framenum', {
    explain: { en: 'The frame that carries the reply to this request.', zh: '携带本请求应答的帧。' },
  }),
  responseTo: declareField('icmp.resp_to', 'Request frame', 'framenum', {
    explain: { en: 'The frame that carried the request this reply answers.', zh: '本应答所回应的请求所在的帧。' },
  }),
  responseTime: declareField('icmp.resptime', 'Response time', 'double', {
    unit: ' ms',
    explain: { en: 'Milliseconds between request and reply: the round-trip time ping prints.', zh: '请求到应答之间的毫秒数，即 ping 显示的往返时间。' },
  }),
  noResponse: declareField('icmp.no_resp', 'No response seen', 'none', {
    expert: { severity: 'warn', group: 'sequence' },
    explain: { en: 'No reply to this request appears in the capture (lost, filtered, or the host is down).', zh: '抓包中没有该请求的应答（丢失、被过滤，或主机不在线）。' },
  }),
  extensions: declareField('icmp.ext', 'ICMP Extensions', 'none', {
    explain: { en: 'RFC 4884 multi-part extensions after the quoted datagram, e.g. MPLS labels or the interface that dropped the packet (RFC 5837).', zh: '被引用数据报之后的 RFC 4884 多部分扩展，例如 MPLS 标签或丢弃该包的接口（RFC 5837）。' },
  }),
  extVersion: declareField('icmp.ext.version', 'Version', 'uint8', {
    explain: { en: 'Version of the extension structure (2).', zh: '扩展结构的版本（2）。' },
  }),
  extChecksum: declareField('icmp.ext.checksum', 'Checksum', 'uint16', {
    base: 'hex',
    explain: { en: 'Checksum over the extension structure; 0 means none.', zh: '扩展结构的校验和；0 表示没有。' },
  }),
  extChecksumStatus: declareField('icmp.ext.checksum.status', 'Checksum Status', 'uint8', {
    values: checksumStatusNames,
    explain: { en: 'Whether the extension checksum is right (1), wrong (0) or absent (3).', zh: '扩展校验和正确（1）、错误（0）或不存在（3）。' },
  }),
  extData: declareField('icmp.ext.data', 'Data', 'bytes', {
    explain: { en: 'The extension objects, not decoded further here.', zh: '扩展对象，此处不再进一步解码。' },
  }),
  dataTime: declareField('icmp.data_time', 'Timestamp from icmp data', 'abs_time', {
    explain: { en: 'The send time ping wrote into the first 8 bytes of its data.', zh: 'ping 写在数据前 8 字节中的发送时间。' },
  }),
  dataTimeRelative: declareField('icmp.data_time_relative', 'Timestamp from icmp data (relative)', 'rel_time', {
    explain: { en: 'This packet\'s capture time minus the timestamp in its data.', zh: '本包的捕获时间减去数据中的时间戳。' },
  }),
};

const echoMatching = stateKey('icmp.echo', () => new EchoMatcher());

/** Types whose second word is an identifier and a sequence number. */
const queryTypes = new Set([0, 8, 13, 14, 15, 16, 17, 18]);
/** Types that quote the offending datagram after the first 8 bytes. */
const errorTypes = new Set([3, 4, 5, 11, 12]);

export function dissectIcmp(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const { sink, columns } = ctx;
  columns?.setProtocol('ICMP');
  columns?.setInfo('');
  // Wireshark reads the RFC 4884 length byte (offset 5) before it writes any column text.
  need(data, offset, 6, end, 'icmp');
  const type = data[offset];
  const code = data[offset + 1];
  const typeText = icmpTypeText(type, code);
  const codeText = icmpCodeText(type, code);
  columns?.setInfo(typeText.padEnd(20) + (codeText === undefined ? '' : ` (${codeText})`));

  const depth = sink.depth;
  sink.open(icmp, offset, Math.min(end, data.length) - offset);
  sink.add(hf.type, offset, 1, type, sink.detailed ? `Type: ${type} (${typeText})` : undefined);
  sink.add(hf.code, offset + 1, 1, code, sink.detailed && codeText !== undefined ? `Code: ${code} (${codeText})` : undefined);
  need(data, offset + 2, 2, end, 'icmp');
  addChecksum(ctx, data, offset, end);

  need(data, offset + 4, 4, end, 'icmp');
  const lengthWords = type === 6 ? 0 : data[offset + 5];
  if (queryTypes.has(type)) addQueryWord(ctx, data, offset);
  else addSecondWord(ctx, data, offset, type, code, lengthWords);

  const bodyStart = offset + 8;
  if (errorTypes.has(type)) {
    dissectQuotedDatagram(ctx, data, offset, end, type, lengthWords);
  } else if (type === 0 || type === 8) {
    matchEcho(ctx, data, offset, type);
    dissectEchoData(ctx, data, bodyStart, end);
  } else if (type === 13 || type === 14) {
    need(data, bodyStart, 12, end, 'icmp');
    sink.add(hf.originateTimestamp, bodyStart, 4, u32(data, bodyStart));
    sink.add(hf.receiveTimestamp, bodyStart + 4, 4, u32(data, bodyStart + 4));
    sink.add(hf.transmitTimestamp, bodyStart + 8, 4, u32(data, bodyStart + 8));
  } else if (type === 17 || type === 18) {
    need(data, bodyStart, 4, end, 'icmp');
    sink.add(hf.addressMask, bodyStart, 4, u32(data, bodyStart));
  } else if (type === 9) {
    dissectRouterAdvertisement(ctx, data, offset, end);
  } else {
    dissectData(ctx, data, bodyStart, end);
  }
  sink.unwindTo(depth);
}

/** ICMP checksums are verified by default (tshark prints status 1/0), except where Wireshark cannot. */
function addChecksum(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const sink = ctx.sink;
  const stored = u16(data, offset + 2);
  if (ctx.quotedDepth > 0 || end > data.length) {
    const why = ctx.quotedDepth > 0 ? 'in ICMP error packet' : 'fragmented datagram';
    sink.add(hf.checksum, offset + 2, 2, stored, sink.detailed ? `Checksum: ${hex(stored, 4)} [unverified] [${why}]` : undefined);
    sink.add(hf.checksumStatus, offset + 2, 0, ChecksumStatus.Unverified);
    return;
  }
  addVerifiedChecksum(ctx, hf, stored, offset + 2, internetChecksum(data, offset, end - offset));
}

/**
 * Checksum plus status as Wireshark's proto_tree_add_checksum lays them out when verifying;
 * `residue` is the Internet checksum over the message including the stored value (0 = good).
 * Shared with ICMPv6 and IGMP, which use the same layout.
 */
export function addVerifiedChecksum(
  ctx: PacketContext,
  fields: { checksum: typeof hf.checksum; checksumStatus: typeof hf.checksumStatus; checksumBad: typeof hf.checksumBad },
  stored: number,
  offset: number,
  residue: number,
): void {
  const sink = ctx.sink;
  if (residue === 0) {
    sink.add(fields.checksum, offset, 2, stored, sink.detailed ? `Checksum: ${hex(stored, 4)} [correct]` : undefined);
    sink.add(fields.checksumStatus, offset, 0, ChecksumStatus.Good);
    return;
  }
  const expected = expectedChecksum(stored, residue);
  sink.open(fields.checksum, offset, 2, stored, sink.detailed ? `Checksum: ${hex(stored, 4)} incorrect, should be ${hex(expected, 4)}` : undefined);
  sink.add(fields.checksumBad, offset, 2, undefined, `Bad checksum [should be ${hex(expected, 4)}]`);
  sink.close();
  sink.add(fields.checksumStatus, offset, 0, ChecksumStatus.Bad);
}

function addQueryWord(ctx: PacketContext, data: Uint8Array, offset: number): void {
  const sink = ctx.sink;
  const ident = u16(data, offset + 4);
  const seq = u16(data, offset + 6);
  const seqLe = u16le(data, offset + 6);
  sink.add(hf.ident, offset + 4, 2, ident);
  sink.add(hf.identLe, offset + 4, 2, u16le(data, offset + 4));
  sink.add(hf.seq, offset + 6, 2, seq);
  sink.add(hf.seqLe, offset + 6, 2, seqLe);
  const ttl = ctx.network.family === 4 ? `, ttl=${hopLimit(ctx)}` : '';
  ctx.columns?.appendInfo(`id=${hex(ident, 4)}, seq=${seq}/${seqLe}${ttl}`);
}

/** Bytes 4–7 of the non-query types, after packet-icmp.c. */
function addSecondWord(ctx: PacketContext, data: Uint8Array, offset: number, type: number, code: number, lengthWords: number): void {
  const sink = ctx.sink;
  const addLength = () => {
    sink.add(hf.length, offset + 5, 1, lengthWords);
    sink.add(hf.lengthOriginal, offset + 5, 1, lengthWords * 4, sink.detailed ? `[Length of original datagram: ${lengthWords * 4}]` : undefined);
  };
  switch (type) {
    case 3:
    case 11:
      if (lengthWords > 0) {
        sink.add(hf.unused, offset + 4, 1);
        addLength();
        if (type === 3 && code === 4) sink.add(hf.mtu, offset + 6, 2, u16(data, offset + 6));
        else sink.add(hf.unused, offset + 6, 2);
      } else if (type === 3 && code === 4) {
        sink.add(hf.unused, offset + 4, 2);
        sink.add(hf.mtu, offset + 6, 2, u16(data, offset + 6));
      } else {
        sink.add(hf.unused, offset + 4, 4);
      }
      return;
    case 12:
      sink.add(hf.pointer, offset + 4, 1, data[offset + 4]);
      if (lengthWords > 0) {
        addLength();
        sink.add(hf.unused, offset + 6, 2);
      } else {
        sink.add(hf.unused, offset + 5, 3);
      }
      return;
    case 5:
      sink.add(hf.redirectGateway, offset + 4, 4, u32(data, offset + 4));
      return;
    case 9:
      sink.add(hf.numAddrs, offset + 4, 1, data[offset + 4]);
      sink.add(hf.addrEntrySize, offset + 5, 1, data[offset + 5]);
      sink.add(hf.lifetime, offset + 6, 2, u16(data, offset + 6));
      return;
    default:
      return;
  }
}

/**
 * The datagram that caused an error, dissected as IPv4 inside the ICMP tree. It must not
 * touch the columns or conversation state, so both are switched off around it.
 */
function dissectQuotedDatagram(ctx: PacketContext, data: Uint8Array, offset: number, end: number, type: number, lengthWords: number): void {
  const start = offset + 8;
  if (start >= Math.min(end, data.length)) return;
  let quotedEnd = end;
  const headerWords = data[start] & 0x0f;
  if (type === 5) {
    quotedEnd = Math.min(end, start + headerWords * 4 + 8);
  } else if (lengthWords > 0 && end > start + lengthWords * 4 && start + 4 <= data.length && u16(data, start + 2) > lengthWords * 4) {
    quotedEnd = start + (headerWords + lengthWords) * 4;
  }
  dissectQuoted(ctx, () => dissectIPv4(ctx, data, start, quotedEnd));
  // RFC 4884 extensions follow a 128-byte (or length-field sized) original datagram.
  if (end - offset > 8 + 128 && start + 4 <= data.length && u16(data, start + 2) <= 128) {
    dissectExtensions(ctx, data, start + (lengthWords > 0 ? lengthWords * 4 : 128), end);
  }
}

/** The RFC 4884 extension structure header; its objects are shown as bytes. */
function dissectExtensions(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const sink = ctx.sink;
  need(data, offset, 0, end, 'icmp');
  const length = end - offset;
  sink.open(hf.extensions, offset, length, undefined, 'ICMP Multi-Part Extensions');
  if (length >= 4) {
    need(data, offset, 4, end, 'icmp');
    sink.add(hf.extVersion, offset, 1, data[offset] >> 4);
    const stored = u16(data, offset + 2);
    if (stored === 0) {
      sink.add(hf.extChecksum, offset + 2, 2, stored);
      sink.add(hf.extChecksumStatus, offset + 2, 0, ChecksumStatus.NotPresent);
    } else if (end <= data.length) {
      const residue = internetChecksum(data, offset, length);
      sink.add(hf.extChecksum, offset + 2, 2, stored);
      sink.add(hf.extChecksumStatus, offset + 2, 0, residue === 0 ? ChecksumStatus.Good : ChecksumStatus.Bad);
    }
    if (length > 4) sink.add(hf.extData, offset + 4, Math.min(end, data.length) - offset - 4);
  }
  sink.close();
}

function matchEcho(ctx: PacketContext, data: Uint8Array, offset: number, type: number): void {
  if (ctx.quotedDepth > 0) return;
  const stored = u16(data, offset + 2);
  // Wireshark keys on the checksum too, normalised so a request and its reply (which differ
  // only in the type byte, 0x0800 in the checksum word) produce the same key.
  const checksumKey = type === 0 ? (stored === 0xffff ? 0 : stored) : finishSum((~stored & 0xffff) + (~0x0800 & 0xffff));
  const { source, destination } = ctx.network;
  const low = Math.min(source, destination);
  const high = Math.max(source, destination);
  const key = `${low}|${high}|${checksumKey}|${u16(data, offset + 4)}|${u16(data, offset + 6)}`;
  const matcher = ctx.state.get(echoMatching);
  addEchoMatch(ctx, matcher, key, type === 8, { responseIn: hf.responseIn, responseTo: hf.responseTo, responseTime: hf.responseTime, noResponse: hf.noResponse }, destination);
}

export interface EchoMatchFields {
  responseIn: typeof hf.responseIn;
  responseTo: typeof hf.responseTo;
  responseTime: typeof hf.responseTime;
  noResponse: typeof hf.noResponse;
}

/**
 * Records or looks up an echo transaction and adds the matching fields and the Info suffix;
 * shared with ICMPv6. `destination` (IPv4 only) decides the "(broadcast)"/"(multicast)" note.
 */
export function addEchoMatch(ctx: PacketContext, matcher: EchoMatcher, key: string, isRequest: boolean, fields: EchoMatchFields, destination: number | null): void {
  const { sink, columns } = ctx;
  if (isRequest) {
    const transaction = matcher.request(ctx, key);
    if (ctx.firstPass) return;
    if (transaction !== undefined) {
      sink.add(fields.responseIn, 0, 0, transaction.responseFrame, sink.detailed ? `[Response frame: ${transaction.responseFrame}]` : undefined);
      columns?.appendInfo(`(reply in ${transaction.responseFrame})`);
    } else if (destination !== null && (destination === 0xffffffff || destination >>> 28 === 0xe)) {
      columns?.appendInfo(destination === 0xffffffff ? '(broadcast)' : '(multicast)');
    } else {
      sink.add(fields.noResponse, 0, 0, undefined, '[No response seen]');
      columns?.appendInfo('(no response found!)');
    }
    return;
  }
  const transaction = matcher.reply(ctx, key);
  if (transaction === undefined) return;
  const milliseconds = (frameTime(ctx) - transaction.requestTime) * 1000;
  sink.add(fields.responseTo, 0, 0, transaction.requestFrame, sink.detailed ? `[Request frame: ${transaction.requestFrame}]` : undefined);
  sink.add(fields.responseTime, 0, 0, Number(milliseconds.toFixed(3)), sink.detailed ? `[Response time: ${milliseconds.toFixed(3)} ms]` : undefined);
  columns?.appendInfo(`(request in ${transaction.requestFrame})`);
}

/** Ping data: a send timestamp in the first 8 bytes when it looks like one (BE or LE), then data. */
function dissectEchoData(ctx: PacketContext, data: Uint8Array, start: number, end: number): void {
  const available = Math.min(end, data.length);
  if (available - start < 8) {
    dissectData(ctx, data, start, end);
    return;
  }
  const frameSeconds = ctx.frame.seconds;
  const plausible = (seconds: number, micros: number) => Math.abs((seconds - frameSeconds) | 0) < 86400 && micros < 1000000;
  let seconds = u32(data, start);
  let micros = u32(data, start + 4);
  if (!plausible(seconds, micros)) {
    seconds = u32le(data, start);
    micros = u32le(data, start + 4);
  }
  if (!plausible(seconds, micros)) {
    dissectData(ctx, data, start, end);
    return;
  }
  const sink = ctx.sink;
  const stamp = BigInt(seconds) * 1000000000n + BigInt(micros * 1000);
  sink.add(hf.dataTime, start, 8, stamp, sink.detailed ? `Timestamp from icmp data: ${absoluteTimeText(stamp)}` : undefined);
  const relativeNanos = (frameSeconds - seconds) * 1e9 + ctx.frame.nanoseconds - micros * 1000;
  const relative = relativeNanos / 1e9;
  sink.add(hf.dataTimeRelative, start, 8, relative, sink.detailed ? `[Timestamp from icmp data (relative): ${relative.toFixed(9)} seconds]` : undefined);
  dissectData(ctx, data, start + 8, end);
}

function dissectRouterAdvertisement(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const count = data[offset + 4];
  const entrySize = data[offset + 5];
  if (entrySize !== 2) {
    dissectData(ctx, data, offset + 8, end);
    return;
  }
  for (let index = 0; index < count; index++) {
    const entry = offset + 8 + index * 8;
    need(data, entry, 8, end, 'icmp');
    ctx.sink.add(hf.routerAddress, entry, 4, u32(data, entry));
    ctx.sink.add(hf.prefLevel, entry + 4, 4, u32(data, entry + 4) | 0);
  }
}

export function handoff(tables: DissectorTables): void {
  tables.ipProtocol.add(1, dissectIcmp);
}
