import {
  declareField, declareProtocol, ipv4ToString, ipv6ToString, latin1, need, stateKey, u16, u32,
  type DissectorTables, type PacketContext, type ProtocolField,
} from '../core/index.js';
import { dnsClassNames, dnsOpcodeNames, dnsRcodeNames, dnsTypeName, dnsTypeNames } from './names/dns.js';
import { currentTcpStream } from './tcp-conversation.js';
import { oneMoreSegment, requestMoreBytes } from './tcp-reassembly.js';
import { SparseFrameColumn } from './transport-conversation.js';
import { currentUdpStream } from './udp.js';

/**
 * Domain Name System (RFC 1035, EDNS0 RFC 6891) over UDP and TCP port 53, and the same message
 * format as Multicast DNS (RFC 6762, UDP 5353) and LLMNR (RFC 4795, UDP 5355).
 */
export const dns = declareProtocol('dns', 'Domain Name System', 'DNS', {
  en: 'Turns names into addresses and back: a query asks for records of a name, a response carries them.',
  zh: '在域名与地址之间转换：查询请求某个名字的记录，响应携带这些记录。',
});
const mdns = declareProtocol('mdns', 'Multicast Domain Name System', 'MDNS', {
  en: 'DNS on the local link without a server: hosts answer for their own names (.local) by multicast.',
  zh: '无需服务器的本地链路 DNS：主机通过组播应答自己的名字（.local）。',
});
const llmnr = declareProtocol('llmnr', 'Link-local Multicast Name Resolution', 'LLMNR', {
  en: 'Windows\' DNS-format name lookup on the local link by multicast, used when DNS has no answer.',
  zh: 'Windows 在本地链路上以组播进行的 DNS 格式名字查询，在 DNS 无结果时使用。',
});

const e = (en: string, zh: string) => ({ en, zh });
const flagField = (abbrev: string, name: string, bitmask: number, trueFalse: readonly [string, string], en: string, zh: string) =>
  declareField(abbrev, name, 'bool', { bitmask, trueFalse, explain: e(en, zh) });

const hf = {
  length: declareField('dns.length', 'Length', 'uint16', { explain: e('Over TCP, each DNS message is preceded by its length in two bytes.', '在 TCP 上，每条 DNS 消息前有两个字节表示其长度。') }),
  id: declareField('dns.id', 'Transaction ID', 'uint16', { base: 'hex', explain: e('Chosen by the client; the response repeats it so the client can match it to the query.', '由客户端选择；响应重复该值，以便客户端与查询对应。') }),
  flags: declareField('dns.flags', 'Flags', 'uint16', { base: 'hex', explain: e('Query or response, the operation, and status bits such as recursion and the reply code.', '表示查询或响应、操作类型，以及递归、应答码等状态位。') }),
  response: flagField('dns.flags.response', 'Response', 0x8000, ['Message is a response', 'Message is a query'], '0 for a query, 1 for a response.', '0 为查询，1 为响应。'),
  opcode: declareField('dns.flags.opcode', 'Opcode', 'uint16', { bitmask: 0x7800, values: dnsOpcodeNames, explain: e('The kind of request: 0 standard query, 4 notify, 5 dynamic update.', '请求类型：0 为标准查询，4 为通知，5 为动态更新。') }),
  authoritative: flagField('dns.flags.authoritative', 'Authoritative', 0x0400, ['Server is an authority for domain', 'Server is not an authority for domain'], 'The answering server is the authority for the name, not a cache.', '应答服务器是该名字的权威服务器，而非缓存。'),
  truncated: flagField('dns.flags.truncated', 'Truncated', 0x0200, ['Message is truncated', 'Message is not truncated'], 'The message did not fit (512 bytes over UDP without EDNS); the client should retry over TCP.', '消息放不下（无 EDNS 时 UDP 为 512 字节）；客户端应改用 TCP 重试。'),
  recursionDesired: flagField('dns.flags.recdesired', 'Recursion desired', 0x0100, ['Do query recursively', 'Do not query recursively'], 'The client asks the server to chase the answer through other servers.', '客户端要求服务器向其他服务器追查答案。'),
  recursionAvailable: flagField('dns.flags.recavail', 'Recursion available', 0x0080, ['Server can do recursive queries', 'Server can\'t do recursive queries'], 'The server offers recursive lookups.', '服务器支持递归查询。'),
  z: flagField('dns.flags.z', 'Z', 0x0040, ['reserved (1)', 'reserved (0)'], 'Reserved; must be zero.', '保留位；必须为 0。'),
  authenticated: flagField('dns.flags.authenticated', 'Answer authenticated', 0x0020, ['Answer/authority portion was authenticated by the server', 'Answer/authority portion was not authenticated by the server'], 'DNSSEC: the server validated the answer\'s signatures.', 'DNSSEC：服务器已验证应答的签名。'),
  checkDisable: flagField('dns.flags.checkdisable', 'Non-authenticated data', 0x0010, ['Acceptable', 'Unacceptable'], 'DNSSEC: the client accepts answers the server did not validate.', 'DNSSEC：客户端接受服务器未验证的应答。'),
  rcode: declareField('dns.flags.rcode', 'Reply code', 'uint16', { bitmask: 0x000f, values: dnsRcodeNames, explain: e('Outcome of a response: 0 no error, 2 server failure, 3 no such name (NXDOMAIN), 5 refused.', '响应结果：0 无错误，2 服务器失败，3 名字不存在（NXDOMAIN），5 拒绝。') }),
  queries: declareField('dns.count.queries', 'Questions', 'uint16', { explain: e('How many questions follow (almost always 1).', '后面的问题数量（几乎总是 1）。') }),
  answers: declareField('dns.count.answers', 'Answer RRs', 'uint16', { explain: e('How many answer records follow.', '后面的应答记录数量。') }),
  authority: declareField('dns.count.auth_rr', 'Authority RRs', 'uint16', { explain: e('How many records name the authoritative servers (or carry the SOA of a negative answer).', '指明权威服务器的记录数量（否定应答时为 SOA）。') }),
  additional: declareField('dns.count.add_rr', 'Additional RRs', 'uint16', { explain: e('How many extra records follow (addresses of the servers named, the EDNS OPT record).', '额外记录的数量（所列服务器的地址、EDNS OPT 记录）。') }),
  queryName: declareField('dns.qry.name', 'Name', 'string', { explain: e('The domain name asked about.', '被查询的域名。') }),
  queryNameLength: declareField('dns.qry.name.len', 'Name Length', 'uint16', { explain: e('Characters in the name as written with dots.', '以点分形式书写时名字的字符数。') }),
  labels: declareField('dns.count.labels', 'Label Count', 'uint16', { explain: e('How many dot-separated parts the name has.', '名字中以点分隔的部分数量。') }),
  queryType: declareField('dns.qry.type', 'Type', 'uint16', { values: dnsTypeNames, explain: e('Which record is wanted: 1 A (IPv4), 28 AAAA (IPv6), 5 CNAME, 15 MX, 12 PTR, 16 TXT, 255 ANY.', '请求的记录类型：1 A（IPv4），28 AAAA（IPv6），5 CNAME，15 MX，12 PTR，16 TXT，255 ANY。') }),
  queryClass: declareField('dns.qry.class', 'Class', 'uint16', { base: 'hex', values: dnsClassNames, explain: e('The namespace; 0x0001 IN (Internet) in practice.', '命名空间；实际上为 0x0001 IN（互联网）。') }),
  queryUnicast: declareField('dns.qry.qu', '"QU" question', 'bool', { bitmask: 0x8000, explain: e('mDNS: the asker prefers a unicast reply.', 'mDNS：提问者希望收到单播应答。') }),
  name: declareField('dns.resp.name', 'Name', 'string', { explain: e('The domain name this record is about.', '本记录所属的域名。') }),
  type: declareField('dns.resp.type', 'Type', 'uint16', { values: dnsTypeNames, explain: e('The record type, which decides how to read the data.', '记录类型，决定如何解读数据。') }),
  class: declareField('dns.resp.class', 'Class', 'uint16', { base: 'hex', values: dnsClassNames, explain: e('The namespace; 0x0001 IN.', '命名空间；0x0001 为 IN。') }),
  cacheFlush: declareField('dns.resp.cache_flush', 'Cache flush', 'bool', { bitmask: 0x8000, explain: e('mDNS: replace cached records of this name and type rather than add to them.', 'mDNS：替换而不是追加该名字和类型的缓存记录。') }),
  ttl: declareField('dns.resp.ttl', 'Time to live', 'uint32', { explain: e('Seconds the record may be cached.', '记录可被缓存的秒数。') }),
  dataLength: declareField('dns.resp.len', 'Data length', 'uint16', { explain: e('Bytes of record data that follow.', '后面记录数据的字节数。') }),
  a: declareField('dns.a', 'Address', 'ipv4', { explain: e('An IPv4 address of the name.', '该名字的一个 IPv4 地址。') }),
  aaaa: declareField('dns.aaaa', 'AAAA Address', 'ipv6', { explain: e('An IPv6 address of the name.', '该名字的一个 IPv6 地址。') }),
  cname: declareField('dns.cname', 'CNAME', 'string', { explain: e('The canonical name: the name is an alias of this one; look that up instead.', '规范名：该名字是此名字的别名，应改查此名字。') }),
  ns: declareField('dns.ns', 'Name Server', 'string', { explain: e('A server that is authoritative for the zone.', '对该区域具有权威的服务器。') }),
  ptr: declareField('dns.ptr.domain_name', 'Domain Name', 'string', { explain: e('The name a reverse lookup (in-addr.arpa, ip6.arpa) points to.', '反向查询（in-addr.arpa、ip6.arpa）指向的名字。') }),
  mxPreference: declareField('dns.mx.preference', 'Preference', 'uint16', { explain: e('Lower values are tried first among mail servers.', '数值越小的邮件服务器越先尝试。') }),
  mxExchange: declareField('dns.mx.mail_exchange', 'Mail Exchange', 'string', { explain: e('A server that accepts mail for the domain.', '为该域接收邮件的服务器。') }),
  txtLength: declareField('dns.txt.length', 'TXT Length', 'uint8', { explain: e('Length of the next text string.', '下一个文本串的长度。') }),
  txt: declareField('dns.txt', 'TXT', 'string', { explain: e('Free text (SPF policies, domain verification tokens, …).', '自由文本（SPF 策略、域名验证令牌等）。') }),
  soaMname: declareField('dns.soa.mname', 'Primary name server', 'string', { explain: e('The zone\'s primary server.', '该区域的主服务器。') }),
  soaRname: declareField('dns.soa.rname', 'Responsible authority\'s mailbox', 'string', { explain: e('The administrator\'s mailbox, with the first dot standing for @.', '管理员邮箱，第一个点代表 @。') }),
  soaSerial: declareField('dns.soa.serial_number', 'Serial Number', 'uint32', { explain: e('Zone version; secondaries copy the zone when it increases.', '区域版本号；增大时从服务器会复制区域。') }),
  soaRefresh: declareField('dns.soa.refresh_interval', 'Refresh Interval', 'uint32', { explain: e('Seconds between secondaries\' checks for a new serial.', '从服务器检查新序列号的间隔秒数。') }),
  soaRetry: declareField('dns.soa.retry_interval', 'Retry Interval', 'uint32', { explain: e('Seconds before a failed refresh is retried.', '刷新失败后重试前等待的秒数。') }),
  soaExpire: declareField('dns.soa.expire_limit', 'Expire limit', 'uint32', { explain: e('Seconds after which secondaries stop answering if they cannot refresh.', '无法刷新时从服务器停止应答前的秒数。') }),
  soaMinimum: declareField('dns.soa.minimum_ttl', 'Minimum TTL', 'uint32', { explain: e('How long resolvers may cache a negative (no such name) answer.', '解析器可缓存否定（名字不存在）应答的时长。') }),
  srvPriority: declareField('dns.srv.priority', 'Priority', 'uint16', { explain: e('Lower values are tried first.', '数值越小越先尝试。') }),
  srvWeight: declareField('dns.srv.weight', 'Weight', 'uint16', { explain: e('Share of traffic among targets of equal priority.', '同优先级目标之间的流量比重。') }),
  srvPort: declareField('dns.srv.port', 'Port', 'uint16', { explain: e('The port the service listens on.', '服务监听的端口。') }),
  srvTarget: declareField('dns.srv.target', 'Target', 'string', { explain: e('The host that offers the service.', '提供该服务的主机。') }),
  udpPayloadSize: declareField('dns.rr.udp_payload_size', 'UDP payload size', 'uint16', { explain: e('EDNS: the largest UDP response the sender can receive.', 'EDNS：发送方能接收的最大 UDP 响应。') }),
  extendedRcode: declareField('dns.resp.ext_rcode', 'Higher bits in extended RCODE', 'uint8', { base: 'hex', explain: e('EDNS: upper bits of a 12-bit reply code.', 'EDNS：12 位应答码的高位。') }),
  ednsVersion: declareField('dns.resp.edns0_version', 'EDNS0 version', 'uint8', { explain: e('EDNS version; 0 today.', 'EDNS 版本；目前为 0。') }),
  ednsZ: declareField('dns.resp.z', 'Z', 'uint16', { base: 'hex', explain: e('EDNS flags; the top bit (DO) asks for DNSSEC records.', 'EDNS 标志；最高位（DO）请求 DNSSEC 记录。') }),
  option: declareField('dns.opt', 'Option', 'none', { explain: e('One EDNS option (cookie, client subnet, padding, …).', '一个 EDNS 选项（cookie、客户端子网、填充等）。') }),
  optionCode: declareField('dns.opt.code', 'Option Code', 'uint16', { explain: e('Which EDNS option: 10 cookie, 8 client subnet, 12 padding.', 'EDNS 选项类型：10 为 cookie，8 为客户端子网，12 为填充。') }),
  optionLength: declareField('dns.opt.len', 'Option Length', 'uint16', { explain: e('Bytes of option data.', '选项数据的字节数。') }),
  optionData: declareField('dns.opt.data', 'Option Data', 'bytes', { explain: e('The option\'s bytes.', '选项的字节。') }),
  data: declareField('dns.data', 'Data', 'bytes', { explain: e('Record data of a type PacketLens does not decode.', 'PacketLens 不解码的记录类型的数据。') }),
  responseIn: declareField('dns.response_in', 'Response In', 'framenum', { explain: e('The frame that answers this query.', '应答该查询的帧。') }),
  responseTo: declareField('dns.response_to', 'Request In', 'framenum', { explain: e('The frame with the query this response answers.', '该响应所应答的查询所在的帧。') }),
  time: declareField('dns.time', 'Time', 'rel_time', { explain: e('Seconds between the query and this response: the lookup\'s latency.', '查询与该响应之间的秒数：即查询延迟。') }),
};

const headerLength = 12;
const loopText = '<Name contains a pointer that loops>';

/** Where the name just read ends in place (after its last label or its pointer). Set by `readName`. */
let nameEnd = 0;

/**
 * Reads a possibly compressed name (RFC 1035 §4.1.4) at `offset` of the message that starts at
 * `message` and ends at `end`. A pointer chain that revisits bytes yields Wireshark's loop text
 * instead of hanging. Bounds errors throw PacketBoundsError ('dns').
 */
function readName(data: Uint8Array, message: number, offset: number, end: number): string {
  let text = '';
  let position = offset;
  let jumped = false;
  let visited = 0;
  nameEnd = -1;
  for (;;) {
    need(data, position, 1, end, 'dns');
    const length = data[position];
    if ((length & 0xc0) === 0xc0) {
      need(data, position, 2, end, 'dns');
      if (!jumped) nameEnd = position + 2;
      jumped = true;
      position = message + (u16(data, position) & 0x3fff);
      visited += 2;
      if (visited > end - message) return loopText;
      continue;
    }
    if (length === 0) {
      if (!jumped) nameEnd = position + 1;
      return text === '' ? '<Root>' : text;
    }
    need(data, position + 1, length, end, 'dns');
    text += (text === '' ? '' : '.') + latin1(data, position + 1, length);
    position += 1 + length;
    visited += 1 + length;
    if (visited > end - message) return loopText;
  }
}

/** Wireshark's qname_labels_count: dots plus one, for names longer than one character. */
function labelCount(name: string): number {
  if (name.length <= 1) return 0;
  let labels = 1;
  for (let index = 0; index < name.length; index++) if (name.charCodeAt(index) === 46) labels++;
  return labels;
}

/** Query/response matching, recorded in the first pass (Wireshark matches by conversation and ID). */
class DnsCaptureState {
  /** (conversation, transport, id) → frame of the latest query. */
  readonly latestQuery = new Map<number, number>();
  // Sparse: only DNS frames have entries, a few percent of a typical capture.
  readonly responseIn = new SparseFrameColumn();
  readonly requestIn = new SparseFrameColumn();
  readonly querySeconds = new SparseFrameColumn();
  readonly queryNanoseconds = new SparseFrameColumn();
}

const dnsState = stateKey('dns.transactions', () => new DnsCaptureState());

type Flavour = 'dns' | 'mdns' | 'llmnr';
const protocolsByFlavour: Record<Flavour, ProtocolField> = { dns, mdns, llmnr };

/** Dissects one DNS message in `data[offset, end)`. */
function dissectMessage(ctx: PacketContext, data: Uint8Array, offset: number, end: number, flavour: Flavour, overTcp: boolean): void {
  const { sink, columns } = ctx;
  const protocol = protocolsByFlavour[flavour];
  columns?.setProtocol(protocol.shortName);
  const depth = sink.depth;
  sink.open(protocol, offset, Math.min(end, data.length) - offset, undefined, sink.detailed ? protocol.name : undefined);
  if (overTcp) {
    sink.add(hf.length, offset - 2, 2, end - offset);
  }
  need(data, offset, headerLength, end, 'dns');
  const id = u16(data, offset);
  const flags = u16(data, offset + 2);
  const isResponse = (flags & 0x8000) !== 0;
  const opcode = (flags >> 11) & 0xf;
  const rcode = flags & 0xf;
  if (columns) {
    let info = `${dnsOpcodeNames[opcode] ?? `Unknown operation (${opcode})`}${isResponse ? ' response' : ''} 0x${id.toString(16).padStart(4, '0')}`;
    if (isResponse && rcode !== 0) info += ` ${dnsRcodeNames[rcode] ?? `Unknown error (${rcode})`}`;
    columns.setInfo(info);
  }
  sink.add(hf.id, offset, 2, id);
  addFlags(ctx, offset + 2, flags, isResponse);
  const counts = [u16(data, offset + 4), u16(data, offset + 6), u16(data, offset + 8), u16(data, offset + 10)];
  sink.add(hf.queries, offset + 4, 2, counts[0]);
  sink.add(hf.answers, offset + 6, 2, counts[1]);
  sink.add(hf.authority, offset + 8, 2, counts[2]);
  sink.add(hf.additional, offset + 10, 2, counts[3]);
  matchTransaction(ctx, id, isResponse, overTcp);

  let position = offset + headerLength;
  if (counts[0] > 0) {
    sink.openText('Queries', position, 0);
    const start = position;
    for (let index = 0; index < counts[0]; index++) position = dissectQuestion(ctx, data, offset, position, end, flavour);
    sink.close(position - start);
  }
  const sections = ['Answers', 'Authoritative nameservers', 'Additional records'];
  for (let section = 0; section < 3; section++) {
    if (counts[section + 1] === 0) continue;
    sink.openText(sections[section], position, 0);
    const start = position;
    for (let index = 0; index < counts[section + 1]; index++) position = dissectRecord(ctx, data, offset, position, end, flavour);
    sink.close(position - start);
  }
  addTransactionLinks(ctx, isResponse);
  sink.unwindTo(depth);
}

function addFlags(ctx: PacketContext, offset: number, flags: number, isResponse: boolean): void {
  const sink = ctx.sink;
  const opcode = (flags >> 11) & 0xf;
  const label = sink.detailed
    ? `Flags: 0x${flags.toString(16).padStart(4, '0')} ${dnsOpcodeNames[opcode] ?? 'Unknown operation'}${isResponse ? ' response' : ''}${isResponse ? `, ${dnsRcodeNames[flags & 0xf] ?? 'Unknown error'}` : ''}`
    : undefined;
  sink.open(hf.flags, offset, 2, flags, label);
  sink.add(hf.response, offset, 2, isResponse);
  sink.add(hf.opcode, offset, 2, opcode);
  if (isResponse) sink.add(hf.authoritative, offset, 2, (flags & 0x0400) !== 0);
  sink.add(hf.truncated, offset, 2, (flags & 0x0200) !== 0);
  sink.add(hf.recursionDesired, offset, 2, (flags & 0x0100) !== 0);
  if (isResponse) sink.add(hf.recursionAvailable, offset, 2, (flags & 0x0080) !== 0);
  sink.add(hf.z, offset, 2, (flags & 0x0040) !== 0);
  sink.add(hf.authenticated, offset, 2, (flags & 0x0020) !== 0);
  sink.add(hf.checkDisable, offset, 2, (flags & 0x0010) !== 0);
  if (isResponse) sink.add(hf.rcode, offset, 2, flags & 0xf);
  sink.close();
}

function dissectQuestion(ctx: PacketContext, data: Uint8Array, message: number, offset: number, end: number, flavour: Flavour): number {
  const { sink, columns } = ctx;
  const name = readName(data, message, offset, end);
  const typeAt = nameEnd;
  need(data, typeAt, 4, end, 'dns');
  const type = u16(data, typeAt);
  const classWord = u16(data, typeAt + 2);
  const recordClass = flavour === 'mdns' ? classWord & 0x7fff : classWord;
  const length = typeAt + 4 - offset;
  columns?.appendInfo(`${dnsTypeName(type)} ${name}`);
  if (flavour === 'mdns') columns?.appendInfo(`, "${classWord & 0x8000 ? 'QU' : 'QM'}" question`, '');
  sink.openText(`${name}: type ${dnsTypeName(type)}, class ${dnsClassNames[recordClass] ?? `Unknown (${recordClass})`}`, offset, length);
  sink.add(hf.queryName, offset, typeAt - offset, name);
  sink.add(hf.queryNameLength, offset, typeAt - offset, name.length);
  sink.add(hf.labels, offset, typeAt - offset, labelCount(name));
  sink.add(hf.queryType, typeAt, 2, type);
  sink.add(hf.queryClass, typeAt + 2, 2, recordClass);
  if (flavour === 'mdns') sink.add(hf.queryUnicast, typeAt + 2, 2, (classWord & 0x8000) !== 0);
  sink.close();
  return typeAt + 4;
}

function dissectRecord(ctx: PacketContext, data: Uint8Array, message: number, offset: number, end: number, flavour: Flavour): number {
  const { sink, columns } = ctx;
  const name = readName(data, message, offset, end);
  const typeAt = nameEnd;
  need(data, typeAt, 10, end, 'dns');
  const type = u16(data, typeAt);
  const classWord = u16(data, typeAt + 2);
  const ttl = u32(data, typeAt + 4);
  const dataLength = u16(data, typeAt + 8);
  const rdata = typeAt + 10;
  need(data, rdata, dataLength, end, 'dns');
  const recordEnd = rdata + dataLength;
  const typeName = dnsTypeName(type);

  sink.openText(`${name}: type ${typeName}`, offset, recordEnd - offset);
  sink.add(hf.name, offset, typeAt - offset, name);
  sink.add(hf.type, typeAt, 2, type);
  if (type === 41) {
    // OPT (RFC 6891): the class carries the UDP payload size and the TTL the extended flags.
    sink.add(hf.udpPayloadSize, typeAt + 2, 2, classWord);
    sink.add(hf.extendedRcode, typeAt + 4, 1, data[typeAt + 4]);
    sink.add(hf.ednsVersion, typeAt + 5, 1, data[typeAt + 5]);
    sink.add(hf.ednsZ, typeAt + 6, 2, u16(data, typeAt + 6));
    sink.add(hf.dataLength, typeAt + 8, 2, dataLength);
    for (let position = rdata; position + 4 <= recordEnd; ) {
      const optionLength = u16(data, position + 2);
      const optionEnd = Math.min(recordEnd, position + 4 + optionLength);
      sink.open(hf.option, position, optionEnd - position);
      sink.add(hf.optionCode, position, 2, u16(data, position));
      sink.add(hf.optionLength, position + 2, 2, optionLength);
      // tshark shows Option Data even when it is empty.
      sink.add(hf.optionData, position + 4, Math.max(0, optionEnd - position - 4));
      sink.close();
      position = optionEnd;
    }
    columns?.appendInfo('OPT');
    sink.close();
    return recordEnd;
  }
  const recordClass = flavour === 'mdns' ? classWord & 0x7fff : classWord;
  sink.add(hf.class, typeAt + 2, 2, recordClass);
  if (flavour === 'mdns') sink.add(hf.cacheFlush, typeAt + 2, 2, (classWord & 0x8000) !== 0);
  sink.add(hf.ttl, typeAt + 4, 4, ttl);
  sink.add(hf.dataLength, typeAt + 8, 2, dataLength);
  const summary = dissectRecordData(ctx, data, message, type, rdata, recordEnd);
  columns?.appendInfo(summary === '' ? typeName : `${typeName} ${summary}`);
  sink.close();
  return recordEnd;
}

/** Adds the record data fields and returns the Info text after the type name ("" for none). */
function dissectRecordData(ctx: PacketContext, data: Uint8Array, message: number, type: number, offset: number, end: number): string {
  const sink = ctx.sink;
  const length = end - offset;
  const nameField = (field: typeof hf.cname, at: number): string => {
    const name = readName(data, message, at, end);
    sink.add(field, at, nameEnd - at, name);
    return name;
  };
  switch (type) {
    case 1:
      if (length !== 4) break;
      sink.add(hf.a, offset, 4, u32(data, offset));
      return ipv4ToString(u32(data, offset));
    case 28:
      if (length !== 16) break;
      sink.add(hf.aaaa, offset, 16);
      return ipv6ToString(data, offset);
    case 2: return nameField(hf.ns, offset);
    case 5: return nameField(hf.cname, offset);
    case 12: return nameField(hf.ptr, offset);
    case 15: {
      need(data, offset, 2, end, 'dns');
      const preference = u16(data, offset);
      sink.add(hf.mxPreference, offset, 2, preference);
      return `${preference} ${nameField(hf.mxExchange, offset + 2)}`;
    }
    case 6: {
      const primary = nameField(hf.soaMname, offset);
      nameField(hf.soaRname, nameEnd);
      const numbers = nameEnd;
      need(data, numbers, 20, end, 'dns');
      sink.add(hf.soaSerial, numbers, 4, u32(data, numbers));
      sink.add(hf.soaRefresh, numbers + 4, 4, u32(data, numbers + 4));
      sink.add(hf.soaRetry, numbers + 8, 4, u32(data, numbers + 8));
      sink.add(hf.soaExpire, numbers + 12, 4, u32(data, numbers + 12));
      sink.add(hf.soaMinimum, numbers + 16, 4, u32(data, numbers + 16));
      return primary;
    }
    case 33: {
      need(data, offset, 6, end, 'dns');
      const priority = u16(data, offset);
      const weight = u16(data, offset + 2);
      const port = u16(data, offset + 4);
      sink.add(hf.srvPriority, offset, 2, priority);
      sink.add(hf.srvWeight, offset + 2, 2, weight);
      sink.add(hf.srvPort, offset + 4, 2, port);
      return `${priority} ${weight} ${port} ${nameField(hf.srvTarget, offset + 6)}`;
    }
    case 16:
      for (let position = offset; position < end; ) {
        const textLength = data[position];
        need(data, position + 1, textLength, end, 'dns');
        sink.add(hf.txtLength, position, 1, textLength);
        sink.add(hf.txt, position + 1, textLength, latin1(data, position + 1, textLength));
        position += 1 + textLength;
      }
      return '';
  }
  if (length > 0) sink.add(hf.data, offset, length);
  return '';
}

function matchTransaction(ctx: PacketContext, id: number, isResponse: boolean, overTcp: boolean): void {
  if (!ctx.firstPass || ctx.quotedDepth > 0) return;
  const stream = overTcp ? currentTcpStream(ctx) : currentUdpStream(ctx);
  if (stream < 0) return;
  const state = ctx.state.get(dnsState);
  const key = (stream * 2 + (overTcp ? 1 : 0)) * 0x10000 + id;
  const frame = ctx.frame;
  if (!isResponse) {
    state.latestQuery.set(key, frame.number);
    state.querySeconds.set(frame.number, frame.seconds);
    state.queryNanoseconds.set(frame.number, frame.nanoseconds);
    return;
  }
  const query = state.latestQuery.get(key);
  if (query === undefined || query >= frame.number || state.responseIn.get(query) !== 0) return;
  state.responseIn.set(query, frame.number);
  state.requestIn.set(frame.number, query);
}

function addTransactionLinks(ctx: PacketContext, isResponse: boolean): void {
  if (ctx.quotedDepth > 0) return;
  const state = ctx.state.get(dnsState);
  const frame = ctx.frame;
  if (!isResponse) {
    const response = state.responseIn.get(frame.number);
    if (response !== 0) ctx.sink.add(hf.responseIn, 0, 0, response, ctx.sink.detailed ? `[Response In: ${response}]` : undefined);
    return;
  }
  const query = state.requestIn.get(frame.number);
  if (query === 0) return;
  ctx.sink.add(hf.responseTo, 0, 0, query, ctx.sink.detailed ? `[Request In: ${query}]` : undefined);
  const seconds = (frame.seconds - state.querySeconds.get(query)) + (frame.nanoseconds - state.queryNanoseconds.get(query)) / 1e9;
  ctx.sink.add(hf.time, 0, 0, seconds, ctx.sink.detailed ? `[Time: ${seconds.toFixed(9)} seconds]` : undefined);
}

export function dissectDnsUdp(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  dissectMessage(ctx, data, offset, end, 'dns', false);
}

function dissectMdns(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  dissectMessage(ctx, data, offset, end, 'mdns', false);
}

function dissectLlmnr(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  dissectMessage(ctx, data, offset, end, 'llmnr', false);
}

/**
 * DNS over TCP (RFC 1035 §4.2.2): messages prefixed by a two-byte length, possibly several per
 * segment. A message that continues in a later segment needs reassembly (a later task); like
 * Wireshark before reassembly completes, the segment is then marked as part of a larger PDU.
 */
export function dissectDnsTcp(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  let position = offset;
  while (position < end) {
    if (position + 2 > end || position + 2 + u16(data, position) > end) {
      // TCP keeps the bytes and hands the whole message over in the segment that completes it.
      if (requestMoreBytes(ctx, position, position + 2 > end ? oneMoreSegment : position + 2 + u16(data, position) - end)) return;
      ctx.columns?.appendInfo('[TCP segment of a reassembled PDU]');
      return;
    }
    const length = u16(data, position);
    dissectMessage(ctx, data, position + 2, position + 2 + length, 'dns', true);
    position += 2 + length;
  }
}

export function handoff(tables: DissectorTables): void {
  tables.udpPort.add(53, dissectDnsUdp);
  tables.tcpPort.add(53, dissectDnsTcp);
  tables.udpPort.add(5353, dissectMdns);
  tables.udpPort.add(5355, dissectLlmnr);
}
