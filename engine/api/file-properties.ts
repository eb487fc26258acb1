import type { CaptureSession } from '../session/capture-session.js';
import type { FileProperties } from './contract.js';

/**
 * Wiretap's encapsulation descriptions (what capinfos prints as "File encapsulation") for the
 * link types PacketLens decodes, each checked against `capinfos` on a corpus file of that type.
 */
const encapsulationNames: ReadonlyMap<number, string> = new Map([
  [0, 'NULL/Loopback'],
  [1, 'Ethernet'],
  [9, 'PPP'],
  [12, 'Raw IP'],
  [14, 'Raw IP'],
  [50, 'PPP'],
  [101, 'Raw IP'],
  [108, 'OpenBSD loopback'],
  [113, 'Linux cooked-mode capture v1'],
  [228, 'Raw IPv4'],
  [229, 'Raw IPv6'],
  [239, 'NFLOG'],
  [276, 'Linux cooked-mode capture v2'],
]);

export function encapsulationName(linkType: number): string {
  return encapsulationNames.get(linkType) ?? `Link type ${linkType}`;
}

/**
 * What Wireshark's Capture File Properties (and `capinfos`) say about the open file: format,
 * encapsulation, counts, sizes, first/last packet time, rates, interfaces and comments. Counts
 * and times come from the packet store; nothing is re-read.
 */
export function fileProperties(session: CaptureSession, name: string, displayed: number, marked: number): FileProperties {
  const { info } = session.file;
  const store = session.store;
  const packets = store.count;
  let dataSize = 0;
  let first = -1;
  let last = -1;
  const perInterface = new Map<number, number>();
  const linkTypes = new Set<number>();
  for (let index = 0; index < packets; index++) {
    dataSize += store.originalLength[index];
    linkTypes.add(store.linkType[index]);
    perInterface.set(store.interfaceId[index], (perInterface.get(store.interfaceId[index]) ?? 0) + 1);
    if (store.frameInfo(index + 1).noTimestamp) continue;
    // Earliest and latest, not first and last: capinfos reports the span even out of order.
    if (first < 0 || store.secondsBetween(first, index) < 0) first = index;
    if (last < 0 || store.secondsBetween(last, index) > 0) last = index;
  }
  const elapsed = first >= 0 ? store.secondsBetween(first, last) : null;
  const rate = (amount: number) => (elapsed !== null && elapsed > 0 ? amount / elapsed : null);
  const fileLinkTypes = linkTypes.size > 0 ? linkTypes : new Set(info.interfaces.map((entry) => entry.linkType));
  return {
    name,
    path: session.path,
    format: info.format,
    formatVersion: info.version,
    byteOrder: info.byteOrder,
    compressed: info.compressed,
    encapsulation: fileLinkTypes.size > 1 ? 'Per packet' : fileLinkTypes.size === 1 ? encapsulationName([...fileLinkTypes][0]) : 'Unknown',
    // pcapng has no file-wide snap length (each interface has its own): capinfos says "(not set)".
    snapLength: info.format === 'pcap' && info.snapLength > 0 ? info.snapLength : null,
    resolution: info.resolution,
    fileSize: info.fileSize,
    packets,
    displayed,
    marked,
    dataSize,
    firstTime: first >= 0 ? store.time(first) : null,
    lastTime: last >= 0 ? store.time(last) : null,
    elapsed,
    byteRate: rate(dataSize),
    bitRate: rate(dataSize * 8),
    averagePacketSize: packets > 0 ? dataSize / packets : null,
    packetRate: rate(packets),
    interfaces: info.interfaces.map((entry, index) => ({
      name: entry.name,
      description: entry.description,
      encapsulation: encapsulationName(entry.linkType),
      linkType: entry.linkType,
      snapLength: entry.snapLength,
      filter: entry.filter,
      os: entry.os,
      packets: perInterface.get(index) ?? 0,
      comments: entry.comments,
    })),
    comments: info.sectionComments,
    hardware: info.hardware,
    os: info.os,
    application: info.application,
  };
}
