import { ipProtocolNames } from '../proto/names/ipproto.js';
import { icmpCodeNames, icmpTypeNames } from '../proto/names/icmp.js';
import { dscpNames } from '../proto/names/dsfield.js';
import type { ValueContext } from './context.js';
import { line, plural, type Bilingual } from './text.js';

/** How to read IPv4 header values (RFC 791, 1349, 2474, 3168), IPv6 hop limit and traffic class, and ICMP (RFC 792). */

/** Initial TTLs that operating systems use: Linux/macOS 64, Windows 128, routers and Solaris 255 (32: old Windows). */
const commonInitialTtls = [32, 64, 128, 255];

export function explainTtl(ttl: number, hopWord: Bilingual = line('Time to live', '生存时间（TTL）')): Bilingual[] {
  const lines = [line(
    `${hopWord.en} ${ttl}: the packet may cross ${plural(ttl, 'more router')}; each router subtracts 1 and discards it at 0, answering with ICMP "time exceeded" (type 11).`,
    `${hopWord.zh} 为 ${ttl}：数据包还能经过 ${ttl} 个路由器；每个路由器减 1，减到 0 时丢弃并回送 ICMP"超时"（类型 11）。`,
  )];
  const initial = commonInitialTtls.find((candidate) => candidate >= ttl);
  if (ttl === 0) {
    lines.push(line('0 should never arrive: a router must discard the packet instead of forwarding it.', 'TTL 为 0 的包不应到达：路由器必须丢弃而不是转发它。'));
  } else if (ttl === 1) {
    lines.push(line('1: the packet dies at the first router, so it stays on the local link (normal for link-local multicast and the first traceroute probe).', '为 1：数据包在第一个路由器处就被丢弃，只能留在本链路（链路本地组播和 traceroute 第一个探测包属正常）。'));
  } else if (initial !== undefined) {
    const hops = initial - ttl;
    lines.push(line(
      `Common initial values are 64 (Linux, macOS), 128 (Windows) and 255 (routers); if the sender started at ${initial}, the packet has crossed ${plural(hops, 'router')}.`,
      `常见初始值为 64（Linux、macOS）、128（Windows）和 255（路由器）；若发送方从 ${initial} 开始，则数据包已经过 ${hops} 个路由器。`,
    ));
  }
  return lines;
}

const precedenceNames: readonly Bilingual[] = [
  line('Routine', '常规'), line('Priority', '优先'), line('Immediate', '立即'), line('Flash', '快速'),
  line('Flash Override', '超快速'), line('CRITIC/ECP', '关键'), line('Internetwork Control', '网间控制'), line('Network Control', '网络控制'),
];

const tosBits: readonly { readonly mask: number; readonly letter: string; readonly text: Bilingual }[] = [
  { mask: 0x10, letter: 'D', text: line('D (minimize delay)', 'D（最小时延）') },
  { mask: 0x08, letter: 'T', text: line('T (maximize throughput)', 'T（最大吞吐量）') },
  { mask: 0x04, letter: 'R', text: line('R (maximize reliability)', 'R（最高可靠性）') },
  { mask: 0x02, letter: 'C', text: line('C (minimize monetary cost)', 'C（最小成本）') },
];

const ecnMeanings: readonly Bilingual[] = [
  line('00 Not-ECT: the transport does not use ECN', '00 Not-ECT：传输层不使用 ECN'),
  line('01 ECT(1): ECN-capable transport', '01 ECT(1)：支持 ECN 的传输'),
  line('10 ECT(0): ECN-capable transport', '10 ECT(0)：支持 ECN 的传输'),
  line('11 CE: a router on the path experienced congestion and marked the packet instead of dropping it', '11 CE：路径上的路由器遇到拥塞，标记了该包而不是丢弃它'),
];

function binary(value: number, bits: number): string {
  return value.toString(2).padStart(bits, '0');
}

/**
 * The ToS / DS byte read both ways: RFC 791/1349 (precedence 3 bits, D/T/R/C, one must-be-zero
 * bit) and RFC 2474/3168 (DSCP 6 bits, ECN 2 bits). Today's networks use the second reading.
 */
export function explainDsField(byte: number): Bilingual[] {
  const dscp = byte >> 2;
  const ecn = byte & 3;
  const precedence = byte >> 5;
  const setBits = tosBits.filter((bit) => byte & bit.mask);
  const lines: Bilingual[] = [];
  lines.push(line(
    `Bits ${binary(byte, 8)}. Today (RFC 2474/3168): DSCP ${binary(dscp, 6)} = ${dscp}${dscpNames[dscp] ? ` (${dscpNames[dscp]})` : ''}, ECN ${ecnMeanings[ecn].en}.`,
    `各位为 ${binary(byte, 8)}。现行解读（RFC 2474/3168）：DSCP ${binary(dscp, 6)} = ${dscp}${dscpNames[dscp] ? `（${dscpNames[dscp]}）` : ''}，ECN ${ecnMeanings[ecn].zh}。`,
  ));
  const tosEn = setBits.length === 0 ? 'no D/T/R/C bit set (normal service)' : setBits.map((bit) => bit.text.en).join(', ');
  const tosZh = setBits.length === 0 ? 'D/T/R/C 均未置位（普通服务）' : setBits.map((bit) => bit.text.zh).join('、');
  lines.push(line(
    `Old reading as Type of Service (RFC 791/1349): precedence ${binary(precedence, 3)} = ${precedence} (${precedenceNames[precedence].en}), ToS bits ${binary((byte >> 1) & 0x0f, 4)}: ${tosEn}${byte & 1 ? '; the last bit must be zero but is 1' : ''}.`,
    `旧的服务类型解读（RFC 791/1349）：优先级 ${binary(precedence, 3)} = ${precedence}（${precedenceNames[precedence].zh}），ToS 位 ${binary((byte >> 1) & 0x0f, 4)}：${tosZh}${byte & 1 ? '；最后一位应为 0 但为 1' : ''}。`,
  ));
  if (byte === 0) lines.push(line('0x00 is ordinary best-effort traffic, by far the most common value.', '0x00 为普通尽力而为流量，是最常见的取值。'));
  return lines;
}

export function explainDscp(dscp: number): Bilingual[] {
  const name = dscpNames[dscp];
  const classSelector = (dscp & 7) === 0 ? line(` (class selector: the old precedence ${dscp >> 3})`, `（类选择器：对应旧优先级 ${dscp >> 3}）`) : line('', '');
  return [line(
    `DSCP ${dscp}${name ? ` = ${name}` : ''}${classSelector.en}: the forwarding class routers give the packet; 0 is best effort, 46 (EF) is for voice.`,
    `DSCP ${dscp}${name ? ` = ${name}` : ''}${classSelector.zh}：路由器给予该包的转发类别；0 为尽力而为，46（EF）用于语音。`,
  )];
}

export function explainEcn(ecn: number): Bilingual[] {
  return [line(`ECN ${ecnMeanings[ecn & 3].en}.`, `ECN ${ecnMeanings[ecn & 3].zh}。`)];
}

/** The 3-bit flags value (reserved, DF, MF) as one number. */
export function explainIpFlags(flags: number, context: ValueContext): Bilingual[] {
  const df = (flags & 2) !== 0;
  const mf = (flags & 1) !== 0;
  const lines = [line(
    `Bits ${binary(flags, 3)}: reserved ${flags >> 2}, DF ${df ? 1 : 0}, MF ${mf ? 1 : 0}.`,
    `各位为 ${binary(flags, 3)}：保留位 ${flags >> 2}，DF ${df ? 1 : 0}，MF ${mf ? 1 : 0}。`,
  )];
  lines.push(...explainDontFragment(df));
  lines.push(...explainMoreFragments(mf, context));
  return lines;
}

export function explainDontFragment(set: boolean): Bilingual[] {
  return set
    ? [line('DF = 1 (don\'t fragment): a router whose next link is too small must drop the packet and send ICMP type 3 code 4 "fragmentation needed"; senders use this to discover the path MTU.', 'DF = 1（不分片）：若下一段链路的 MTU 太小，路由器必须丢弃该包并回送 ICMP 类型 3 代码 4"需要分片"；发送方借此发现路径 MTU。')]
    : [line('DF = 0: routers may split this datagram into fragments if a link\'s MTU is too small.', 'DF = 0：若某段链路的 MTU 太小，路由器可以把该数据报分片。')];
}

export function explainMoreFragments(set: boolean, context: ValueContext): Bilingual[] {
  const offset = context.fragmentOffset;
  if (set) {
    return [line(
      `MF = 1 (more fragments): this is a fragment and more of the datagram follows${offset === 0 ? '; with offset 0 it is the first fragment' : ''}.`,
      `MF = 1（更多分片）：这是一个分片，后面还有该数据报的其余部分${offset === 0 ? '；偏移为 0，说明是第一个分片' : ''}。`,
    )];
  }
  if (offset !== undefined && offset > 0) {
    return [line('MF = 0 with a non-zero offset: this is the last fragment of the datagram.', 'MF = 0 且偏移非零：这是该数据报的最后一个分片。')];
  }
  return [line(
    `MF = 0: no fragment follows${offset === 0 ? '; with offset 0 too, the datagram is not fragmented' : ''}.`,
    `MF = 0：后面没有分片${offset === 0 ? '；偏移也为 0，说明该数据报没有分片' : ''}。`,
  )];
}

/** The fragment offset as carried: a 13-bit count of 8-byte units. */
export function explainFragmentOffset(units: number, context: ValueContext): Bilingual[] {
  const bytes = units * 8;
  const lines = [line(
    `Offset ${units} × 8 = byte ${bytes}: this fragment's data starts at byte ${bytes} of the original datagram's data (the field counts 8-byte units, so every fragment but the last carries a multiple of 8 bytes).`,
    `偏移 ${units} × 8 = 第 ${bytes} 字节：该分片的数据从原数据报数据部分的第 ${bytes} 字节开始（字段以 8 字节为单位，因此除最后一片外每片数据长度都是 8 的倍数）。`,
  )];
  if (units === 0) {
    lines.push(context.moreFragments
      ? line('Offset 0 with MF = 1: the first fragment, which carries the transport header.', '偏移为 0 且 MF = 1：第一个分片，携带传输层头部。')
      : line('Offset 0 and MF = 0: not a fragment at all.', '偏移为 0 且 MF = 0：根本不是分片。'));
  } else if (bytes % 1480 === 0) {
    lines.push(line(
      `${bytes} = ${bytes / 1480} × 1480: on Ethernet (MTU 1500) each full fragment carries 1500 − 20 = 1480 bytes of data.`,
      `${bytes} = ${bytes / 1480} × 1480：在以太网上（MTU 1500）每个完整分片携带 1500 − 20 = 1480 字节数据。`,
    ));
  }
  return lines;
}

const protocolLessons: Readonly<Record<number, Bilingual>> = {
  1: line('ICMP: error reports and diagnostics (ping, unreachable, time exceeded).', 'ICMP：差错报告与诊断（ping、不可达、超时）。'),
  2: line('IGMP: hosts joining and leaving multicast groups.', 'IGMP：主机加入和离开组播组。'),
  4: line('IP in IP: another IPv4 header follows (a tunnel).', 'IP in IP：后面是另一个 IPv4 头部（隧道）。'),
  6: line('TCP: a reliable, ordered byte stream with a connection (handshake, acknowledgements, retransmission).', 'TCP：面向连接、可靠、有序的字节流（握手、确认、重传）。'),
  17: line('UDP: independent datagrams, no connection and no retransmission.', 'UDP：相互独立的数据报，无连接、无重传。'),
  41: line('IPv6 encapsulated in IPv4 (a 6in4 tunnel).', 'IPv6 封装在 IPv4 中（6in4 隧道）。'),
  47: line('GRE: a generic tunnel.', 'GRE：通用路由封装隧道。'),
  50: line('ESP: IPsec encrypted payload.', 'ESP：IPsec 加密载荷。'),
  51: line('AH: IPsec authentication header.', 'AH：IPsec 认证头。'),
  58: line('ICMPv6: IPv6\'s control messages, including neighbor discovery (its ARP).', 'ICMPv6：IPv6 的控制报文，包括邻居发现（相当于 ARP）。'),
  89: line('OSPF: a routing protocol.', 'OSPF：一种路由协议。'),
  132: line('SCTP: reliable message-oriented transport.', 'SCTP：可靠的面向消息的传输协议。'),
};

/** ip.proto and ipv6.nxt: the number that tells the receiver which protocol the payload is. */
export function explainIpProtocol(protocol: number): Bilingual[] {
  const name = ipProtocolNames[protocol];
  const lines = [line(
    `Protocol number ${protocol}${name ? ` = ${name}` : ''}: the receiving IP layer hands the payload to this protocol (like the port number one layer up). Common: 1 ICMP, 6 TCP, 17 UDP.`,
    `协议号 ${protocol}${name ? ` = ${name}` : ''}：接收方的 IP 层把载荷交给这个协议（类似上一层的端口号）。常见：1 为 ICMP，6 为 TCP，17 为 UDP。`,
  )];
  const lesson = protocolLessons[protocol];
  if (lesson) lines.push(lesson);
  return lines;
}

export function explainIpHeaderLength(bytes: number): Bilingual[] {
  const words = bytes / 4;
  return [line(
    `Header length field ${words} × 4 = ${bytes} bytes${bytes === 20 ? ': the minimum, no options' : bytes > 20 ? `: ${bytes - 20} bytes of options follow the fixed 20` : ''}.`,
    `头部长度字段 ${words} × 4 = ${bytes} 字节${bytes === 20 ? '：最小值，无选项' : bytes > 20 ? `：固定的 20 字节之后有 ${bytes - 20} 字节选项` : ''}。`,
  )];
}

export function explainIpTotalLength(totalLength: number, context: ValueContext): Bilingual[] {
  const header = context.ipHeaderLength ?? 20;
  return [line(
    `${totalLength} bytes in the datagram = ${header} bytes of IP header + ${totalLength - header} bytes of payload.`,
    `数据报共 ${totalLength} 字节 = ${header} 字节 IP 头部 + ${totalLength - header} 字节载荷。`,
  )];
}

/** Meanings of the ICMP types a course covers, with the codes that go with them. */
const icmpTypeLessons: Readonly<Record<number, Bilingual>> = {
  0: line('Type 0, echo reply: the answer to a ping; it copies the request\'s identifier, sequence number and data.', '类型 0，回显应答：对 ping 的回答；复制请求中的标识符、序号和数据。'),
  3: line('Type 3, destination unreachable: a router or the destination host could not deliver a datagram; the code says why, and the message quotes the IP header and first 8 bytes of the datagram that failed.', '类型 3，目的不可达：路由器或目的主机无法交付数据报；代码说明原因，报文引用了失败数据报的 IP 头部和前 8 字节。'),
  4: line('Type 4, source quench: an old "slow down" signal, deprecated (RFC 6633).', '类型 4，源抑制：旧的"减速"信号，已废弃（RFC 6633）。'),
  5: line('Type 5, redirect: a router tells the host a better first hop for this destination.', '类型 5，重定向：路由器告诉主机去往该目的地有更好的下一跳。'),
  8: line('Type 8, echo request: a ping; the target answers with type 0.', '类型 8，回显请求：即 ping；目标以类型 0 应答。'),
  9: line('Type 9, router advertisement.', '类型 9，路由器通告。'),
  10: line('Type 10, router solicitation.', '类型 10，路由器请求。'),
  11: line('Type 11, time exceeded: the TTL reached 0 in transit (code 0) or fragments did not all arrive in time (code 1); traceroute works by provoking code 0 hop by hop.', '类型 11，超时：TTL 在途中减到 0（代码 0），或分片未能及时全部到达（代码 1）；traceroute 正是逐跳引发代码 0 来工作的。'),
  12: line('Type 12, parameter problem: a header field is invalid; the pointer shows which byte.', '类型 12，参数问题：头部字段无效；指针指出是哪个字节。'),
  13: line('Type 13, timestamp request.', '类型 13，时间戳请求。'),
  14: line('Type 14, timestamp reply.', '类型 14，时间戳应答。'),
  17: line('Type 17, address mask request (obsolete).', '类型 17，地址掩码请求（已废弃）。'),
  18: line('Type 18, address mask reply (obsolete).', '类型 18，地址掩码应答（已废弃）。'),
};

const unreachableCodeLessons: Readonly<Record<number, Bilingual>> = {
  0: line('Code 0, network unreachable: a router has no route to the destination network.', '代码 0，网络不可达：路由器没有去往目的网络的路由。'),
  1: line('Code 1, host unreachable: the last router could not reach the host (often no ARP answer).', '代码 1，主机不可达：最后一个路由器无法到达该主机（常因 ARP 无应答）。'),
  2: line('Code 2, protocol unreachable: the host does not support the IP protocol number used.', '代码 2，协议不可达：主机不支持所用的 IP 协议号。'),
  3: line('Code 3, port unreachable: the host got the datagram but nothing listens on that UDP port (TCP answers a closed port with RST instead).', '代码 3，端口不可达：主机收到了数据报，但该 UDP 端口上没有程序监听（TCP 对关闭的端口则回 RST）。'),
  4: line('Code 4, fragmentation needed and DF set: the datagram is too big for the next link; the message gives the next-hop MTU (path MTU discovery).', '代码 4，需要分片但设置了 DF：数据报对下一段链路太大；报文给出下一跳 MTU（路径 MTU 发现）。'),
  5: line('Code 5, source route failed.', '代码 5，源路由失败。'),
  6: line('Code 6, destination network unknown.', '代码 6，目的网络未知。'),
  7: line('Code 7, destination host unknown.', '代码 7，目的主机未知。'),
  9: line('Code 9, network administratively prohibited.', '代码 9，网络被管理性禁止。'),
  10: line('Code 10, host administratively prohibited.', '代码 10，主机被管理性禁止。'),
  13: line('Code 13, communication administratively prohibited: a firewall filtered it.', '代码 13，通信被管理性禁止：被防火墙过滤。'),
};

const redirectCodeLessons: Readonly<Record<number, Bilingual>> = {
  0: line('Code 0, redirect datagrams for the network.', '代码 0，对网络重定向。'),
  1: line('Code 1, redirect datagrams for the host.', '代码 1，对主机重定向。'),
  2: line('Code 2, redirect for the type of service and network.', '代码 2，对服务类型和网络重定向。'),
  3: line('Code 3, redirect for the type of service and host.', '代码 3，对服务类型和主机重定向。'),
};

const timeExceededCodeLessons: Readonly<Record<number, Bilingual>> = {
  0: line('Code 0, TTL exceeded in transit: a router decremented the TTL to 0 and discarded the datagram.', '代码 0，传输中 TTL 超时：路由器把 TTL 减到 0 并丢弃了数据报。'),
  1: line('Code 1, fragment reassembly time exceeded: the receiver gave up waiting for missing fragments.', '代码 1，分片重组超时：接收方不再等待缺失的分片。'),
};

const parameterProblemCodeLessons: Readonly<Record<number, Bilingual>> = {
  0: line('Code 0, the pointer indicates the erroneous byte.', '代码 0，指针指出出错的字节。'),
  1: line('Code 1, a required option is missing.', '代码 1，缺少必需的选项。'),
  2: line('Code 2, bad length.', '代码 2，长度错误。'),
};

const codeLessonsByType: Readonly<Record<number, Readonly<Record<number, Bilingual>>>> = {
  3: unreachableCodeLessons, 5: redirectCodeLessons, 11: timeExceededCodeLessons, 12: parameterProblemCodeLessons,
};

export function explainIcmpType(type: number): Bilingual[] {
  const lesson = icmpTypeLessons[type];
  if (lesson) return [lesson];
  const name = icmpTypeNames[type];
  return [line(`Type ${type}${name ? `: ${name}` : ' is not a type the course covers'}.`, `类型 ${type}${name ? `：${name}` : '，不在课程范围内'}。`)];
}

export function explainIcmpCode(code: number, context: ValueContext): Bilingual[] {
  const type = context.icmpType;
  if (type === undefined) return [line(`Code ${code}: its meaning depends on the type.`, `代码 ${code}：含义取决于类型。`)];
  if (type === 0 || type === 8) {
    return [line(`Echo messages use only code 0${code === 0 ? '' : `; ${code} is unusual`}.`, `回显报文只使用代码 0${code === 0 ? '' : `；${code} 不寻常`}。`)];
  }
  const lesson = codeLessonsByType[type]?.[code];
  if (lesson) return [lesson];
  const name = icmpCodeNames[type]?.[code];
  return [line(`Code ${code}${name ? `: ${name}` : ''} (for type ${type}).`, `代码 ${code}${name ? `：${name}` : ''}（类型 ${type}）。`)];
}
