import { etherTypeNames } from '../proto/names/ethertypes.js';
import type { ValueContext } from './context.js';
import { line, plural, type Bilingual } from './text.js';

/** How to read Ethernet (IEEE 802.3) and ARP (RFC 826) values. */

/** Ethernet's minimum frame is 64 bytes with the 4-byte FCS, which captures usually leave out: 60. */
const minimumFrameWithoutFcs = 60;
const ethernetHeaderLength = 14;

export function explainPadding(paddingLength: number, context: ValueContext): Bilingual[] {
  const payload = context.ethernetPayloadLength ?? minimumFrameWithoutFcs - ethernetHeaderLength - paddingLength;
  const lines = [line(
    `${plural(paddingLength, 'byte')} of padding: Ethernet frames must be at least 60 bytes (64 with the FCS), and ${ethernetHeaderLength} (header) + ${payload} (payload) = ${ethernetHeaderLength + payload}, so the sender added ${paddingLength} zero bytes. The receiver ignores them: the upper protocol knows its own length.`,
    `${paddingLength} 字节填充：以太网帧至少 60 字节（含 FCS 为 64 字节），而 ${ethernetHeaderLength}（头部）+ ${payload}（载荷）= ${ethernetHeaderLength + payload}，所以发送方补了 ${paddingLength} 个零字节。接收方会忽略它们：上层协议知道自己的长度。`,
  )];
  if (payload === 28) lines.push(line('An ARP packet is 28 bytes: 14 + 28 = 42, so it always gets 18 bytes of padding on Ethernet.', 'ARP 报文为 28 字节：14 + 28 = 42，所以在以太网上总会补 18 字节。'));
  lines.push(line('On the sending host the capture often shows the frame before padding (42 bytes for ARP): the card pads it later.', '在发送主机上抓包时常看到填充前的帧（ARP 为 42 字节）：网卡稍后才填充。'));
  return lines;
}

const etherTypeLessons: Readonly<Record<number, Bilingual>> = {
  0x0800: line('0x0800: an IPv4 packet follows.', '0x0800：后面是 IPv4 数据包。'),
  0x0806: line('0x0806: an ARP packet follows (asking or telling which MAC address has an IPv4 address).', '0x0806：后面是 ARP 报文（询问或告知某 IPv4 地址对应的 MAC 地址）。'),
  0x86dd: line('0x86dd: an IPv6 packet follows.', '0x86dd：后面是 IPv6 数据包。'),
  0x8100: line('0x8100: an 802.1Q VLAN tag follows, then the real type.', '0x8100：后面是 802.1Q VLAN 标签，再后面才是真正的类型。'),
};

export function explainEtherType(type: number): Bilingual[] {
  const lesson = etherTypeLessons[type];
  if (lesson) return [lesson];
  const name = etherTypeNames[type];
  return [line(
    `0x${type.toString(16).padStart(4, '0')}${name ? ` = ${name}` : ''}: the receiver hands the payload to the protocol with this type.`,
    `0x${type.toString(16).padStart(4, '0')}${name ? ` = ${name}` : ''}：接收方把载荷交给该类型对应的协议。`,
  )];
}

export function explainArpOpcode(opcode: number): Bilingual[] {
  if (opcode === 1) {
    return [line(
      'Opcode 1, request: "who has IP T? tell IP S". It is broadcast (destination MAC ff:ff:ff:ff:ff:ff) because the asker does not know the target\'s MAC yet, and the target MAC field is all zeros for the same reason.',
      '操作码 1，请求："谁有 IP T？请告诉 IP S"。由于询问者还不知道目标的 MAC，请求以广播发送（目的 MAC 为 ff:ff:ff:ff:ff:ff），目标 MAC 字段也因此为全零。',
    )];
  }
  if (opcode === 2) {
    return [line(
      'Opcode 2, reply: "IP S is at MAC M". It is unicast straight back to the asker, whose MAC the request revealed; both sides cache the mapping in their ARP tables.',
      '操作码 2，应答："IP S 在 MAC M"。应答以单播直接发回询问者（请求中已包含其 MAC）；双方都会把该映射存入 ARP 缓存表。',
    )];
  }
  return [line(`Opcode ${opcode}: not an ordinary ARP request (1) or reply (2).`, `操作码 ${opcode}：不是普通的 ARP 请求（1）或应答（2）。`)];
}

/** The target MAC of an ARP message, read against the opcode. */
export function explainArpTargetMac(isZero: boolean, context: ValueContext): Bilingual[] {
  if (context.arpOpcode === 1 && isZero) return [line('All zeros in a request: this is the unknown the request asks for.', '请求中为全零：这正是请求要查询的未知量。')];
  if (context.arpOpcode === 2) return [line('In a reply, the MAC of the host that asked.', '应答中为提出询问的主机的 MAC。')];
  return [];
}

/** The Ethernet destination, read against the kind of frame. */
export function explainEthernetDestination(isBroadcast: boolean): Bilingual[] {
  return isBroadcast
    ? [line('Broadcast frames are how a host reaches machines whose MAC it does not know: ARP requests, DHCP Discover.', '广播帧是主机联系尚不知道 MAC 的机器的方式：ARP 请求、DHCP Discover。')]
    : [];
}
