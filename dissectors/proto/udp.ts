import { declareField, declareProtocol, need, stateKey, u16, type DissectorTables, type PacketContext } from '../core/index.js';
import { dissectData } from './data.js';
import { wsFields } from './frame.js';
import { checksumStatusNames, ChecksumStatus } from './names/checksum.js';
import { EndpointPairTable, FrameColumn } from './transport-conversation.js';

/** User Datagram Protocol (RFC 768). IP protocol 17. */
export const udp = declareProtocol('udp', 'User Datagram Protocol', 'UDP', {
  en: 'Single datagrams between two ports, with no connection, ordering or retransmission: used by DNS, DHCP, QUIC, games, streaming.',
  zh: '两个端口之间的单个数据报，无连接、不保证顺序、不重传：DNS、DHCP、QUIC、游戏和流媒体都在使用。',
});

const hf = {
  srcport: declareField('udp.srcport', 'Source Port', 'uint16', {
    explain: { en: 'The sender\'s port; a client usually picks a random high port.', zh: '发送方端口；客户端通常随机选择一个高端口。' },
  }),
  dstport: declareField('udp.dstport', 'Destination Port', 'uint16', {
    explain: { en: 'The receiver\'s port, which names the service (53 DNS, 67/68 DHCP, 123 NTP, 443 QUIC).', zh: '接收方端口，表示服务（53 为 DNS，67/68 为 DHCP，123 为 NTP，443 为 QUIC）。' },
  }),
  port: declareField('udp.port', 'Source or Destination Port', 'uint16', {
    hidden: true,
    explain: { en: 'Either port (filter only): udp.port == 53 matches queries and answers.', zh: '任一端口（仅用于过滤）：udp.port == 53 同时匹配查询和应答。' },
  }),
  length: declareField('udp.length', 'Length', 'uint16', {
    explain: { en: 'Bytes in the datagram including this 8-byte header.', zh: '数据报的字节数，包括 8 字节的头部。' },
  }),
  checksum: declareField('udp.checksum', 'Checksum', 'uint16', {
    base: 'hex',
    explain: { en: 'Internet checksum over an IP pseudo-header, the header and the data; 0 means none was computed (IPv4 only).', zh: '对 IP 伪首部、头部和数据计算的互联网校验和；0 表示未计算（仅 IPv4 允许）。' },
  }),
  checksumStatus: declareField('udp.checksum.status', 'Checksum Status', 'uint8', {
    values: checksumStatusNames,
    explain: { en: 'Not checked by default (2 = unverified); 3 when the sender left the checksum out.', zh: '默认不校验（2 = 未验证）；发送方未填写校验和时为 3。' },
  }),
  stream: declareField('udp.stream', 'Stream index', 'uint32', {
    explain: { en: 'Which address/port pair in this capture the datagram belongs to, numbered from 0.', zh: '该数据报属于本抓包中的哪一对地址/端口，从 0 编号。' },
  }),
  payload: declareField('udp.payload', 'Payload', 'bytes', {
    explain: { en: 'The data after the 8-byte header, handed to the application protocol.', zh: '8 字节头部之后的数据，交给应用层协议解析。' },
  }),
  lengthBad: declareField('udp.length.bad', 'Bad length value', 'none', {
    expert: { severity: 'error', group: 'malformed' },
    explain: { en: 'The length field disagrees with the IP payload: below 8, or longer than the bytes the IP layer carried.', zh: '长度字段与 IP 载荷不符：小于 8，或超过 IP 层承载的字节数。' },
  }),
};

const headerLength = 8;

class UdpCaptureState {
  readonly endpoints = new EndpointPairTable();
  streams = 0;
  /** stream + 1 per frame; 0 = no UDP tracked in that frame. */
  readonly frameStream = new FrameColumn((length) => new Int32Array(length));
}

const udpState = stateKey('udp.conversations', () => new UdpCaptureState());

/**
 * The frame's UDP stream, numbering each address/port pair in order of first appearance (as
 * tshark's udp.stream). Tracked in the first pass; -1 when nothing is recorded.
 */
function udpStream(ctx: PacketContext, sourcePort: number, destinationPort: number): number {
  if (ctx.quotedDepth > 0) return -1;
  const state = ctx.state.get(udpState);
  const frame = ctx.frame.number;
  let recorded = state.frameStream.get(frame);
  if (recorded === 0 && ctx.firstPass) {
    let stream = state.endpoints.find(ctx.network, sourcePort, destinationPort);
    if (stream < 0) {
      stream = state.streams++;
      state.endpoints.set(ctx.network, sourcePort, destinationPort, stream);
    }
    recorded = stream + 1;
    state.frameStream.set(frame, recorded);
  }
  return recorded - 1;
}

/** The UDP stream of the current frame, or -1 (for protocols that match requests per conversation). */
export function currentUdpStream(ctx: PacketContext): number {
  if (ctx.quotedDepth > 0) return -1;
  return ctx.state.get(udpState).frameStream.get(ctx.frame.number) - 1;
}

export function dissectUdp(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const { sink, columns } = ctx;
  // Wireshark reads the ports before naming the column, and adds them before reading further:
  // a header cut after them still shows them.
  need(data, offset, 4, end, 'udp');
  columns?.setProtocol('UDP');
  const sourcePort = u16(data, offset);
  const destinationPort = u16(data, offset + 2);
  columns?.setInfo(`${sourcePort} \u2192 ${destinationPort}`);
  const ipPayloadLength = end - offset;

  const depth = sink.depth;
  const label = sink.detailed ? `User Datagram Protocol, Src Port: ${sourcePort}, Dst Port: ${destinationPort}` : undefined;
  sink.open(udp, offset, headerLength, undefined, label);
  sink.add(hf.srcport, offset, 2, sourcePort);
  sink.add(hf.dstport, offset + 2, 2, destinationPort);
  sink.add(hf.port, offset, 2, sourcePort);
  sink.add(hf.port, offset + 2, 2, destinationPort);
  need(data, offset + 4, 4, end, 'udp');
  const length = u16(data, offset + 4);
  const checksum = u16(data, offset + 6);
  sink.add(hf.length, offset + 4, 2, length);
  if (length < headerLength) {
    // Wireshark stops here: without a usable length there is no datagram to hand on.
    columns?.appendInfo(`[BAD UDP LENGTH ${length} < ${headerLength}]`);
    badLength(ctx, offset + 4, `Bad length value ${length} < ${headerLength}`);
    sink.unwindTo(depth);
    return;
  }
  let datagramEnd = offset + length;
  if (length > ipPayloadLength) {
    columns?.appendInfo(`[BAD UDP LENGTH ${length} > IP PAYLOAD LENGTH]`);
    badLength(ctx, offset + 4, `Bad length value ${length} > IP payload length`);
    datagramEnd = end;
  }
  columns?.appendInfo(`Len=${length - headerLength}`);

  const checksumLabel = sink.detailed ? `Checksum: 0x${checksum.toString(16).padStart(4, '0')} [${checksum === 0 ? 'zero-value ignored' : 'unverified'}]` : undefined;
  sink.add(hf.checksum, offset + 6, 2, checksum, checksumLabel);
  const status = checksum === 0 ? ChecksumStatus.NotPresent : ChecksumStatus.Unverified;
  sink.add(hf.checksumStatus, offset + 6, 0, status);
  const stream = udpStream(ctx, sourcePort, destinationPort);
  if (stream >= 0) sink.add(hf.stream, offset, 0, stream, sink.detailed ? `[Stream index: ${stream}]` : undefined);
  const payloadOffset = offset + headerLength;
  const payloadLength = Math.min(datagramEnd, data.length) - payloadOffset;
  if (payloadLength > 0) {
    sink.add(hf.payload, payloadOffset, payloadLength, undefined, sink.detailed ? `UDP payload (${payloadLength} byte${payloadLength === 1 ? '' : 's'})` : undefined);
  }
  sink.unwindTo(depth);
  if (datagramEnd > payloadOffset) dissectPayload(ctx, data, payloadOffset, datagramEnd, sourcePort, destinationPort);
}

function badLength(ctx: PacketContext, offset: number, text: string): void {
  ctx.sink.add(hf.lengthBad, offset, 2, undefined, text);
  ctx.sink.add(wsFields.malformed, offset, 2, undefined, text);
}

/** Wireshark's decode_udp_ports by default: the lower port, then the higher, then heuristics, else Data. */
function dissectPayload(ctx: PacketContext, data: Uint8Array, offset: number, end: number, sourcePort: number, destinationPort: number): void {
  const table = ctx.tables.udpPort;
  const low = Math.min(sourcePort, destinationPort);
  const high = Math.max(sourcePort, destinationPort);
  const next = (low !== 0 ? table.get(low) : undefined) ?? (high !== 0 ? table.get(high) : undefined);
  if (next !== undefined) return next(ctx, data, offset, end);
  if (table.tryHeuristics(ctx, data, offset, end)) return;
  dissectData(ctx, data, offset, end);
}

export function handoff(tables: DissectorTables): void {
  tables.ipProtocol.add(17, dissectUdp);
}
