import type { NetworkAddresses, PacketContext } from '../core/index.js';

/**
 * What the innermost IP header said besides its addresses, for the layers above it: ICMP's
 * Info column prints the IPv4 TTL ("ttl=64") and ICMPv6's the hop limit ("hop limit=64").
 * Keyed by the dissection's `network` object so it lives exactly as long as one dissection.
 */
const hopLimits = new WeakMap<NetworkAddresses, number>();

export function setHopLimit(ctx: PacketContext, hopLimit: number): void {
  hopLimits.set(ctx.network, hopLimit);
}

/** The TTL or hop limit of the innermost IP header, or 0 when there is none. */
export function hopLimit(ctx: PacketContext): number {
  return hopLimits.get(ctx.network) ?? 0;
}

/**
 * The IPv6 destination the upper-layer checksum covers (RFC 8200 §8.1): the final destination
 * when a routing header still has segments left, else the header's destination address.
 */
const finalDestinations = new WeakMap<NetworkAddresses, Uint8Array>();

export function setFinalDestination6(ctx: PacketContext, address: Uint8Array): void {
  finalDestinations.set(ctx.network, address);
}

export function pseudoHeaderDestination6(ctx: PacketContext): Uint8Array | null {
  return finalDestinations.get(ctx.network) ?? ctx.network.destination6;
}
