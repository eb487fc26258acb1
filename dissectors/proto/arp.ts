import {
  declareField, declareProtocol, etherToString, bytesToHex, hex, ipv4ToString, need, u16, u32,
  type DissectorTables, type PacketContext,
} from '../core/index.js';
import { arpHardwareTypeNames, arpOpcodeNames } from './names/arp.js';
import { etherTypeNames } from './names/ethertypes.js';

/** ARP (RFC 826), RARP (RFC 903) and Inverse ARP (RFC 2390). Ethertypes 0x0806 and 0x8035. */
export const arp = declareProtocol('arp', 'Address Resolution Protocol', 'ARP', {
  en: 'Finds the MAC address that belongs to an IP address on the local network: "Who has 192.168.0.2? Tell 192.168.0.55" is broadcast, the owner answers directly.',
  zh: '在本地网络中查找 IP 地址对应的 MAC 地址："谁有 192.168.0.2？请告诉 192.168.0.55" 以广播发出，地址的主人直接应答。',
});

const hf = {
  hwType: declareField('arp.hw.type', 'Hardware type', 'uint16', {
    values: arpHardwareTypeNames,
    explain: { en: 'Kind of link-layer address being resolved: 1 is Ethernet.', zh: '要解析的链路层地址类型：1 为以太网。' },
  }),
  protoType: declareField('arp.proto.type', 'Protocol type', 'uint16', {
    base: 'hex', values: etherTypeNames,
    explain: { en: 'Kind of network address being resolved, as an ethertype: 0x0800 is IPv4.', zh: '要解析的网络地址类型，以以太类型表示：0x0800 为 IPv4。' },
  }),
  hwSize: declareField('arp.hw.size', 'Hardware size', 'uint8', {
    explain: { en: 'Length of a hardware address in bytes (6 for a MAC address).', zh: '硬件地址的字节长度（MAC 地址为 6）。' },
  }),
  protoSize: declareField('arp.proto.size', 'Protocol size', 'uint8', {
    explain: { en: 'Length of a protocol address in bytes (4 for IPv4).', zh: '协议地址的字节长度（IPv4 为 4）。' },
  }),
  opcode: declareField('arp.opcode', 'Opcode', 'uint16', {
    values: arpOpcodeNames,
    explain: { en: '1 request ("who has?"), 2 reply ("is at"); 3 and 4 are RARP, 8 and 9 Inverse ARP.', zh: '1 为请求（"谁有？"），2 为应答（"在某处"）；3、4 为 RARP，8、9 为逆向 ARP。' },
  }),
  isGratuitous: declareField('arp.isgratuitous', 'Is gratuitous', 'bool', {
    explain: { en: 'Sender and target IP are the same: a host announcing (or defending) its own address, e.g. after boot or failover.', zh: '发送方与目标 IP 相同：主机在宣告（或维护）自己的地址，例如开机或故障切换后。' },
  }),
  isProbe: declareField('arp.isprobe', 'Is probe', 'bool', {
    explain: { en: 'An address-conflict probe (RFC 5227): sender IP 0.0.0.0, asking whether anyone already uses the target IP.', zh: '地址冲突探测（RFC 5227）：发送方 IP 为 0.0.0.0，询问是否已有主机使用目标 IP。' },
  }),
  isAnnouncement: declareField('arp.isannouncement', 'Is announcement', 'bool', {
    explain: { en: 'An ARP announcement (RFC 5227): a request for the sender\'s own IP with an empty target MAC, claiming the address.', zh: 'ARP 宣告（RFC 5227）：以发送方自身 IP 为目标、目标 MAC 为空的请求，用于声明该地址。' },
  }),
  srcHw: declareField('arp.src.hw', 'Sender hardware address', 'bytes', {
    explain: { en: 'Sender\'s hardware address when it is not a 6-byte MAC.', zh: '发送方硬件地址（非 6 字节 MAC 时）。' },
  }),
  srcHwMac: declareField('arp.src.hw_mac', 'Sender MAC address', 'ether', {
    explain: { en: 'MAC address of the host sending this ARP message.', zh: '发送此 ARP 报文的主机的 MAC 地址。' },
  }),
  srcProto: declareField('arp.src.proto', 'Sender protocol address', 'bytes', {
    explain: { en: 'Sender\'s network address when it is not IPv4.', zh: '发送方网络地址（非 IPv4 时）。' },
  }),
  srcProtoIpv4: declareField('arp.src.proto_ipv4', 'Sender IP address', 'ipv4', {
    explain: { en: 'IP address of the sender (0.0.0.0 in a probe).', zh: '发送方的 IP 地址（探测报文中为 0.0.0.0）。' },
  }),
  dstHw: declareField('arp.dst.hw', 'Target hardware address', 'bytes', {
    explain: { en: 'Target\'s hardware address when it is not a 6-byte MAC.', zh: '目标硬件地址（非 6 字节 MAC 时）。' },
  }),
  dstHwMac: declareField('arp.dst.hw_mac', 'Target MAC address', 'ether', {
    explain: { en: 'MAC address of the target; all zeros in a request, because that is what is being asked.', zh: '目标的 MAC 地址；请求中为全零，因为这正是要查询的内容。' },
  }),
  dstProto: declareField('arp.dst.proto', 'Target protocol address', 'bytes', {
    explain: { en: 'Target\'s network address when it is not IPv4.', zh: '目标网络地址（非 IPv4 时）。' },
  }),
  dstProtoIpv4: declareField('arp.dst.proto_ipv4', 'Target IP address', 'ipv4', {
    explain: { en: 'The IP address being looked up (request) or the asker\'s address (reply).', zh: '被查询的 IP 地址（请求），或提问者的地址（应答）。' },
  }),
};

const enum Opcode {
  Request = 1, Reply = 2, ReverseRequest = 3, ReverseReply = 4,
  DrarpRequest = 5, DrarpReply = 6, DrarpError = 7, InverseRequest = 8, InverseReply = 9,
}

/** ARP_HW_IS_ETHER: Ethernet-like hardware with 6-byte addresses shows as a MAC. */
function isEtherHardware(type: number, size: number): boolean {
  return size === 6 && (type === 1 || type === 2 || type === 6);
}

/** ARP_PRO_IS_IPv4: IPv4 (or AX.25's IP) with 4-byte addresses. */
function isIpv4Protocol(type: number, size: number): boolean {
  return size === 4 && (type === 0x0800 || type === 0xcc);
}

function columnProtocol(opcode: number): string {
  if (opcode === Opcode.ReverseRequest || opcode === Opcode.ReverseReply) return 'RARP';
  if (opcode >= Opcode.DrarpRequest && opcode <= Opcode.DrarpError) return 'DRARP';
  if (opcode === Opcode.InverseRequest || opcode === Opcode.InverseReply) return 'Inverse ARP';
  return 'ARP';
}

function allZero(data: Uint8Array, offset: number, length: number): boolean {
  for (let index = offset; index < offset + length; index++) if (data[index] !== 0) return false;
  return true;
}

export function dissectArp(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const { sink, columns } = ctx;
  columns?.setProtocol('ARP');
  columns?.setInfo('');
  need(data, offset, 8, end, 'arp');
  const hwType = u16(data, offset);
  const protoType = u16(data, offset + 2);
  const hwSize = data[offset + 4];
  const protoSize = data[offset + 5];
  const opcode = u16(data, offset + 6);
  const length = 8 + 2 * hwSize + 2 * protoSize;
  columns?.setProtocol(columnProtocol(opcode));

  const senderHw = offset + 8;
  const senderProto = senderHw + hwSize;
  const targetHw = senderProto + protoSize;
  const targetProto = targetHw + hwSize;
  const etherHw = isEtherHardware(hwType, hwSize);
  const ipv4 = isIpv4Protocol(protoType, protoSize);
  const available = Math.min(end, data.length);
  const complete = offset + length <= available;

  // What kind of request or reply this is (RFC 5227 probes and announcements, gratuitous ARP).
  let gratuitous = false;
  let probe = false;
  let announcement = false;
  if (complete && ipv4 && (opcode === Opcode.Request || opcode === Opcode.Reply)) {
    const senderIp = u32(data, senderProto);
    const targetIp = u32(data, targetProto);
    gratuitous = senderIp === targetIp;
    const emptyTarget = allZero(data, targetHw, hwSize);
    announcement = opcode === Opcode.Request && gratuitous && emptyTarget;
    probe = opcode === Opcode.Request && senderIp === 0 && emptyTarget;
  }

  const depth = sink.depth;
  sink.open(arp, offset, Math.min(length, available - offset), undefined, sink.detailed ? `Address Resolution Protocol${labelSuffix(opcode, gratuitous, probe, announcement)}` : undefined);
  sink.add(hf.hwType, offset, 2, hwType);
  sink.add(hf.protoType, offset + 2, 2, protoType);
  sink.add(hf.hwSize, offset + 4, 1, hwSize);
  sink.add(hf.protoSize, offset + 5, 1, protoSize);
  sink.add(hf.opcode, offset + 6, 2, opcode);
  if (gratuitous) sink.add(hf.isGratuitous, offset + 8, 0, true);
  if (probe) sink.add(hf.isProbe, offset + 8, 0, true);
  if (announcement) sink.add(hf.isAnnouncement, offset + 8, 0, true);

  const addHardware = (field: 'src' | 'dst', at: number) => {
    need(data, at, hwSize, end, 'arp');
    if (hwSize === 0) return;
    if (etherHw) sink.add(field === 'src' ? hf.srcHwMac : hf.dstHwMac, at, 6);
    else sink.add(field === 'src' ? hf.srcHw : hf.dstHw, at, hwSize);
  };
  const addProtocol = (field: 'src' | 'dst', at: number) => {
    need(data, at, protoSize, end, 'arp');
    if (protoSize === 0) return;
    if (ipv4) sink.add(field === 'src' ? hf.srcProtoIpv4 : hf.dstProtoIpv4, at, 4, u32(data, at));
    else sink.add(field === 'src' ? hf.srcProto : hf.dstProto, at, protoSize);
  };
  addHardware('src', senderHw);
  addProtocol('src', senderProto);
  addHardware('dst', targetHw);
  addProtocol('dst', targetProto);
  sink.unwindTo(depth);

  if (columns) {
    const hardware = (at: number) => (etherHw ? etherToString(data, at) : bytesToHex(data, at, hwSize, ':'));
    const protocol = (at: number) => (ipv4 ? ipv4ToString(u32(data, at)) : bytesToHex(data, at, protoSize, ':'));
    columns.setInfo(infoText(opcode, { gratuitous, probe, announcement }, {
      senderHw: hardware(senderHw), senderProto: protocol(senderProto), targetHw: hardware(targetHw), targetProto: protocol(targetProto),
    }));
  }
}

function labelSuffix(opcode: number, gratuitous: boolean, probe: boolean, announcement: boolean): string {
  if (announcement) return ' (ARP Announcement)';
  if (probe) return ' (ARP Probe)';
  const name = arpOpcodeNames[opcode];
  if (name === undefined) return ` (opcode ${hex(opcode, 4)})`;
  return gratuitous ? ` (${name}/gratuitous ARP)` : ` (${name})`;
}

interface Addresses { senderHw: string; senderProto: string; targetHw: string; targetProto: string }

/** The Info column exactly as packet-arp.c writes it. */
function infoText(opcode: number, kind: { gratuitous: boolean; probe: boolean; announcement: boolean }, a: Addresses): string {
  switch (opcode) {
    case Opcode.Request:
      if (kind.announcement) return `ARP Announcement for ${a.senderProto}`;
      if (kind.gratuitous) return `Gratuitous ARP for ${a.senderProto} (Request)`;
      if (kind.probe) return `Who has ${a.targetProto}? (ARP Probe)`;
      return `Who has ${a.targetProto}? Tell ${a.senderProto}`;
    case Opcode.Reply:
      if (kind.gratuitous) return `Gratuitous ARP for ${a.senderProto} (Reply)`;
      return `${a.senderProto} is at ${a.senderHw}`;
    case Opcode.ReverseRequest:
    case Opcode.DrarpRequest:
    case Opcode.InverseRequest:
      return `Who is ${a.targetHw}? Tell ${a.senderHw}`;
    case Opcode.ReverseReply:
    case Opcode.DrarpReply:
      return `${a.targetHw} is at ${a.targetProto}`;
    case Opcode.InverseReply:
      return `${a.senderHw} is at ${a.senderProto}`;
    case Opcode.DrarpError:
      return 'DRARP Error';
    default:
      return `Unknown ARP opcode ${hex(opcode, 4)}`;
  }
}

export function handoff(tables: DissectorTables): void {
  tables.etherType.add(0x0806, dissectArp);
  tables.etherType.add(0x8035, dissectArp);
}
