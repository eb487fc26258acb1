import { declareField, declareProtocol, need, u16, u32, type DissectorTables, type PacketContext } from '../core/index.js';
import { dissectData } from './data.js';
import { dissectEtherType } from './eth.js';
import { arpHardwareTypeNames } from './names/arp.js';
import { etherTypeNames } from './names/ethertypes.js';

/**
 * Linux "cooked" capture headers, which libpcap writes when capturing on "any" interface or
 * on links without an Ethernet header: SLL (link type 113, 16 bytes) and SLL2 (link type 276,
 * 20 bytes, adds the interface index). Wireshark shows both as the "sll" protocol.
 */
export const sll = declareProtocol('sll', 'Linux cooked-mode capture', 'SLL', {
  en: 'A pseudo link-layer header Linux adds when capturing on the "any" device: which way the packet went, the link type, and the payload protocol.',
  zh: '在 Linux 的 "any" 设备上抓包时添加的伪链路层头部：包的方向、链路类型和载荷协议。',
});

const packetTypeNames: Readonly<Record<number, string>> = {
  0: 'Unicast to us',
  1: 'Broadcast',
  2: 'Multicast',
  3: 'Unicast to another host',
  4: 'Sent by us',
};

const linuxProtocolNames: Readonly<Record<number, string>> = {
  0x0001: 'Raw 802.3', 0x0003: 'Ethernet', 0x0004: '802.2 LLC', 0x0007: 'PPP (HDLC)', 0x000c: 'CAN', 0x000d: 'CAN FD',
  0x0017: 'IrDA LAP', 0x00f5: 'ISI', 0x00f6: 'IEEE 802.15.4',
};

const hf = {
  pkttype: declareField('sll.pkttype', 'Packet type', 'uint16', {
    values: packetTypeNames,
    explain: { en: 'Direction of the packet as the kernel saw it: 0 to us, 1 broadcast, 2 multicast, 3 to another host, 4 sent by us.', zh: '内核看到的包方向：0 发给本机，1 广播，2 组播，3 发给其他主机，4 本机发出。' },
  }),
  hatype: declareField('sll.hatype', 'Link-layer address type', 'uint16', {
    values: arpHardwareTypeNames,
    explain: { en: 'The interface\'s hardware type (ARPHRD_*): 1 Ethernet, 772 loopback, 512 PPP.', zh: '接口的硬件类型（ARPHRD_*）：1 为以太网，772 为回环，512 为 PPP。' },
  }),
  halen: declareField('sll.halen', 'Link-layer address length', 'uint16', {
    explain: { en: 'How many bytes of the address field hold the sender\'s link-layer address (6 for a MAC, 0 if none).', zh: '地址字段中发送方链路层地址所占字节数（MAC 为 6，没有则为 0）。' },
  }),
  srcEth: declareField('sll.src.eth', 'Source', 'ether', {
    explain: { en: 'MAC address of the sender (for packets we sent: our own).', zh: '发送方的 MAC 地址（本机发出的包即本机地址）。' },
  }),
  srcIpv4: declareField('sll.src.ipv4', 'Source', 'ipv4', {
    explain: { en: 'Link-layer address that is an IPv4 address (GRE tunnels).', zh: '作为 IPv4 地址的链路层地址（GRE 隧道）。' },
  }),
  srcOther: declareField('sll.src.other', 'Source', 'bytes', {
    explain: { en: 'Link-layer address of another kind, as raw bytes.', zh: '其他类型的链路层地址，以原始字节显示。' },
  }),
  unused: declareField('sll.unused', 'Unused', 'bytes', {
    explain: { en: 'The part of the 8-byte address field the address does not fill.', zh: '8 字节地址字段中地址未占用的部分。' },
  }),
  ltype: declareField('sll.ltype', 'Protocol', 'uint16', {
    base: 'hex', values: linuxProtocolNames,
    explain: { en: 'A Linux protocol number for payloads that have no ethertype (raw 802.3, LLC, CAN).', zh: '无以太类型的载荷所用的 Linux 协议号（原始 802.3、LLC、CAN）。' },
  }),
  gretype: declareField('sll.gretype', 'Protocol', 'uint16', {
    base: 'hex', values: etherTypeNames,
    explain: { en: 'The payload protocol of a GRE tunnel interface, as a GRE protocol type (an ethertype).', zh: 'GRE 隧道接口的载荷协议，以 GRE 协议类型（即以太类型）表示。' },
  }),
  etype: declareField('sll.etype', 'Protocol', 'uint16', {
    base: 'hex', values: etherTypeNames,
    explain: { en: 'The payload protocol as an ethertype: 0x0800 IPv4, 0x86dd IPv6, 0x0806 ARP.', zh: '以以太类型表示的载荷协议：0x0800 为 IPv4，0x86dd 为 IPv6，0x0806 为 ARP。' },
  }),
  ifindex: declareField('sll.ifindex', 'Interface index', 'uint32', {
    explain: { en: 'SLL2 only: the kernel\'s number for the interface the packet was seen on (see `ip link`).', zh: '仅 SLL2：看到该包的接口在内核中的编号（见 `ip link`）。' },
  }),
};

const hatypeIpGre = 778;

function addAddress(ctx: PacketContext, data: Uint8Array, offset: number, hatype: number, addressLength: number): void {
  const sink = ctx.sink;
  const shown = Math.min(addressLength, 8);
  if (addressLength === 6) sink.add(hf.srcEth, offset, 6);
  else if (addressLength === 4 && hatype === hatypeIpGre) sink.add(hf.srcIpv4, offset, 4, u32(data, offset));
  else if (shown > 0) sink.add(hf.srcOther, offset, shown);
  if (shown < 8) sink.add(hf.unused, offset + shown, 8 - shown);
}

/** The protocol field: an ethertype, a GRE protocol type (GRE tunnel interfaces) or a Linux protocol number. */
function addProtocol(ctx: PacketContext, data: Uint8Array, offset: number, hatype: number): number {
  const protocol = u16(data, offset);
  if (hatype === hatypeIpGre) ctx.sink.add(hf.gretype, offset, 2, protocol);
  else if (protocol <= 1536) ctx.sink.add(hf.ltype, offset, 2, protocol);
  else ctx.sink.add(hf.etype, offset, 2, protocol);
  return protocol;
}

function dissectPayload(ctx: PacketContext, protocol: number, hatype: number, data: Uint8Array, offset: number, end: number): void {
  if (hatype !== hatypeIpGre && protocol <= 1536) dissectData(ctx, data, offset, end);
  else dissectEtherType(ctx, protocol, data, offset, end);
}

function setColumns(ctx: PacketContext, packetType: number): void {
  ctx.columns?.setProtocol('SLL');
  ctx.columns?.setInfo(packetTypeNames[packetType] ?? `Unknown (${packetType})`);
}

/** SLL v1: packet type, hatype, address length, 8 address bytes, protocol. */
export function dissectSll(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  need(data, offset, 16, end, 'sll');
  const sink = ctx.sink;
  const packetType = u16(data, offset);
  const hatype = u16(data, offset + 2);
  const addressLength = u16(data, offset + 4);
  setColumns(ctx, packetType);
  const depth = sink.depth;
  sink.open(sll, offset, 16, undefined, sink.detailed ? 'Linux cooked capture v1' : undefined);
  sink.add(hf.pkttype, offset, 2, packetType);
  sink.add(hf.hatype, offset + 2, 2, hatype);
  sink.add(hf.halen, offset + 4, 2, addressLength);
  addAddress(ctx, data, offset + 6, hatype, addressLength);
  const protocol = addProtocol(ctx, data, offset + 14, hatype);
  sink.unwindTo(depth);
  dissectPayload(ctx, protocol, hatype, data, offset + 16, end);
}

/** SLL v2: protocol, reserved, interface index, hatype, packet type, address length, 8 address bytes. */
export function dissectSll2(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  need(data, offset, 20, end, 'sll');
  const sink = ctx.sink;
  const hatype = u16(data, offset + 8);
  const packetType = data[offset + 10];
  const addressLength = data[offset + 11];
  setColumns(ctx, packetType);
  const depth = sink.depth;
  sink.open(sll, offset, 20, undefined, sink.detailed ? 'Linux cooked capture v2' : undefined);
  const protocol = addProtocol(ctx, data, offset, hatype);
  sink.add(hf.ifindex, offset + 4, 4, u32(data, offset + 4));
  sink.add(hf.hatype, offset + 8, 2, hatype);
  sink.add(hf.pkttype, offset + 10, 1, packetType);
  sink.add(hf.halen, offset + 11, 1, addressLength);
  addAddress(ctx, data, offset + 12, hatype, addressLength);
  sink.unwindTo(depth);
  dissectPayload(ctx, protocol, hatype, data, offset + 20, end);
}

export function handoff(tables: DissectorTables): void {
  tables.linkType.add(113, dissectSll);
  tables.linkType.add(276, dissectSll2);
}
