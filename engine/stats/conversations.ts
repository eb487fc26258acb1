import { registry, type Field } from '../../dissectors/index.js';
import type { Conversation, ConversationKind, Endpoint } from '../api/contract.js';
import type { CaptureSession } from '../session/capture-session.js';
import type { PacketStore } from '../store/packet-store.js';
import { AddressBook, etherAddress, etherNumber, ipv4Address } from './address-book.js';
import { framesPassing } from './frame-filter.js';
import { readFramePrefixes, readWantedFrames, stacksWhere } from './frame-reader.js';
import { occurrenceText, OccurrenceSink } from './occurrence-sink.js';
import { transportLayerFields, transportLayers } from './transport-layers.js';
import { QuadTable } from './tuple-table.js';

/**
 * What a Wireshark conversation/endpoint tap sees of one header: who sent it to whom.
 * Addresses are AddressBook ids; ports -1 in address-only tables; stream (tcp.stream /
 * udp.stream, part of the conversation key in Wireshark 4.0) -1 when there is none.
 */
type TapVisitor = (index: number, source: number, destination: number, sourcePort: number, destinationPort: number, stream: number) => void;

/** A dissected frame's tap, before its addresses get ids. */
interface TextTap {
  source: string;
  destination: string;
  sourcePort: number;
  destinationPort: number;
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
  const store = session.store;
  const rows: Conversation[] = [];
  /** Per row: the latest relative time seen (the duration is computed from it at the end). */
  const stops: number[] = [];
  const table = new QuadTable();
  const book = addressBook(kind);
  const ports = kind === 'tcp' || kind === 'udp';
  await forEachTap(session, kind, filter, book, (index, source, destination, sourcePort, destinationPort, stream) => {
    const length = store.originalLength[index];
    const time = relativeSeconds(store, index);
    // The key: stream, both address ids, both ports in one word (0xffff for "no port").
    const forwardPorts = (sourcePort << 16) | (destinationPort & 0xffff);
    let row = table.get(stream + 1, source, destination, forwardPorts);
    if (row >= 0) {
      const conversation = rows[row];
      conversation.framesAToB++;
      conversation.bytesAToB += length;
      if (time < conversation.start) conversation.start = time;
      else if (time > stops[row]) stops[row] = time;
      return;
    }
    row = table.get(stream + 1, destination, source, (destinationPort << 16) | (sourcePort & 0xffff));
    if (row >= 0) {
      const conversation = rows[row];
      conversation.framesBToA++;
      conversation.bytesBToA += length;
      if (time < conversation.start) conversation.start = time;
      else if (time > stops[row]) stops[row] = time;
      return;
    }
    table.add(stream + 1, source, destination, forwardPorts);
    rows.push({
      addressA: book.text(source), portA: ports ? sourcePort : null, addressB: book.text(destination), portB: ports ? destinationPort : null,
      stream, framesAToB: 1, bytesAToB: length, framesBToA: 0, bytesBToA: 0, start: time, duration: 0,
    });
    stops.push(time);
  });
  // tshark prints nstime_to_sec(stop) - nstime_to_sec(start): the same doubles, the same rounding.
  rows.forEach((conversation, row) => { conversation.duration = stops[row] - conversation.start; });
  return rows;
}

/**
 * Seconds since the first frame as Wireshark's nstime_to_sec(rel_ts): whole seconds and
 * non-negative nanoseconds, then added as doubles.
 */
function relativeSeconds(store: PacketStore, index: number): number {
  let seconds = store.seconds[index] - store.seconds[0];
  let nanoseconds = store.nanoseconds[index] - store.nanoseconds[0];
  if (nanoseconds < 0) {
    seconds--;
    nanoseconds += 1e9;
  }
  return seconds + nanoseconds / 1e9;
}

/** Endpoints (`-z endpoints,…`): every source counts a transmitted frame, every destination a received one. */
export async function endpoints(session: CaptureSession, kind: ConversationKind, filter: string | null = null): Promise<Endpoint[]> {
  const store = session.store;
  const rows: Endpoint[] = [];
  const keys = new Map<number, Endpoint>();
  const book = addressBook(kind);
  const ports = kind === 'tcp' || kind === 'udp';
  const endpointRow = (address: number, port: number): Endpoint => {
    // Ids are far below 2^32: the key stays an exact integer.
    const key = address * 65537 + port + 1;
    let row = keys.get(key);
    if (row === undefined) {
      row = { address: book.text(address), port: ports ? port : null, txFrames: 0, txBytes: 0, rxFrames: 0, rxBytes: 0 };
      keys.set(key, row);
      rows.push(row);
    }
    return row;
  };
  await forEachTap(session, kind, filter, book, (index, source, destination, sourcePort, destinationPort) => {
    const length = store.originalLength[index];
    const sender = endpointRow(source, sourcePort);
    sender.txFrames++;
    sender.txBytes += length;
    const receiver = endpointRow(destination, destinationPort);
    receiver.rxFrames++;
    receiver.rxBytes += length;
  });
  return rows;
}

function addressBook(kind: ConversationKind): AddressBook {
  return new AddressBook(kind === 'eth' ? etherAddress : ipv4Address);
}

/**
 * Calls `visit` for every header of `kind` in every frame passing `filter`, in frame order.
 * IPv4 addresses and ports come from the store's columns; Ethernet addresses from the first 12
 * bytes of Ethernet frames (read in large sequential reads); everything else (IPv6, repeated
 * protocols such as the IP header quoted in an ICMP error, frames whose columns were left
 * unfilled) from dissecting just those frames.
 */
async function forEachTap(session: CaptureSession, kind: ConversationKind, filter: string | null, book: AddressBook, visit: TapVisitor): Promise<void> {
  const store = session.store;
  const count = store.count;
  const passing = await framesPassing(session, filter);
  const hasProtocol = stacksWhere(session, (protocols) => protocols.includes(kind));
  const fromColumns = kind === 'eth'
    ? stacksWhere(session, (protocols, repeated) => protocols[1] === 'eth' && !repeated)
    : stacksWhere(session, (protocols, repeated) => !repeated && kind !== 'ipv6' && protocols.includes('ip') && !protocols.includes('ipv6'));
  const column = (name: string) => store.fields.columns.find((candidate) => candidate.name === name)?.values;
  const sourceColumn = column('ip.src');
  const destinationColumn = column('ip.dst');
  const sourcePortColumn = column('srcport');
  const destinationPortColumn = column('dstport');
  const streamColumn = column('stream');
  const portsWanted = kind === 'tcp' || kind === 'udp';
  const hasColumns = kind === 'eth' || (sourceColumn && destinationColumn && (!portsWanted || (sourcePortColumn && destinationPortColumn && streamColumn)));

  // 1: the addresses come from columns or the frame's first bytes; 2: the frame must be dissected.
  const source = new Uint8Array(count);
  for (let index = 0; index < count; index++) {
    const stack = store.stack[index];
    if (!passing[index] || !hasProtocol[stack]) continue;
    const direct = hasColumns && fromColumns[stack] && !store.hasIncompleteColumns(index)
      && (kind !== 'eth' || (store.linkType[index] === linkTypeEthernet && store.capturedLength[index] >= 12));
    source[index] = direct ? 1 : 2;
  }

  // Ethernet: both MAC ids per frame, read straight from the file.
  let sourceIds: Int32Array | null = null;
  let destinationIds: Int32Array | null = null;
  if (kind === 'eth') {
    const sources = new Int32Array(count);
    const destinations = new Int32Array(count);
    const direct = source.map((value) => (value === 1 ? 1 : 0));
    readFramePrefixes(session, direct, 12, (index, bytes, offset) => {
      destinations[index] = book.fromNumber(etherNumber(bytes, offset));
      sources[index] = book.fromNumber(etherNumber(bytes, offset + 6));
    });
    sourceIds = sources;
    destinationIds = destinations;
  }

  const dissected = await dissectedTaps(session, kind, source);
  for (let index = 0; index < count; index++) {
    const how = source[index];
    if (how === 0) continue;
    if (how === 2) {
      for (const tap of dissected.get(index) ?? []) visit(index, book.fromText(tap.source), book.fromText(tap.destination), tap.sourcePort, tap.destinationPort, tap.stream);
    } else if (sourceIds && destinationIds) {
      visit(index, sourceIds[index], destinationIds[index], -1, -1, -1);
    } else if (portsWanted) {
      visit(index, book.fromNumber(sourceColumn![index]), book.fromNumber(destinationColumn![index]), sourcePortColumn![index], destinationPortColumn![index], streamColumn![index]);
    } else {
      visit(index, book.fromNumber(sourceColumn![index]), book.fromNumber(destinationColumn![index]), -1, -1, -1);
    }
  }
}

/** The taps of the frames marked 2 in `source`, by slot, from dissecting them. */
async function dissectedTaps(session: CaptureSession, kind: ConversationKind, source: Uint8Array): Promise<Map<number, TextTap[]>> {
  const wanted = source.map((value) => (value === 2 ? 1 : 0));
  const sink = new OccurrenceSink(tapFields(kind), registry.size);
  const taps = new Map<number, TextTap[]>();
  await readWantedFrames(session, wanted, (index, bytes) => {
    sink.reset(bytes);
    session.dissectBytes(index + 1, bytes, sink);
    taps.set(index, frameTaps(kind, sink));
  });
  return taps;
}

function tapFields(kind: ConversationKind): Field[] {
  const abbrevs = kind === 'eth' ? ethernetFields : kind === 'ipv6' ? ipv6Fields : kind === 'ip' ? ['ip.src', 'ip.dst'] : [];
  const fields = abbrevs.map((abbrev) => registry.find(abbrev)).filter((field): field is Field => field !== undefined);
  return kind === 'tcp' || kind === 'udp' ? transportLayerFields() : fields;
}

/** Taps from a dissected frame: every source/destination pair of the table's protocol. */
function frameTaps(kind: ConversationKind, sink: OccurrenceSink): TextTap[] {
  if (kind === 'tcp' || kind === 'udp') {
    return transportLayers(sink.occurrences)
      .filter((layer) => layer.protocol === kind)
      .map((layer) => ({ source: layer.source, destination: layer.destination, sourcePort: layer.sourcePort, destinationPort: layer.destinationPort, stream: layer.stream }));
  }
  // A header adds its source and destination in either order (Ethernet: destination first).
  const taps: TextTap[] = [];
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
