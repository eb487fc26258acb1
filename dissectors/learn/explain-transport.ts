import { tcpPortName, udpPortName } from '../proto/names/ports.js';
import type { ValueContext } from './context.js';
import { line, plural, type Bilingual } from './text.js';

/** How to read TCP (RFC 9293, 7323, 3168) and UDP (RFC 768) values, and port numbers (RFC 6335). */

export type Transport = 'tcp' | 'udp';

/** IANA's three port ranges (RFC 6335 §6). */
export type PortRange = 'well-known' | 'registered' | 'dynamic';

export function portRange(port: number): PortRange {
  if (port <= 1023) return 'well-known';
  if (port <= 49151) return 'registered';
  return 'dynamic';
}

const rangeLines: Readonly<Record<PortRange, Bilingual>> = {
  'well-known': line('a well-known port (0–1023), reserved for standard services; opening one to listen needs administrator rights on most systems', '知名端口（0–1023），保留给标准服务；在多数系统上监听它需要管理员权限'),
  registered: line('a registered port (1024–49151), assigned by IANA to applications (some systems also pick client ports here: Linux uses 32768–60999)', '注册端口（1024–49151），由 IANA 分配给应用程序（有些系统也从这里选客户端端口：Linux 使用 32768–60999）'),
  dynamic: line('a dynamic (ephemeral) port (49152–65535): the operating system picked it for the client side of a connection', '动态（临时）端口（49152–65535）：由操作系统为连接的客户端一侧选取'),
};

export function explainPort(port: number, transport: Transport): Bilingual[] {
  const service = transport === 'tcp' ? tcpPortName(port) : udpPortName(port);
  const range = rangeLines[portRange(port)];
  const protocol = transport.toUpperCase();
  const lines = [line(`Port ${port} is ${range.en}.`, `端口 ${port} 是${range.zh}。`)];
  if (service) {
    lines.push(line(`${protocol} port ${port} is the standard port of "${service}".`, `${protocol} 端口 ${port} 是"${service}"的标准端口。`));
  }
  if (port === 0) lines.push(line('Port 0 is reserved and never valid on the wire.', '端口 0 为保留值，不应出现在报文中。'));
  lines.push(line(
    'A connection is identified by both addresses and both ports: a server\'s one port serves many clients, told apart by their addresses and ports.',
    '一条连接由双方地址和双方端口共同标识：服务器的一个端口可同时服务许多客户端，靠客户端的地址和端口区分。',
  ));
  return lines;
}

export const tcpFlagBits = { fin: 0x001, syn: 0x002, rst: 0x004, psh: 0x008, ack: 0x010, urg: 0x020, ece: 0x040, cwr: 0x080, ae: 0x100 } as const;
export type TcpFlagName = keyof typeof tcpFlagBits;

const flagLessons: Readonly<Record<TcpFlagName, { readonly set: Bilingual; readonly clear: Bilingual }>> = {
  syn: {
    set: line('SYN is set: the sender opens a connection and announces its initial sequence number (ISN). It appears in handshake steps 1 (SYN) and 2 (SYN+ACK) only, and consumes one sequence number.', 'SYN 置位：发送方请求建立连接并告知初始序号（ISN）。只出现在握手第 1 步（SYN）和第 2 步（SYN+ACK），并占用一个序号。'),
    clear: line('SYN is not set: this segment belongs to a connection already being set up or established.', 'SYN 未置位：该报文段属于正在建立或已建立的连接。'),
  },
  ack: {
    set: line('ACK is set: the acknowledgment number is valid. Every segment after the first SYN carries it.', 'ACK 置位：确认号有效。除第一个 SYN 外的所有报文段都带有它。'),
    clear: line('ACK is not set: the acknowledgment number means nothing. Normal only for the first SYN (and some RSTs).', 'ACK 未置位：确认号无意义。只有第一个 SYN（以及某些 RST）才如此。'),
  },
  fin: {
    set: line('FIN is set: the sender has no more data to send (it closed its side). The other side acknowledges it with ack = seq + 1, since FIN consumes one sequence number; closing both directions takes FIN and ACK each way (the four-way teardown).', 'FIN 置位：发送方没有更多数据要发送（关闭了自己这一侧）。对方以 ack = seq + 1 确认，因为 FIN 占用一个序号；双向关闭需要两个方向各一次 FIN 和 ACK（四次挥手）。'),
    clear: line('FIN is not set: the sender may still send data.', 'FIN 未置位：发送方仍可能发送数据。'),
  },
  rst: {
    set: line('RST is set: abort the connection now, without the FIN exchange. A closed port answers a SYN with RST+ACK ("connection refused"); a crashed or confused peer, or a firewall, can also send it.', 'RST 置位：立即中止连接，不经过 FIN 交换。关闭的端口用 RST+ACK 回应 SYN（"连接被拒绝"）；崩溃或状态混乱的对端、防火墙也可能发送它。'),
    clear: line('RST is not set.', 'RST 未置位。'),
  },
  psh: {
    set: line('PSH is set: the receiver should hand the buffered data to the application now. Senders set it on the last segment of a write; it does not mark a message boundary.', 'PSH 置位：接收方应立即把缓冲的数据交给应用程序。发送方在一次写操作的最后一个报文段上设置它；它并不标记消息边界。'),
    clear: line('PSH is not set: more data of the same write may follow.', 'PSH 未置位：同一次写操作的更多数据可能随后到来。'),
  },
  urg: {
    set: line('URG is set: the urgent pointer marks urgent data (rarely used; telnet\'s interrupt).', 'URG 置位：紧急指针标出紧急数据（很少使用；如 telnet 的中断）。'),
    clear: line('URG is not set: the urgent pointer is ignored.', 'URG 未置位：忽略紧急指针。'),
  },
  ece: {
    set: line('ECE (ECN-Echo) is set: in a SYN it offers ECN; later it tells the sender that a router marked congestion (CE) on packets it received.', 'ECE（ECN 回显）置位：在 SYN 中表示支持 ECN；之后表示收到的数据包被路由器标记了拥塞（CE）。'),
    clear: line('ECE is not set: no congestion signal to echo.', 'ECE 未置位：没有需要回显的拥塞信号。'),
  },
  cwr: {
    set: line('CWR (congestion window reduced) is set: the sender slowed down after an ECE, so the receiver can stop echoing. In a SYN (with ECE) it offers ECN.', 'CWR（拥塞窗口已减小）置位：发送方在收到 ECE 后已减速，接收方可以停止回显。在 SYN 中（与 ECE 一起）表示支持 ECN。'),
    clear: line('CWR is not set.', 'CWR 未置位。'),
  },
  ae: {
    set: line('AE (accurate ECN) is set: part of the AccECN counter, formerly the ECN nonce bit.', 'AE（精确 ECN）置位：AccECN 计数器的一部分，原为 ECN nonce 位。'),
    clear: line('AE is not set (the usual case).', 'AE 未置位（通常情况）。'),
  },
};

export function explainTcpFlag(name: TcpFlagName, set: boolean): Bilingual[] {
  return [set ? flagLessons[name].set : flagLessons[name].clear];
}

/** What a combination of flags means on the wire: the step of the connection's life. */
export function explainTcpFlagCombination(flags: number, segmentLength?: number): Bilingual[] {
  const has = (name: TcpFlagName) => (flags & tcpFlagBits[name]) !== 0;
  const names = (Object.keys(tcpFlagBits) as TcpFlagName[]).filter(has).map((name) => name.toUpperCase());
  const lines = [line(
    `Flags 0x${flags.toString(16).padStart(3, '0')} = ${names.length ? names.join(' + ') : 'none'} (bits ${flags.toString(2).padStart(12, '0')}).`,
    `标志 0x${flags.toString(16).padStart(3, '0')} = ${names.length ? names.join(' + ') : '无'}（各位 ${flags.toString(2).padStart(12, '0')}）。`,
  )];
  if (has('rst')) {
    lines.push(has('ack')
      ? line('RST+ACK: the connection is refused or aborted; answering a SYN this way means no program listens on the port.', 'RST+ACK：连接被拒绝或中止；以此回应 SYN 表示该端口没有程序监听。')
      : line('RST: the connection is aborted at once.', 'RST：连接被立即中止。'));
  } else if (has('syn')) {
    lines.push(has('ack')
      ? line('SYN+ACK: step 2 of the three-way handshake; the server accepts, sends its own ISN and acknowledges the client\'s ISN + 1.', 'SYN+ACK：三次握手第 2 步；服务器接受连接，发送自己的 ISN 并确认客户端的 ISN + 1。')
      : line('SYN alone: step 1 of the three-way handshake; a client asks to connect (CLOSED → SYN_SENT).', '单独的 SYN：三次握手第 1 步；客户端请求连接（CLOSED → SYN_SENT）。'));
  } else if (has('fin')) {
    lines.push(line('FIN: the sender closes its direction (teardown); the receiver acknowledges it and later sends its own FIN.', 'FIN：发送方关闭自己的方向（挥手）；接收方确认后再发送自己的 FIN。'));
  } else if (has('ack') && segmentLength === 0) {
    lines.push(line('A pure ACK (no data): acknowledges what arrived; the third step of the handshake looks like this.', '纯 ACK（无数据）：确认已收到的数据；三次握手的第 3 步就是这样。'));
  } else if (has('ack') && segmentLength !== undefined && segmentLength > 0) {
    lines.push(line(`Data (${plural(segmentLength, 'byte')}) with an acknowledgment: the normal state of an established connection.`, `携带数据（${segmentLength} 字节）并带确认：已建立连接的正常状态。`));
  }
  return lines;
}

/** `tcp.window_size_value`: the raw field, to be scaled by 2^shift outside the handshake. */
export function explainWindowValue(value: number, context: ValueContext): Bilingual[] {
  const shift = context.windowShift;
  const isSyn = context.tcpFlags !== undefined && (context.tcpFlags & tcpFlagBits.syn) !== 0;
  const lines = [line(
    `The receive window: how many more bytes the sender of this segment is willing to accept, counted from the acknowledgment number.${value === 0 ? ' 0 is a zero window: stop sending until it opens.' : ''}`,
    `接收窗口：本报文段的发送方还愿意接收多少字节，从确认号算起。${value === 0 ? '0 为零窗口：在窗口重新打开前暂停发送。' : ''}`,
  )];
  if (isSyn) {
    lines.push(line(`In a SYN the window is never scaled: ${value} bytes exactly. The window scale option here sets the shift for later segments.`, `SYN 中的窗口从不缩放：正好 ${value} 字节。此处的窗口缩放选项决定之后报文段的移位数。`));
  } else if (shift !== undefined && shift >= 0) {
    const bytes = value * 2 ** shift;
    lines.push(line(`Window scaling (RFC 7323): ${value} × 2^${shift} = ${value} × ${2 ** shift} = ${bytes} bytes.`, `窗口缩放（RFC 7323）：${value} × 2^${shift} = ${value} × ${2 ** shift} = ${bytes} 字节。`));
  } else if (shift === -2) {
    lines.push(line(`No window scaling was agreed in the handshake: the window is ${value} bytes (at most 65535).`, `握手中未协商窗口缩放：窗口为 ${value} 字节（最大 65535）。`));
  } else {
    lines.push(line(`The handshake was not captured, so the scale factor is unknown: the real window is ${value} × 2^shift bytes.`, `未抓到握手，缩放因子未知：实际窗口为 ${value} × 2^移位数 字节。`));
  }
  return lines;
}

export function explainWindowScaleShift(shift: number): Bilingual[] {
  return [line(
    `Shift ${shift}: later windows from this side are multiplied by 2^${shift} = ${2 ** shift}, so windows beyond 65535 bytes fit in 16 bits. Used only if both SYNs carry the option; the maximum shift is 14.`,
    `移位数 ${shift}：此后该方向的窗口值乘以 2^${shift} = ${2 ** shift}，使大于 65535 字节的窗口能放进 16 位。只有双方的 SYN 都带此选项才生效；最大移位数为 14。`,
  )];
}

export function explainMss(mss: number): Bilingual[] {
  const lines = [line(
    `MSS ${mss}: the largest payload the sender wants in one segment, not counting the IP and TCP headers.`,
    `MSS ${mss}：发送方希望每个报文段携带的最大载荷，不含 IP 和 TCP 头部。`,
  )];
  if (mss === 1460) lines.push(line('1460 = 1500 (Ethernet MTU) − 20 (IPv4 header) − 20 (TCP header).', '1460 = 1500（以太网 MTU）− 20（IPv4 头部）− 20（TCP 头部）。'));
  else if (mss === 1440) lines.push(line('1440 = 1500 (Ethernet MTU) − 40 (IPv6 header) − 20 (TCP header).', '1440 = 1500（以太网 MTU）− 40（IPv6 头部）− 20（TCP 头部）。'));
  else if (mss === 65495) lines.push(line('65495 = 65535 (loopback MTU) − 20 − 20: a connection over loopback.', '65495 = 65535（环回接口 MTU）− 20 − 20：经由环回接口的连接。'));
  return lines;
}

/** Sequence-number arithmetic: what the other side will acknowledge after this segment. */
export function explainSequence(sequence: number, context: ValueContext): Bilingual[] {
  const flags = context.tcpFlags ?? 0;
  const length = context.tcpSegmentLength;
  const lines = [line(
    `Seq ${sequence}: the number of this segment's first byte. TCP numbers bytes, not packets; PacketLens shows it relative to the ISN, so 0 is the SYN.`,
    `序号 ${sequence}：本报文段第一个字节的编号。TCP 为字节而不是数据包编号；PacketLens 显示相对 ISN 的值，0 即 SYN。`,
  )];
  if (length !== undefined) {
    const extra = (flags & (tcpFlagBits.syn | tcpFlagBits.fin)) !== 0 ? 1 : 0;
    const next = (sequence + length + extra) >>> 0;
    const why = extra ? ` + 1 (${flags & tcpFlagBits.syn ? 'SYN' : 'FIN'} consumes one sequence number)` : '';
    const whyZh = extra ? ` + 1（${flags & tcpFlagBits.syn ? 'SYN' : 'FIN'} 占用一个序号）` : '';
    lines.push(line(
      `Next seq = ${sequence} + ${length} (payload)${why} = ${next}: the receiver acknowledges this segment with ack ${next}.`,
      `下一个序号 = ${sequence} + ${length}（载荷）${whyZh} = ${next}：接收方用 ack ${next} 确认本报文段。`,
    ));
  }
  return lines;
}

export function explainAcknowledgment(ack: number, context: ValueContext): Bilingual[] {
  const flags = context.tcpFlags;
  if (flags !== undefined && !(flags & tcpFlagBits.ack)) {
    return [line('ACK is not set, so this number carries no meaning (a first SYN leaves it 0).', 'ACK 未置位，此数无意义（第一个 SYN 中为 0）。')];
  }
  const lines = [line(
    `Ack ${ack}: "I have received every byte before ${ack}; send byte ${ack} next." It is cumulative: one ACK confirms all earlier data.`,
    `确认号 ${ack}："${ack} 之前的所有字节都已收到；下一个请发送第 ${ack} 字节。"确认是累积的：一个 ACK 确认之前的全部数据。`,
  )];
  if (ack === 1 && flags !== undefined && flags & tcpFlagBits.syn) {
    lines.push(line('In a SYN+ACK, ack = client ISN + 1: the SYN consumed one sequence number.', 'SYN+ACK 中 ack = 客户端 ISN + 1：SYN 占用了一个序号。'));
  }
  return lines;
}

export function explainTcpLength(length: number): Bilingual[] {
  return [line(
    `${plural(length, 'payload byte')} in this segment. TCP is a byte stream: how the sender's writes are cut into segments is TCP's choice, so one application message may span several segments and one segment may carry several messages ("sticky packets"); the application must mark message boundaries itself.`,
    `本报文段载荷 ${length} 字节。TCP 是字节流：发送方的写入如何切分成报文段由 TCP 决定，因此一条应用消息可能跨多个报文段，一个报文段也可能包含多条消息（"粘包"）；应用程序必须自己标记消息边界。`,
  )];
}

export function explainTcpHeaderLength(bytes: number): Bilingual[] {
  return [line(
    `Data offset ${bytes / 4} × 4 = ${bytes} bytes of header${bytes > 20 ? `: ${bytes - 20} bytes of options` : ': no options'}; the payload starts right after.`,
    `数据偏移 ${bytes / 4} × 4 = ${bytes} 字节头部${bytes > 20 ? `：其中 ${bytes - 20} 字节为选项` : '：无选项'}；载荷紧随其后。`,
  )];
}

export function explainUdpLength(length: number): Bilingual[] {
  return [line(
    `${length} bytes = 8 bytes of UDP header + ${length - 8} bytes of data. UDP keeps message boundaries: this datagram is exactly one message, delivered whole by one recvfrom() or not at all.`,
    `${length} 字节 = 8 字节 UDP 头部 + ${length - 8} 字节数据。UDP 保留消息边界：这个数据报正好是一条消息，一次 recvfrom() 整体收到，或者完全收不到。`,
  )];
}

export const datagramVersusStream: Readonly<Record<Transport, Bilingual>> = {
  udp: line('UDP sends datagrams: each send() becomes one datagram and each recvfrom() returns one whole datagram; no connection, no acknowledgment, no ordering, no retransmission.', 'UDP 发送数据报：每次 send() 成为一个数据报，每次 recvfrom() 返回一个完整的数据报；无连接、无确认、不保证顺序、不重传。'),
  tcp: line('TCP carries a byte stream: bytes arrive in order and complete, but the boundaries between the sender\'s writes are not kept, so the receiver must find message boundaries itself (delimiters or length prefixes).', 'TCP 传输字节流：字节按序完整到达，但发送方各次写入之间的边界不会保留，接收方必须自己确定消息边界（分隔符或长度前缀）。'),
};
