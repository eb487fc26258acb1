import { etherToString, ipv4ToString, registry, type Field } from '../../dissectors/index.js';
import type { Conversation, ConversationKind, Endpoint } from '../api/contract.js';
import type { CaptureSession } from '../session/capture-session.js';
import { framesPassing } from './frame-filter.js';
import { readWantedFrames, stacksWhere } from './frame-reader.js';
import { occurrenceText, OccurrenceSink } from './occurrence-sink.js';
import { transportLayerFields, transportLayers } from './transport-layers.js';

/** What a Wireshark conversation/endpoint tap sees of one header: who sent it to whom. */
interface Tap {
  source: string;
  destination: string;
  /** Ports, or -1 for address-only tables. */
  sourcePort: number;
  destinationPort: number;
  /** tcp.stream / udp.stream, or -1: part of the conversation key, as in Wireshark 4.0. */
  stream: number;
}

const linkTypeEthernet = 1;
const ethernetFields = ['eth.src', 'eth.dst'];
const ipv6Fields = ['ipv6.src', 'ipv6.dst'];

/**
 * Conversations (`-z conv,eth|ip|ipv6|tcp|udp`): one row per address pair (per address/port
 * pair and stream for TCP and UDP), A being the source of the first packet; "A→B" counts
 * what A sent. Rows come in order of first appearance; the CLI sorts as tshark does.
 */
export async function conversations(session: CaptureSession, kind: ConversationKind, filter: string | null = null): Promise<Conversation[]> {
  const rows: Conversation[] = [];
  const keys = new Map<string, number>();
  await forEachTap(session, kind, filter, (tap, index) => {
    const length = session.store.originalLength[index];
    const time = session.store.secondsBetween(0, index);
    const forward = `${tap.stream}|${tap.source}|${tap.sourcePort}|${tap.destination}|${tap.destinationPort}`;
    let row = keys.get(forward);
    let isForward = true;
    if (row === undefined) {
      row = keys.get(`${tap.stream}|${tap.destination}|${tap.destinationPort}|${tap.source}|${tap.sourcePort}`);
      isForward = false;
    }
    if (row === undefined) {
      row = rows.length;
      isForward = true;
      keys.set(forward, row);
      rows.push({
        addressA: tap.source, portA: tap.sourcePort < 0 ? null : tap.sourcePort, addressB: tap.destination, portB: tap.destinationPort < 0 ? null : tap.destinationPort,
        stream: tap.stream, framesAToB: 0, bytesAToB: 0, framesBToA: 0, bytesBToA: 0, start: time, duration: 0,
      });
    }
    const conversation = rows[row];
    if (isForward) {
      conversation.framesAToB++;
      conversation.bytesAToB += length;
    } else {
      conversation.framesBToA++;
      conversation.bytesBToA += length;
    }
    // Wireshark keeps the earliest and latest relative times seen (frames may be out of time order).
    const end = conversation.start + conversation.duration;
    if (time > end) conversation.duration = time - conversation.start;
    else if (time < conversation.start) {
      conversation.duration = end - time;
      conversation.start = time;
    }
  });
  return rows;
}

/** Endpoints (`-z endpoints,…`): every source counts a transmitted frame, every destination a received one. */
export async function endpoints(session: CaptureSession, kind: ConversationKind, filter: string | null = null): Promise<Endpoint[]> {
  const rows: Endpoint[] = [];
  const keys = new Map<string, number>();
  const endpointRow = (address: string, port: number): Endpoint => {
    const key = `${address}|${port}`;
    let row = keys.get(key);
    if (row === undefined) {
      row = rows.length;
      keys.set(key, row);
      rows.push({ address, port: port < 0 ? null : port, txFrames: 0, txBytes: 0, rxFrames: 0, rxBytes: 0 });
    }
    return rows[row];
  };
  await forEachTap(session, kind, filter, (tap, index) => {
    const length = session.store.originalLength[index];
    const sender = endpointRow(tap.source, tap.sourcePort);
    sender.txFrames++;
    sender.txBytes += length;
    const receiver = endpointRow(tap.destination, tap.destinationPort);
    receiver.rxFrames++;
    receiver.rxBytes += length;
  });
  return rows;
}

/**
 * Calls `visit` for every header of `kind` in every frame passing `filter`, in frame order.
 * IPv4 addresses and ports come from the columns; Ethernet addresses from the first 12 bytes
 * of Ethernet frames; everything else (IPv6, repeated protocols such as the IP header quoted in
 * an ICMP error) from dissecting just those frames.
 */
async function forEachTap(session: CaptureSession, kind: ConversationKind, filter: string | null, visit: (tap: Tap, index: number) => void): Promise<void> {
  const store = session.store;
  const passing = await framesPassing(session, filter);
  const protocol = kind;
  const hasProtocol = stacksWhere(session, (protocols) => protocols.includes(protocol));
  const fromColumns = kind === 'eth'
    ? stacksWhere(session, (protocols, repeated) => protocols[1] === 'eth' && !repeated)
    : stacksWhere(session, (protocols, repeated) => !repeated && kind !== 'ipv6' && protocols.includes('ip') && !protocols.includes('ipv6'));
  const column = (name: string) => store.fields.columns.find((candidate) => candidate.name === name)?.values;
  const [sourceColumn, destinationColumn, sourcePortColumn, destinationPortColumn, streamColumn] = ['ip.src', 'ip.dst', 'srcport', 'dstport', 'stream'].map(column);
  const portsWanted = kind === 'tcp' || kind === 'udp';

  // Frames whose taps must be read from bytes (Ethernet) or a dissection; visited in one ordered pass.
  const needsBytes = new Uint8Array(store.count);
  const hasColumns = sourceColumn && destinationColumn && (!portsWanted || (sourcePortColumn && destinationPortColumn && streamColumn));
  for (let index = 0; index < store.count; index++) {
    const stack = store.stack[index];
    if (!passing[index] || !hasProtocol[stack]) continue;
    if (kind === 'eth' || !fromColumns[stack] || !hasColumns) needsBytes[index] = 1;
  }
  const sink = new OccurrenceSink(tapFields(kind), registry.size);
  const fromBytes = new Map<number, Tap[]>();
  const pending: Array<{ index: number; taps: Tap[] }> = [];
  await readWantedFrames(session, needsBytes, (index, bytes) => {
    if (kind === 'eth' && fromColumns[store.stack[index]] && store.linkType[index] === linkTypeEthernet && bytes.length >= 12) {
      pending.push({ index, taps: [{ source: etherToString(bytes, 6), destination: etherToString(bytes, 0), sourcePort: -1, destinationPort: -1, stream: -1 }] });
      return;
    }
    sink.reset(bytes);
    session.dissectBytes(index + 1, bytes, sink);
    pending.push({ index, taps: dissectedTaps(kind, sink) });
  });
  for (const { index, taps } of pending) fromBytes.set(index, taps);

  for (let index = 0; index < store.count; index++) {
    const stack = store.stack[index];
    if (!passing[index] || !hasProtocol[stack]) continue;
    if (needsBytes[index]) {
      for (const tap of fromBytes.get(index) ?? []) visit(tap, index);
      continue;
    }
    visit({
      source: ipv4ToString(sourceColumn![index]),
      destination: ipv4ToString(destinationColumn![index]),
      sourcePort: portsWanted ? sourcePortColumn![index] : -1,
      destinationPort: portsWanted ? destinationPortColumn![index] : -1,
      stream: portsWanted ? streamColumn![index] : -1,
    }, index);
  }
}

function tapFields(kind: ConversationKind): Field[] {
  const abbrevs = kind === 'eth' ? ethernetFields : kind === 'ipv6' ? ipv6Fields : kind === 'ip' ? ['ip.src', 'ip.dst'] : [];
  const fields = abbrevs.map((abbrev) => registry.find(abbrev)).filter((field): field is Field => field !== undefined);
  return kind === 'tcp' || kind === 'udp' ? transportLayerFields() : fields;
}

/** Taps from a dissected frame: every source/destination pair of the table's protocol. */
function dissectedTaps(kind: ConversationKind, sink: OccurrenceSink): Tap[] {
  if (kind === 'tcp' || kind === 'udp') {
    return transportLayers(sink.occurrences)
      .filter((layer) => layer.protocol === kind)
      .map((layer) => ({ source: layer.source, destination: layer.destination, sourcePort: layer.sourcePort, destinationPort: layer.destinationPort, stream: layer.stream }));
  }
  // A header adds its source and destination in either order (Ethernet: destination first).
  const taps: Tap[] = [];
  let source: string | null = null;
  let destination: string | null = null;
  for (const occurrence of sink.occurrences) {
    if (occurrence.quoted) continue;
    if (occurrence.field.abbrev.endsWith('.src')) source = occurrenceText(occurrence);
    else destination = occurrenceText(occurrence);
    if (source !== null && destination !== null) {
      taps.push({ source, destination, sourcePort: -1, destinationPort: -1, stream: -1 });
      source = null;
      destination = null;
    }
  }
  return taps;
}
