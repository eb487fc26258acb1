import {
  declareField, declareProtocol, latin1, need, u16, u16le, u32, type DissectorTables, type PacketContext,
} from '../core/index.js';
import { dissectData } from './data.js';
import { dissectEtherType } from './eth.js';
import { etherTypeNames } from './names/ethertypes.js';

/**
 * Linux Netfilter NFLOG (link type 239): packets logged by an iptables/nftables NFLOG rule. A
 * 4-byte header (address family, version, log group) and netlink-style TLVs, one of which holds
 * the logged packet. TLV lengths and types are in the capturing host's byte order; the values
 * inside them are big-endian (the kernel's nfulnl_msg_* structures).
 */
export const nflog = declareProtocol('nflog', 'Linux Netfilter NFLOG', 'NFLOG', {
  en: 'A packet copied to user space by a Linux firewall NFLOG rule, with what the kernel knew about it: interfaces, hook, time, and the packet itself.',
  zh: 'Linux 防火墙 NFLOG 规则复制到用户空间的数据包，附带内核所知的信息：接口、钩子、时间以及数据包本身。',
});

const familyNames: Readonly<Record<number, string>> = { 0: 'Unspecified', 1: 'Local', 2: 'IPv4', 7: 'Bridge', 10: 'IPv6' };

const tlvTypeNames: Readonly<Record<number, string>> = {
  0: 'NFULA_UNSPEC', 1: 'NFULA_PACKET_HDR', 2: 'NFULA_MARK', 3: 'NFULA_TIMESTAMP', 4: 'NFULA_IFINDEX_INDEV',
  5: 'NFULA_IFINDEX_OUTDEV', 6: 'NFULA_IFINDEX_PHYSINDEV', 7: 'NFULA_IFINDEX_PHYSOUTDEV', 8: 'NFULA_HWADDR',
  9: 'NFULA_PAYLOAD', 10: 'NFULA_PREFIX', 11: 'NFULA_UID', 12: 'NFULA_SEQ', 13: 'NFULA_SEQ_GLOBAL', 14: 'NFULA_GID',
  15: 'NFULA_HWTYPE', 16: 'NFULA_HWHEADER', 17: 'NFULA_HWLEN', 18: 'NFULA_CT', 19: 'NFULA_CT_INFO',
};

const hookNames: Readonly<Record<number, string>> = { 0: 'Pre-routing', 1: 'Local in', 2: 'Forward', 3: 'Local out', 4: 'Post-routing' };

const hf = {
  family: declareField('nflog.family', 'Family', 'uint8', {
    values: familyNames,
    explain: { en: 'Address family of the logged packet: 2 IPv4, 10 IPv6, 7 bridge.', zh: '被记录数据包的地址族：2 为 IPv4，10 为 IPv6，7 为网桥。' },
  }),
  version: declareField('nflog.version', 'Version', 'uint8', {
    explain: { en: 'NFLOG header version; 0.', zh: 'NFLOG 头部版本；为 0。' },
  }),
  resourceId: declareField('nflog.res_id', 'Resource id', 'uint16', {
    explain: { en: 'The NFLOG group the rule logged to (the --nflog-group number).', zh: '规则记录到的 NFLOG 组（--nflog-group 的编号）。' },
  }),
  tlv: declareField('nflog.tlv', 'TLV', 'bytes', {
    explain: { en: 'One attribute: 2-byte length, 2-byte type, value; attributes start on 4-byte boundaries.', zh: '一个属性：2 字节长度、2 字节类型、值；每个属性从 4 字节边界开始。' },
  }),
  tlvLength: declareField('nflog.tlv_length', 'Length', 'uint16', {
    explain: { en: 'Length of the attribute including its 4-byte header, without the alignment padding.', zh: '属性长度，含 4 字节头部，不含对齐填充。' },
  }),
  tlvType: declareField('nflog.tlv_type', 'Type', 'uint16', {
    bitmask: 0x7fff, values: tlvTypeNames,
    explain: { en: 'What the attribute holds: 1 packet header, 3 timestamp, 4 input interface, 9 the packet, 10 the log prefix.', zh: '属性内容：1 为包头，3 为时间戳，4 为入接口，9 为数据包本身，10 为日志前缀。' },
  }),
  hwProtocol: declareField('nflog.protocol', 'HW protocol', 'uint16', {
    base: 'hex', values: etherTypeNames,
    explain: { en: 'The packet\'s link-layer protocol as an ethertype (0x0800 IPv4).', zh: '数据包的链路层协议，以以太类型表示（0x0800 为 IPv4）。' },
  }),
  hook: declareField('nflog.hook', 'Netfilter hook', 'uint8', {
    values: hookNames,
    explain: { en: 'Where in the kernel\'s path the packet was logged: 0 prerouting, 1 input, 2 forward, 3 output, 4 postrouting.', zh: '数据包在内核路径中被记录的位置：0 路由前，1 入站，2 转发，3 出站，4 路由后。' },
  }),
  prefix: declareField('nflog.prefix', 'Prefix', 'string', {
    explain: { en: 'The text the rule attached to its log entries (--nflog-prefix).', zh: '规则附加在日志条目上的文本（--nflog-prefix）。' },
  }),
  ifindexIndev: declareField('nflog.ifindex_indev', 'IFINDEX_INDEV', 'uint32', {
    explain: { en: 'Kernel index of the interface the packet came in on (see `ip link`).', zh: '数据包进入的接口在内核中的编号（见 `ip link`）。' },
  }),
  ifindexOutdev: declareField('nflog.ifindex_outdev', 'IFINDEX_OUTDEV', 'uint32', {
    explain: { en: 'Kernel index of the interface the packet goes out on.', zh: '数据包发出的接口在内核中的编号。' },
  }),
  ifindexPhysindev: declareField('nflog.ifindex_physindev', 'IFINDEX_PHYSINDEV', 'uint32', {
    explain: { en: 'Physical input interface index (bridge ports).', zh: '物理入接口编号（网桥端口）。' },
  }),
  ifindexPhysoutdev: declareField('nflog.ifindex_physoutdev', 'IFINDEX_PHYSOUTDEV', 'uint32', {
    explain: { en: 'Physical output interface index (bridge ports).', zh: '物理出接口编号（网桥端口）。' },
  }),
  timestamp: declareField('nflog.timestamp', 'Timestamp', 'abs_time', {
    explain: { en: 'When the kernel logged the packet.', zh: '内核记录该数据包的时间。' },
  }),
  value: declareField('nflog.tlv_value', 'Value', 'bytes', {
    explain: { en: 'The value of an attribute not decoded field by field.', zh: '未逐字段解码的属性值。' },
  }),
};

const payloadType = 9;
const interfaceFields: Readonly<Record<number, typeof hf.ifindexIndev>> = {
  4: hf.ifindexIndev, 5: hf.ifindexOutdev, 6: hf.ifindexPhysindev, 7: hf.ifindexPhysoutdev,
};

/**
 * The TLVs are in host byte order. A little-endian first length that fits the packet means a
 * little-endian host (every NFLOG capture seen so far); otherwise read big-endian.
 */
function littleEndianTlvs(data: Uint8Array, offset: number, end: number): boolean {
  if (offset + 2 > Math.min(end, data.length)) return true;
  const length = u16le(data, offset);
  return length >= 4 && offset + length <= end;
}

export function dissectNflog(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const sink = ctx.sink;
  ctx.columns?.setProtocol('NFLOG');
  ctx.columns?.setInfo('');
  need(data, offset, 4, end, 'nflog');
  const family = data[offset];
  const depth = sink.depth;
  sink.open(nflog, offset, Math.min(end, data.length) - offset);
  sink.add(hf.family, offset, 1, family);
  sink.add(hf.version, offset + 1, 1, data[offset + 1]);
  sink.add(hf.resourceId, offset + 2, 2, u16(data, offset + 2));
  const little = littleEndianTlvs(data, offset + 4, end);
  let payload: { offset: number; end: number } | null = null;
  for (let cursor = offset + 4; cursor + 4 <= end;) {
    need(data, cursor, 4, end, 'nflog');
    const length = little ? u16le(data, cursor) : u16(data, cursor);
    const type = (little ? u16le(data, cursor + 2) : u16(data, cursor + 2)) & 0x7fff;
    if (length < 4) break;
    const label = sink.detailed ? `TLV Type: ${tlvTypeNames[type] ?? 'Unknown'} (${type}), Length: ${length}` : undefined;
    sink.open(hf.tlv, cursor, Math.min(length, end - cursor), undefined, label);
    sink.add(hf.tlvLength, cursor, 2, length);
    sink.add(hf.tlvType, cursor + 2, 2, type);
    const valueOffset = cursor + 4;
    const valueEnd = Math.min(cursor + length, end);
    if (type === payloadType) payload = { offset: valueOffset, end: valueEnd };
    else addValue(ctx, type, data, valueOffset, valueEnd);
    sink.close();
    cursor += (length + 3) & ~3;
  }
  sink.unwindTo(depth);
  if (payload === null) return;
  if (family === 2) dissectEtherType(ctx, 0x0800, data, payload.offset, payload.end);
  else if (family === 10) dissectEtherType(ctx, 0x86dd, data, payload.offset, payload.end);
  else dissectData(ctx, data, payload.offset, payload.end);
}

function addValue(ctx: PacketContext, type: number, data: Uint8Array, offset: number, end: number): void {
  const sink = ctx.sink;
  const length = end - offset;
  if (type === 1 && length >= 3) {
    need(data, offset, 3, end, 'nflog');
    sink.add(hf.hwProtocol, offset, 2, u16(data, offset));
    sink.add(hf.hook, offset + 2, 1, data[offset + 2]);
  } else if (type === 10) {
    need(data, offset, length, end, 'nflog');
    if (sink.wants(hf.prefix)) {
      const terminator = data.subarray(offset, end).indexOf(0);
      sink.add(hf.prefix, offset, length, latin1(data, offset, terminator < 0 ? length : terminator));
    }
  } else if (interfaceFields[type] !== undefined && length === 4) {
    need(data, offset, 4, end, 'nflog');
    sink.add(interfaceFields[type], offset, 4, u32(data, offset));
  } else if (type === 3 && length === 16) {
    need(data, offset, 16, end, 'nflog');
    // struct nfulnl_msg_packet_timestamp: 64-bit seconds and microseconds, big-endian.
    const seconds = (BigInt(u32(data, offset)) << 32n) | BigInt(u32(data, offset + 4));
    const microseconds = (BigInt(u32(data, offset + 8)) << 32n) | BigInt(u32(data, offset + 12));
    sink.add(hf.timestamp, offset, 16, seconds * 1_000_000_000n + microseconds * 1000n);
  } else if (length > 0) {
    sink.add(hf.value, offset, Math.min(end, data.length) - offset);
  }
}

export function handoff(tables: DissectorTables): void {
  tables.linkType.add(239, dissectNflog);
}
