import { CaptureFileError } from './errors';
import { PcapWriter } from './pcap-writer';
import { PcapngWriter, type PcapngInterfaceOptions } from './pcapng-writer';

/** One packet to save. */
export interface PacketToWrite {
  seconds: number;
  nanoseconds: number;
  data: Uint8Array;
  originalLength?: number;
  /** Index into the `interfaces` given to `writeCaptureFile`; default 0. */
  interfaceId?: number;
  /** pcapng only (pcap has no comments). */
  comments?: readonly string[] | null;
}

/**
 * Writes `packets` to a new pcap or pcapng file and returns how many were written. pcap holds
 * a single link type (and microsecond timestamps are exact only to the microsecond: this helper
 * writes nanosecond pcap), so saving interfaces of different link types as pcap is refused.
 */
export function writeCaptureFile(
  path: string,
  format: 'pcap' | 'pcapng',
  interfaces: readonly PcapngInterfaceOptions[],
  packets: Iterable<PacketToWrite>,
): number {
  if (interfaces.length === 0) throw new RangeError('writeCaptureFile: at least one interface is needed');
  let count = 0;
  if (format === 'pcap') {
    const linkTypes = [...new Set(interfaces.map((described) => described.linkType))];
    if (linkTypes.length > 1) {
      throw new CaptureFileError('unsupported',
        `A pcap file holds one link type, but these packets use ${linkTypes.join(', ')}; save as pcapng instead.`);
    }
    const snapLength = Math.max(...interfaces.map((described) => described.snapLength ?? 262144));
    const writer = new PcapWriter(path, { linkType: linkTypes[0], snapLength, nanosecond: true });
    try {
      for (const packet of packets) {
        writer.write(packet.seconds, packet.nanoseconds, packet.data, packet.originalLength);
        count++;
      }
    } finally {
      writer.close();
    }
    return count;
  }
  const writer = new PcapngWriter(path, { interfaces });
  try {
    for (const packet of packets) {
      writer.write(packet.seconds, packet.nanoseconds, packet.data, packet.originalLength, packet.interfaceId ?? 0, packet.comments ?? null);
      count++;
    }
  } finally {
    writer.close();
  }
  return count;
}
