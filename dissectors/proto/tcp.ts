import { bitPicture, declareField, declareProtocol, need, u16, u32, type DissectorTables, type Field, type FieldSink, type PacketContext } from '../core/index.js';
import { dissectData } from './data.js';
import { checksumStatusNames, ChecksumStatus } from './names/checksum.js';
import {
  addAnalysisTree, addCompleteness, addFinInitiator, addTimestampsTree, analysisInfoTags, AnalysisFlag, frameAnalysisFlags, isKeepAlive,
} from './tcp-analysis.js';
import { WindowScale, analysisState, segmentContext, serverPort, streamDissector, type AnalysisState, type SegmentHeader } from './tcp-conversation.js';
import { dissectTcpOptions, findSackBlocks, findWindowScaleShift } from './tcp-options.js';
import { dissectReassembling, reassemblyFields } from './tcp-reassembly.js';
import { addStateTree } from './tcp-states.js';

/** Transmission Control Protocol (RFC 9293). IP protocol 6. */
export const tcp = declareProtocol('tcp', 'Transmission Control Protocol', 'TCP', {
  en: 'Reliable, ordered byte streams between two ports: numbers every byte, acknowledges what arrived and resends what was lost.',
  zh: '两个端口之间可靠、有序的字节流：为每个字节编号，确认已到达的数据并重传丢失的数据。',
});

const flagFin = 0x001;
const flagSyn = 0x002;
const flagReset = 0x004;
const flagPush = 0x008;
const flagAck = 0x010;
const flagUrgent = 0x020;

const explainFlag = (en: string, zh: string) => ({ en, zh });
const flag = (abbrev: string, name: string, bitmask: number, en: string, zh: string) =>
  declareField(abbrev, name, 'bool', { bitmask, trueFalse: ['Set', 'Not set'], explain: explainFlag(en, zh) });

const hf = {
  srcport: declareField('tcp.srcport', 'Source Port', 'uint16', {
    explain: { en: 'The sender\'s port: with its IP address it identifies the sending program\'s end of the connection.', zh: '发送方端口：与其 IP 地址一起标识发送程序所在的连接端点。' },
  }),
  dstport: declareField('tcp.dstport', 'Destination Port', 'uint16', {
    explain: { en: 'The receiver\'s port; well-known ports name the service (80 HTTP, 443 HTTPS, 22 SSH).', zh: '接收方端口；知名端口表示服务（80 为 HTTP，443 为 HTTPS，22 为 SSH）。' },
  }),
  port: declareField('tcp.port', 'Source or Destination Port', 'uint16', {
    hidden: true,
    explain: { en: 'Either port (filter only): tcp.port == 80 matches both directions.', zh: '任一端口（仅用于过滤）：tcp.port == 80 匹配两个方向。' },
  }),
  stream: declareField('tcp.stream', 'Stream index', 'uint32', {
    explain: { en: 'Which connection in this capture the segment belongs to, numbered from 0 in order of appearance.', zh: '该报文段属于本抓包中的哪条连接，按出现顺序从 0 编号。' },
  }),
  len: declareField('tcp.len', 'TCP Segment Len', 'uint32', {
    explain: { en: 'Payload bytes in this segment (0 for a pure ACK, SYN or FIN).', zh: '本报文段的载荷字节数（纯 ACK、SYN、FIN 为 0）。' },
  }),
  seq: declareField('tcp.seq', 'Sequence Number', 'uint32', {
    explain: { en: 'Number of the first payload byte, counted from the connection start (the SYN is 0), so you can read offsets.', zh: '首个载荷字节的编号，从连接开始计数（SYN 为 0），便于读出偏移量。' },
  }),
  seqRaw: declareField('tcp.seq_raw', 'Sequence Number (raw)', 'uint32', {
    explain: { en: 'The sequence number as sent: it starts at a random initial value (ISN).', zh: '实际发送的序号：从随机的初始序号（ISN）开始。' },
  }),
  nxtseq: declareField('tcp.nxtseq', 'Next Sequence Number', 'uint32', {
    explain: { en: 'Sequence number the sender will use next: this one plus the payload length (plus 1 for SYN or FIN).', zh: '发送方下一个将使用的序号：本序号加载荷长度（SYN 或 FIN 再加 1）。' },
  }),
  ack: declareField('tcp.ack', 'Acknowledgment Number', 'uint32', {
    explain: { en: 'With ACK set: the next byte expected from the other side, meaning everything before it arrived (relative).', zh: 'ACK 置位时：期望对方发送的下一个字节，即之前的数据均已收到（相对值）。' },
  }),
  ackRaw: declareField('tcp.ack_raw', 'Acknowledgment number (raw)', 'uint32', {
    explain: { en: 'The acknowledgment number as sent, in the other side\'s raw numbering.', zh: '实际发送的确认号，使用对方的原始编号。' },
  }),
  hdrLen: declareField('tcp.hdr_len', 'Header Length', 'uint8', {
    explain: { en: 'Header size in bytes (the 4-bit field counts 32-bit words): 20 without options, up to 60.', zh: '头部字节数（4 位字段以 32 位字为单位）：无选项时为 20，最大 60。' },
  }),
  flags: declareField('tcp.flags', 'Flags', 'uint16', {
    base: 'hex', bitmask: 0x0fff,
    explain: { en: 'The 12 control bits: SYN opens, FIN closes, RST aborts, ACK acknowledges, PSH pushes data to the application.', zh: '12 个控制位：SYN 建立连接，FIN 关闭，RST 中止，ACK 确认，PSH 推送数据给应用。' },
  }),
  flagReserved: declareField('tcp.flags.res', 'Reserved', 'bool', {
    bitmask: 0x0e00, trueFalse: ['Set', 'Not set'],
    explain: { en: 'Three bits reserved for future use; senders must leave them zero.', zh: '保留供将来使用的 3 位；发送方必须置 0。' },
  }),
  flagAe: flag('tcp.flags.ae', 'Accurate ECN', 0x100, 'Accurate ECN (formerly the ECN nonce bit); part of the ACE counter when AccECN is in use.', '精确 ECN（原 ECN nonce 位）；启用 AccECN 时是 ACE 计数器的一部分。'),
  flagCwr: flag('tcp.flags.cwr', 'Congestion Window Reduced', 0x080, 'The sender has slowed down in response to an ECN congestion signal.', '发送方已因 ECN 拥塞信号降低发送速率。'),
  flagEce: flag('tcp.flags.ece', 'ECN-Echo', 0x040, 'Tells the sender a router marked congestion (ECN); in a SYN, offers ECN.', '告知发送方路由器标记了拥塞（ECN）；在 SYN 中表示支持 ECN。'),
  flagUrg: flag('tcp.flags.urg', 'Urgent', 0x020, 'The urgent pointer field is meaningful (rarely used today).', '紧急指针字段有效（如今很少使用）。'),
  flagAck: flag('tcp.flags.ack', 'Acknowledgment', 0x010, 'The acknowledgment number is valid; set on every segment after the first SYN.', '确认号有效；除第一个 SYN 外的报文段都会置位。'),
  flagPush: flag('tcp.flags.push', 'Push', 0x008, 'Deliver the data to the application now rather than waiting to buffer more.', '立即把数据交给应用，而不是等待缓冲更多数据。'),
  flagReset: flag('tcp.flags.reset', 'Reset', 0x004, 'Abort the connection at once (refused port, crashed peer, or a firewall).', '立即中止连接（端口拒绝、对端崩溃或防火墙所致）。'),
  flagSyn: flag('tcp.flags.syn', 'Syn', 0x002, 'Synchronize: opens a connection and carries the initial sequence number (handshake steps 1 and 2).', '同步：建立连接并携带初始序号（握手第 1、2 步）。'),
  flagFin: flag('tcp.flags.fin', 'Fin', 0x001, 'The sender has no more data: one half of closing the connection.', '发送方不再发送数据：关闭连接的一半。'),
  flagsText: declareField('tcp.flags.str', 'TCP Flags', 'string', {
    explain: { en: 'The flags as letters (R R R A C E U A P R S F), a dot for each bit not set.', zh: '以字母表示的标志位（R R R A C E U A P R S F），未置位的以点表示。' },
  }),
  windowValue: declareField('tcp.window_size_value', 'Window', 'uint16', {
    explain: { en: 'The window field as sent; multiply by the scaling factor to get bytes.', zh: '实际发送的窗口字段；乘以缩放因子得到字节数。' },
  }),
  window: declareField('tcp.window_size', 'Calculated window size', 'uint32', {
    explain: { en: 'How many more bytes the sender can receive now (window field × scaling factor); 0 means stop sending.', zh: '发送方当前还能接收的字节数（窗口字段 × 缩放因子）；0 表示暂停发送。' },
  }),
  windowScale: declareField('tcp.window_size_scalefactor', 'Window size scaling factor', 'int32', {
    values: { [-1]: 'unknown', [-2]: 'no window scaling used' },
    explain: { en: 'Multiplier from the handshake\'s window scale options: -1 when the handshake was not captured, -2 when scaling is off.', zh: '握手中窗口缩放选项给出的乘数：未抓到握手时为 -1，未启用缩放时为 -2。' },
  }),
  checksum: declareField('tcp.checksum', 'Checksum', 'uint16', {
    base: 'hex',
    explain: { en: 'Internet checksum over a pseudo-header of the IP addresses, the TCP header and the payload.', zh: '对 IP 地址伪首部、TCP 头部和载荷计算的互联网校验和。' },
  }),
  checksumStatus: declareField('tcp.checksum.status', 'Checksum Status', 'uint8', {
    values: checksumStatusNames,
    explain: { en: 'Not checked by default (2 = unverified): senders often leave checksums to the network card.', zh: '默认不校验（2 = 未验证）：发送方常把校验和交给网卡计算。' },
  }),
  urgentPointer: declareField('tcp.urgent_pointer', 'Urgent Pointer', 'uint16', {
    explain: { en: 'With URG set, the offset of the end of urgent data; otherwise should be 0.', zh: 'URG 置位时为紧急数据末尾的偏移；否则应为 0。' },
  }),
  payload: declareField('tcp.payload', 'TCP payload', 'bytes', {
    explain: { en: 'The data bytes this segment carries, handed to the application protocol.', zh: '本报文段携带的数据字节，交给应用层协议解析。' },
  }),

  connectionSyn: declareField('tcp.connection.syn', 'Connection establish request (SYN)', 'none', {
    expert: { severity: 'chat', group: 'sequence' },
    explain: { en: 'First step of the three-way handshake: a client asks to connect.', zh: '三次握手第一步：客户端请求建立连接。' },
  }),
  connectionSynAck: declareField('tcp.connection.synack', 'Connection establish acknowledge (SYN+ACK)', 'none', {
    expert: { severity: 'chat', group: 'sequence' },
    explain: { en: 'Second step of the handshake: the server accepts.', zh: '握手第二步：服务器接受连接。' },
  }),
  connectionFin: declareField('tcp.connection.fin', 'Connection finish (FIN)', 'none', {
    expert: { severity: 'chat', group: 'sequence' },
    explain: { en: 'The sender is closing its side of the connection.', zh: '发送方正在关闭其一侧的连接。' },
  }),
  connectionReset: declareField('tcp.connection.rst', 'Connection reset (RST)', 'none', {
    expert: { severity: 'warn', group: 'sequence' },
    explain: { en: 'The connection was aborted.', zh: '连接被中止。' },
  }),
  bogusHeaderLength: declareField('tcp.bogus_header_length', 'Bogus TCP Header length', 'none', {
    expert: { severity: 'error', group: 'protocol' },
    explain: { en: 'The header length field is below the 20-byte minimum, so the header cannot be decoded.', zh: '头部长度字段小于最小值 20 字节，头部无法解码。' },
  }),
  ackNonzero: declareField('tcp.ack.nonzero', 'The acknowledgment number field is nonzero while the ACK flag is not set', 'none', {
    expert: { severity: 'note', group: 'protocol' },
    explain: { en: 'Without ACK the field should be zero; a nonzero value can leak data or fingerprint a scanner.', zh: '未置 ACK 时该字段应为 0；非零值可能泄露信息或暴露扫描器特征。' },
  }),
  urgentNonzero: declareField('tcp.urgent_pointer.non_zero', 'The urgent pointer field is nonzero while the URG flag is not set', 'none', {
    expert: { severity: 'note', group: 'protocol' },
    explain: { en: 'Without URG the urgent pointer should be zero.', zh: '未置 URG 时紧急指针应为 0。' },
  }),
};

const minimumHeaderLength = 20;

/** Flag names in the order Wireshark lists them in Info ("[SYN, ACK]"), lowest bit first. */
const flagNames = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR', 'AE'];
const flagLetters = 'RRRACEUAPRSF';

/** "SYN, ACK", "<None>", as Wireshark's tcp_flags_to_str. */
export function tcpFlagsText(flags: number): string {
  let text = '';
  for (let bit = 0; bit < flagNames.length; bit++) {
    if (flags & (1 << bit)) text += (text === '' ? '' : ', ') + flagNames[bit];
  }
  if (flags & 0x0e00) text += (text === '' ? '' : ', ') + 'Reserved';
  return text === '' ? '<None>' : text;
}

/** "·······A··S·": one letter per set bit, a middle dot per clear bit, high bit first. */
export function tcpFlagsLetters(flags: number): string {
  let text = '';
  for (let index = 0; index < 12; index++) text += (flags >> (11 - index)) & 1 ? flagLetters[index] : '\u00b7';
  return text;
}

/** Reused per dissection: conversation tracking reads it synchronously. */
const header: SegmentHeader = {
  sourcePort: 0, destinationPort: 0, sequence: 0, acknowledgment: 0, flags: 0, windowScaleShift: -1,
  segmentLength: 0, hasLength: false, window: 0, sackCount: 0, sackEdges: new Uint32Array(8),
};

export function dissectTcp(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const { sink, columns } = ctx;
  columns?.setProtocol('TCP');
  columns?.setInfo('');
  need(data, offset, 4, end, 'tcp');
  const sourcePort = u16(data, offset);
  const destinationPort = u16(data, offset + 2);
  columns?.setInfo(`${sourcePort} \u2192 ${destinationPort}`);
  need(data, offset, minimumHeaderLength, end, 'tcp');

  const sequence = u32(data, offset + 4);
  const acknowledgment = u32(data, offset + 8);
  const headerLength = (data[offset + 12] >> 4) * 4;
  const flags = u16(data, offset + 12) & 0x0fff;
  const windowValue = u16(data, offset + 14);
  const urgentPointer = u16(data, offset + 18);
  const segmentLength = Math.max(0, end - offset - headerLength);

  header.sourcePort = sourcePort;
  header.destinationPort = destinationPort;
  header.sequence = sequence;
  header.acknowledgment = acknowledgment;
  header.flags = flags;
  header.windowScaleShift = (flags & flagSyn) && headerLength > minimumHeaderLength
    ? findWindowScaleShift(data, offset + minimumHeaderLength, Math.min(end, offset + headerLength))
    : -1;
  header.segmentLength = segmentLength;
  header.hasLength = end - offset >= headerLength && headerLength >= minimumHeaderLength;
  header.window = windowValue;
  header.sackCount = ctx.firstPass && headerLength > minimumHeaderLength
    ? findSackBlocks(data, offset + minimumHeaderLength, Math.min(end, data.length, offset + headerLength), header.sackEdges)
    : 0;
  const segment = segmentContext(ctx, header);
  const stream = segment?.stream ?? -1;
  const relativeSequence = segment ? (sequence - segment.sequenceBase) >>> 0 : sequence;
  const relativeAck = segment && (flags & flagAck) && segment.acknowledgmentBase >= 0
    ? (acknowledgment - segment.acknowledgmentBase) >>> 0 : acknowledgment;
  const windowScale = segment?.windowScale ?? WindowScale.unknown;
  // The shift is at most 14 (RFC 7323): a shift, not `2 **`, which V8 computes as a floating power.
  const window = windowScale >= 0 ? windowValue * (1 << windowScale) : windowValue;
  const nextSequence = (relativeSequence + segmentLength + ((flags & (flagSyn | flagFin)) ? 1 : 0)) >>> 0;

  if (columns) {
    let info = ` [${tcpFlagsText(flags)}] Seq=${relativeSequence}`;
    if (flags & flagAck) info += ` Ack=${relativeAck}`;
    info += ` Win=${window}`;
    columns.appendInfo(info, '');
  }

  const depth = sink.depth;
  const label = sink.detailed ? protocolLabel(sourcePort, destinationPort, relativeSequence, relativeAck, flags, segmentLength) : undefined;
  sink.open(tcp, offset, Math.max(minimumHeaderLength, Math.min(headerLength, end - offset)), undefined, label);
  sink.add(hf.srcport, offset, 2, sourcePort);
  sink.add(hf.dstport, offset + 2, 2, destinationPort);
  sink.add(hf.port, offset, 2, sourcePort);
  sink.add(hf.port, offset + 2, 2, destinationPort);
  if (stream >= 0) sink.add(hf.stream, offset, 0, stream, sink.detailed ? `[Stream index: ${stream}]` : undefined);
  const analysis = stream >= 0 ? analysisState(ctx, stream) : null;
  const frameNumber = ctx.frame.number;
  if (analysis) addCompleteness(sink, analysis.records, frameNumber, offset);

  if (headerLength < minimumHeaderLength) {
    columns?.appendInfo(`, bogus TCP header length (${headerLength}, must be at least ${minimumHeaderLength})`, '');
    sink.add(hf.hdrLen, offset + 12, 1, headerLength, sink.detailed ? headerLengthLabel(headerLength) : undefined);
    sink.add(hf.bogusHeaderLength, offset + 12, 1, undefined, `Bogus TCP header length (${headerLength}, must be at least ${minimumHeaderLength})`);
    sink.unwindTo(depth);
    return;
  }
  if (flags & flagUrgent) columns?.appendInfo(`Urg=${urgentPointer}`);
  columns?.appendInfo(`Len=${segmentLength}`);

  const relativeNote = segment && sink.detailed ? '    (relative sequence number)' : '';
  sink.add(hf.len, offset, 0, segmentLength, sink.detailed ? `[TCP Segment Len: ${segmentLength}]` : undefined);
  sink.add(hf.seq, offset + 4, 4, relativeSequence, sink.detailed ? `Sequence Number: ${relativeSequence}${relativeNote}` : undefined);
  sink.add(hf.seqRaw, offset + 4, 4, sequence);
  sink.add(hf.nxtseq, offset, 0, nextSequence, sink.detailed ? `[Next Sequence Number: ${nextSequence}${relativeNote}]` : undefined);
  const relativeAckNote = relativeAck !== acknowledgment || (segment && (flags & flagAck)) ? '    (relative ack number)' : '';
  sink.add(hf.ack, offset + 8, 4, relativeAck, sink.detailed ? `Acknowledgment Number: ${relativeAck}${relativeAckNote}` : undefined);
  sink.add(hf.ackRaw, offset + 8, 4, acknowledgment);
  if (!(flags & flagAck) && acknowledgment !== 0) {
    sink.add(hf.ackNonzero, offset + 8, 4, undefined, `The acknowledgment number field is nonzero while the ACK flag is not set`);
  }
  sink.add(hf.hdrLen, offset + 12, 1, headerLength, sink.detailed ? headerLengthLabel(headerLength) : undefined);
  addFlags(ctx, offset + 12, flags, sourcePort, destinationPort, analysis);
  sink.add(hf.windowValue, offset + 14, 2, windowValue);
  sink.add(hf.window, offset + 14, 2, window, sink.detailed ? `[Calculated window size: ${window}]` : undefined);
  // A SYN's window is never scaled, so Wireshark shows no factor for it.
  if (!(flags & flagSyn)) {
    const factor = windowScale >= 0 ? 1 << windowScale : windowScale;
    sink.add(hf.windowScale, offset + 14, 2, factor, sink.detailed ? `[Window size scaling factor: ${scaleFactorText(factor)}]` : undefined);
  }
  const checksum = u16(data, offset + 16);
  sink.add(hf.checksum, offset + 16, 2, checksum, sink.detailed ? `Checksum: 0x${checksum.toString(16).padStart(4, '0')} [unverified]` : undefined);
  sink.add(hf.checksumStatus, offset + 16, 0, ChecksumStatus.Unverified, sink.detailed ? '[Checksum Status: Unverified]' : undefined);
  sink.add(hf.urgentPointer, offset + 18, 2, urgentPointer);
  if (!(flags & flagUrgent) && urgentPointer !== 0) {
    sink.add(hf.urgentNonzero, offset + 18, 2, undefined, 'The urgent pointer field is nonzero while the URG flag is not set');
  }

  // Options and payload must have been captured and lie inside the IP payload.
  need(data, offset, headerLength, end, 'tcp');
  if (headerLength > minimumHeaderLength) {
    dissectTcpOptions(ctx, data, offset + minimumHeaderLength, offset + headerLength, segment?.acknowledgmentBase ?? -1);
  }
  if (analysis) {
    addTimestampsTree(sink, analysis.records, analysis.conversation, frameNumber, ctx.frame.seconds, ctx.frame.nanoseconds, offset);
    addAnalysisTree(sink, analysis.records, analysis.conversation, frameNumber, offset);
    if (analysis.records.has(frameNumber)) addStateTree(sink, analysis.records.step[frameNumber], offset);
  }

  const payloadOffset = offset + headerLength;
  const payloadLength = Math.min(end, data.length) - payloadOffset;
  if (segmentLength > 0 && payloadLength > 0) {
    sink.add(hf.payload, payloadOffset, payloadLength, undefined, sink.detailed ? `TCP payload (${payloadLength} byte${payloadLength === 1 ? '' : 's'})` : undefined);
  }
  const tags = analysis && columns ? analysisInfoTags(analysis.records, frameNumber) : '';
  try {
    if (segmentLength > 0 && payloadLength > 0 && analysis && !(flags & flagReset)) {
      // Wireshark hands neither keep-alive garbage nor (complete) retransmitted data to the application.
      if (isKeepAlive(analysis.records, frameNumber)) {
        sink.unwindTo(depth);
        return dissectData(ctx, data, payloadOffset, end);
      }
      if ((frameAnalysisFlags(analysis.records, frameNumber) & AnalysisFlag.retransmission) && end <= data.length) {
        sink.add(reassemblyFields.segmentData, payloadOffset, payloadLength, undefined, sink.detailed ? `Retransmitted TCP segment data (${payloadLength} byte${payloadLength === 1 ? '' : 's'})` : undefined);
        sink.unwindTo(depth);
        return;
      }
    }
    sink.unwindTo(depth);
    if (segmentLength > 0) {
      const { stream: savedStream, sourcePort: savedSource, destinationPort: savedDestination } = payloadTarget;
      payloadTarget.stream = stream;
      payloadTarget.sourcePort = sourcePort;
      payloadTarget.destinationPort = destinationPort;
      try {
        const records = analysis?.records;
        const reassemble = records !== undefined && records.has(frameNumber) && end <= data.length && !(flags & flagReset);
        const flowKey = reassemble ? stream * 2 + records.flow[frameNumber] - 1 : 0;
        const payloadSeq = (sequence + ((flags & flagSyn) ? 1 : 0)) >>> 0;
        dissectReassembling(ctx, data, payloadOffset, end, flowKey, payloadSeq, reassemble, dispatchPayload);
      } finally {
        payloadTarget.stream = savedStream;
        payloadTarget.sourcePort = savedSource;
        payloadTarget.destinationPort = savedDestination;
      }
    }
  } finally {
    // Wireshark prepends its tags behind a fence the application's Info cannot overwrite.
    if (tags !== '' && columns) columns.setInfo(tags + columns.info);
  }
}

/** The segment whose payload `dispatchPayload` hands on (saved and restored around nested TCP). */
const payloadTarget = { stream: -1, sourcePort: 0, destinationPort: 0 };

function dispatchPayload(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  dissectPayload(ctx, data, offset, end, payloadTarget.stream, payloadTarget.sourcePort, payloadTarget.destinationPort);
}

/**
 * Hands the payload on the way Wireshark's decode_tcp_ports does by default: a dissector that
 * claimed the stream, then the server port seen in the handshake, then the lower port, then the
 * higher one, then heuristics, else Data.
 */
function dissectPayload(ctx: PacketContext, data: Uint8Array, offset: number, end: number, stream: number, sourcePort: number, destinationPort: number): void {
  const table = ctx.tables.tcpPort;
  const claimed = streamDissector(ctx, stream);
  if (claimed !== undefined) return claimed(ctx, data, offset, end);
  const server = serverPort(ctx, stream);
  const byServer = server !== 0 ? table.get(server) : undefined;
  if (byServer !== undefined) return byServer(ctx, data, offset, end);
  const low = Math.min(sourcePort, destinationPort);
  const high = Math.max(sourcePort, destinationPort);
  const next = (low !== 0 ? table.get(low) : undefined) ?? (high !== 0 ? table.get(high) : undefined);
  if (next !== undefined) return next(ctx, data, offset, end);
  if (table.tryHeuristics(ctx, data, offset, end)) return;
  dissectData(ctx, data, offset, end);
}

function addFlags(ctx: PacketContext, offset: number, flags: number, sourcePort: number, destinationPort: number, analysis: AnalysisState | null): void {
  const sink = ctx.sink;
  const detailed = sink.detailed;
  sink.open(hf.flags, offset, 2, flags, detailed ? `Flags: 0x${flags.toString(16).padStart(3, '0')} (${tcpFlagsText(flags)})` : undefined);
  addFlagBit(sink, hf.flagReserved, offset, flags, 0x0e00, 'Reserved');
  addFlagBit(sink, hf.flagAe, offset, flags, 0x100, 'Accurate ECN');
  addFlagBit(sink, hf.flagCwr, offset, flags, 0x080, 'Congestion Window Reduced');
  addFlagBit(sink, hf.flagEce, offset, flags, 0x040, 'ECN-Echo');
  addFlagBit(sink, hf.flagUrg, offset, flags, 0x020, 'Urgent');
  addFlagBit(sink, hf.flagAck, offset, flags, 0x010, 'Acknowledgment');
  addFlagBit(sink, hf.flagPush, offset, flags, flagPush, 'Push');
  addFlagBit(sink, hf.flagReset, offset, flags, flagReset, 'Reset');
  if (flags & flagReset) sink.add(hf.connectionReset, offset, 2, undefined, 'Connection reset (RST)');
  addFlagBit(sink, hf.flagSyn, offset, flags, flagSyn, 'Syn');
  if (flags & flagSyn) {
    if (flags & flagAck) sink.add(hf.connectionSynAck, offset, 2, undefined, detailed ? `Connection establish acknowledge (SYN+ACK): server port ${sourcePort}` : undefined);
    else sink.add(hf.connectionSyn, offset, 2, undefined, detailed ? `Connection establish request (SYN): server port ${destinationPort}` : undefined);
  }
  addFlagBit(sink, hf.flagFin, offset, flags, flagFin, 'Fin');
  if (flags & flagFin) sink.add(hf.connectionFin, offset, 2, undefined, 'Connection finish (FIN)');
  if (analysis && (flags & flagFin)) addFinInitiator(sink, analysis.records, ctx.frame.number, offset);
  // The letters are a string built per segment: only for sinks that keep them.
  if (detailed || sink.wants(hf.flagsText)) {
    const letters = tcpFlagsLetters(flags);
    sink.add(hf.flagsText, offset, 2, letters, detailed ? `[TCP Flags: ${letters}]` : undefined);
  }
  sink.close();
}

/** One bit of the flags word (a plain function, not a closure per segment: this runs for every TCP frame). */
function addFlagBit(sink: FieldSink, field: Field, offset: number, flags: number, mask: number, name: string): void {
  const value = (flags & mask) !== 0;
  sink.add(field, offset, 2, value, sink.detailed ? `${bitPicture(flags, mask, 12)} = ${name}: ${value ? 'Set' : 'Not set'}` : undefined);
}

function headerLengthLabel(headerLength: number): string {
  return `${bitPicture((headerLength / 4) << 4, 0xf0, 8)} = Header Length: ${headerLength} bytes (${headerLength / 4})`;
}

function scaleFactorText(factor: number): string {
  if (factor === WindowScale.unknown) return '-1 (unknown)';
  if (factor === WindowScale.none) return '-2 (no window scaling used)';
  return String(factor);
}

function protocolLabel(sourcePort: number, destinationPort: number, sequence: number, ack: number, flags: number, length: number): string {
  return `Transmission Control Protocol, Src Port: ${sourcePort}, Dst Port: ${destinationPort}, Seq: ${sequence}${flags & flagAck ? `, Ack: ${ack}` : ''}, Len: ${length}`;
}

export function handoff(tables: DissectorTables): void {
  tables.ipProtocol.add(6, dissectTcp);
}
