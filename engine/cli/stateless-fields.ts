import type { Field } from '../../dissectors/index.js';

/**
 * Which fields a one-frame-at-a-time pass can print and filter on exactly as tshark's single
 * pass does, with no capture state: no conversations, no analysis, no reassembly.
 *
 * Conservative by construction: a field qualifies only when its protocol is one of the header
 * layers below (every protocol not listed, including any added later, sends the command to the
 * full pass) and the field is not one of the listed stateful fields of those layers. Above the
 * transport layer nothing qualifies: whether HTTP or DNS even appears in a frame depends on TCP
 * reassembly (the PDU is dissected in the segment that completes it) and on conversations.
 *
 * The one cross-frame effect that can reach these header fields is IP reassembly: the frame
 * that completes a fragmented datagram carries the reassembled TCP/UDP header. That depends on
 * the data, not the fields, so the streaming pass watches for fragments at run time (see
 * `StreamFieldSink.fragmentSeen`) and hands over to the full pass when it meets one.
 */
const headerLayers = new Set([
  'frame', 'eth', 'vlan', 'ieee8021ad', 'ieee8021ah', 'sll', 'null', 'loop', 'raw', 'ppp', 'nflog', 'llc', 'stp', 'arp',
  'ip', 'ipv6', 'icmp', 'icmpv6', 'igmp', 'udp', 'tcp', 'vxlan',
]);

/** Fields of the header layers whose value comes from other frames (or from layers above). */
const statefulFields = new Set([
  // Lists the protocols found above, which depend on reassembly (frame.protocols).
  'frame.protocols',
  // IP reassembly: which frames hold the parts and which completes the datagram.
  'ip.fragments', 'ip.fragment', 'ip.fragment.count', 'ip.reassembled.length', 'ip.reassembled.data', 'ip.reassembled_in',
  'ipv6.fragments', 'ipv6.fragment', 'ipv6.fragment.count', 'ipv6.reassembled.length', 'ipv6.reassembled.data', 'ipv6.reassembled_in',
  // TCP conversation tracking: stream numbers, relative sequence numbers (the base is the
  // flow's first segment), window scaling (learnt from the handshake), SACK edges (relative).
  'tcp.stream', 'tcp.seq', 'tcp.ack', 'tcp.nxtseq', 'tcp.window_size', 'tcp.window_size_scalefactor',
  'tcp.options.sack_le', 'tcp.options.sack_re',
  // TCP analysis, connection states and stream times: computed from the segments before.
  'tcp.completeness', 'tcp.time_relative', 'tcp.time_delta', 'tcp.connection.fin_active', 'tcp.connection.fin_passive',
  // TCP reassembly: the payload of a segment that belongs to a PDU is shown as segment data.
  'tcp.payload', 'tcp.segments', 'tcp.segment', 'tcp.segment.count', 'tcp.reassembled.length', 'tcp.reassembled.data',
  'tcp.reassembled_in', 'tcp.segment_data',
  // UDP conversations.
  'udp.stream',
  // ICMP and ICMPv6 echo request/reply matching.
  'icmp.resp_in', 'icmp.resp_to', 'icmp.resptime', 'icmp.no_resp', 'icmpv6.resp_in', 'icmpv6.resp_to', 'icmpv6.resptime', 'icmpv6.no_resp',
]);

/** Field-name prefixes of whole stateful families. */
const statefulPrefixes = ['tcp.analysis', 'tcp.state.', 'tcp.pdu.'];

/** Column pseudo-fields the streaming pass can print: the others (Protocol, Info, addresses) need the full pass. */
export const streamableColumns = new Set(['_ws.col.No.', '_ws.col.Length']);

/** Why `field` needs capture state, or null when one frame alone gives tshark's value. */
export function statefulReason(field: Field): string | null {
  if (!headerLayers.has(field.protocol)) return `${field.abbrev}: protocol ${field.protocol} is not a header layer`;
  if (statefulFields.has(field.abbrev) || statefulPrefixes.some((prefix) => field.abbrev.startsWith(prefix))) return `${field.abbrev} depends on other frames`;
  return null;
}

/** The first reason any of `fields` needs capture state, or null when none does. */
export function captureStateReason(fields: readonly Field[]): string | null {
  for (const field of fields) {
    const reason = statefulReason(field);
    if (reason !== null) return reason;
  }
  return null;
}
