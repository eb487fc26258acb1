/**
 * Largest captured length wiretap accepts per link type (`wtap_max_snaplen_for_encap`):
 * 262144 for almost everything, more for a few encapsulations that carry big messages.
 */
const LARGE_LIMITS: ReadonlyMap<number, number> = new Map([
  [231, 128 * 1024 * 1024], // LINKTYPE_DBUS
  [249, 128 * 1024 * 1024], // LINKTYPE_USBPCAP
  [279, 8 * 1024 * 1024], // LINKTYPE_EBHSCR
]);

export const MAX_PACKET_SIZE_STANDARD = 262144;

export function maxPacketSize(linkType: number): number {
  return LARGE_LIMITS.get(linkType) ?? MAX_PACKET_SIZE_STANDARD;
}
