import { declareField, declareProtocol, etherToString, need, u16, type DissectorTables, type PacketContext } from '../core/index.js';
import { dissectData } from './data.js';
import { dissectLlc } from './llc.js';
import { etherTypeNames } from './names/ethertypes.js';

/** Ethernet II (DIX) and the 802.3 length form. Link type 1. */
export const eth = declareProtocol('eth', 'Ethernet II', 'Ethernet', {
  en: 'The link layer on a LAN: delivers a frame from one network card (MAC address) to another on the same segment.',
  zh: '局域网上的链路层：把帧从一块网卡（MAC 地址）送到同一网段的另一块网卡。',
});

const hf = {
  dst: declareField('eth.dst', 'Destination', 'ether', {
    explain: { en: 'MAC address of the receiving card; ff:ff:ff:ff:ff:ff is broadcast (every host on the LAN).', zh: '接收方网卡的 MAC 地址；ff:ff:ff:ff:ff:ff 为广播（局域网内所有主机）。' },
  }),
  src: declareField('eth.src', 'Source', 'ether', {
    explain: { en: 'MAC address of the sending card.', zh: '发送方网卡的 MAC 地址。' },
  }),
  addr: declareField('eth.addr', 'Address', 'ether', { hidden: true, explain: { en: 'Either the source or the destination MAC address (filter only).', zh: '源或目的 MAC 地址之一（仅用于过滤）。' } }),
  type: declareField('eth.type', 'Type', 'uint16', {
    base: 'hex', values: etherTypeNames,
    explain: { en: 'Which protocol the payload carries: 0x0800 IPv4, 0x0806 ARP, 0x86dd IPv6, 0x8100 an 802.1Q VLAN tag.', zh: '载荷所用的协议：0x0800 为 IPv4，0x0806 为 ARP，0x86dd 为 IPv6，0x8100 为 802.1Q VLAN 标签。' },
  }),
  len: declareField('eth.len', 'Length', 'uint16', {
    explain: { en: 'An 802.3 frame gives the payload length here (values up to 1500) instead of a type.', zh: '802.3 帧在此处给出载荷长度（不超过 1500），而不是类型。' },
  }),
  padding: declareField('eth.padding', 'Padding', 'bytes', {
    explain: { en: 'Zero bytes added so the frame reaches Ethernet\'s 60-byte minimum (64 with the FCS): an ARP packet (28 bytes) gets 18 bytes of padding.', zh: '为使帧达到以太网最小 60 字节（含 FCS 为 64 字节）而补的零字节：ARP 报文（28 字节）会补 18 字节。' },
  }),
  trailer: declareField('eth.trailer', 'Trailer', 'bytes', {
    explain: { en: 'Bytes after the payload that are not zero padding (often added by capture hardware).', zh: '载荷之后非零填充的字节（常由抓包硬件添加）。' },
  }),
};

const headerLength = 14;

export function dissectEthernet(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const sink = ctx.sink;
  need(data, offset, headerLength, end, 'eth');
  const typeOrLength = u16(data, offset + 12);
  const label = sink.detailed ? `Ethernet II, Src: ${etherToString(data, offset + 6)}, Dst: ${etherToString(data, offset)}` : undefined;
  const depth = sink.depth;
  sink.open(eth, offset, headerLength, undefined, label);
  sink.add(hf.dst, offset, 6);
  sink.add(hf.addr, offset, 6);
  sink.add(hf.src, offset + 6, 6);
  sink.add(hf.addr, offset + 6, 6);
  ctx.columns?.setProtocol('Ethernet');
  if (typeOrLength <= 1500) {
    sink.add(hf.len, offset + 12, 2, typeOrLength);
    const payloadEnd = Math.min(end, offset + headerLength + typeOrLength);
    addPaddingAfter(ctx, data, payloadEnd, end);
    sink.close();
    dissect8023Payload(ctx, data, offset + headerLength, payloadEnd);
    sink.unwindTo(depth);
    return;
  }
  sink.add(hf.type, offset + 12, 2, typeOrLength);
  const payloadStart = offset + headerLength;
  const payloadEnd = addEthernetPadding(ctx, typeOrLength, data, payloadStart, end);
  sink.close();
  dissectEtherType(ctx, typeOrLength, data, payloadStart, payloadEnd);
  sink.unwindTo(depth);
}

/** Hands a payload to the ethertype table, or shows it as data when no dissector claims the type. */
export function dissectEtherType(ctx: PacketContext, etherType: number, data: Uint8Array, offset: number, end: number): void {
  const next = ctx.tables.etherType.get(etherType);
  if (next === undefined) {
    // Wireshark labels a payload no dissector claims with its ethertype: Protocol "0x1234".
    ctx.columns?.setProtocol(`0x${etherType.toString(16).padStart(4, '0')}`);
    dissectData(ctx, data, offset, end);
  } else {
    next(ctx, data, offset, end);
  }
}

/**
 * Where the network-layer packet inside an Ethernet frame ends, read from its own header, so
 * the bytes after it can be shown as padding (a 28-byte ARP packet padded to the 60-byte
 * minimum) or trailer. Returns `end` when the type is not one whose length we can read.
 */
export function networkPacketEnd(etherType: number, data: Uint8Array, offset: number, end: number): number {
  let length = -1;
  // A zero IPv4 total length or IPv6 payload length (TSO, jumbograms) says nothing: keep `end`.
  if (etherType === 0x0800 && offset + 4 <= data.length) length = u16(data, offset + 2) || -1;
  else if (etherType === 0x86dd && offset + 6 <= data.length) length = u16(data, offset + 4) === 0 ? -1 : 40 + u16(data, offset + 4);
  else if ((etherType === 0x0806 || etherType === 0x8035) && offset + 6 <= data.length) length = 8 + 2 * data[offset + 4] + 2 * data[offset + 5];
  if (length < 0 || offset + length >= end) return end;
  return offset + length;
}

/**
 * Adds the padding or trailer after a network packet (in the caller's open subtree, as
 * Wireshark shows it under Ethernet II) and returns where the network packet ends.
 */
export function addEthernetPadding(ctx: PacketContext, etherType: number, data: Uint8Array, payloadStart: number, end: number): number {
  const payloadEnd = networkPacketEnd(etherType, data, payloadStart, end);
  addPaddingAfter(ctx, data, payloadEnd, end);
  return payloadEnd;
}

/** Bytes between the payload's end and the frame's end: padding when all zero, else a trailer. */
function addPaddingAfter(ctx: PacketContext, data: Uint8Array, payloadEnd: number, end: number): void {
  const available = Math.min(end, data.length);
  if (payloadEnd >= available) return;
  let zero = true;
  for (let index = payloadEnd; index < available; index++) if (data[index] !== 0) { zero = false; break; }
  ctx.sink.add(zero ? hf.padding : hf.trailer, payloadEnd, available - payloadEnd);
}

/**
 * The payload of an 802.3 length frame: 802.2 LLC, except Novell's "raw 802.3" IPX, which
 * starts with the IPX checksum 0xffff where LLC's SAPs would be.
 */
export function dissect8023Payload(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  if (offset + 2 <= Math.min(end, data.length) && data[offset] === 0xff && data[offset + 1] === 0xff) dissectData(ctx, data, offset, end);
  else dissectLlc(ctx, data, offset, end);
}

export function handoff(tables: DissectorTables): void {
  tables.linkType.add(1, dissectEthernet);
}
