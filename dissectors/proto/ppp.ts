import { declareField, declareProtocol, hex, need, u16, type DissectorTables, type PacketContext } from '../core/index.js';
import { dissectData } from './data.js';
import { pppProtocolNames } from './names/ppp.js';

/**
 * PPP framing as captured on link types 9 (PPP) and 50 (PPP in HDLC-like framing, RFC 1662):
 * an optional address/control pair (0xff 0x03), then the protocol number (one byte when the
 * sender compresses it, RFC 1661 §6.5), then the packet. Network protocols register on
 * `pppProtocol` (0x0021 IPv4, 0x0057 IPv6).
 */
export const ppp = declareProtocol('ppp', 'Point-to-Point Protocol', 'PPP', {
  en: 'The link layer of dial-up, DSL (PPPoE) and some VPN links: a tiny header naming the protocol of the packet inside.',
  zh: '拨号、DSL（PPPoE）和部分 VPN 链路的链路层：一个很小的头部，标明内部数据包的协议。',
});

const hf = {
  address: declareField('ppp.address', 'Address', 'uint8', {
    base: 'hex',
    explain: { en: 'Always 0xff ("all stations") in PPP; a leftover of HDLC framing.', zh: 'PPP 中总是 0xff（"所有站点"），是 HDLC 帧格式的遗留。' },
  }),
  control: declareField('ppp.control', 'Control', 'uint8', {
    base: 'hex',
    explain: { en: 'Always 0x03 (unnumbered information) in PPP.', zh: 'PPP 中总是 0x03（无编号信息）。' },
  }),
  protocol: declareField('ppp.protocol', 'Protocol', 'uint16', {
    base: 'hex', values: pppProtocolNames,
    explain: { en: 'What the packet carries: 0x0021 IPv4, 0x0057 IPv6, 0xc021 LCP (link setup), 0x8021 IPCP (address setup).', zh: '所承载的内容：0x0021 为 IPv4，0x0057 为 IPv6，0xc021 为 LCP（链路建立），0x8021 为 IPCP（地址协商）。' },
  }),
};

export function dissectPpp(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const { sink, columns } = ctx;
  columns?.setProtocol('PPP');
  columns?.setInfo('');
  need(data, offset, 1, end, 'ppp');
  const depth = sink.depth;
  sink.open(ppp, offset, 0);
  let cursor = offset;
  if (data[cursor] === 0xff) {
    need(data, cursor, 2, end, 'ppp');
    sink.add(hf.address, cursor, 1, 0xff);
    sink.add(hf.control, cursor + 1, 1, data[cursor + 1]);
    cursor += 2;
  }
  need(data, cursor, 1, end, 'ppp');
  let protocol: number;
  if (data[cursor] & 1) {
    protocol = data[cursor];
    sink.add(hf.protocol, cursor, 1, protocol);
    cursor += 1;
  } else {
    need(data, cursor, 2, end, 'ppp');
    protocol = u16(data, cursor);
    sink.add(hf.protocol, cursor, 2, protocol);
    cursor += 2;
  }
  sink.close(cursor - offset);
  sink.unwindTo(depth);
  const next = ctx.tables.pppProtocol.get(protocol);
  if (next !== undefined) {
    next(ctx, data, cursor, end);
    return;
  }
  // Protocols PacketLens does not decode (LCP, IPCP, …) are labelled by number, as Wireshark labels unknown ones.
  columns?.setProtocol(hex(protocol, 4));
  columns?.setInfo(`PPP ${pppProtocolNames[protocol] ?? 'Unknown'} (${hex(protocol, 4)})`);
  dissectData(ctx, data, cursor, end);
}

export function handoff(tables: DissectorTables): void {
  tables.linkType.add(9, dissectPpp);
  tables.linkType.add(50, dissectPpp);
}
