import { registry, type Field } from '../../dissectors/index.js';
import type { CaptureSession } from '../session/capture-session.js';
import { occurrenceNumber, occurrenceText, OccurrenceSink, type Occurrence } from './occurrence-sink.js';

export type TransportProtocol = 'tcp' | 'udp';

/** One TCP or UDP header in a frame, with the innermost IP header around it (Wireshark's tap data). */
export interface TransportLayer {
  protocol: TransportProtocol;
  source: string;
  destination: string;
  ipv6: boolean;
  sourcePort: number;
  destinationPort: number;
  /** tcp.stream / udp.stream; -1 when the dissector gave none (a header quoted in an ICMP error). */
  stream: number;
  /** TCP only: raw sequence and acknowledgment numbers, flags, segment length. */
  sequence: number;
  acknowledgment: number;
  flags: number;
  segmentLength: number;
  /** The captured payload bytes (a view into the frame). */
  payload: Uint8Array;
}

const networkFields = ['ip.src', 'ip.dst', 'ipv6.src', 'ipv6.dst'];
const transportFields = ['srcport', 'dstport', 'stream', 'payload'];
const tcpOnlyFields = ['tcp.seq_raw', 'tcp.ack_raw', 'tcp.flags', 'tcp.len'];

function declared(abbrevs: readonly string[]): Field[] {
  return abbrevs.map((abbrev) => registry.find(abbrev)).filter((field): field is Field => field !== undefined);
}

/** The fields `transportLayers` reads. */
export function transportLayerFields(): Field[] {
  return declared([...networkFields, ...['tcp', 'udp'].flatMap((protocol) => transportFields.map((name) => `${protocol}.${name}`)), ...tcpOnlyFields]);
}

/** A sink that collects what `transportLayers` needs. */
export function transportLayerSink(): OccurrenceSink {
  return new OccurrenceSink(transportLayerFields(), registry.size);
}

/** Dissects one frame (by slot) into a fresh list of its TCP/UDP layers. */
export function frameTransportLayers(session: CaptureSession, sink: OccurrenceSink, index: number, bytes: Uint8Array): TransportLayer[] {
  sink.reset(bytes);
  session.dissectBytes(index + 1, bytes, sink);
  return transportLayers(sink.occurrences);
}

/** Splits a frame's occurrences into transport layers, each bound to the IP header before it. */
export function transportLayers(occurrences: readonly Occurrence[]): TransportLayer[] {
  const layers: TransportLayer[] = [];
  let source = '';
  let destination = '';
  let ipv6 = false;
  let layer: TransportLayer | null = null;
  for (const occurrence of occurrences) {
    if (occurrence.quoted) continue;
    const abbrev = occurrence.field.abbrev;
    switch (abbrev) {
      case 'ip.src': case 'ipv6.src': source = occurrenceText(occurrence); ipv6 = abbrev === 'ipv6.src'; break;
      case 'ip.dst': case 'ipv6.dst': destination = occurrenceText(occurrence); break;
      case 'tcp.srcport': case 'udp.srcport':
        layer = {
          protocol: abbrev === 'tcp.srcport' ? 'tcp' : 'udp', source, destination, ipv6, sourcePort: occurrenceNumber(occurrence), destinationPort: 0,
          stream: -1, sequence: 0, acknowledgment: 0, flags: 0, segmentLength: 0, payload: new Uint8Array(0),
        };
        layers.push(layer);
        break;
      default:
        if (layer !== null) fillLayer(layer, abbrev, occurrence);
    }
  }
  return layers;
}

function fillLayer(layer: TransportLayer, abbrev: string, occurrence: Occurrence): void {
  const name = abbrev.slice(abbrev.indexOf('.') + 1);
  if (!abbrev.startsWith(layer.protocol)) return;
  switch (name) {
    case 'dstport': layer.destinationPort = occurrenceNumber(occurrence); break;
    case 'stream': layer.stream = occurrenceNumber(occurrence); break;
    case 'seq_raw': layer.sequence = occurrenceNumber(occurrence); break;
    case 'ack_raw': layer.acknowledgment = occurrenceNumber(occurrence); break;
    case 'flags': layer.flags = occurrenceNumber(occurrence); break;
    case 'len': layer.segmentLength = occurrenceNumber(occurrence); break;
    case 'payload': layer.payload = occurrence.bytes.subarray(occurrence.offset, Math.min(occurrence.offset + occurrence.length, occurrence.bytes.length)); break;
  }
}
