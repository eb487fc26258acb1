import { declareField, declareProtocol, need, u32, u32le, type DissectorTables, type PacketContext } from '../core/index.js';
import { dissectData } from './data.js';
import { dissectEtherType } from './eth.js';

/**
 * BSD loopback: a 4-byte address family before the packet. Link type 0 (NULL) writes it in
 * the capturing host's byte order; link type 108 (LOOP, OpenBSD) always big-endian.
 */
export const nullProtocol = declareProtocol('null', 'Null/Loopback', 'NULL', {
  en: 'The header BSD and macOS loopback captures put before each packet: just the address family (2 IPv4, 24/28/30 IPv6).',
  zh: 'BSD 和 macOS 回环抓包在每个包前加的头部：只有地址族（2 为 IPv4，24/28/30 为 IPv6）。',
});

const familyNames: Readonly<Record<number, string>> = { 2: 'IP', 7: 'OSI', 16: 'Appletalk', 23: 'Netware IPX/SPX', 24: 'IPv6', 28: 'IPv6', 30: 'IPv6' };

const hf = {
  family: declareField('null.family', 'Family', 'uint32', {
    values: familyNames,
    explain: { en: 'The socket address family of the payload: 2 is IPv4; IPv6 is 24 (NetBSD/OpenBSD), 28 (FreeBSD) or 30 (macOS).', zh: '载荷的套接字地址族：2 为 IPv4；IPv6 为 24（NetBSD/OpenBSD）、28（FreeBSD）或 30（macOS）。' },
  }),
};

/** What Wireshark's columns say until the payload's dissector overwrites them. */
function setColumns(ctx: PacketContext): void {
  ctx.columns?.setProtocol('N/A');
  ctx.columns?.setInfo('Null/Loopback');
}

function dissectFamily(ctx: PacketContext, family: number, data: Uint8Array, offset: number, end: number): void {
  const sink = ctx.sink;
  const depth = sink.depth;
  sink.open(nullProtocol, offset, 4);
  sink.add(hf.family, offset, 4, family);
  sink.unwindTo(depth);
  if (family === 2) dissectEtherType(ctx, 0x0800, data, offset + 4, end);
  else if (family === 24 || family === 28 || family === 30) dissectEtherType(ctx, 0x86dd, data, offset + 4, end);
  else dissectData(ctx, data, offset + 4, end);
}

/** Link type 0: the family is in host byte order, so a value with high bits set was little-endian. */
export function dissectNull(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  setColumns(ctx);
  need(data, offset, 4, end, 'null');
  const bigEndian = u32(data, offset);
  dissectFamily(ctx, (bigEndian & 0xffff0000) !== 0 ? u32le(data, offset) : bigEndian, data, offset, end);
}

/** Link type 108 (LOOP): always network byte order. */
export function dissectLoop(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  setColumns(ctx);
  need(data, offset, 4, end, 'null');
  dissectFamily(ctx, u32(data, offset), data, offset, end);
}

export function handoff(tables: DissectorTables): void {
  tables.linkType.add(0, dissectNull);
  tables.linkType.add(108, dissectLoop);
}
