/**
 * Wireshark 4.0's default colouring rules (its `colorfilters` file), in its order: PacketRow's
 * `colorRule` is an index into this list. Colours are Wireshark's 16-bit RGB triples, written
 * as the file writes them ([background][foreground]). Shared by the engine, which evaluates the
 * filters for rows on screen, and the renderer, which paints them.
 */
export type Rgb16 = readonly [number, number, number];

export interface ColoringRule {
  readonly name: string;
  readonly filter: string;
  readonly background: Rgb16;
  readonly foreground: Rgb16;
}

const dark: Rgb16 = [4718, 10030, 11796];
const paleYellow: Rgb16 = [65535, 64764, 40092];
const redText: Rgb16 = [63479, 34695, 34695];
const darkRed: Rgb16 = [42148, 0, 0];

export const defaultColoringRules: readonly ColoringRule[] = [
  { name: 'Bad TCP', filter: 'tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack', background: dark, foreground: redText },
  { name: 'HSRP State Change', filter: 'hsrp.state != 8 && hsrp.state != 16', background: dark, foreground: paleYellow },
  { name: 'Spanning Tree Topology  Change', filter: 'stp.type == 0x80', background: dark, foreground: paleYellow },
  { name: 'OSPF State Change', filter: 'ospf.msg != 1', background: dark, foreground: paleYellow },
  { name: 'ICMP errors', filter: 'icmp.type in { 3..5, 11 } || icmpv6.type in { 1..4 }', background: dark, foreground: [47031, 63479, 29812] },
  { name: 'ARP', filter: 'arp', background: [64250, 61680, 55255], foreground: dark },
  { name: 'ICMP', filter: 'icmp || icmpv6', background: [64764, 57568, 65535], foreground: dark },
  { name: 'TCP RST', filter: 'tcp.flags.reset eq 1', background: darkRed, foreground: paleYellow },
  { name: 'SCTP ABORT', filter: 'sctp.chunk_type eq ABORT', background: darkRed, foreground: paleYellow },
  { name: 'TTL low or unexpected', filter: '(ip.dst != 224.0.0.0/4 && ip.ttl < 5 && !pim && !ospf) || (ip.dst == 224.0.0.0/24 && ip.dst != 224.0.0.251 && ip.ttl != 1 && !(vrrp || carp))', background: darkRed, foreground: [60652, 61680, 60395] },
  { name: 'Checksum Errors', filter: 'eth.fcs.status=="Bad" || ip.checksum.status=="Bad" || tcp.checksum.status=="Bad" || udp.checksum.status=="Bad" || sctp.checksum.status=="Bad" || mstp.checksum.status=="Bad" || cdp.checksum.status=="Bad" || edp.checksum.status=="Bad" || wlan.fcs.status=="Bad" || stt.checksum.status=="Bad"', background: dark, foreground: redText },
  { name: 'SMB', filter: 'smb || nbss || nbns || netbios', background: [65278, 65535, 53456], foreground: dark },
  { name: 'HTTP', filter: 'http || tcp.port == 80 || http2', background: [58596, 65535, 51143], foreground: dark },
  { name: 'DCERPC', filter: 'dcerpc', background: [51199, 38706, 65533], foreground: dark },
  { name: 'Routing', filter: 'hsrp || eigrp || ospf || bgp || cdp || vrrp || carp || gvrp || igmp || ismp', background: [65534, 62325, 54808], foreground: dark },
  { name: 'TCP SYN/FIN', filter: 'tcp.flags & 0x02 || tcp.flags.fin == 1', background: [41026, 41026, 41026], foreground: dark },
  { name: 'TCP', filter: 'tcp', background: [59345, 58980, 65535], foreground: dark },
  { name: 'UDP', filter: 'udp', background: [56026, 61166, 65535], foreground: dark },
  { name: 'Broadcast', filter: 'eth[0] & 1', background: [65535, 65535, 65535], foreground: [47802, 48573, 46774] },
  { name: 'System Event', filter: 'systemd_journal || sysdig', background: [59110, 59110, 59110], foreground: [11565, 28527, 39578] },
];
