import {
  DissectorTable, declareField, declareProtocol, hex, need, u16, u16le, u24, type Dissector, type DissectorTables, type PacketContext,
} from '../core/index.js';
import { dissectData } from './data.js';
import { dissectEtherType } from './eth.js';
import { etherTypeNames } from './names/ethertypes.js';

/**
 * IEEE 802.2 Logical-Link Control: what follows an 802.3 length field. Destination and source
 * service access points (SAPs), an HDLC-style control field (one byte for unnumbered frames,
 * two for information and supervisory frames, as 802.2 type 2 uses them), and for SAP 0xaa a
 * SNAP header (OUI and protocol id) that carries ethertypes and Cisco protocols.
 */
export const llc = declareProtocol('llc', 'Logical-Link Control', 'LLC', {
  en: 'The 802.2 header after an 802.3 length: service access points say which protocol the frame is for (0x42 spanning tree, 0xf0 NetBIOS, 0xaa SNAP).',
  zh: '802.3 长度字段之后的 802.2 头部：服务访问点（SAP）表示帧属于哪个协议（0x42 为生成树，0xf0 为 NetBIOS，0xaa 为 SNAP）。',
});

const sapNames: Readonly<Record<number, string>> = {
  0x00: 'NULL LSAP', 0x02: 'LLC Sub-Layer Management', 0x04: 'SNA Path Control', 0x06: 'TCP/IP', 0x08: 'SNA',
  0x0c: 'SNA', 0x0e: 'PROWAY (IEC955) Network Management and Initialization', 0x18: 'Texas Instruments',
  0x42: 'Spanning Tree BPDU', 0x4e: 'EIA RS-511 Manufacturing Message Service', 0x7e: 'ISO 8208 (X.25 over 802.2)',
  0x80: 'Xerox Network Systems', 0x86: 'Nestar', 0x8e: 'PROWAY (IEC 955) Active Station List Maintenance',
  0x98: 'ARP', 0xaa: 'SNAP', 0xbc: 'Banyan VINES', 0xe0: 'NetWare', 0xf0: 'NetBIOS', 0xf4: 'IBM Net Management',
  0xf8: 'HP Extended LLC', 0xfa: 'Ungermann-Bass', 0xfc: 'Remote Program Load', 0xfe: 'ISO Network Layer', 0xff: 'Global LSAP',
};

/** Unnumbered functions by control byte without the P/F bit. */
const unnumberedCommands: Readonly<Record<number, string>> = {
  0x03: 'UI', 0x6f: 'SABME', 0x43: 'DISC', 0xaf: 'XID', 0xe3: 'TEST', 0x2f: 'SABM', 0x83: 'SNRM', 0x0f: 'SARM',
};
const unnumberedResponses: Readonly<Record<number, string>> = {
  0x03: 'UI', 0x63: 'UA', 0x0f: 'DM', 0x87: 'FRMR', 0xaf: 'XID', 0xe3: 'TEST', 0x43: 'RD',
};
const supervisoryNames: Readonly<Record<number, string>> = { 0x00: 'RR', 0x04: 'RNR', 0x08: 'REJ', 0x0c: 'SREJ' };
const frameTypeNames: Readonly<Record<number, string>> = { 0: 'Information frame', 1: 'Supervisory frame', 3: 'Unnumbered frame' };

const ouiCisco = 0x00000c;
const ouiEncapsulatedEthernet = 0x000000;
const ouiNames: Readonly<Record<number, string>> = { [ouiEncapsulatedEthernet]: 'Encapsulated Ethernet', [ouiCisco]: 'Cisco Systems, Inc' };
const hexUpper = (value: number, digits: number) => value.toString(16).toUpperCase().padStart(digits, '0');
const ciscoPidNames: Readonly<Record<number, string>> = { 0x0102: 'DRiP', 0x0104: 'PAgP', 0x010b: 'PVSTP+', 0x010c: 'VLAN Bridge', 0x0111: 'UDLD', 0x2000: 'CDP', 0x2003: 'VTP', 0x2004: 'DTP' };

const hf = {
  dsap: declareField('llc.dsap', 'DSAP', 'uint8', {
    base: 'hex', values: sapNames,
    explain: { en: 'Destination service access point: which protocol on the receiver gets the frame (0x42 spanning tree, 0xaa SNAP, 0xf0 NetBIOS).', zh: '目的服务访问点：接收方由哪个协议处理该帧（0x42 为生成树，0xaa 为 SNAP，0xf0 为 NetBIOS）。' },
  }),
  dsapSap: declareField('llc.dsap.sap', 'SAP', 'uint8', {
    bitmask: 0xfe, values: (value) => sapNames[value << 1],
    explain: { en: 'The SAP number without its low (group) bit.', zh: '去掉最低位（组位）后的 SAP 编号。' },
  }),
  dsapIg: declareField('llc.dsap.ig', 'IG Bit', 'bool', {
    bitmask: 0x01, trueFalse: ['Group', 'Individual'],
    explain: { en: '1 when the destination SAP is a group address.', zh: '目的 SAP 为组地址时为 1。' },
  }),
  ssap: declareField('llc.ssap', 'SSAP', 'uint8', {
    base: 'hex', values: sapNames,
    explain: { en: 'Source service access point: the sending protocol; its low bit says command (0) or response (1).', zh: '源服务访问点：发送方协议；最低位表示命令（0）或响应（1）。' },
  }),
  ssapSap: declareField('llc.ssap.sap', 'SAP', 'uint8', {
    bitmask: 0xfe, values: (value) => sapNames[value << 1],
    explain: { en: 'The SAP number without its low (command/response) bit.', zh: '去掉最低位（命令/响应位）后的 SAP 编号。' },
  }),
  ssapCr: declareField('llc.ssap.cr', 'CR Bit', 'bool', {
    bitmask: 0x01, trueFalse: ['Response', 'Command'],
    explain: { en: '0 for a command, 1 for a response.', zh: '0 为命令，1 为响应。' },
  }),
  control: declareField('llc.control', 'Control', 'uint16', {
    base: 'hex',
    explain: { en: 'HDLC-style control: the frame kind (information, supervisory, unnumbered) and its sequence numbers or function; 0x03 is a plain UI frame.', zh: 'HDLC 风格的控制字段：帧类型（信息、监控、无编号）及其序号或功能；0x03 为普通 UI 帧。' },
  }),
  nR: declareField('llc.control.n_r', 'N(R)', 'uint16', {
    bitmask: 0xfe00,
    explain: { en: 'Receive sequence number: the next information frame the sender expects, acknowledging those before it.', zh: '接收序号：发送方期望的下一个信息帧，同时确认之前的帧。' },
  }),
  nS: declareField('llc.control.n_s', 'N(S)', 'uint16', {
    bitmask: 0x00fe,
    explain: { en: 'Send sequence number of this information frame.', zh: '该信息帧的发送序号。' },
  }),
  poll: declareField('llc.control.p', 'Poll', 'bool', {
    explain: { en: 'Poll bit of a command: the receiver must answer at once.', zh: '命令中的轮询位：接收方必须立即应答。' },
  }),
  final: declareField('llc.control.f', 'Final', 'bool', {
    explain: { en: 'Final bit of a response: the answer to a poll.', zh: '响应中的终止位：对轮询的应答。' },
  }),
  supervisoryType: declareField('llc.control.s_ftype', 'Supervisory frame type', 'uint16', {
    base: 'hex', bitmask: 0x000c, values: { 0: 'Receiver ready', 1: 'Receiver not ready', 2: 'Reject', 3: 'Selective reject' },
    explain: { en: 'RR (ready), RNR (busy), REJ (resend from N(R)) or SREJ.', zh: 'RR（就绪）、RNR（忙）、REJ（从 N(R) 起重发）或 SREJ。' },
  }),
  unnumberedCommand: declareField('llc.control.u_modifier_cmd', 'Command', 'uint8', {
    base: 'hex', bitmask: 0xec,
    explain: { en: 'Which unnumbered command: 0x00 UI (connectionless data), 0x1b SABME (connect), 0x10 DISC, 0x2b XID, 0x38 TEST.', zh: '无编号命令：0x00 为 UI（无连接数据），0x1b 为 SABME（建立连接），0x10 为 DISC，0x2b 为 XID，0x38 为 TEST。' },
  }),
  unnumberedResponse: declareField('llc.control.u_modifier_resp', 'Response', 'uint8', {
    base: 'hex', bitmask: 0xec,
    explain: { en: 'Which unnumbered response: 0x18 UA (accepted), 0x03 DM (disconnected), 0x21 FRMR (rejected).', zh: '无编号响应：0x18 为 UA（接受），0x03 为 DM（已断开），0x21 为 FRMR（拒绝）。' },
  }),
  // Wireshark declares this abbrev twice (8-bit for unnumbered, 16-bit for two-byte control
  // fields); the registry holds one declaration, the 8-bit one.
  frameType: declareField('llc.control.ftype', 'Frame type', 'uint8', {
    base: 'hex', bitmask: 0x03, values: frameTypeNames,
    explain: { en: 'The frame kind from the low bits: 0 information, 1 supervisory, 3 unnumbered.', zh: '由最低位给出的帧类型：0 为信息帧，1 为监控帧，3 为无编号帧。' },
  }),
  oui: declareField('llc.oui', 'Organization Code', 'uint24', {
    values: ouiNames,
    explain: { en: 'SNAP: the organisation that defines the protocol id after it (0 means the id is an ethertype; 12 is Cisco).', zh: 'SNAP：定义其后协议号的组织（0 表示协议号为以太类型；12 为 Cisco）。' },
  }),
  type: declareField('llc.type', 'Type', 'uint16', {
    base: 'hex', values: etherTypeNames,
    explain: { en: 'SNAP with organisation 0: an ethertype, as in Ethernet II.', zh: '组织代码为 0 的 SNAP：以太类型，与 Ethernet II 相同。' },
  }),
  ciscoPid: declareField('llc.cisco_pid', 'PID', 'uint16', {
    base: 'hex', values: ciscoPidNames,
    explain: { en: 'A Cisco protocol: 0x2000 CDP, 0x2003 VTP, 0x2004 DTP, 0x010b per-VLAN spanning tree (PVST+).', zh: 'Cisco 协议：0x2000 为 CDP，0x2003 为 VTP，0x2004 为 DTP，0x010b 为每 VLAN 生成树（PVST+）。' },
  }),
  pid: declareField('llc.pid', 'Protocol ID', 'uint16', {
    base: 'hex',
    explain: { en: 'SNAP protocol id, defined by the organisation code before it.', zh: 'SNAP 协议号，由其前的组织代码定义。' },
  }),
};

/** Protocols reached through LLC: by SAP, and by Cisco SNAP protocol id. */
export interface LlcTables {
  readonly sap: DissectorTable;
  readonly ciscoPid: DissectorTable;
}

const llcTablesKey = new WeakMap<DissectorTables, LlcTables>();

/** The LLC dispatch tables of a tables instance (made on first use; protocols register in handoff). */
export function llcTables(tables: DissectorTables): LlcTables {
  let found = llcTablesKey.get(tables);
  if (found === undefined) {
    found = { sap: new DissectorTable('llc.dsap'), ciscoPid: new DissectorTable('llc.cisco_pid') };
    llcTablesKey.set(tables, found);
  }
  return found;
}

/** "U P, func=SABME", "S F, func=RR, N(R)=0", "I, N(R)=3, N(S)=2": the control field as Info. */
function controlSummary(control: number, extended: boolean, response: boolean): string {
  const frameType = control & 3;
  if (frameType === 3) {
    const pollFinal = (control & 0x10) !== 0 ? (response ? ' F' : ' P') : '';
    const names = response ? unnumberedResponses : unnumberedCommands;
    return `U${pollFinal}, func=${names[control & 0xef] ?? 'Unknown'}`;
  }
  const pollFinal = extended && (control & 0x0100) !== 0 ? (response ? ' F' : ' P') : '';
  const receive = control >> 9;
  if (frameType === 1) return `S${pollFinal}, func=${supervisoryNames[control & 0x0c] ?? 'Unknown'}, N(R)=${receive}`;
  return `I${pollFinal}, N(R)=${receive}, N(S)=${(control >> 1) & 0x7f}`;
}

function sapText(sap: number): string {
  return sapNames[sap & 0xfe] ?? hex(sap & 0xfe, 2);
}

export function dissectLlc(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const { sink, columns } = ctx;
  columns?.setProtocol('LLC');
  columns?.setInfo('');
  need(data, offset, 3, end, 'llc');
  const dsap = data[offset];
  const ssap = data[offset + 1];
  const response = (ssap & 1) !== 0;
  const unnumbered = (data[offset + 2] & 3) === 3;
  const controlLength = unnumbered ? 1 : 2;
  need(data, offset + 2, controlLength, end, 'llc');
  // Two-byte control fields are little-endian: the first byte holds the frame type bits.
  const control = unnumbered ? data[offset + 2] : u16le(data, offset + 2);
  const snap = dsap === 0xaa && ssap === 0xaa && unnumbered;
  const headerLength = 2 + controlLength + (snap ? 5 : 0);
  if (!snap) columns?.setInfo(`${controlSummary(control, !unnumbered, response)}; DSAP ${sapText(dsap)} ${dsap & 1 ? 'Group' : 'Individual'}, SSAP ${sapText(ssap)} ${response ? 'Response' : 'Command'}`);

  const depth = sink.depth;
  sink.open(llc, offset, Math.min(headerLength, Math.min(end, data.length) - offset));
  sink.open(hf.dsap, offset, 1, dsap);
  sink.add(hf.dsapSap, offset, 1, dsap >> 1);
  sink.add(hf.dsapIg, offset, 1, (dsap & 1) !== 0);
  sink.close();
  sink.open(hf.ssap, offset + 1, 1, ssap);
  sink.add(hf.ssapSap, offset + 1, 1, ssap >> 1);
  sink.add(hf.ssapCr, offset + 1, 1, response);
  sink.close();
  addControl(ctx, offset + 2, control, !unnumbered, response);
  let next: Dissector | undefined = llcTables(ctx.tables).sap.get(dsap);
  if (snap) {
    need(data, offset + 3, 5, end, 'llc');
    const oui = u24(data, offset + 3);
    const pid = u16(data, offset + 6);
    const ouiName = ouiNames[oui];
    columns?.setInfo(`${controlSummary(control, false, response)}; SNAP, OUI 0x${hexUpper(oui, 6)}${ouiName ? ` (${ouiName})` : ''}, PID 0x${hexUpper(pid, 4)}`);
    sink.add(hf.oui, offset + 3, 3, oui);
    if (oui === ouiEncapsulatedEthernet) {
      sink.add(hf.type, offset + 6, 2, pid);
      sink.unwindTo(depth);
      dissectEtherType(ctx, pid, data, offset + headerLength, end);
      return;
    }
    sink.add(oui === ouiCisco ? hf.ciscoPid : hf.pid, offset + 6, 2, pid);
    next = oui === ouiCisco ? llcTables(ctx.tables).ciscoPid.get(pid) : undefined;
  }
  sink.unwindTo(depth);
  if (next !== undefined) next(ctx, data, offset + headerLength, end);
  else dissectData(ctx, data, offset + headerLength, end);
}

function addControl(ctx: PacketContext, offset: number, control: number, extended: boolean, response: boolean): void {
  const sink = ctx.sink;
  const frameType = control & 3;
  const pollFinal = extended ? (control & 0x0100) !== 0 : (control & 0x10) !== 0;
  sink.open(hf.control, offset, extended ? 2 : 1, control, sink.detailed ? `Control field: ${controlSummary(control, extended, response)} (${hex(control, extended ? 4 : 2).toUpperCase().replace('0X', '0x')})` : undefined);
  if (extended) {
    sink.add(hf.nR, offset, 2, control >> 9);
    if (frameType !== 1 && frameType !== 3) sink.add(hf.nS, offset, 2, (control >> 1) & 0x7f);
  }
  // Wireshark shows the poll/final bit only when it is set.
  if (pollFinal) sink.add(response ? hf.final : hf.poll, offset, extended ? 2 : 1, true);
  if (frameType === 3) {
    sink.add(response ? hf.unnumberedResponse : hf.unnumberedCommand, offset, 1, (control & 0xec) >> 2);
    sink.add(hf.frameType, offset, 1, 3);
  } else {
    if (frameType === 1) sink.add(hf.supervisoryType, offset, 2, (control & 0x0c) >> 2);
    sink.add(hf.frameType, offset, 2, frameType === 1 ? 1 : 0);
  }
  sink.close();
}

export function handoff(_tables: DissectorTables): void {
  // Reached from eth.ts and vlan.ts for 802.3 length frames; protocols above register in llcTables().
}
