import { etherToString, ipv4ToString, ipv6ToString } from '../core/format.js';
import { line, type Bilingual } from './text.js';

/**
 * How to read an address: IPv4 class and special ranges (RFC 791 classes, RFC 1918, RFC 1122,
 * RFC 3927, RFC 5771, RFC 6598), subnet arithmetic when the prefix is known, IPv6 scopes
 * (RFC 4291, RFC 4193) and MAC address bits (IEEE 802: I/G and U/L).
 */

export type Ipv4Class = 'A' | 'B' | 'C' | 'D' | 'E';

/** The historic class from the leading bits: 0 A, 10 B, 110 C, 1110 D (multicast), 1111 E. */
export function ipv4Class(address: number): Ipv4Class {
  const first = address >>> 24;
  if (first < 128) return 'A';
  if (first < 192) return 'B';
  if (first < 224) return 'C';
  if (first < 240) return 'D';
  return 'E';
}

/** The netmask of a prefix length as an unsigned 32-bit number (/24 → 0xffffff00). */
export function prefixToNetmask(prefixLength: number): number {
  return prefixLength <= 0 ? 0 : (0xffffffff << (32 - Math.min(prefixLength, 32))) >>> 0;
}

/** The prefix length of a contiguous netmask (0xffffff00 → 24), or -1 when the ones are not contiguous. */
export function netmaskToPrefix(netmask: number): number {
  const mask = netmask >>> 0;
  const ones = Math.clz32(~mask >>> 0);
  return prefixToNetmask(ones) === mask ? ones : -1;
}

export interface Ipv4Subnet {
  readonly prefixLength: number;
  readonly netmask: number;
  readonly network: number;
  readonly broadcast: number;
  /** Addresses usable by hosts: all but the network and broadcast addresses (/31 and /32 excepted, RFC 3021). */
  readonly hosts: number;
}

export function ipv4Subnet(address: number, prefixLength: number): Ipv4Subnet {
  const netmask = prefixToNetmask(prefixLength);
  const network = (address & netmask) >>> 0;
  const broadcast = (network | ~netmask) >>> 0;
  const size = 2 ** (32 - prefixLength);
  return { prefixLength, netmask, network, broadcast, hosts: prefixLength >= 31 ? size : size - 2 };
}

interface Ipv4Range {
  readonly network: number;
  readonly prefixLength: number;
  readonly text: Bilingual;
}

const ipv4 = (a: number, b: number, c: number, d: number) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;

/** Special ranges, most specific first: the first range containing an address describes it. */
const ipv4Ranges: readonly Ipv4Range[] = [
  { network: 0, prefixLength: 32, text: line('0.0.0.0 is the unspecified address: "no address yet" (a DHCP client\'s source before it has one) or, in a server, "every local address".', '0.0.0.0 为未指定地址：表示"还没有地址"（DHCP 客户端获得地址前用作源地址），在服务器上表示"本机所有地址"。') },
  { network: 0xffffffff, prefixLength: 32, text: line('255.255.255.255 is the limited broadcast address: every host on this local network receives it, and routers never forward it.', '255.255.255.255 为受限广播地址：本地网络上的所有主机都会收到，路由器从不转发。') },
  { network: 0, prefixLength: 8, text: line('0.0.0.0/8 means "this network"; it is only valid as a source while a host learns its address.', '0.0.0.0/8 表示"本网络"，仅在主机获取地址期间可作为源地址。') },
  { network: ipv4(10, 0, 0, 0), prefixLength: 8, text: line('10.0.0.0/8 is a private range (RFC 1918): used inside homes and companies, never routed on the Internet, so NAT translates it at the border.', '10.0.0.0/8 为私有地址段（RFC 1918）：用于家庭和企业内部，不在互联网上路由，出口处由 NAT 转换。') },
  { network: ipv4(100, 64, 0, 0), prefixLength: 10, text: line('100.64.0.0/10 is shared address space for carrier-grade NAT (RFC 6598): your ISP translates it again.', '100.64.0.0/10 为运营商级 NAT 的共享地址空间（RFC 6598）：运营商会再做一次地址转换。') },
  { network: ipv4(127, 0, 0, 0), prefixLength: 8, text: line('127.0.0.0/8 is loopback: the packet never leaves this host (127.0.0.1 is "localhost").', '127.0.0.0/8 为环回地址：数据包不会离开本机（127.0.0.1 即 localhost）。') },
  { network: ipv4(169, 254, 0, 0), prefixLength: 16, text: line('169.254.0.0/16 is link-local (RFC 3927): a host picks one itself when no DHCP server answered; it works only on the local link.', '169.254.0.0/16 为链路本地地址（RFC 3927）：没有 DHCP 服务器应答时主机自行选取，只在本链路内有效。') },
  { network: ipv4(172, 16, 0, 0), prefixLength: 12, text: line('172.16.0.0/12 (172.16.x.x–172.31.x.x) is a private range (RFC 1918), not routed on the Internet.', '172.16.0.0/12（172.16.x.x–172.31.x.x）为私有地址段（RFC 1918），不在互联网上路由。') },
  { network: ipv4(192, 0, 2, 0), prefixLength: 24, text: line('192.0.2.0/24 is reserved for documentation and examples (RFC 5737).', '192.0.2.0/24 保留用于文档和示例（RFC 5737）。') },
  { network: ipv4(192, 168, 0, 0), prefixLength: 16, text: line('192.168.0.0/16 is a private range (RFC 1918), typical of home networks; not routed on the Internet.', '192.168.0.0/16 为私有地址段（RFC 1918），家庭网络常用；不在互联网上路由。') },
  { network: ipv4(198, 18, 0, 0), prefixLength: 15, text: line('198.18.0.0/15 is reserved for network benchmark tests (RFC 2544).', '198.18.0.0/15 保留用于网络性能测试（RFC 2544）。') },
  { network: ipv4(198, 51, 100, 0), prefixLength: 24, text: line('198.51.100.0/24 is reserved for documentation (RFC 5737).', '198.51.100.0/24 保留用于文档（RFC 5737）。') },
  { network: ipv4(203, 0, 113, 0), prefixLength: 24, text: line('203.0.113.0/24 is reserved for documentation (RFC 5737).', '203.0.113.0/24 保留用于文档（RFC 5737）。') },
  { network: ipv4(224, 0, 0, 1), prefixLength: 32, text: line('224.0.0.1 is the all-hosts multicast group: every multicast-capable host on the link.', '224.0.0.1 为"所有主机"组播组：本链路上所有支持组播的主机。') },
  { network: ipv4(224, 0, 0, 2), prefixLength: 32, text: line('224.0.0.2 is the all-routers multicast group.', '224.0.0.2 为"所有路由器"组播组。') },
  { network: ipv4(224, 0, 0, 251), prefixLength: 32, text: line('224.0.0.251 is the multicast DNS (mDNS) group.', '224.0.0.251 为组播 DNS（mDNS）组。') },
  { network: ipv4(224, 0, 0, 0), prefixLength: 24, text: line('224.0.0.0/24 is link-local multicast (local network control): routers never forward it, and its TTL is normally 1.', '224.0.0.0/24 为链路本地组播（本地网络控制块）：路由器不转发，TTL 通常为 1。') },
  { network: ipv4(239, 255, 255, 250), prefixLength: 32, text: line('239.255.255.250 is the SSDP (UPnP discovery) multicast group.', '239.255.255.250 为 SSDP（UPnP 发现）组播组。') },
  { network: ipv4(239, 0, 0, 0), prefixLength: 8, text: line('239.0.0.0/8 is administratively scoped multicast, kept inside an organisation.', '239.0.0.0/8 为管理范围组播，限于组织内部。') },
  { network: ipv4(224, 0, 0, 0), prefixLength: 4, text: line('224.0.0.0/4 is multicast: the packet goes to a group of receivers that joined it, not to one host.', '224.0.0.0/4 为组播地址：数据包发给加入该组的一组接收者，而不是单个主机。') },
  { network: ipv4(240, 0, 0, 0), prefixLength: 4, text: line('240.0.0.0/4 is reserved for future use (class E) and is not used on real networks.', '240.0.0.0/4 保留供将来使用（E 类），实际网络中不使用。') },
];

function inRange(address: number, network: number, prefixLength: number): boolean {
  const mask = prefixToNetmask(prefixLength);
  return ((address & mask) >>> 0) === network;
}

const classLines: Readonly<Record<Ipv4Class, Bilingual>> = {
  A: line('Class A (first byte 0–127, leading bit 0): historically an 8-bit network part, default mask 255.0.0.0 (/8).', 'A 类（首字节 0–127，最高位为 0）：历史上网络号占 8 位，默认掩码 255.0.0.0（/8）。'),
  B: line('Class B (first byte 128–191, leading bits 10): historically a 16-bit network part, default mask 255.255.0.0 (/16).', 'B 类（首字节 128–191，最高两位为 10）：历史上网络号占 16 位，默认掩码 255.255.0.0（/16）。'),
  C: line('Class C (first byte 192–223, leading bits 110): historically a 24-bit network part, default mask 255.255.255.0 (/24).', 'C 类（首字节 192–223，最高三位为 110）：历史上网络号占 24 位，默认掩码 255.255.255.0（/24）。'),
  D: line('Class D (first byte 224–239, leading bits 1110): multicast group addresses.', 'D 类（首字节 224–239，最高四位为 1110）：组播组地址。'),
  E: line('Class E (first byte 240–255, leading bits 1111): reserved.', 'E 类（首字节 240–255，最高四位为 1111）：保留。'),
};

/**
 * Lines that say how to read an IPv4 address: its class, the special range it lies in, and,
 * when `prefixLength` is known (DHCP option 1, a configured /24), its network and broadcast
 * addresses. Classes have not decided network sizes since CIDR (1993); the line says so.
 */
export function explainIpv4Address(address: number, prefixLength?: number): Bilingual[] {
  const lines: Bilingual[] = [];
  const range = ipv4Ranges.find((candidate) => inRange(address, candidate.network, candidate.prefixLength));
  if (range) lines.push(range.text);
  else lines.push(line('A public (globally routable) unicast address.', '公网（全球可路由）单播地址。'));
  const addressClass = ipv4Class(address);
  lines.push(classLines[addressClass]);
  if (prefixLength !== undefined && prefixLength >= 0 && prefixLength <= 32 && addressClass !== 'D' && addressClass !== 'E' && address !== 0xffffffff) {
    lines.push(...explainIpv4InSubnet(address, prefixLength));
  } else if (prefixLength === undefined && addressClass <= 'C') {
    lines.push(line('Since CIDR the network size comes from the subnet mask, not the class; the mask is not in this packet.', '自 CIDR 起网络大小由子网掩码决定而不是由类别决定；本数据包中没有掩码。'));
  }
  return lines;
}

function explainIpv4InSubnet(address: number, prefixLength: number): Bilingual[] {
  const subnet = ipv4Subnet(address, prefixLength);
  const mask = ipv4ToString(subnet.netmask);
  const network = ipv4ToString(subnet.network);
  const broadcast = ipv4ToString(subnet.broadcast);
  const lines = [line(
    `With mask ${mask} (/${prefixLength}): network address ${network}, broadcast address ${broadcast}, ${subnet.hosts} usable host addresses.`,
    `掩码 ${mask}（/${prefixLength}）：网络地址 ${network}，广播地址 ${broadcast}，可用主机地址 ${subnet.hosts} 个。`,
  )];
  if (prefixLength <= 30 && address === subnet.network) {
    lines.push(line('This is the network address itself (host part all zeros): it names the subnet, not a host.', '这就是网络地址本身（主机部分全 0）：它表示子网而不是某台主机。'));
  } else if (prefixLength <= 30 && address === subnet.broadcast) {
    lines.push(line('This is the subnet\'s directed broadcast address (host part all ones): every host in the subnet receives it.', '这是该子网的定向广播地址（主机部分全 1）：子网内所有主机都会收到。'));
  } else {
    const hostPart = (address & ~subnet.netmask) >>> 0;
    lines.push(line(`Host part: ${hostPart} (the last ${32 - prefixLength} bits).`, `主机部分：${hostPart}（最后 ${32 - prefixLength} 位）。`));
  }
  return lines;
}

/** Lines for a subnet mask value (DHCP option 1, ICMP address mask). */
export function explainNetmask(netmask: number): Bilingual[] {
  const prefixLength = netmaskToPrefix(netmask);
  if (prefixLength < 0) {
    return [line(`${ipv4ToString(netmask)} is not a valid mask: its one bits are not contiguous.`, `${ipv4ToString(netmask)} 不是有效掩码：其中的 1 不连续。`)];
  }
  const hostBits = 32 - prefixLength;
  const hosts = prefixLength >= 31 ? 2 ** hostBits : 2 ** hostBits - 2;
  return [line(
    `Mask /${prefixLength}: the first ${prefixLength} bits are the network part, the last ${hostBits} the host part; ${hosts} usable host addresses. AND an address with it to get the network address.`,
    `掩码 /${prefixLength}：前 ${prefixLength} 位为网络部分，后 ${hostBits} 位为主机部分；可用主机地址 ${hosts} 个。地址与掩码按位与即得网络地址。`,
  )];
}

const ipv6MulticastScopes: Readonly<Record<number, Bilingual>> = {
  1: line('interface-local (never leaves this host)', '接口本地（不离开本机）'),
  2: line('link-local (this link only; routers do not forward it)', '链路本地（仅本链路，路由器不转发）'),
  4: line('admin-local', '管理本地'),
  5: line('site-local', '站点本地'),
  8: line('organization-local', '组织本地'),
  14: line('global', '全球'),
};

/** Lines for an IPv6 address (16 bytes at `offset`): its kind and scope. */
export function explainIpv6Address(bytes: Uint8Array, offset = 0): Bilingual[] {
  const at = (index: number) => bytes[offset + index];
  const allZeroUpTo = (end: number) => { for (let index = 0; index < end; index++) if (at(index) !== 0) return false; return true; };
  const text = ipv6ToString(bytes, offset);
  if (allZeroUpTo(16)) return [line(':: is the unspecified address ("no address yet", e.g. the source of duplicate address detection).', ':: 为未指定地址（"还没有地址"，如重复地址检测的源地址）。')];
  if (allZeroUpTo(15) && at(15) === 1) return [line('::1 is the loopback address: the packet never leaves this host.', '::1 为环回地址：数据包不会离开本机。')];
  if (allZeroUpTo(10) && at(10) === 0xff && at(11) === 0xff) {
    return [line(`${text} is an IPv4-mapped address: an IPv4 host seen through an IPv6 socket.`, `${text} 为 IPv4 映射地址：通过 IPv6 套接字看到的 IPv4 主机。`)];
  }
  if (at(0) === 0xff) {
    const scope = ipv6MulticastScopes[at(1) & 0x0f];
    const lines = [line(
      `Multicast (ff00::/8), scope ${scope?.en ?? `${at(1) & 0x0f}`}: delivered to every member of the group.`,
      `组播（ff00::/8），范围：${scope?.zh ?? `${at(1) & 0x0f}`}；发给组内所有成员。`,
    )];
    if (text === 'ff02::1') lines.push(line('ff02::1 is all nodes on the link: IPv6 has no broadcast, this group replaces it.', 'ff02::1 为本链路所有节点：IPv6 没有广播，由该组代替。'));
    if (text === 'ff02::2') lines.push(line('ff02::2 is all routers on the link.', 'ff02::2 为本链路所有路由器。'));
    if (text.startsWith('ff02::1:ff')) lines.push(line('A solicited-node group (ff02::1:ffXX:XXXX): neighbor discovery asks for a MAC address here, as ARP does in IPv4.', '被请求节点组播组（ff02::1:ffXX:XXXX）：邻居发现在此查询 MAC 地址，相当于 IPv4 的 ARP。'));
    return lines;
  }
  if (at(0) === 0xfe && (at(1) & 0xc0) === 0x80) return [line('Link-local unicast (fe80::/10): every IPv6 interface has one; valid only on this link, like 169.254.x.x in IPv4.', '链路本地单播（fe80::/10）：每个 IPv6 接口都有；只在本链路有效，类似 IPv4 的 169.254.x.x。')];
  if (at(0) === 0xfe && (at(1) & 0xc0) === 0xc0) return [line('Site-local (fec0::/10), deprecated since 2004.', '站点本地（fec0::/10），2004 年起已废弃。')];
  if ((at(0) & 0xfe) === 0xfc) return [line('Unique local address (fc00::/7, RFC 4193): the IPv6 counterpart of private IPv4 ranges, not routed on the Internet.', '唯一本地地址（fc00::/7，RFC 4193）：相当于 IPv4 私有地址段，不在互联网上路由。')];
  if (at(0) === 0x20 && at(1) === 0x01 && at(2) === 0x0d && at(3) === 0xb8) return [line('2001:db8::/32 is reserved for documentation.', '2001:db8::/32 保留用于文档。')];
  if ((at(0) & 0xe0) === 0x20) return [line('Global unicast (2000::/3): a public address, routable on the Internet.', '全球单播（2000::/3）：公网地址，可在互联网上路由。')];
  return [line('An IPv6 unicast address outside the common ranges.', '不属于常见范围的 IPv6 单播地址。')];
}

/** Lines for a MAC address (6 bytes at `offset`): broadcast, multicast or unicast; universal or local. */
export function explainMacAddress(bytes: Uint8Array, offset = 0): Bilingual[] {
  const text = etherToString(bytes, offset);
  if (text === 'ff:ff:ff:ff:ff:ff') return [line('Broadcast MAC: every card on the LAN accepts this frame (ARP requests and DHCP discovery use it).', '广播 MAC：局域网上所有网卡都接收此帧（ARP 请求和 DHCP 发现报文使用它）。')];
  if (text === '00:00:00:00:00:00') return [line('All zeros: no address (in an ARP request the target MAC is zero because it is the unknown being asked for).', '全零：没有地址（ARP 请求中目标 MAC 为零，因为它正是要查询的未知量）。')];
  const first = bytes[offset];
  const lines: Bilingual[] = [];
  if (first & 1) {
    let group = line('A multicast MAC (lowest bit of the first byte is 1): cards that joined the group accept it.', '组播 MAC（首字节最低位为 1）：加入该组的网卡接收此帧。');
    if (first === 0x01 && bytes[offset + 1] === 0x00 && bytes[offset + 2] === 0x5e) group = line('A multicast MAC 01:00:5e:…: it carries an IPv4 multicast group (the low 23 bits of the group address).', '组播 MAC 01:00:5e:…：承载 IPv4 组播组（组地址的低 23 位）。');
    if (first === 0x33 && bytes[offset + 1] === 0x33) group = line('A multicast MAC 33:33:…: it carries an IPv6 multicast group (the last 4 bytes of the group address).', '组播 MAC 33:33:…：承载 IPv6 组播组（组地址的最后 4 字节）。');
    lines.push(group);
  } else {
    lines.push(line('A unicast MAC (lowest bit of the first byte is 0): exactly one card accepts this frame.', '单播 MAC（首字节最低位为 0）：只有一块网卡接收此帧。'));
  }
  if (first & 2) lines.push(line('Locally administered (second-lowest bit of the first byte is 1): set by software (VMs, containers, privacy addresses), not by the maker.', '本地管理地址（首字节次低位为 1）：由软件设置（虚拟机、容器、隐私地址），而非厂商分配。'));
  else lines.push(line(`The first 3 bytes (${text.slice(0, 8)}) are the maker's OUI, assigned by the IEEE.`, `前 3 字节（${text.slice(0, 8)}）是 IEEE 分配给厂商的 OUI。`));
  return lines;
}
