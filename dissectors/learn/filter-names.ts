import { registry, type Field, type ProtocolField } from '../core/fields.js';
import { line, type Bilingual } from './text.js';

/**
 * Field and protocol names as a sentence uses them. English takes the registry's display name
 * in lower case ("source or destination port"); Chinese has names for the fields a course
 * filters on, and otherwise keeps the field's filter name (Wireshark's spelling, as the UI does).
 */

const fieldNames: Readonly<Record<string, Bilingual>> = {
  'frame.len': line('frame length', '帧长度'),
  'frame.number': line('frame number', '帧编号'),
  'eth.addr': line('source or destination MAC address', '源或目的 MAC 地址'),
  'eth.src': line('source MAC address', '源 MAC 地址'),
  'eth.dst': line('destination MAC address', '目的 MAC 地址'),
  'eth.type': line('EtherType', '以太类型'),
  'arp.opcode': line('opcode', '操作码'),
  'arp.src.proto_ipv4': line('sender IP address', '发送方 IP 地址'),
  'arp.dst.proto_ipv4': line('target IP address', '目标 IP 地址'),
  'ip.addr': line('source or destination address', '源或目的地址'),
  'ip.src': line('source address', '源地址'),
  'ip.dst': line('destination address', '目的地址'),
  'ip.ttl': line('TTL', 'TTL'),
  'ip.proto': line('protocol number', '协议号'),
  'ip.len': line('total length', '总长度'),
  'ip.id': line('identification', '标识'),
  'ip.dsfield': line('DS field (ToS)', 'DS 字段（ToS）'),
  'ip.flags.df': line('DF (don\'t fragment) flag', 'DF（不分片）标志'),
  'ip.flags.mf': line('MF (more fragments) flag', 'MF（更多分片）标志'),
  'ip.frag_offset': line('fragment offset', '分片偏移'),
  'ipv6.addr': line('source or destination address', '源或目的地址'),
  'ipv6.src': line('source address', '源地址'),
  'ipv6.dst': line('destination address', '目的地址'),
  'ipv6.hlim': line('hop limit', '跳数限制'),
  'icmp.type': line('type', '类型'),
  'icmp.code': line('code', '代码'),
  'tcp.port': line('source or destination port', '源或目的端口'),
  'tcp.srcport': line('source port', '源端口'),
  'tcp.dstport': line('destination port', '目的端口'),
  'tcp.stream': line('stream index', '流编号'),
  'tcp.seq': line('sequence number', '序号'),
  'tcp.ack': line('acknowledgment number', '确认号'),
  'tcp.len': line('segment length', '报文段长度'),
  'tcp.flags': line('flags', '标志'),
  'tcp.flags.fin': line('FIN flag', 'FIN 标志'),
  'tcp.flags.syn': line('SYN flag', 'SYN 标志'),
  'tcp.flags.reset': line('RST flag', 'RST 标志'),
  'tcp.flags.push': line('PSH flag', 'PSH 标志'),
  'tcp.flags.ack': line('ACK flag', 'ACK 标志'),
  'tcp.flags.urg': line('URG flag', 'URG 标志'),
  'tcp.flags.ece': line('ECE flag', 'ECE 标志'),
  'tcp.flags.cwr': line('CWR flag', 'CWR 标志'),
  'tcp.window_size_value': line('window', '窗口'),
  'tcp.window_size': line('calculated window size', '计算后的窗口大小'),
  'udp.port': line('source or destination port', '源或目的端口'),
  'udp.srcport': line('source port', '源端口'),
  'udp.dstport': line('destination port', '目的端口'),
  'udp.length': line('length', '长度'),
  'dns.qry.name': line('queried name', '查询的域名'),
  'dns.flags.response': line('response flag', '响应标志'),
  'http.request.method': line('request method', '请求方法'),
  'http.request.uri': line('request URI', '请求 URI'),
  'http.response.code': line('status code', '状态码'),
  'http.host': line('Host header', 'Host 首部'),
  'dhcp.option.dhcp': line('DHCP message type', 'DHCP 消息类型'),
};

/** "Source Port" → "source port"; acronyms ("MSS", "TCP") keep their case. */
function lowerWords(name: string): string {
  return name.split(' ').map((word) => (/^[A-Z][a-z]/.test(word) ? word[0].toLowerCase() + word.slice(1) : word)).join(' ');
}

/** The protocol's short name: "TCP", "IPv4", "ARP". */
export function protocolName(abbrev: string): string {
  const protocol = registry.find(abbrev);
  return protocol && protocol.type === 'protocol' ? (protocol as ProtocolField).shortName : abbrev.toUpperCase();
}

/** A field's name; prefixed with its protocol unless it belongs to `subject` (the sentence's packets). */
export function fieldName(field: Field, subject: string | undefined): Bilingual {
  if (field.type === 'protocol') return line(protocolName(field.abbrev), protocolName(field.abbrev));
  const known = fieldNames[field.abbrev];
  const base = known ?? line(lowerWords(field.name), field.abbrev);
  // Every packet is a frame: "frame length" needs no protocol in front.
  if (field.protocol === subject || field.protocol === 'frame') return base;
  const protocol = protocolName(field.protocol);
  // Without a Chinese name the abbrev stands in, and it already names the protocol.
  return line(`${protocol} ${base.en}`, known ? `${protocol} ${base.zh}` : base.zh);
}
