import { PacketBoundsError, ProtocolPathSink, declareField, declareProtocol, protocolsText, registry, type PacketContext, type ProtocolField } from '../core/index.js';
import { dissectData } from './data.js';
import { enterpriseName, enterpriseNames } from './names/enterprises.js';
import { wtapEncapsulation } from './names/wtap-encap.js';

/** The frame pseudo-protocol: what the capture file says about each packet. */
export const frameProtocol = declareProtocol('frame', 'Frame', 'Frame', {
  en: 'One captured packet as the capture file records it: when it was seen and how many bytes were on the wire and in the file.',
  zh: '抓包文件记录的一个数据包：何时捕获，线路上和文件中各有多少字节。',
});

export const frameFields = {
  number: declareField('frame.number', 'Frame Number', 'uint32', {
    explain: { en: 'Position of the packet in the capture, starting at 1.', zh: '数据包在抓包中的序号，从 1 开始。' },
  }),
  time: declareField('frame.time', 'Arrival Time', 'abs_time', {
    explain: { en: 'When the capturing machine saw the packet.', zh: '抓包主机看到该数据包的时间。' },
  }),
  timeEpoch: declareField('frame.time_epoch', 'Epoch Time', 'abs_time', {
    timeDisplay: 'epoch',
    explain: { en: 'Arrival time as seconds since 1970-01-01 00:00:00 UTC.', zh: '到达时间，自 1970-01-01 00:00:00 UTC 起的秒数。' },
  }),
  timeDelta: declareField('frame.time_delta', 'Time delta from previous captured frame', 'rel_time', {
    explain: { en: 'Seconds since the packet before this one in the file.', zh: '距文件中上一个数据包的秒数。' },
  }),
  timeRelative: declareField('frame.time_relative', 'Time since reference or first frame', 'rel_time', {
    explain: { en: 'Seconds since the first packet of the capture.', zh: '距抓包第一个数据包的秒数。' },
  }),
  length: declareField('frame.len', 'Frame Length', 'uint32', {
    unit: ' bytes',
    explain: { en: 'How many bytes the packet had on the wire.', zh: '数据包在线路上的字节数。' },
  }),
  capturedLength: declareField('frame.cap_len', 'Capture Length', 'uint32', {
    unit: ' bytes',
    explain: { en: 'How many bytes were saved; fewer than the frame length when the snap length cut the packet.', zh: '实际保存的字节数；若被抓包长度（snaplen）截断，则小于帧长度。' },
  }),
  interfaceId: declareField('frame.interface_id', 'Interface id', 'uint32', {
    explain: { en: 'Which capture interface saw the packet (pcapng files can hold several).', zh: '捕获该数据包的接口编号（pcapng 文件可包含多个接口）。' },
  }),
  protocols: declareField('frame.protocols', 'Protocols in frame', 'string', {
    explain: { en: 'The layers found in this packet, outermost first: each one carries the next.', zh: '该数据包中的各层协议，由外到内：每一层承载下一层。' },
  }),
  linkType: declareField('frame.encap_type', 'Encapsulation type', 'int16', {
    explain: { en: 'The link-layer header type of the packet (1 is Ethernet).', zh: '数据包的链路层头部类型（1 为以太网）。' },
  }),
  customBlockPen: declareField('frame.cb_pen', 'Private Enterprise Number', 'uint32', {
    values: enterpriseNames,
    explain: { en: 'pcapng Custom Block: the IANA enterprise number of the organisation that defines the block\'s data.', zh: 'pcapng 自定义块：定义该块数据的组织的 IANA 企业编号。' },
  }),
  customBlockCopy: declareField('frame.cb_copy', 'Copying', 'bool', {
    trueFalse: ['Allowed', 'Not Allowed'],
    explain: { en: 'pcapng Custom Block: whether tools that rewrite the file may copy this block (block type 0xbad) or must drop it (0x40000bad).', zh: 'pcapng 自定义块：改写文件的工具可否复制此块（块类型 0xbad）或必须丢弃（0x40000bad）。' },
  }),
};

export const wsFields = {
  malformed: declareField('_ws.malformed', 'Malformed Packet', 'none', {
    expert: { severity: 'error', group: 'malformed' },
    explain: { en: 'A field ran past the end of its protocol\'s data: the packet is malformed or not what the dissector expected.', zh: '某字段超出了协议数据的末尾：数据包格式错误，或不是解析器预期的内容。' },
  }),
  // Not an expert item: Wireshark adds this marker without one ("this isn't really an error").
  short: declareField('_ws.short', 'Packet size limited during capture', 'none', {
    explain: { en: 'The capture kept only the first bytes of this packet (snap length), so later fields could not be decoded.', zh: '抓包时只保存了该数据包的前若干字节（snaplen），后面的字段无法解码。' },
  }),
};

/**
 * Dissects one whole frame: the frame node, then the link layer by link type. This is the only
 * place a `PacketBoundsError` is caught: the packet gets a Malformed or Packet-size-limited item
 * and the dissection ends normally, so bad input never escapes as an exception.
 */
export function dissectFrame(ctx: PacketContext, data: Uint8Array): void {
  if (!ctx.sink.wants(frameFields.protocols)) {
    dissectLayers(ctx, data);
    return;
  }
  // Follow the protocols opened, for frame.protocols (only when someone reads that field).
  const path = new ProtocolPathSink(ctx.sink);
  dissectLayers({ ...ctx, sink: path }, data);
  ctx.sink.add(frameFields.protocols, 0, 0, protocolsText(path.protocols.filter((abbrev) => abbrev !== 'frame')));
}

function dissectLayers(ctx: PacketContext, data: Uint8Array): void {
  const { sink, frame } = ctx;
  sink.open(frameProtocol, 0, data.length, undefined, sink.detailed ? frameLabel(ctx) : undefined);
  const customBlock = frame.customBlock;
  if (customBlock === undefined) {
    sink.add(frameFields.interfaceId, 0, 0, frame.interfaceId);
    sink.add(frameFields.linkType, 0, 0, wtapEncapsulation(frame.linkType));
  }
  if (!frame.noTimestamp && (sink.wants(frameFields.time) || sink.wants(frameFields.timeEpoch))) {
    const epochNanoseconds = BigInt(frame.seconds) * 1_000_000_000n + BigInt(frame.nanoseconds);
    sink.add(frameFields.time, 0, 0, epochNanoseconds);
    sink.add(frameFields.timeEpoch, 0, 0, epochNanoseconds);
  }
  if (!frame.noTimestamp && frame.deltaSeconds !== undefined) sink.add(frameFields.timeDelta, 0, 0, frame.deltaSeconds);
  if (!frame.noTimestamp && frame.relativeSeconds !== undefined) sink.add(frameFields.timeRelative, 0, 0, frame.relativeSeconds);
  sink.add(frameFields.number, 0, 0, frame.number);
  sink.add(frameFields.length, 0, 0, frame.originalLength);
  sink.add(frameFields.capturedLength, 0, 0, frame.capturedLength);
  if (customBlock !== undefined) {
    sink.add(frameFields.customBlockPen, 0, 0, customBlock.privateEnterpriseNumber);
    sink.add(frameFields.customBlockCopy, 0, 0, customBlock.copyAllowed);
    sink.close();
    // tshark 4.0 shows a Custom Block as a frame of custom data, named in the columns.
    ctx.columns?.setProtocol('PCAPNG');
    ctx.columns?.setInfo(`Custom Block: PEN = ${enterpriseName(customBlock.privateEnterpriseNumber)} (${customBlock.privateEnterpriseNumber}), will ${customBlock.copyAllowed ? '' : 'not '}be copied`);
    dissectData(ctx, data, 0, frame.originalLength);
    return;
  }
  sink.close();

  const linkLayer = ctx.tables.linkType.get(frame.linkType);
  try {
    if (linkLayer === undefined) {
      ctx.columns?.setProtocol('DATA');
      dissectData(ctx, data, 0, frame.originalLength);
    } else {
      linkLayer(ctx, data, 0, frame.originalLength);
    }
  } catch (error) {
    if (!(error instanceof PacketBoundsError)) throw error;
    sink.unwindTo(0);
    reportBoundsError(ctx, error);
  }
}

/** The name tshark's "[Malformed Packet: X]" uses: the protocol's short name ("IPv6", "DHCP/BOOTP"). */
function boundsErrorProtocolName(protocol: string): string {
  const field = registry.find(protocol);
  return field !== undefined && field.type === 'protocol' ? (field as ProtocolField).shortName : protocol.toUpperCase();
}

function reportBoundsError(ctx: PacketContext, error: PacketBoundsError): void {
  const protocol = boundsErrorProtocolName(error.protocol);
  if (error.snapTruncated) {
    ctx.sink.add(wsFields.short, 0, 0, undefined, `[Packet size limited during capture: ${protocol} truncated]`);
    ctx.columns?.appendInfo('[Packet size limited during capture]', '');
  } else {
    ctx.sink.add(wsFields.malformed, 0, 0, undefined, `[Malformed Packet: ${protocol}]`);
    ctx.columns?.appendInfo('[Malformed Packet]', '');
  }
}

function frameLabel(ctx: PacketContext): string {
  const { frame } = ctx;
  const bits = (length: number) => length * 8;
  const block = frame.customBlock;
  if (block !== undefined) {
    return `PCAPNG Custom Block ${frame.number}: ${frame.originalLength} bytes (${bits(frame.originalLength)} bits) of custom data and options, PEN ${enterpriseName(block.privateEnterpriseNumber)} (${block.privateEnterpriseNumber}), copying ${block.copyAllowed ? 'allowed' : 'not allowed'}`;
  }
  return `Frame ${frame.number}: ${frame.originalLength} bytes on wire (${bits(frame.originalLength)} bits), ${frame.capturedLength} bytes captured (${bits(frame.capturedLength)} bits)`;
}
