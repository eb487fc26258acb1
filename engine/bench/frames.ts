/**
 * Byte layouts of the frames the benchmark generator writes: Ethernet II, ARP, IPv4, TCP, UDP,
 * ICMP echo and DNS messages, with real IPv4/TCP/UDP/ICMP checksums (RFC 791, 793, 768, 792,
 * 1071, 1035). Every function writes into a caller-owned buffer at a given offset and returns
 * the next offset or the frame length, so building a frame allocates nothing.
 *
 * Conventions: MAC addresses are 48-bit integers (exact in a double), IPv4 addresses are
 * uint32 numbers, all multi-byte header fields are big-endian (network order).
 */

export const ETHERNET_HEADER_LENGTH = 14;
export const IPV4_HEADER_LENGTH = 20;
export const TCP_HEADER_LENGTH = 20;
export const UDP_HEADER_LENGTH = 8;
export const ICMP_ECHO_HEADER_LENGTH = 8;
export const ARP_LENGTH = 28;
/** Shortest Ethernet frame without its FCS; shorter frames are zero-padded to it. */
export const MINIMUM_FRAME_LENGTH = 60;

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;
export const IP_PROTOCOL_ICMP = 1;
export const IP_PROTOCOL_TCP = 6;
export const IP_PROTOCOL_UDP = 17;

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;

export const BROADCAST_MAC = 0xffffffffffff;

/** Offsets of the layers inside an Ethernet + IPv4 frame (no IP options). */
export const IP_OFFSET = ETHERNET_HEADER_LENGTH;
export const TRANSPORT_OFFSET = ETHERNET_HEADER_LENGTH + IPV4_HEADER_LENGTH;

export function writeUint16(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = value >>> 8;
  bytes[offset + 1] = value;
}

export function writeUint32(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = value >>> 24;
  bytes[offset + 1] = value >>> 16;
  bytes[offset + 2] = value >>> 8;
  bytes[offset + 3] = value;
}

export function writeMac(bytes: Uint8Array, offset: number, mac: number): void {
  const high = Math.floor(mac / 0x100000000);
  writeUint16(bytes, offset, high);
  writeUint32(bytes, offset + 2, mac >>> 0);
}

/** Parses "a.b.c.d" into a uint32 (setup-time helper, not for the per-packet path). */
export function ipv4FromString(text: string): number {
  const parts = text.split('.').map(Number);
  if (parts.length !== 4 || parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255)) {
    throw new RangeError(`not an IPv4 address: ${text}`);
  }
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

/** Parses "aa:bb:cc:dd:ee:ff" into a 48-bit integer (setup-time helper). */
export function macFromString(text: string): number {
  const parts = text.split(':');
  if (parts.length !== 6 || parts.some((part) => !/^[0-9a-f]{2}$/i.test(part))) throw new RangeError(`not a MAC address: ${text}`);
  return parts.reduce((value, part) => value * 256 + parseInt(part, 16), 0);
}

/**
 * Adds the big-endian 16-bit words of `bytes[start, end)` to `sum` without folding (RFC 1071);
 * an odd last byte counts as the high byte of a word. The result stays far below 2^53.
 */
export function addToChecksum(bytes: Uint8Array, start: number, end: number, sum: number): number {
  let index = start;
  const pairsEnd = end - 1;
  for (; index < pairsEnd; index += 2) sum += (bytes[index] << 8) | bytes[index + 1];
  if (index < end) sum += bytes[index] << 8;
  return sum;
}

/** Folds a running sum to 16 bits and complements it: the value to store in a checksum field. */
export function finishChecksum(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

/** RFC 1071 Internet checksum of `bytes[start, end)`. */
export function internetChecksum(bytes: Uint8Array, start: number, end: number): number {
  return finishChecksum(addToChecksum(bytes, start, end, 0));
}

export function writeEthernetHeader(bytes: Uint8Array, destination: number, source: number, etherType: number): void {
  writeMac(bytes, 0, destination);
  writeMac(bytes, 6, source);
  writeUint16(bytes, 12, etherType);
}

/**
 * Writes a 20-byte IPv4 header at IP_OFFSET (no options, DSCP 0) with its header checksum.
 * `payloadLength` is the transport header plus data.
 */
export function writeIpv4Header(
  bytes: Uint8Array,
  protocol: number,
  source: number,
  destination: number,
  payloadLength: number,
  identification: number,
  timeToLive: number,
  dontFragment: boolean,
): void {
  const at = IP_OFFSET;
  bytes[at] = 0x45;
  bytes[at + 1] = 0;
  writeUint16(bytes, at + 2, IPV4_HEADER_LENGTH + payloadLength);
  writeUint16(bytes, at + 4, identification & 0xffff);
  writeUint16(bytes, at + 6, dontFragment ? 0x4000 : 0);
  bytes[at + 8] = timeToLive;
  bytes[at + 9] = protocol;
  writeUint16(bytes, at + 10, 0);
  writeUint32(bytes, at + 12, source);
  writeUint32(bytes, at + 16, destination);
  writeUint16(bytes, at + 10, internetChecksum(bytes, at, at + IPV4_HEADER_LENGTH));
}

/** Sum of the TCP/UDP pseudo-header (RFC 793 section 3.1, RFC 768), read from the IPv4 header. */
function pseudoHeaderSum(bytes: Uint8Array, protocol: number, transportLength: number): number {
  return addToChecksum(bytes, IP_OFFSET + 12, IP_OFFSET + 20, 0) + protocol + transportLength;
}

/**
 * Writes a TCP header at TRANSPORT_OFFSET; `optionsLength` bytes of options (a multiple of 4,
 * already written or written next with the option writers) follow it. Returns the data offset.
 */
export function writeTcpHeader(
  bytes: Uint8Array,
  sourcePort: number,
  destinationPort: number,
  sequence: number,
  acknowledgment: number,
  flags: number,
  window: number,
  optionsLength: number,
): number {
  const at = TRANSPORT_OFFSET;
  writeUint16(bytes, at, sourcePort);
  writeUint16(bytes, at + 2, destinationPort);
  writeUint32(bytes, at + 4, sequence);
  writeUint32(bytes, at + 8, acknowledgment);
  bytes[at + 12] = ((TCP_HEADER_LENGTH + optionsLength) / 4) << 4;
  bytes[at + 13] = flags;
  writeUint16(bytes, at + 14, window);
  writeUint16(bytes, at + 16, 0);
  writeUint16(bytes, at + 18, 0);
  return at + TCP_HEADER_LENGTH + optionsLength;
}

/**
 * SYN options as Linux sends them without timestamps: MSS, NOP, window scale, NOP, NOP,
 * SACK permitted (12 bytes). Written after a TCP header declared with optionsLength 12.
 */
export const SYN_OPTIONS_LENGTH = 12;
export function writeSynOptions(bytes: Uint8Array, maximumSegmentSize: number, windowScale: number): void {
  const at = TRANSPORT_OFFSET + TCP_HEADER_LENGTH;
  bytes[at] = 2; // MSS
  bytes[at + 1] = 4;
  writeUint16(bytes, at + 2, maximumSegmentSize);
  bytes[at + 4] = 1; // NOP
  bytes[at + 5] = 3; // window scale
  bytes[at + 6] = 3;
  bytes[at + 7] = windowScale;
  bytes[at + 8] = 1;
  bytes[at + 9] = 1;
  bytes[at + 10] = 4; // SACK permitted
  bytes[at + 11] = 2;
}

/** One SACK block (RFC 2018) behind two NOPs: 12 bytes. `left`/`right` are absolute sequence numbers. */
export const SACK_OPTIONS_LENGTH = 12;
export function writeSackOption(bytes: Uint8Array, left: number, right: number): void {
  const at = TRANSPORT_OFFSET + TCP_HEADER_LENGTH;
  bytes[at] = 1;
  bytes[at + 1] = 1;
  bytes[at + 2] = 5;
  bytes[at + 3] = 10;
  writeUint32(bytes, at + 4, left);
  writeUint32(bytes, at + 8, right);
}

/** Computes and stores the TCP checksum; the IPv4 header must already be written. */
export function finishTcp(bytes: Uint8Array, segmentLength: number): void {
  const end = TRANSPORT_OFFSET + segmentLength;
  const sum = addToChecksum(bytes, TRANSPORT_OFFSET, end, pseudoHeaderSum(bytes, IP_PROTOCOL_TCP, segmentLength));
  writeUint16(bytes, TRANSPORT_OFFSET + 16, finishChecksum(sum));
}

/** Writes the UDP header and checksum over a payload already at the data offset; returns nothing. */
export function finishUdp(bytes: Uint8Array, sourcePort: number, destinationPort: number, payloadLength: number): void {
  const at = TRANSPORT_OFFSET;
  const length = UDP_HEADER_LENGTH + payloadLength;
  writeUint16(bytes, at, sourcePort);
  writeUint16(bytes, at + 2, destinationPort);
  writeUint16(bytes, at + 4, length);
  writeUint16(bytes, at + 6, 0);
  const checksum = finishChecksum(addToChecksum(bytes, at, at + length, pseudoHeaderSum(bytes, IP_PROTOCOL_UDP, length)));
  // A computed 0 is sent as 0xffff: 0 means "no checksum" in UDP over IPv4.
  writeUint16(bytes, at + 6, checksum === 0 ? 0xffff : checksum);
}

/** Writes the ICMP echo header and checksum over `dataLength` bytes already after it. */
export function finishIcmpEcho(bytes: Uint8Array, type: number, identifier: number, sequence: number, dataLength: number): void {
  const at = TRANSPORT_OFFSET;
  bytes[at] = type;
  bytes[at + 1] = 0;
  writeUint16(bytes, at + 2, 0);
  writeUint16(bytes, at + 4, identifier);
  writeUint16(bytes, at + 6, sequence);
  writeUint16(bytes, at + 2, internetChecksum(bytes, at, at + ICMP_ECHO_HEADER_LENGTH + dataLength));
}

/** Writes an Ethernet ARP request (opcode 1) or reply (2); the frame is padded to 60 bytes. */
export function writeArpFrame(
  bytes: Uint8Array,
  destinationMac: number,
  opcode: number,
  senderMac: number,
  senderIp: number,
  targetMac: number,
  targetIp: number,
): number {
  writeEthernetHeader(bytes, destinationMac, senderMac, ETHERTYPE_ARP);
  const at = ETHERNET_HEADER_LENGTH;
  writeUint16(bytes, at, 1); // Ethernet
  writeUint16(bytes, at + 2, ETHERTYPE_IPV4);
  bytes[at + 4] = 6;
  bytes[at + 5] = 4;
  writeUint16(bytes, at + 6, opcode);
  writeMac(bytes, at + 8, senderMac);
  writeUint32(bytes, at + 14, senderIp);
  writeMac(bytes, at + 18, targetMac);
  writeUint32(bytes, at + 24, targetIp);
  return padFrame(bytes, at + ARP_LENGTH);
}

/** Zero-pads a frame to the Ethernet minimum and returns its final length. */
export function padFrame(bytes: Uint8Array, length: number): number {
  if (length >= MINIMUM_FRAME_LENGTH) return length;
  bytes.fill(0, length, MINIMUM_FRAME_LENGTH);
  return MINIMUM_FRAME_LENGTH;
}

/** Copies ASCII text (setup time) into a new byte array. */
export function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index) & 0x7f;
  return bytes;
}

/** Writes the decimal digits of a non-negative integer; returns the offset after them. */
export function writeDecimal(bytes: Uint8Array, offset: number, value: number): number {
  const digits = decimalLength(value);
  for (let index = digits - 1, rest = value; index >= 0; index--, rest = Math.floor(rest / 10)) bytes[offset + index] = 48 + (rest % 10);
  return offset + digits;
}

/** Number of decimal digits of a non-negative integer. */
export function decimalLength(value: number): number {
  let digits = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  return digits;
}

// --- DNS (RFC 1035) ---

export const DNS_HEADER_LENGTH = 12;
export const DNS_TYPE_A = 1;
export const DNS_TYPE_CNAME = 5;
export const DNS_TYPE_AAAA = 28;
export const DNS_CLASS_IN = 1;
/** Standard query with recursion desired. */
export const DNS_FLAGS_QUERY = 0x0100;
/** Response, recursion desired and available, no error. */
export const DNS_FLAGS_RESPONSE = 0x8180;
/** As above with RCODE 3 (NXDOMAIN, "No such name"). */
export const DNS_FLAGS_NO_SUCH_NAME = 0x8183;
/** Offset of the question name in a DNS message (right after the header): answers point at it. */
export const DNS_QUESTION_NAME_OFFSET = DNS_HEADER_LENGTH;

/** Encodes a dotted name as DNS labels ending in the root label (setup time). */
export function encodeDnsName(name: string): Uint8Array {
  const labels = name.split('.');
  const bytes = new Uint8Array(name.length + 2);
  let at = 0;
  for (const label of labels) {
    if (label.length === 0 || label.length > 63) throw new RangeError(`bad DNS label in ${name}`);
    bytes[at++] = label.length;
    for (let index = 0; index < label.length; index++) bytes[at++] = label.charCodeAt(index);
  }
  bytes[at] = 0;
  return bytes;
}

/** Writes a DNS header and one question at `offset`; returns the offset after the question. */
export function writeDnsQuestion(
  bytes: Uint8Array,
  offset: number,
  transactionId: number,
  flags: number,
  answerCount: number,
  encodedName: Uint8Array,
  type: number,
): number {
  writeUint16(bytes, offset, transactionId);
  writeUint16(bytes, offset + 2, flags);
  writeUint16(bytes, offset + 4, 1);
  writeUint16(bytes, offset + 6, answerCount);
  writeUint16(bytes, offset + 8, 0);
  writeUint16(bytes, offset + 10, 0);
  bytes.set(encodedName, offset + DNS_HEADER_LENGTH);
  let at = offset + DNS_HEADER_LENGTH + encodedName.length;
  writeUint16(bytes, at, type);
  writeUint16(bytes, at + 2, DNS_CLASS_IN);
  at += 4;
  return at;
}

/**
 * Resource records (RFC 1035 4.1.3) whose owner name is a compression pointer to `namePointer`,
 * an offset from the DNS message start. Each writer returns the offset after its record.
 */
function writeRecordHead(bytes: Uint8Array, at: number, namePointer: number, type: number, timeToLive: number, dataLength: number): number {
  writeUint16(bytes, at, 0xc000 | namePointer);
  writeUint16(bytes, at + 2, type);
  writeUint16(bytes, at + 4, DNS_CLASS_IN);
  writeUint32(bytes, at + 6, timeToLive);
  writeUint16(bytes, at + 10, dataLength);
  return at + 12;
}

export function writeDnsARecord(bytes: Uint8Array, at: number, namePointer: number, timeToLive: number, address: number): number {
  const dataAt = writeRecordHead(bytes, at, namePointer, DNS_TYPE_A, timeToLive, 4);
  writeUint32(bytes, dataAt, address);
  return dataAt + 4;
}

export function writeDnsCnameRecord(bytes: Uint8Array, at: number, namePointer: number, timeToLive: number, target: Uint8Array): number {
  const dataAt = writeRecordHead(bytes, at, namePointer, DNS_TYPE_CNAME, timeToLive, target.length);
  bytes.set(target, dataAt);
  return dataAt + target.length;
}
