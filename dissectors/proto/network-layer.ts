import type { PacketContext } from '../core/index.js';

/**
 * What the innermost IP header said besides its addresses, for the layers above it: ICMP's
 * Info column prints the IPv4 TTL ("ttl=64") and ICMPv6's the hop limit ("hop limit=64").
 */
export function setHopLimit(ctx: PacketContext, hopLimit: number): void {
  ctx.network.hopLimit = hopLimit;
}

/** The TTL or hop limit of the innermost IP header, or 0 when there is none. */
export function hopLimit(ctx: PacketContext): number {
  return ctx.network.hopLimit;
}

/**
 * The IPv6 destination the upper-layer checksum covers (RFC 8200 §8.1): the final destination
 * when a routing header still has segments left, else the header's destination address.
 */
export function setFinalDestination6(ctx: PacketContext, address: Uint8Array): void {
  ctx.network.finalDestination6 = address;
}

export function pseudoHeaderDestination6(ctx: PacketContext): Uint8Array | null {
  return ctx.network.finalDestination6 ?? ctx.network.destination6;
}
