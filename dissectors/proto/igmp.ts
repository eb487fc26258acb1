import {
  declareField, declareProtocol, hex, ipv4ToString, need, u16, u32,
  type DissectorTables, type PacketContext,
} from '../core/index.js';
import { dissectData } from './data.js';
import { addVerifiedChecksum } from './icmp.js';
import { internetChecksum } from './inet-checksum.js';
import { checksumStatusNames, ChecksumStatus } from './names/checksum.js';

/** IGMP versions 1 (RFC 1112), 2 (RFC 2236) and 3 (RFC 3376). IP protocol 2. */
export const igmp = declareProtocol('igmp', 'Internet Group Management Protocol', 'IGMP', {
  en: 'How hosts tell their router which multicast groups they want to receive, and how routers ask.',
  zh: '主机告诉路由器自己想接收哪些组播组、路由器进行查询所用的协议。',
});

const typeNames: Readonly<Record<number, string>> = {
  0x11: 'Membership Query', 0x12: 'Membership Report', 0x16: 'Membership Report', 0x17: 'Leave Group', 0x22: 'Membership Report',
  0x13: 'DVMRP Protocol', 0x14: 'PIM Routing Message', 0x1e: 'Traceroute Response', 0x1f: 'Traceroute Query or Request',
};

const recordTypeNames: Readonly<Record<number, string>> = {
  1: 'Mode Is Include', 2: 'Mode Is Exclude', 3: 'Change To Include Mode', 4: 'Change To Exclude Mode', 5: 'Allow New Sources', 6: 'Block Old Sources',
};

const hf = {
  version: declareField('igmp.version', 'IGMP Version', 'uint8', {
    explain: { en: 'Which IGMP version the message is, worked out from its type and length.', zh: '由类型和长度推断出的 IGMP 版本。' },
  }),
  type: declareField('igmp.type', 'Type', 'uint8', {
    base: 'hex', values: typeNames,
    explain: { en: '0x11 query (from a router), 0x12/0x16/0x22 report v1/v2/v3 (a host joins), 0x17 leave (v2).', zh: '0x11 查询（路由器发出），0x12/0x16/0x22 为 v1/v2/v3 报告（主机加入），0x17 为离开（v2）。' },
  }),
  reserved: declareField('igmp.reserved', 'Reserved', 'bytes', {
    explain: { en: 'Unused in this version, zero.', zh: '此版本中未使用，为零。' },
  }),
  maxResp: declareField('igmp.max_resp', 'Max Resp Time', 'uint8', {
    explain: { en: 'Longest time hosts may wait before answering a query, in tenths of a second.', zh: '主机回应查询前可等待的最长时间，单位为十分之一秒。' },
  }),
  checksum: declareField('igmp.checksum', 'Checksum', 'uint16', {
    base: 'hex',
    explain: { en: 'Internet checksum over the IGMP message.', zh: '覆盖 IGMP 报文的校验和。' },
  }),
  checksumStatus: declareField('igmp.checksum.status', 'Checksum Status', 'uint8', {
    values: checksumStatusNames,
    explain: { en: '1 Good, 0 Bad, 2 Unverified (truncated).', zh: '1 正确，0 错误，2 未验证（被截断）。' },
  }),
  checksumBad: declareField('igmp.bad_checksum', 'Bad checksum', 'none', {
    expert: { severity: 'error', group: 'checksum' },
    explain: { en: 'The IGMP checksum does not match the message.', zh: 'IGMP 校验和与报文不符。' },
  }),
  maddr: declareField('igmp.maddr', 'Multicast Address', 'ipv4', {
    explain: { en: 'The multicast group concerned; 0.0.0.0 in a general query (asks about all groups).', zh: '相关的组播组；通用查询中为 0.0.0.0（询问所有组）。' },
  }),
  s: declareField('igmp.s', 'S', 'bool', {
    bitmask: 0x08, trueFalse: ['SUPPRESS router side processing', 'Do not suppress router side processing'],
    explain: { en: 'Tells other routers not to update their timers on this query.', zh: '告诉其他路由器不要因该查询更新计时器。' },
  }),
  qrv: declareField('igmp.qrv', 'QRV', 'uint8', {
    bitmask: 0x07,
    explain: { en: 'Querier\'s robustness variable: how many times messages are repeated.', zh: '查询者健壮性变量：报文重复发送的次数。' },
  }),
  qqic: declareField('igmp.qqic', 'QQIC', 'uint8', {
    explain: { en: 'Querier\'s query interval code: seconds between general queries.', zh: '查询者查询间隔代码：通用查询之间的秒数。' },
  }),
  numSrc: declareField('igmp.num_src', 'Num Src', 'uint16', {
    explain: { en: 'Number of source addresses that follow.', zh: '后面的源地址数量。' },
  }),
  saddr: declareField('igmp.saddr', 'Source Address', 'ipv4', {
    explain: { en: 'A sender the host does (or does not) want to receive the group from (source-specific multicast).', zh: '主机希望（或不希望）从其接收该组流量的发送方（特定源组播）。' },
  }),
  numGroupRecords: declareField('igmp.num_grp_recs', 'Num Group Records', 'uint16', {
    explain: { en: 'How many group records the v3 report holds.', zh: 'v3 报告中包含的组记录数。' },
  }),
  recordType: declareField('igmp.record_type', 'Record Type', 'uint8', {
    values: recordTypeNames,
    explain: { en: '1/2 current mode include/exclude, 3/4 change of mode (4 with no sources = join, 3 with none = leave), 5/6 allow/block sources.', zh: '1/2 为当前模式包含/排除，3/4 为模式变化（4 且无源即加入，3 且无源即离开），5/6 为允许/阻止源。' },
  }),
  auxDataLen: declareField('igmp.aux_data_len', 'Aux Data Len', 'uint8', {
    explain: { en: 'Length of auxiliary data in 32-bit words (normally 0).', zh: '辅助数据长度，以 32 位字计（通常为 0）。' },
  }),
  auxData: declareField('igmp.aux_data', 'Aux Data', 'bytes', {
    explain: { en: 'Auxiliary data of a group record.', zh: '组记录的辅助数据。' },
  }),
};

/** The version Wireshark infers: queries by length and max-response time, reports by type. */
function igmpVersion(type: number, length: number, maxResponse: number): number {
  switch (type) {
    case 0x11: return length >= 12 ? 3 : maxResponse === 0 ? 1 : 2;
    case 0x12: return 1;
    case 0x16: case 0x17: return 2;
    case 0x22: return 3;
    default: return 0;
  }
}

function maxResponseLabel(code: number, version: number): string {
  const tenths = version === 3 && code >= 128 ? ((code & 0x0f) | 0x10) << (((code >> 4) & 0x07) + 3) : code;
  return `Max Resp Time: ${(tenths / 10).toFixed(1)} sec (${hex(code, 2)})`;
}

/** "{10.0.0.1, 10.0.0.2}" from `count` IPv4 addresses at `offset`. */
function sourceList(data: Uint8Array, offset: number, count: number): string {
  const addresses: string[] = [];
  for (let index = 0; index < count; index++) addresses.push(ipv4ToString(u32(data, offset + index * 4)));
  return `{${addresses.join(', ')}}`;
}

export function dissectIgmp(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const { sink, columns } = ctx;
  columns?.setProtocol('IGMP');
  columns?.setInfo('');
  need(data, offset, 2, end, 'igmp');
  const type = data[offset];
  const maxResponse = data[offset + 1];
  const length = end - offset;
  const version = igmpVersion(type, length, maxResponse);
  const depth = sink.depth;
  sink.open(igmp, offset, Math.min(end, data.length) - offset);
  if (version === 0) {
    columns?.setInfo(`Unknown Type:${hex(type, 2)}`);
    sink.add(hf.type, offset, 1, type);
    sink.unwindTo(depth);
    dissectData(ctx, data, offset + 1, end);
    return;
  }
  columns?.setProtocol(`IGMPv${version}`);
  sink.add(hf.version, offset, 0, version, sink.detailed ? `[IGMP Version: ${version}]` : undefined);
  sink.add(hf.type, offset, 1, type);
  if (version === 1 || type === 0x22) sink.add(hf.reserved, offset + 1, 1);
  else sink.add(hf.maxResp, offset + 1, 1, maxResponse, sink.detailed ? maxResponseLabel(maxResponse, version) : undefined);
  need(data, offset + 2, 2, end, 'igmp');
  const stored = u16(data, offset + 2);
  if (end <= data.length) {
    addVerifiedChecksum(ctx, hf, stored, offset + 2, internetChecksum(data, offset, length));
  } else {
    sink.add(hf.checksum, offset + 2, 2, stored);
    sink.add(hf.checksumStatus, offset + 2, 0, ChecksumStatus.Unverified);
  }
  if (type === 0x22) dissectReport(ctx, data, offset, end);
  else if (version === 3) dissectQueryV3(ctx, data, offset, end);
  else dissectGroupMessage(ctx, data, offset, end, type, version);
  sink.unwindTo(depth);
}

/** v1 and v2 messages: just the group address. */
function dissectGroupMessage(ctx: PacketContext, data: Uint8Array, offset: number, end: number, type: number, version: number): void {
  // Wireshark names the message before reading the group, so a cut message keeps that much.
  ctx.columns?.setInfo(typeNames[type]);
  need(data, offset + 4, 4, end, 'igmp');
  const group = u32(data, offset + 4);
  ctx.sink.add(hf.maddr, offset + 4, 4, group);
  const text = ipv4ToString(group);
  let info = typeNames[type];
  if (type === 0x11 && version === 2) info += group === 0 ? ', general' : `, specific for group ${text}`;
  else if (type === 0x16 || type === 0x17) info += ` ${type === 0x16 ? 'group ' : ''}${text}`;
  ctx.columns?.setInfo(info);
}

function dissectQueryV3(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const sink = ctx.sink;
  need(data, offset + 4, 8, end, 'igmp');
  const group = u32(data, offset + 4);
  sink.add(hf.maddr, offset + 4, 4, group);
  const flags = data[offset + 8];
  sink.add(hf.s, offset + 8, 1, (flags & 0x08) !== 0);
  sink.add(hf.qrv, offset + 8, 1, flags & 0x07);
  sink.add(hf.qqic, offset + 9, 1, data[offset + 9]);
  const count = u16(data, offset + 10);
  sink.add(hf.numSrc, offset + 10, 2, count);
  need(data, offset + 12, count * 4, end, 'igmp');
  for (let index = 0; index < count; index++) sink.add(hf.saddr, offset + 12 + index * 4, 4, u32(data, offset + 12 + index * 4));
  let info = group === 0 ? 'Membership Query, general' : `Membership Query, specific for group ${ipv4ToString(group)}`;
  if (count > 0) info += `, source${count === 1 ? '' : 's'} ${sourceList(data, offset + 12, count)}`;
  ctx.columns?.setInfo(info);
}

function dissectReport(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const sink = ctx.sink;
  need(data, offset + 4, 4, end, 'igmp');
  sink.add(hf.reserved, offset + 4, 2);
  const records = u16(data, offset + 6);
  sink.add(hf.numGroupRecords, offset + 6, 2, records);
  let info = 'Membership Report';
  let cursor = offset + 8;
  for (let index = 0; index < records; index++) {
    need(data, cursor, 8, end, 'igmp');
    const recordType = data[cursor];
    const auxLength = data[cursor + 1] * 4;
    const count = u16(data, cursor + 2);
    const group = ipv4ToString(u32(data, cursor + 4));
    const recordLength = 8 + count * 4 + auxLength;
    need(data, cursor, recordLength, end, 'igmp');
    sink.openText(`Group Record : ${group}  ${recordTypeNames[recordType] ?? 'Unknown'}`, cursor, recordLength);
    sink.add(hf.recordType, cursor, 1, recordType);
    sink.add(hf.auxDataLen, cursor + 1, 1, data[cursor + 1]);
    sink.add(hf.numSrc, cursor + 2, 2, count);
    sink.add(hf.maddr, cursor + 4, 4, u32(data, cursor + 4));
    for (let source = 0; source < count; source++) sink.add(hf.saddr, cursor + 8 + source * 4, 4, u32(data, cursor + 8 + source * 4));
    if (auxLength > 0) sink.add(hf.auxData, cursor + 8 + count * 4, auxLength);
    sink.close();
    info += ` / ${recordSummary(recordType, group, count, sourceList(data, cursor + 8, count))}`;
    cursor += recordLength;
  }
  ctx.columns?.setInfo(info);
}

/** One record's part of the Info column, as packet-igmp.c words it. */
function recordSummary(recordType: number, group: string, count: number, sources: string): string {
  switch (recordType) {
    case 1: case 3:
      if (count === 0) return `Leave group ${group}`;
      return count === 1 ? `Join group ${group} for source ${sources}` : `Join group ${group} for sources in ${sources}`;
    case 2: case 4:
      if (count === 0) return `Join group ${group} for any sources`;
      return count === 1 ? `Join group ${group}, for source not ${sources}` : `Join group ${group}, for sources not in ${sources}`;
    case 5:
      return `Group ${group}, new source${count === 1 ? '' : 's'} ${sources}`;
    case 6:
      return `Group ${group}, block source${count === 1 ? '' : 's'} ${sources}`;
    default:
      return `Group ${group}, unknown record type (?)`;
  }
}

export function handoff(tables: DissectorTables): void {
  tables.ipProtocol.add(2, dissectIgmp);
}
