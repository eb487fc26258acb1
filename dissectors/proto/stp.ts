import { declareField, declareProtocol, etherToString, hex, need, u16, u32, type DissectorTables, type PacketContext } from '../core/index.js';
import { llcTables } from './llc.js';

/**
 * Spanning Tree BPDUs (IEEE 802.1D STP, 802.1w RSTP): LLC SAP 0x42, and Cisco's per-VLAN
 * spanning tree (PVST+, SNAP protocol id 0x010b), which appends the originating VLAN as a TLV.
 * MSTP's extra records after the RSTP part are not decoded.
 */
export const stp = declareProtocol('stp', 'Spanning Tree Protocol', 'STP', {
  en: 'Switches exchange these BPDUs to agree on one loop-free tree of links: who is root, what each port costs, which ports forward.',
  zh: '交换机之间交换这些 BPDU，以协商出一棵无环的链路树：谁是根、各端口的开销、哪些端口转发。',
});

const bpduTypeConfiguration = 0x00;
const bpduTypeTopologyChange = 0x80;
const bpduTypeRapid = 0x02;

const versionNames: Readonly<Record<number, string>> = { 0: 'Spanning Tree', 2: 'Rapid Spanning Tree', 3: 'Multiple Spanning Tree', 4: 'Shortest Path Tree' };
const bpduTypeNames: Readonly<Record<number, string>> = { [bpduTypeConfiguration]: 'Configuration', [bpduTypeTopologyChange]: 'Topology Change Notification', [bpduTypeRapid]: 'Rapid/Multiple Spanning Tree' };
const portRoleNames: Readonly<Record<number, string>> = { 0: 'Unknown', 1: 'Alternate or Backup', 2: 'Root', 3: 'Designated' };
const yesNo = ['Yes', 'No'] as const;

const hf = {
  protocol: declareField('stp.protocol', 'Protocol Identifier', 'uint16', {
    base: 'hex', values: { 0: 'Spanning Tree Protocol' },
    explain: { en: 'Always 0x0000 for spanning tree BPDUs.', zh: '生成树 BPDU 中恒为 0x0000。' },
  }),
  version: declareField('stp.version', 'Protocol Version Identifier', 'uint8', {
    values: versionNames,
    explain: { en: '0 classic STP (802.1D), 2 rapid STP (802.1w), 3 multiple STP (802.1s).', zh: '0 为经典 STP（802.1D），2 为快速 STP（802.1w），3 为多实例 STP（802.1s）。' },
  }),
  type: declareField('stp.type', 'BPDU Type', 'uint8', {
    base: 'hex', values: bpduTypeNames,
    explain: { en: '0x00 configuration, 0x80 topology change notification, 0x02 rapid/multiple spanning tree.', zh: '0x00 为配置 BPDU，0x80 为拓扑变更通知，0x02 为快速/多实例生成树。' },
  }),
  flags: declareField('stp.flags', 'BPDU flags', 'uint8', {
    base: 'hex',
    explain: { en: 'Topology change bits, and in RSTP the port\'s role and state and the proposal/agreement handshake.', zh: '拓扑变更位；RSTP 中还有端口角色、状态以及提议/同意握手位。' },
  }),
  flagTcAck: declareField('stp.flags.tcack', 'Topology Change Acknowledgment', 'bool', {
    bitmask: 0x80, trueFalse: yesNo,
    explain: { en: 'Acknowledges a topology change notification (classic STP).', zh: '确认拓扑变更通知（经典 STP）。' },
  }),
  flagAgreement: declareField('stp.flags.agreement', 'Agreement', 'bool', {
    bitmask: 0x40, trueFalse: yesNo,
    explain: { en: 'RSTP: the port agrees to a neighbour\'s proposal, so it can forward at once.', zh: 'RSTP：端口同意邻居的提议，因而可立即转发。' },
  }),
  flagForwarding: declareField('stp.flags.forwarding', 'Forwarding', 'bool', {
    bitmask: 0x20, trueFalse: yesNo,
    explain: { en: 'RSTP: the sending port forwards frames.', zh: 'RSTP：发送端口正在转发帧。' },
  }),
  flagLearning: declareField('stp.flags.learning', 'Learning', 'bool', {
    bitmask: 0x10, trueFalse: yesNo,
    explain: { en: 'RSTP: the sending port learns MAC addresses.', zh: 'RSTP：发送端口正在学习 MAC 地址。' },
  }),
  flagPortRole: declareField('stp.flags.port_role', 'Port Role', 'uint8', {
    bitmask: 0x0c, values: portRoleNames,
    explain: { en: 'RSTP: the sending port\'s role: 1 alternate/backup, 2 root, 3 designated.', zh: 'RSTP：发送端口的角色：1 为替代/备份，2 为根端口，3 为指定端口。' },
  }),
  flagProposal: declareField('stp.flags.proposal', 'Proposal', 'bool', {
    bitmask: 0x02, trueFalse: yesNo,
    explain: { en: 'RSTP: a designated port proposes to forward at once and asks for agreement.', zh: 'RSTP：指定端口提议立即转发并请求对方同意。' },
  }),
  flagTc: declareField('stp.flags.tc', 'Topology Change', 'bool', {
    bitmask: 0x01, trueFalse: yesNo,
    explain: { en: 'The topology is changing: switches age out learned MAC addresses quickly.', zh: '拓扑正在变化：交换机会加快老化已学到的 MAC 地址。' },
  }),
  rootPriority: declareField('stp.root.prio', 'Root Bridge Priority', 'uint16', {
    explain: { en: 'Priority of the root bridge, a multiple of 4096; lowest priority (then lowest MAC) wins.', zh: '根桥优先级，为 4096 的倍数；优先级最低（其次 MAC 最小）者当选。' },
  }),
  rootSystemIdExtension: declareField('stp.root.ext', 'Root Bridge System ID Extension', 'uint16', {
    explain: { en: 'The low 12 bits of the priority field: the VLAN (or instance) this tree is for.', zh: '优先级字段的低 12 位：该生成树所属的 VLAN（或实例）。' },
  }),
  rootMac: declareField('stp.root.hw', 'Root Bridge System ID', 'ether', {
    explain: { en: 'MAC address of the root bridge.', zh: '根桥的 MAC 地址。' },
  }),
  rootCost: declareField('stp.root.cost', 'Root Path Cost', 'uint32', {
    explain: { en: 'Total cost from the sender to the root; 0 when the sender is the root.', zh: '发送方到根桥的总开销；发送方即根桥时为 0。' },
  }),
  bridgePriority: declareField('stp.bridge.prio', 'Bridge Priority', 'uint16', {
    explain: { en: 'Priority of the sending bridge, a multiple of 4096.', zh: '发送网桥的优先级，为 4096 的倍数。' },
  }),
  bridgeSystemIdExtension: declareField('stp.bridge.ext', 'Bridge System ID Extension', 'uint16', {
    explain: { en: 'The VLAN (or instance) in the sending bridge\'s identifier.', zh: '发送网桥标识中的 VLAN（或实例）。' },
  }),
  bridgeMac: declareField('stp.bridge.hw', 'Bridge System ID', 'ether', {
    explain: { en: 'MAC address of the sending bridge.', zh: '发送网桥的 MAC 地址。' },
  }),
  port: declareField('stp.port', 'Port identifier', 'uint16', {
    base: 'hex',
    explain: { en: 'Port priority (high 4 bits) and port number of the sending port.', zh: '发送端口的端口优先级（高 4 位）和端口号。' },
  }),
  messageAge: declareField('stp.msg_age', 'Message Age', 'double', {
    explain: { en: 'Seconds since the root sent the information in this BPDU.', zh: '自根桥发出本 BPDU 中信息以来的秒数。' },
  }),
  maxAge: declareField('stp.max_age', 'Max Age', 'double', {
    explain: { en: 'Seconds after which stored information is discarded (default 20).', zh: '保存的信息在此秒数后被丢弃（默认 20）。' },
  }),
  helloTime: declareField('stp.hello', 'Hello Time', 'double', {
    explain: { en: 'Seconds between BPDUs from the root (default 2).', zh: '根桥发送 BPDU 的间隔秒数（默认 2）。' },
  }),
  forwardDelay: declareField('stp.forward', 'Forward Delay', 'double', {
    explain: { en: 'Seconds a classic STP port spends listening and then learning before it forwards (default 15).', zh: '经典 STP 端口在转发前分别处于侦听和学习状态的秒数（默认 15）。' },
  }),
  version1Length: declareField('stp.version_1_length', 'Version 1 Length', 'uint8', {
    explain: { en: 'RSTP: always 0 (no version 1 protocol information follows).', zh: 'RSTP：恒为 0（后面没有版本 1 协议信息）。' },
  }),
  pvstTlvType: declareField('stp.pvst.tlvtype', 'Type', 'uint16', {
    base: 'hex', values: { 0: 'Originating VLAN' },
    explain: { en: 'PVST+ TLV type; 0 is the originating VLAN.', zh: 'PVST+ TLV 类型；0 为源 VLAN。' },
  }),
  pvstTlvLength: declareField('stp.pvst.tlvlen', 'Length', 'uint16', {
    explain: { en: 'Length of the TLV value in bytes.', zh: 'TLV 值的字节长度。' },
  }),
  pvstOriginatingVlan: declareField('stp.pvst.origvlan', 'Originating VLAN', 'uint16', {
    explain: { en: 'PVST+: the VLAN whose spanning tree this BPDU belongs to.', zh: 'PVST+：该 BPDU 所属生成树的 VLAN。' },
  }),
};

/** Timer values are in 1/256 seconds. */
const timerSeconds = (data: Uint8Array, offset: number) => u16(data, offset) / 256;

/** Root or bridge identifier: priority (high 4 bits), system id extension, MAC address; returns "prio/ext/mac" (empty on the summary path). */
function addBridgeIdentifier(ctx: PacketContext, data: Uint8Array, offset: number, which: 'Root' | 'Bridge'): string {
  const word = u16(data, offset);
  const priority = word & 0xf000;
  const extension = word & 0x0fff;
  const sink = ctx.sink;
  // The text is only for labels and Info: the summary path makes no string.
  const mac = sink.detailed || ctx.columns !== null ? etherToString(data, offset + 2) : '';
  sink.openText(sink.detailed ? `${which} Identifier: ${priority} / ${extension} / ${mac}` : '', offset, 8);
  const fields = which === 'Root'
    ? [hf.rootPriority, hf.rootSystemIdExtension, hf.rootMac]
    : [hf.bridgePriority, hf.bridgeSystemIdExtension, hf.bridgeMac];
  sink.add(fields[0], offset, 2, priority);
  sink.add(fields[1], offset, 2, extension);
  sink.add(fields[2], offset + 2, 6);
  sink.close();
  return ctx.columns !== null ? `${priority}/${extension}/${mac}` : '';
}

function dissectBpdu(ctx: PacketContext, data: Uint8Array, offset: number, end: number, pvst: boolean): void {
  const { sink, columns } = ctx;
  columns?.setProtocol('STP');
  columns?.setInfo('');
  need(data, offset, 4, end, 'stp');
  const version = data[offset + 2];
  const type = data[offset + 3];
  const depth = sink.depth;
  sink.open(stp, offset, Math.min(end, data.length) - offset);
  sink.add(hf.protocol, offset, 2, u16(data, offset));
  sink.add(hf.version, offset + 2, 1, version);
  sink.add(hf.type, offset + 3, 1, type);
  if (type === bpduTypeTopologyChange) {
    columns?.setInfo('Topology Change Notification');
    sink.unwindTo(depth);
    return;
  }
  need(data, offset + 4, 31, end, 'stp');
  const flags = data[offset + 4];
  const rapid = type === bpduTypeRapid;
  sink.open(hf.flags, offset + 4, 1, flags);
  sink.add(hf.flagTcAck, offset + 4, 1, (flags & 0x80) !== 0);
  if (rapid) {
    sink.add(hf.flagAgreement, offset + 4, 1, (flags & 0x40) !== 0);
    sink.add(hf.flagForwarding, offset + 4, 1, (flags & 0x20) !== 0);
    sink.add(hf.flagLearning, offset + 4, 1, (flags & 0x10) !== 0);
    sink.add(hf.flagPortRole, offset + 4, 1, (flags >> 2) & 3);
    sink.add(hf.flagProposal, offset + 4, 1, (flags & 0x02) !== 0);
  }
  sink.add(hf.flagTc, offset + 4, 1, (flags & 0x01) !== 0);
  sink.close();
  const root = addBridgeIdentifier(ctx, data, offset + 5, 'Root');
  const cost = u32(data, offset + 13);
  sink.add(hf.rootCost, offset + 13, 4, cost);
  addBridgeIdentifier(ctx, data, offset + 17, 'Bridge');
  const port = u16(data, offset + 25);
  sink.add(hf.port, offset + 25, 2, port);
  sink.add(hf.messageAge, offset + 27, 2, timerSeconds(data, offset + 27));
  sink.add(hf.maxAge, offset + 29, 2, timerSeconds(data, offset + 29));
  sink.add(hf.helloTime, offset + 31, 2, timerSeconds(data, offset + 31));
  sink.add(hf.forwardDelay, offset + 33, 2, timerSeconds(data, offset + 33));
  const kind = rapid ? (version >= 3 ? 'MST' : 'RST') : 'Conf';
  columns?.setInfo(`${kind}. ${flags & 0x01 ? 'TC + ' : ''}Root = ${root}  Cost = ${cost}  Port = ${hex(port, 4)}`);
  let cursor = offset + 35;
  if (rapid) {
    need(data, cursor, 1, end, 'stp');
    sink.add(hf.version1Length, cursor, 1, data[cursor]);
    cursor += 1;
  }
  if (pvst && version < 3 && cursor + 6 <= Math.min(end, data.length)) {
    const vlan = u16(data, cursor + 4);
    sink.openText(sink.detailed ? `Originating VLAN (PVID): ${vlan}` : '', cursor, 6);
    sink.add(hf.pvstTlvType, cursor, 2, u16(data, cursor));
    sink.add(hf.pvstTlvLength, cursor + 2, 2, u16(data, cursor + 2));
    sink.add(hf.pvstOriginatingVlan, cursor + 4, 2, vlan);
    sink.close();
  }
  sink.unwindTo(depth);
}

export function dissectStp(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  dissectBpdu(ctx, data, offset, end, false);
}

export function dissectPvst(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  dissectBpdu(ctx, data, offset, end, true);
}

export function handoff(tables: DissectorTables): void {
  const llc = llcTables(tables);
  llc.sap.add(0x42, dissectStp);
  llc.ciscoPid.add(0x010b, dissectPvst);
}
