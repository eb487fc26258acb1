/**
 * What an explanation may know besides the value itself: facts from elsewhere in the same
 * packet (or given by the user) that change how the value reads. Every member is optional; an
 * explainer says less when a fact is missing, never guesses it.
 */
export interface ValueContext {
  /** Prefix length of the local subnet (from DHCP option 1, or typed in), for network/broadcast addresses. */
  readonly prefixLength?: number;
  /** The ICMP type, to name an ICMP code. */
  readonly icmpType?: number;
  /** The TCP flags of the segment (the 12-bit field), for sequence/ack arithmetic and flag combinations. */
  readonly tcpFlags?: number;
  /** Payload bytes of the TCP segment. */
  readonly tcpSegmentLength?: number;
  /** The window scale shift agreed in the handshake: 0–14; -1 unknown (handshake not seen); -2 not in use. */
  readonly windowShift?: number;
  /** IPv4 More Fragments flag. */
  readonly moreFragments?: boolean;
  /** IPv4 fragment offset field, in units of 8 bytes. */
  readonly fragmentOffset?: number;
  /** IPv4 header length in bytes. */
  readonly ipHeaderLength?: number;
  /** ARP opcode (1 request, 2 reply). */
  readonly arpOpcode?: number;
  /** Length in bytes of the Ethernet payload before padding (an ARP packet: 28). */
  readonly ethernetPayloadLength?: number;
}

/** A field value as explainers take it: what the sink or the tree holds (addresses as bytes). */
export type ExplainedValue = number | bigint | boolean | string | Uint8Array;
