import { declareField, declareProtocol, hex, need, u16, u24, type DissectorTables, type PacketContext } from '../core/index.js';
import { dissectEthernet } from './eth.js';

/**
 * Virtual eXtensible LAN (RFC 7348, with the Group Based Policy extension of
 * draft-smith-vxlan-group-policy as Wireshark 4.0 decodes it). UDP port 4789. An 8-byte header
 * (flags, group policy id, 24-bit network id) before a whole inner Ethernet frame.
 */
export const vxlan = declareProtocol('vxlan', 'Virtual eXtensible Local Area Network', 'VXLAN', {
  en: 'A tunnel that carries whole Ethernet frames inside UDP (port 4789), so virtual machines on different hosts share one virtual LAN, named by a 24-bit VNI.',
  zh: '把完整的以太网帧装进 UDP（端口 4789）的隧道，使不同主机上的虚拟机共享一个虚拟局域网，该网络由 24 位 VNI 标识。',
});

const hf = {
  flags: declareField('vxlan.flags', 'Flags', 'uint16', {
    base: 'hex',
    explain: { en: 'Flag bits; 0x0800 (the I bit) says the VNI is valid and must always be set.', zh: '标志位；0x0800（I 位）表示 VNI 有效，必须置位。' },
  }),
  flagG: declareField('vxlan.flag_g', 'GBP Extension', 'bool', {
    bitmask: 0x8000, trueFalse: ['Defined', 'Not defined'],
    explain: { en: 'G bit: the Group Policy ID field carries a policy group (Group Based Policy extension).', zh: 'G 位：组策略 ID 字段携带策略组（基于组的策略扩展）。' },
  }),
  flagI: declareField('vxlan.flag_i', 'VXLAN Network ID (VNI)', 'bool', {
    bitmask: 0x0800,
    explain: { en: 'I bit: the VNI field is valid; RFC 7348 requires it.', zh: 'I 位：VNI 字段有效；RFC 7348 要求置位。' },
  }),
  flagD: declareField('vxlan.flag_d', "Don't Learn", 'bool', {
    bitmask: 0x0040,
    explain: { en: 'D bit (GBP): the receiving tunnel end should not learn the inner source MAC address from this packet.', zh: 'D 位（GBP）：接收端不应从该包学习内层源 MAC 地址。' },
  }),
  flagA: declareField('vxlan.flag_a', 'Policy Applied', 'bool', {
    bitmask: 0x0008,
    explain: { en: 'A bit (GBP): the group policy has already been applied to this packet.', zh: 'A 位（GBP）：组策略已应用于该包。' },
  }),
  flagsReserved: declareField('vxlan.flags_reserved', 'Reserved(R)', 'uint16', {
    base: 'hex', bitmask: 0x77b7,
    explain: { en: 'Flag bits with no meaning; senders set them to 0.', zh: '没有含义的标志位；发送方置 0。' },
  }),
  gbp: declareField('vxlan.gbp', 'Group Policy ID', 'uint16', {
    explain: { en: 'The sender\'s policy group (GBP extension); 0 in plain VXLAN, where these bytes are reserved.', zh: '发送方所属的策略组（GBP 扩展）；普通 VXLAN 中这两个字节为保留字段，值为 0。' },
  }),
  vni: declareField('vxlan.vni', 'VXLAN Network Identifier (VNI)', 'uint24', {
    explain: { en: 'Which virtual LAN (segment) the inner frame belongs to, 0–16777215: like a VLAN id with 24 bits.', zh: '内层帧所属的虚拟局域网（网段），0–16777215：相当于 24 位的 VLAN ID。' },
  }),
  reserved8: declareField('vxlan.reserved8', 'Reserved', 'uint8', {
    explain: { en: 'The last header byte, reserved; 0.', zh: '头部最后一个字节，保留，值为 0。' },
  }),
};

const headerLength = 8;

/** "Flags: 0x0800, VXLAN Network ID (VNI)": the set flags after the value, as Wireshark's bitmask label. */
function flagsLabel(flags: number): string {
  const names: string[] = [];
  if (flags & 0x8000) names.push('GBP Extension');
  if (flags & 0x0800) names.push('VXLAN Network ID (VNI)');
  if (flags & 0x0040) names.push("Don't Learn");
  if (flags & 0x0008) names.push('Policy Applied');
  return `Flags: ${hex(flags, 4)}${names.map((name) => `, ${name}`).join('')}`;
}

export function dissectVxlan(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const sink = ctx.sink;
  ctx.columns?.setProtocol('VxLAN');
  ctx.columns?.setInfo('');
  need(data, offset, headerLength, end, 'vxlan');
  const flags = u16(data, offset);
  const depth = sink.depth;
  sink.open(vxlan, offset, headerLength);
  sink.open(hf.flags, offset, 2, flags, sink.detailed ? flagsLabel(flags) : undefined);
  sink.add(hf.flagG, offset, 2, (flags & 0x8000) !== 0);
  sink.add(hf.flagI, offset, 2, (flags & 0x0800) !== 0);
  sink.add(hf.flagD, offset, 2, (flags & 0x0040) !== 0);
  sink.add(hf.flagA, offset, 2, (flags & 0x0008) !== 0);
  sink.add(hf.flagsReserved, offset, 2, flags & 0x77b7);
  sink.close();
  sink.add(hf.gbp, offset + 2, 2, u16(data, offset + 2));
  sink.add(hf.vni, offset + 4, 3, u24(data, offset + 4));
  sink.add(hf.reserved8, offset + 7, 1, data[offset + 7]);
  sink.unwindTo(depth);
  dissectEthernet(ctx, data, offset + headerLength, end);
}

export function handoff(tables: DissectorTables): void {
  tables.udpPort.add(4789, dissectVxlan);
}
