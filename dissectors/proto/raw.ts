import { declareProtocol, need, type DissectorTables, type PacketContext } from '../core/index.js';
import { dissectData } from './data.js';
import { dissectEtherType } from './eth.js';

/**
 * Raw IP link types: the packet starts directly with an IP header. LINKTYPE_RAW (101, and
 * DLT_RAW 12/14 as Linux writes them) may hold IPv4 or IPv6, told apart by the version
 * nibble, and Wireshark shows a "Raw packet data" line first; LINKTYPE_IPV4 (228) and
 * LINKTYPE_IPV6 (229) fix the version and show no such line.
 */
export const raw = declareProtocol('raw', 'Raw packet data', 'Raw', {
  en: 'The capture has no link-layer header: each packet begins with its IP header (tunnels, VPN interfaces).',
  zh: '抓包没有链路层头部：每个包直接以 IP 头部开始（隧道、VPN 接口）。',
});

export function dissectRaw(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  // What Wireshark's columns say until an IP layer overwrites them.
  ctx.columns?.setProtocol('N/A');
  ctx.columns?.setInfo('Raw packet data');
  ctx.sink.open(raw, offset, Math.min(end, data.length) - offset);
  ctx.sink.close();
  need(data, offset, 1, end, 'raw');
  const version = data[offset] >> 4;
  if (version === 4) dissectEtherType(ctx, 0x0800, data, offset, end);
  else if (version === 6) dissectEtherType(ctx, 0x86dd, data, offset, end);
  else dissectData(ctx, data, offset, end);
}

export function handoff(tables: DissectorTables): void {
  for (const linkType of [101, 12, 14]) tables.linkType.add(linkType, dissectRaw);
  tables.linkType.add(228, (ctx, data, offset, end) => dissectEtherType(ctx, 0x0800, data, offset, end));
  tables.linkType.add(229, (ctx, data, offset, end) => dissectEtherType(ctx, 0x86dd, data, offset, end));
}
