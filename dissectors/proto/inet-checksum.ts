/**
 * The Internet checksum (RFC 1071) used by IPv4, ICMP, ICMPv6, IGMP, UDP and TCP: the ones'
 * complement of the ones' complement sum of 16-bit big-endian words. A message whose stored
 * checksum is right sums (with the checksum included) to 0xffff, so `internetChecksum` over
 * the whole message returns 0 exactly when it is correct.
 */

/** Adds `data[offset, offset + length)` to a running 32-bit sum (odd length: pads with a zero byte). */
export function addToSum(sum: number, data: Uint8Array, offset: number, length: number): number {
  const last = offset + length - 1;
  let index = offset;
  for (; index < last; index += 2) sum += (data[index] << 8) | data[index + 1];
  if (index === last) sum += data[index] << 8;
  // Fold now and then so the running sum stays a small integer however long the message.
  return (sum & 0xffff) + (sum >>> 16);
}

/** Folds a running sum and complements it: the checksum value to compare or store. */
export function finishSum(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export function internetChecksum(data: Uint8Array, offset: number, length: number, initialSum = 0): number {
  return finishSum(addToSum(initialSum, data, offset, length));
}

/** The IPv4 pseudo-header sum (RFC 793/768): addresses, protocol and upper-layer length. */
export function ipv4PseudoHeaderSum(source: number, destination: number, protocol: number, length: number): number {
  return (source >>> 16) + (source & 0xffff) + (destination >>> 16) + (destination & 0xffff) + protocol + length;
}

/** The IPv6 pseudo-header sum (RFC 8200 §8.1): both addresses, upper-layer length, next header. */
export function ipv6PseudoHeaderSum(source: Uint8Array, destination: Uint8Array, nextHeader: number, length: number): number {
  let sum = addToSum(0, source, 0, 16);
  sum = addToSum(sum, destination, 0, 16);
  return sum + (length >>> 16) + (length & 0xffff) + nextHeader;
}

/**
 * The value the checksum field should have held, given the sum over the message with the
 * stored checksum included (Wireshark's in_cksum_shouldbe, RFC 1624).
 */
export function expectedChecksum(stored: number, computedOverMessage: number): number {
  let sum = stored + computedOverMessage;
  sum = (sum & 0xffff) + (sum >>> 16);
  return (sum & 0xffff) + (sum >>> 16);
}
