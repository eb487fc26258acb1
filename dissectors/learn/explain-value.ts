import { registry, type Field } from '../core/fields.js';
import { explainIpv4Address, explainIpv6Address, explainMacAddress, explainNetmask } from './addresses.js';
import type { ExplainedValue, ValueContext } from './context.js';
import { explainDhcpMessageType, explainDnsResponseFlag, explainHttpMethod, explainHttpStatus } from './explain-application.js';
import { explainArpOpcode, explainArpTargetMac, explainEthernetDestination, explainEtherType, explainPadding } from './explain-link.js';
import {
  explainDontFragment, explainDscp, explainDsField, explainEcn, explainFragmentOffset, explainIcmpCode, explainIcmpType,
  explainIpFlags, explainIpHeaderLength, explainIpProtocol, explainIpTotalLength, explainMoreFragments, explainTtl,
} from './explain-network.js';
import {
  datagramVersusStream, explainAcknowledgment, explainMss, explainPort, explainSequence, explainTcpFlag, explainTcpFlagCombination,
  explainTcpHeaderLength, explainTcpLength, explainUdpLength, explainWindowScaleShift, explainWindowValue, type TcpFlagName,
} from './explain-transport.js';
import { line, type Bilingual } from './text.js';

type Explainer = (value: ExplainedValue, context: ValueContext) => Bilingual[];

function toNumber(value: ExplainedValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Uint8Array) return value.reduce((sum, byte) => sum * 256 + byte, 0);
  return Number(value);
}

function toBoolean(value: ExplainedValue): boolean {
  return typeof value === 'boolean' ? value : toNumber(value) !== 0;
}

/** An IPv4 address as the sink gives it (a uint32) or as 4 bytes. */
function toIpv4(value: ExplainedValue): number {
  return toNumber(value) >>> 0;
}

function toBytes(value: ExplainedValue): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return parseHexBytes(value);
  return new Uint8Array(0);
}

/** "ff:ff:ff:ff:ff:ff", "fe80::1" and plain hex strings, so callers may pass text. */
function parseHexBytes(text: string): Uint8Array {
  if (text.includes('::') || (text.match(/:/g)?.length ?? 0) === 7) return parseIpv6(text);
  const clean = text.replace(/[:.\-\s]/g, '');
  const bytes = new Uint8Array(clean.length >> 1);
  for (let index = 0; index < bytes.length; index++) bytes[index] = parseInt(clean.slice(index * 2, index * 2 + 2), 16);
  return bytes;
}

function parseIpv6(text: string): Uint8Array {
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const groups = (part: string | undefined) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const first = groups(head);
  const last = groups(tail);
  const all = [...first, ...new Array<number>(8 - first.length - last.length).fill(0), ...last];
  const bytes = new Uint8Array(16);
  all.forEach((group, index) => { bytes[index * 2] = group >> 8; bytes[index * 2 + 1] = group & 255; });
  return bytes;
}

const portExplainer = (transport: 'tcp' | 'udp'): Explainer => (value) => explainPort(toNumber(value), transport);
const flagExplainer = (name: TcpFlagName): Explainer => (value) => explainTcpFlag(name, toBoolean(value));
const ttlExplainer: Explainer = (value) => explainTtl(toNumber(value));
const addressExplainer: Explainer = (value, context) => explainIpv4Address(toIpv4(value), context.prefixLength);
const netmaskExplainer: Explainer = (value) => explainNetmask(toIpv4(value));

/** Per-field explainers, keyed by abbrev exactly as Wireshark spells it. */
const explainers: Readonly<Record<string, Explainer>> = {
  'eth.dst': (value) => {
    const bytes = toBytes(value);
    const broadcast = bytes.length === 6 && bytes.every((byte) => byte === 0xff);
    return [...explainMacAddress(bytes), ...explainEthernetDestination(broadcast)];
  },
  'eth.type': (value) => explainEtherType(toNumber(value)),
  'eth.padding': (value, context) => explainPadding(value instanceof Uint8Array ? value.length : toNumber(value), context),

  'arp.opcode': (value) => explainArpOpcode(toNumber(value)),
  'arp.dst.hw_mac': (value, context) => {
    const bytes = toBytes(value);
    return [...explainMacAddress(bytes), ...explainArpTargetMac(bytes.every((byte) => byte === 0), context)];
  },

  'ip.version': (value) => [line(`Version ${toNumber(value)}: the first 4 bits tell the receiver how to read the rest (4 IPv4, 6 IPv6).`, `版本 ${toNumber(value)}：前 4 位告诉接收方如何解读其余部分（4 为 IPv4，6 为 IPv6）。`)],
  'ip.hdr_len': (value) => explainIpHeaderLength(toNumber(value)),
  'ip.len': (value, context) => explainIpTotalLength(toNumber(value), context),
  'ip.dsfield': (value) => explainDsField(toNumber(value)),
  'ip.dsfield.dscp': (value) => explainDscp(toNumber(value)),
  'ip.dsfield.ecn': (value) => explainEcn(toNumber(value)),
  'ip.flags': (value, context) => explainIpFlags(toNumber(value), context),
  'ip.flags.df': (value) => explainDontFragment(toBoolean(value)),
  'ip.flags.mf': (value, context) => explainMoreFragments(toBoolean(value), context),
  'ip.frag_offset': (value, context) => explainFragmentOffset(toNumber(value), context),
  'ip.ttl': ttlExplainer,
  'ip.proto': (value) => explainIpProtocol(toNumber(value)),
  'ipv6.hlim': (value) => explainTtl(toNumber(value), line('Hop limit', '跳数限制')),
  'ipv6.nxt': (value) => explainIpProtocol(toNumber(value)),
  'ipv6.tclass': (value) => explainDsField(toNumber(value) & 0xff),
  'ipv6.tclass.dscp': (value) => explainDscp(toNumber(value)),
  'ipv6.tclass.ecn': (value) => explainEcn(toNumber(value)),

  'icmp.type': (value) => explainIcmpType(toNumber(value)),
  'icmp.code': (value, context) => explainIcmpCode(toNumber(value), context),

  'tcp.srcport': portExplainer('tcp'),
  'tcp.dstport': portExplainer('tcp'),
  'tcp.port': portExplainer('tcp'),
  'udp.srcport': portExplainer('udp'),
  'udp.dstport': portExplainer('udp'),
  'udp.port': portExplainer('udp'),
  'tcp.flags': (value, context) => explainTcpFlagCombination(toNumber(value), context.tcpSegmentLength),
  'tcp.flags.fin': flagExplainer('fin'),
  'tcp.flags.syn': flagExplainer('syn'),
  'tcp.flags.reset': flagExplainer('rst'),
  'tcp.flags.push': flagExplainer('psh'),
  'tcp.flags.ack': flagExplainer('ack'),
  'tcp.flags.urg': flagExplainer('urg'),
  'tcp.flags.ece': flagExplainer('ece'),
  'tcp.flags.cwr': flagExplainer('cwr'),
  'tcp.flags.ae': flagExplainer('ae'),
  'tcp.seq': (value, context) => explainSequence(toNumber(value), context),
  'tcp.ack': (value, context) => explainAcknowledgment(toNumber(value), context),
  'tcp.len': (value) => explainTcpLength(toNumber(value)),
  'tcp.hdr_len': (value) => explainTcpHeaderLength(toNumber(value)),
  'tcp.window_size_value': (value, context) => explainWindowValue(toNumber(value), context),
  'tcp.window_size': (value) => [line(`${toNumber(value)} bytes may be sent beyond the acknowledged data before the sender must wait.`, `在已确认数据之后还可以发送 ${toNumber(value)} 字节，然后发送方必须等待。`)],
  'tcp.options.wscale.shift': (value) => explainWindowScaleShift(toNumber(value)),
  'tcp.options.mss_val': (value) => explainMss(toNumber(value)),
  'tcp.payload': () => [datagramVersusStream.tcp],
  'tcp': () => [datagramVersusStream.tcp],
  'udp': () => [datagramVersusStream.udp],
  'udp.length': (value) => explainUdpLength(toNumber(value)),
  'udp.payload': () => [datagramVersusStream.udp],

  'dns.flags.response': (value) => explainDnsResponseFlag(toBoolean(value)),
  'http.response.code': (value) => explainHttpStatus(toNumber(value)),
  'http.request.method': (value) => explainHttpMethod(String(value)),
  'dhcp.option.dhcp': (value) => explainDhcpMessageType(toNumber(value)),
  'dhcp.option.subnet_mask': netmaskExplainer,
  'icmp.address_mask': netmaskExplainer,
};

/** Fields whose explanation depends only on the value's type (every IPv4 address field, every MAC …). */
function explainByType(field: Field, value: ExplainedValue, context: ValueContext): Bilingual[] {
  switch (field.type) {
    case 'ipv4': return addressExplainer(value, context);
    case 'ipv6': return explainIpv6Address(toBytes(value));
    case 'ether': return explainMacAddress(toBytes(value));
    default: return [];
  }
}

/**
 * Lines that say how to read THIS value of a field (the registry's `explain` says what the
 * field is; these say what its value means). `field` is a registry field or its abbrev. Values
 * are as the sink or tree holds them: integers as numbers, ipv4 as a uint32 (or 4 bytes), MAC
 * and IPv6 as bytes (or their text), booleans as booleans. Returns [] when there is nothing to
 * add beyond the registry's text.
 */
export function explainValue(field: Field | string, value: ExplainedValue, context: ValueContext = {}): Bilingual[] {
  const resolved = typeof field === 'string' ? registry.find(field) : field;
  if (!resolved) return [];
  const explainer = explainers[resolved.abbrev];
  if (explainer) return explainer(value, context);
  return explainByType(resolved, value, context);
}

/** Abbrevs with a value explainer of their own (besides the per-type ones). */
export function explainedAbbrevs(): readonly string[] {
  return Object.keys(explainers);
}
