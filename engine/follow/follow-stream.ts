import type { FollowEndpoint, FollowRequest, FollowResult, FollowSegment } from '../api/contract.js';
import type { CaptureSession } from '../session/capture-session.js';
import { readWantedFrames, stacksWhere } from '../stats/frame-reader.js';
import { frameTransportLayers, transportLayerSink, type TransportLayer } from '../stats/transport-layers.js';
import { TcpFollower } from './tcp-follower.js';

/**
 * Follow Stream (tshark's `-z follow,tcp|udp,…`): the payload of one TCP or UDP conversation,
 * both directions, in order. Only the frames the columns point at are dissected: the stream
 * column (or the address/port columns) says which frames belong to the conversation.
 */
export async function followStream(session: CaptureSession, request: FollowRequest): Promise<FollowResult> {
  const { protocol } = request;
  const matches = 'stream' in request
    ? (layer: TransportLayer) => layer.stream === request.stream
    : (layer: TransportLayer) => matchesEndpoints(layer, request.endpoints);
  const follower = protocol === 'tcp' ? new TcpFollower() : new UdpFollower();
  const sink = transportLayerSink();
  await readWantedFrames(session, candidateFrames(session, request), (index, bytes) => {
    for (const layer of frameTransportLayers(session, sink, index, bytes)) {
      if (layer.protocol === protocol && matches(layer)) follower.add(index + 1, layer);
    }
  });
  const segments = follower.finish();
  let clientBytes = 0;
  let serverBytes = 0;
  for (const segment of segments) {
    segment.offset = segment.fromServer ? serverBytes : clientBytes;
    if (segment.fromServer) serverBytes += segment.bytes.length;
    else clientBytes += segment.bytes.length;
  }
  return { protocol, filter: followFilter(request), client: follower.client, server: follower.server, segments, clientBytes, serverBytes };
}

/** The display filter tshark prints on its "Filter:" line and Wireshark puts in the filter bar. */
export function followFilter(request: FollowRequest): string {
  if ('stream' in request) return `${request.protocol}.stream eq ${request.stream}`;
  const [a, b] = request.endpoints;
  const ip = a.address.includes(':') ? 'ipv6' : 'ip';
  const side = (from: FollowEndpoint, to: FollowEndpoint) =>
    `((${ip}.src eq ${from.address} and ${request.protocol}.srcport eq ${from.port}) and (${ip}.dst eq ${to.address} and ${request.protocol}.dstport eq ${to.port}))`;
  return `${side(a, b)} or ${side(b, a)}`;
}

function matchesEndpoints(layer: TransportLayer, [a, b]: [FollowEndpoint, FollowEndpoint]): boolean {
  const is = (address: string, port: number, endpoint: FollowEndpoint) => address === endpoint.address && port === endpoint.port;
  return (is(layer.source, layer.sourcePort, a) && is(layer.destination, layer.destinationPort, b))
    || (is(layer.source, layer.sourcePort, b) && is(layer.destination, layer.destinationPort, a));
}

/** Frame slots that may hold the conversation; the dissection decides. */
function candidateFrames(session: CaptureSession, request: FollowRequest): Uint8Array {
  const store = session.store;
  const { protocol } = request;
  const withProtocol = stacksWhere(session, (protocols) => protocols.includes(protocol));
  const repeated = stacksWhere(session, (protocols, isRepeated) => isRepeated);
  const streamColumn = store.fields.columns.find((column) => column.name === 'stream')?.values;
  const wanted = new Uint8Array(store.count);
  for (let index = 0; index < store.count; index++) {
    const stack = store.stack[index];
    if (!withProtocol[stack]) continue;
    wanted[index] = 'stream' in request && streamColumn && !repeated[stack] ? Number(streamColumn[index] === request.stream) : 1;
  }
  return wanted;
}

/** Follower for UDP: every datagram with a payload is one segment, in frame order (tshark skips empty ones). */
class UdpFollower {
  client: FollowEndpoint | null = null;
  server: FollowEndpoint | null = null;
  private readonly segments: FollowSegment[] = [];

  add(frame: number, layer: TransportLayer): void {
    if (this.client === null) {
      this.client = { address: layer.source, port: layer.sourcePort };
      this.server = { address: layer.destination, port: layer.destinationPort };
    }
    const fromServer = !(layer.source === this.client.address && layer.sourcePort === this.client.port);
    if (layer.payload.length === 0) return;
    this.segments.push({ frame, fromServer, offset: 0, bytes: layer.payload.slice(), missing: false });
  }

  finish(): FollowSegment[] {
    return this.segments;
  }
}
