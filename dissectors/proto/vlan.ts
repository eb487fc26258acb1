import { declareField, declareProtocol, need, registry, u16, type DissectorTables, type Field, type PacketContext, type ProtocolField } from '../core/index.js';
import { dissect8023Payload, dissectEtherType, networkPacketEnd } from './eth.js';
import { etherTypeNames } from './names/ethertypes.js';

/**
 * IEEE 802.1Q VLAN tags (ethertypes 0x8100 and the old QinQ 0x9100) and the 802.1ad service
 * tag (0x88a8), which Wireshark shows as its own protocol, "IEEE 802.1ad". Each tag is four
 * bytes: a tag control word (priority, drop eligible, VLAN id) and the next ethertype.
 */
export const vlan = declareProtocol('vlan', '802.1Q Virtual LAN', 'VLAN', {
  en: 'A 4-byte tag inserted in an Ethernet frame that puts it in a virtual LAN (VLAN id) with a priority; switches use it to keep VLANs apart on shared links.',
  zh: '插入以太网帧中的 4 字节标签，把帧归入某个虚拟局域网（VLAN ID）并给出优先级；交换机借此在共享链路上隔离各 VLAN。',
});

export const ieee8021ad = declareProtocol('ieee8021ad', 'IEEE 802.1ad', '802.1ad', {
  en: 'The outer "service" VLAN tag of Q-in-Q (802.1ad): a provider\'s tag wrapped around the customer\'s 802.1Q tag.',
  zh: 'Q-in-Q（802.1ad）的外层"服务"VLAN 标签：运营商在客户 802.1Q 标签外再加的一层标签。',
});

/** 802.1Q-2014 priority (PCP) names, Wireshark's default table. */
const priorityNames: Readonly<Record<number, string>> = {
  0: 'Best Effort (default)',
  1: 'Background',
  2: 'Excellent Effort',
  3: 'Critical Applications',
  4: 'Video, < 100ms latency and jitter',
  5: 'Voice, < 10ms latency and jitter',
  6: 'Internetwork Control',
  7: 'Network Control',
};

const etherTypeValues = (value: number) => etherTypeNames[value] ?? 'Unknown';

const hf = {
  priority: declareField('vlan.priority', 'Priority', 'uint16', {
    bitmask: 0xe000, values: priorityNames,
    explain: { en: 'Priority Code Point (0–7): which traffic class switches should queue the frame in; 0 is best effort, 5 voice, 7 network control.', zh: '优先级代码点（0–7）：交换机应把帧放入的流量类别；0 为尽力而为，5 为语音，7 为网络控制。' },
  }),
  dei: declareField('vlan.dei', 'DEI', 'bool', {
    bitmask: 0x1000, trueFalse: ['Eligible', 'Ineligible'],
    explain: { en: 'Drop Eligible Indicator: 1 means the frame may be dropped first under congestion.', zh: '可丢弃指示：为 1 表示拥塞时可优先丢弃该帧。' },
  }),
  id: declareField('vlan.id', 'ID', 'uint16', {
    bitmask: 0x0fff,
    explain: { en: 'VLAN identifier (1–4094): which virtual LAN the frame belongs to.', zh: 'VLAN 标识（1–4094）：帧所属的虚拟局域网。' },
  }),
  etype: declareField('vlan.etype', 'Type', 'uint16', {
    base: 'hex', values: etherTypeValues,
    explain: { en: 'Ethertype of the payload after the tag (0x0800 IPv4, 0x0806 ARP, another 0x8100 for a second tag).', zh: '标签之后载荷的以太类型（0x0800 为 IPv4，0x0806 为 ARP，再一个 0x8100 表示第二层标签）。' },
  }),
  len: declareField('vlan.len', 'Length', 'uint16', {
    explain: { en: 'An 802.3 length (up to 1500) instead of a type: an LLC frame follows.', zh: '802.3 长度（不超过 1500）而非类型：后面是 LLC 帧。' },
  }),
  trailer: declareField('vlan.trailer', 'Trailer', 'bytes', {
    explain: { en: 'Bytes after the 60-byte minimum frame that belong to no protocol (often added by the capture hardware).', zh: '60 字节最小帧之后不属于任何协议的字节（常由抓包硬件添加）。' },
  }),
};

const hfService = {
  priority: declareField('ieee8021ad.priority', 'Priority', 'uint16', {
    bitmask: 0xe000,
    explain: { en: 'Priority of the service (outer) tag, 0–7.', zh: '服务（外层）标签的优先级，0–7。' },
  }),
  dei: declareField('ieee8021ad.dei', 'DEI', 'uint16', {
    bitmask: 0x1000,
    explain: { en: 'Drop Eligible Indicator of the service tag.', zh: '服务标签的可丢弃指示。' },
  }),
  id: declareField('ieee8021ad.id', 'ID', 'uint16', {
    bitmask: 0x0fff,
    explain: { en: 'The provider\'s service VLAN id (S-VID).', zh: '运营商的服务 VLAN ID（S-VID）。' },
  }),
  etype: declareField('ieee8021ah.etype', 'Type', 'uint16', {
    base: 'hex', values: etherTypeValues,
    explain: { en: 'Ethertype after the service tag, usually 0x8100 (the customer tag).', zh: '服务标签之后的以太类型，通常为 0x8100（客户标签）。' },
  }),
  trailer: declareField('ieee8021ah.trailer', 'Trailer', 'bytes', {
    explain: { en: 'Bytes after the 60-byte minimum frame that belong to no protocol.', zh: '60 字节最小帧之后不属于任何协议的字节。' },
  }),
};

/** Padding inside a tag is Ethernet's padding field (declared by eth.ts, imported above). */
const ethernetPadding = registry.find('eth.padding')!;

/** Ethernet's minimum frame without the FCS: bytes up to it are padding, bytes past it trailer. */
const minimumFrame = 60;

interface TagKind {
  protocol: ProtocolField;
  fields: { priority: Field; dei: Field; id: Field; etype: Field; trailer: Field };
  label(priority: number, dei: number, id: number): string;
  info(priority: number, dei: number, id: number): string;
}

const customerTag: TagKind = {
  protocol: vlan,
  fields: hf,
  label: (priority, dei, id) => `802.1Q Virtual LAN, PRI: ${priority}, DEI: ${dei}, ID: ${id}`,
  info: (priority, dei, id) => `PRI: ${priority}  DEI: ${dei}  ID: ${id}`,
};

const serviceTag: TagKind = {
  protocol: ieee8021ad,
  fields: hfService,
  label: (_priority, _dei, id) => `IEEE 802.1ad, ID: ${id}`,
  info: (priority, dei, id) => `PRI: ${priority}  DROP: ${dei} ID: ${id}`,
};

function dissectTag(kind: TagKind, ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const { sink, columns } = ctx;
  columns?.setProtocol(kind.protocol === vlan ? 'VLAN' : '802.1ad');
  columns?.setInfo('');
  need(data, offset, 4, end, kind.protocol.abbrev);
  const tci = u16(data, offset);
  const priority = tci >> 13;
  const dei = (tci >> 12) & 1;
  const id = tci & 0x0fff;
  const typeOrLength = u16(data, offset + 2);
  columns?.setInfo(kind.info(priority, dei, id));

  const depth = sink.depth;
  sink.open(kind.protocol, offset, 4, undefined, sink.detailed ? kind.label(priority, dei, id) : undefined);
  sink.add(kind.fields.priority, offset, 2, priority);
  sink.add(kind.fields.dei, offset, 2, kind.protocol === vlan ? dei === 1 : dei);
  sink.add(kind.fields.id, offset, 2, id);
  const payloadStart = offset + 4;
  if (kind.protocol === vlan && typeOrLength <= 1500) {
    sink.add(hf.len, offset + 2, 2, typeOrLength);
    const payloadEnd = addPaddingAndTrailer(ctx, kind, data, Math.min(end, payloadStart + typeOrLength), end);
    sink.unwindTo(depth);
    dissect8023Payload(ctx, data, payloadStart, payloadEnd);
    return;
  }
  sink.add(kind.fields.etype, offset + 2, 2, typeOrLength);
  const payloadEnd = addPaddingAndTrailer(ctx, kind, data, networkPacketEnd(typeOrLength, data, payloadStart, end), end);
  sink.unwindTo(depth);
  dissectEtherType(ctx, typeOrLength, data, payloadStart, payloadEnd);
}

/**
 * After a payload of known length, Wireshark's VLAN dissector shows the bytes up to the 60-byte
 * Ethernet minimum as eth.padding and anything after that as its own trailer field.
 */
function addPaddingAndTrailer(ctx: PacketContext, kind: TagKind, data: Uint8Array, payloadEnd: number, end: number): number {
  const available = Math.min(end, data.length);
  if (payloadEnd >= available) return payloadEnd;
  const paddingEnd = Math.min(available, Math.max(payloadEnd, minimumFrame));
  if (paddingEnd > payloadEnd) ctx.sink.add(ethernetPadding, payloadEnd, paddingEnd - payloadEnd);
  if (available > paddingEnd) ctx.sink.add(kind.fields.trailer, paddingEnd, available - paddingEnd);
  return payloadEnd;
}

export function dissectVlan(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  dissectTag(customerTag, ctx, data, offset, end);
}

export function dissectIeee8021ad(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  dissectTag(serviceTag, ctx, data, offset, end);
}

export function handoff(tables: DissectorTables): void {
  tables.etherType.add(0x8100, dissectVlan);
  tables.etherType.add(0x9100, dissectVlan);
  tables.etherType.add(0x88a8, dissectIeee8021ad);
}
