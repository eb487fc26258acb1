import { CaptureState, dissectTree, type FrameInfo } from '../../dissectors/index.js';

/**
 * Builders for hand-made Ethernet/IPv4/TCP/UDP frames (checksums left zero: tshark does not
 * verify them by default), and a helper that dissects a list of frames in one capture, first
 * pass in order, the way the engine does.
 */

function ipv4Bytes(address: string): number[] {
  return address.split('.').map(Number);
}

export function ethernetIpv4(source: string, destination: string, protocol: number, payload: Uint8Array, totalLength = 20 + payload.length): Uint8Array {
  const header = [
    0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00,
    0x45, 0, totalLength >> 8, totalLength & 255, 0, 1, 0, 0, 64, protocol, 0, 0,
    ...ipv4Bytes(source), ...ipv4Bytes(destination),
  ];
  return Uint8Array.from([...header, ...payload]);
}

export interface TcpOptions {
  sourcePort: number;
  destinationPort: number;
  sequence: number;
  acknowledgment?: number;
  flags: number;
  window?: number;
  options?: number[];
  payload?: number[] | string;
  /** Header length in bytes, when it should not follow from the options. */
  headerLength?: number;
  urgentPointer?: number;
}

export function tcpSegment(segment: TcpOptions): Uint8Array {
  const options = [...(segment.options ?? [])];
  while (options.length % 4 !== 0) options.push(0);
  const headerLength = segment.headerLength ?? 20 + options.length;
  const payload = typeof segment.payload === 'string' ? Array.from(segment.payload, (c) => c.charCodeAt(0)) : segment.payload ?? [];
  const word = (value: number) => [(value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255];
  const window = segment.window ?? 1000;
  const urgent = segment.urgentPointer ?? 0;
  const flagsWord = ((headerLength / 4) << 12) | segment.flags;
  return Uint8Array.from([
    segment.sourcePort >> 8, segment.sourcePort & 255, segment.destinationPort >> 8, segment.destinationPort & 255,
    ...word(segment.sequence), ...word(segment.acknowledgment ?? 0),
    flagsWord >> 8, flagsWord & 255, window >> 8, window & 255, 0, 0, urgent >> 8, urgent & 255,
    ...options, ...payload,
  ]);
}

export function udpDatagram(sourcePort: number, destinationPort: number, payload: Uint8Array | number[], length = 8 + payload.length): Uint8Array {
  return Uint8Array.from([sourcePort >> 8, sourcePort & 255, destinationPort >> 8, destinationPort & 255, length >> 8, length & 255, 0, 0, ...payload]);
}

export const tcpFlags = { fin: 0x01, syn: 0x02, rst: 0x04, psh: 0x08, ack: 0x10, urg: 0x20 } as const;

/** Dissects frames of one capture in order (first pass), each with a tree; frame n at n seconds. */
export function dissectFrames(frames: Uint8Array[], state = new CaptureState()) {
  return frames.map((data, index) => dissectOne(data, index + 1, state, true));
}

export function dissectOne(data: Uint8Array, number: number, state: CaptureState, firstPass: boolean) {
  const frame: FrameInfo = { number, seconds: 1000 + number - 1, nanoseconds: 0, capturedLength: data.length, originalLength: data.length, linkType: 1, interfaceId: 0 };
  return dissectTree(frame, data, state, firstPass);
}
