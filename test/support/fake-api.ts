import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  apiOperations, type CaptureApi, type LearnApi,
  type CaptureFormat, type CaptureSummary, type EngineEvent, type FieldInfo, type FilterResult, type PacketDetail, type PacketLensApi,
  type PacketListApi, type PacketRow, type PacketSelection, type StatisticsApi, type TreeItem,
} from '../../engine/api/contract';

/**
 * An in-memory stand-in for the engine, for transport, server and UI tests. A "capture" is either
 * synthetic (frame i is computed from i, so millions cost nothing) or a classic pcap's records.
 * Filters understand only: empty, a protocol name (`tcp`, `udp`, `arp`, `ip`), `frame.number OP N`,
 * `tcp.srcport == N` (and udp, dstport), `ip.src == a.b.c.d` (and dst).
 * Trees hold Frame / Ethernet / IPv4 or ARP / TCP or UDP with correct offsets into the bytes.
 */
export interface FakeApi extends PacketLensApi {
  onEvent(listener: (event: EngineEvent) => void): () => void;
  dispose(): void;
  /** Every call made, for assertions about what crossed the transport. */
  readonly calls: Array<{ operation: string; args: unknown[] }>;
}

interface FakeFrame {
  seconds: number;
  bytes: Uint8Array;
}

interface Capture {
  name: string;
  path: string | null;
  count: number;
  frame(index: number): FakeFrame;
}

const fieldList: FieldInfo[] = [
  ['frame', 'Frame', 'protocol'], ['eth', 'Ethernet II', 'protocol'], ['eth.dst', 'Destination', 'ether'], ['eth.src', 'Source', 'ether'],
  ['eth.type', 'Type', 'uint16'], ['ip', 'Internet Protocol Version 4', 'protocol'], ['ip.ttl', 'Time to Live', 'uint8'],
  ['ip.proto', 'Protocol', 'uint8'], ['ip.src', 'Source Address', 'ipv4'], ['ip.dst', 'Destination Address', 'ipv4'],
  ['tcp', 'Transmission Control Protocol', 'protocol'], ['tcp.srcport', 'Source Port', 'uint16'], ['tcp.dstport', 'Destination Port', 'uint16'],
  ['udp', 'User Datagram Protocol', 'protocol'], ['udp.srcport', 'Source Port', 'uint16'], ['udp.dstport', 'Destination Port', 'uint16'],
  ['arp', 'Address Resolution Protocol', 'protocol'], ['arp.opcode', 'Opcode', 'uint16'], ['tcp.payload', 'TCP payload', 'bytes'],
].map(([abbrev, name, type], id) => ({ id: id + 100, abbrev, name, type, protocol: abbrev.split('.')[0] }));
const fieldId = (abbrev: string) => fieldList.find((field) => field.abbrev === abbrev)!.id;

/** Operations the fake does not model: they reject, so a UI test needing them must use the real engine. */
const notInTheFake = Object.fromEntries(
  (apiOperations as readonly string[]).slice(apiOperations.indexOf('sortView')).map((name) => [name, () => Promise.reject(new Error(`${name} is not in the fake engine`))]),
) as unknown as PacketListApi & StatisticsApi & CaptureApi & LearnApi;

export function createFakeApi(): FakeApi {
  let capture: Capture | null = null;
  let displayed: Int32Array = new Int32Array(0);
  let filter = '';
  const marked = new Set<number>();
  const listeners = new Set<(event: EngineEvent) => void>();
  const calls: FakeApi['calls'] = [];

  const emit = (event: EngineEvent) => {
    for (const listener of listeners) listener(event);
  };
  const summarize = (): CaptureSummary => ({
    name: capture!.name, path: capture!.path, frames: capture!.count, displayed: displayed.length, marked: marked.size,
    loading: false, filter, warning: null,
  });
  const requireCapture = (): Capture => {
    if (!capture) throw new Error('no capture is open');
    return capture;
  };
  const open = (next: Capture) => {
    capture = next;
    filter = '';
    marked.clear();
    displayed = Int32Array.from({ length: next.count }, (_, index) => index + 1);
    emit({ type: 'progress', payload: { frames: next.count, bytesRead: 0, totalBytes: 0, done: true } });
    const summary = summarize();
    emit({ type: 'summary', payload: summary });
    return summary;
  };

  const api: Omit<FakeApi, 'calls'> = {
    async openFile(path) {
      if (typeof path !== 'string' || path.length === 0) throw new Error('path must be a non-empty string');
      const match = /(\d+)/.exec(basename(path));
      return open(syntheticCapture(basename(path), path, match ? Number(match[1]) : 1000));
    },
    async openUpload(name, bytes) {
      if (!(bytes instanceof Uint8Array)) throw new Error('bytes must be a Uint8Array');
      return open(pcapCapture(name, bytes));
    },
    async summary() {
      return capture ? summarize() : null;
    },
    async rows(start, count) {
      const current = requireCapture();
      const rows: PacketRow[] = [];
      const end = Math.min(displayed.length, start + count);
      for (let index = Math.max(0, start); index < end; index++) rows.push(row(current, displayed[index], index, marked));
      return rows;
    },
    async detail(frameNumber) {
      const current = requireCapture();
      if (!Number.isInteger(frameNumber) || frameNumber < 1 || frameNumber > current.count) throw new Error(`no frame ${frameNumber}`);
      const frame = current.frame(frameNumber - 1);
      const payload = frame.bytes.subarray(54);
      const sources = [{ name: 'Frame', bytes: frame.bytes }];
      if (payload.length > 0 && frame.bytes[23] === 6) sources.push({ name: 'Reassembled TCP', bytes: payload.slice() });
      return { frame: frameNumber, tree: tree(frameNumber, frame.bytes, sources.length > 1), sources } satisfies PacketDetail;
    },
    async applyFilter(text) {
      const current = requireCapture();
      const started = performance.now();
      const predicate = compileFakeFilter(text);
      if ('message' in predicate) return { error: predicate, displayed: displayed.length, elapsedMs: 0 } satisfies FilterResult;
      const matching: number[] = [];
      for (let number = 1; number <= current.count; number++) if (predicate.test(number, current.frame(number - 1).bytes)) matching.push(number);
      displayed = Int32Array.from(matching);
      filter = text;
      emit({ type: 'summary', payload: summarize() });
      return { error: null, displayed: displayed.length, elapsedMs: performance.now() - started };
    },
    async displayedIndexOf(frameNumber) {
      return displayed.indexOf(frameNumber);
    },
    async setMarked(frames, mark) {
      requireCapture();
      for (const number of frames) if (mark) marked.add(number); else marked.delete(number);
      const summary = summarize();
      emit({ type: 'summary', payload: summary });
      return summary;
    },
    async exportPackets(selection: PacketSelection, _format: CaptureFormat, path) {
      const current = requireCapture();
      const numbers = selection === 'all' ? Array.from({ length: current.count }, (_, index) => index + 1)
        : selection === 'displayed' ? [...displayed] : [...marked].sort((a, b) => a - b);
      const bytes = writePcap(numbers.map((number) => current.frame(number - 1)));
      if (path !== null) {
        writeFileSync(path, bytes);
        return { path, bytes: null, packets: numbers.length };
      }
      return { path: null, bytes, packets: numbers.length };
    },
    async fields() {
      return fieldList;
    },
    ...notInTheFake,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      listeners.clear();
      capture = null;
    },
  };

  // Record every call (what arrived over the transport), then run the operation.
  const recorded = { calls } as FakeApi;
  for (const [name, value] of Object.entries(api)) {
    (recorded as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      if ((apiOperations as readonly string[]).includes(name)) calls.push({ operation: name, args });
      return (value as (...values: unknown[]) => unknown)(...args);
    };
  }
  return recorded;
}

/** The synthetic frame for an index: a TCP, UDP and ARP rotation between two hosts. */
export function syntheticFrame(index: number): FakeFrame {
  const kind = index % 3;
  if (kind === 2) return { seconds: 1_700_000_000 + index / 1000, bytes: arpFrame(index) };
  return { seconds: 1_700_000_000 + index / 1000, bytes: ipv4Frame(index, kind === 0 ? 6 : 17) };
}

function syntheticCapture(name: string, path: string, count: number): Capture {
  return { name, path, count, frame: syntheticFrame };
}

function pcapCapture(name: string, file: Uint8Array): Capture {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (file.length < 24 || view.getUint32(0, true) !== 0xa1b2c3d4) throw new Error(`${name}: not a little-endian microsecond pcap file`);
  const frames: FakeFrame[] = [];
  for (let at = 24; at + 16 <= file.length; ) {
    const length = view.getUint32(at + 8, true);
    frames.push({ seconds: view.getUint32(at, true) + view.getUint32(at + 4, true) / 1e6, bytes: file.slice(at + 16, at + 16 + length) });
    at += 16 + length;
  }
  return { name, path: null, count: frames.length, frame: (index) => frames[index] };
}

function writePcap(frames: FakeFrame[]): Uint8Array {
  const total = 24 + frames.reduce((sum, frame) => sum + 16 + frame.bytes.length, 0);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, 262144, true);
  view.setUint32(20, 1, true);
  let at = 24;
  for (const frame of frames) {
    const seconds = Math.floor(frame.seconds);
    view.setUint32(at, seconds, true);
    view.setUint32(at + 4, Math.round((frame.seconds - seconds) * 1e6), true);
    view.setUint32(at + 8, frame.bytes.length, true);
    view.setUint32(at + 12, frame.bytes.length, true);
    bytes.set(frame.bytes, at + 16);
    at += 16 + frame.bytes.length;
  }
  return bytes;
}

const hostA = [10, 0, 0, 1];
const hostB = [10, 0, 0, 2];
const macA = [0x02, 0, 0, 0, 0, 0x0a];
const macB = [0x02, 0, 0, 0, 0, 0x0b];

function ipv4Frame(index: number, protocol: 6 | 17): Uint8Array {
  const payload = new TextEncoder().encode(`hello ${index}`);
  const transportLength = protocol === 6 ? 20 : 8;
  const bytes = new Uint8Array(14 + 20 + transportLength + payload.length);
  bytes.set(macB, 0);
  bytes.set(macA, 6);
  bytes.set([0x08, 0x00], 12);
  const ipLength = 20 + transportLength + payload.length;
  bytes.set([0x45, 0, ipLength >> 8, ipLength & 255, 0, 0, 0x40, 0, 64, protocol, 0, 0, ...hostA, ...hostB], 14);
  const sourcePort = 40000 + (index % 1000);
  const destinationPort = protocol === 6 ? 443 : 53;
  bytes.set([sourcePort >> 8, sourcePort & 255, destinationPort >> 8, destinationPort & 255], 34);
  if (protocol === 6) bytes.set([0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x18, 0xff, 0xff], 38);
  else bytes.set([(8 + payload.length) >> 8, (8 + payload.length) & 255], 38);
  bytes.set(payload, 34 + transportLength);
  return bytes;
}

function arpFrame(index: number): Uint8Array {
  const bytes = new Uint8Array(42);
  bytes.set([255, 255, 255, 255, 255, 255], 0);
  bytes.set(macA, 6);
  bytes.set([0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 1], 12);
  bytes.set(macA, 22);
  bytes.set(hostA, 28);
  bytes.set([10, 0, (index >> 8) & 255, index & 255], 38);
  return bytes;
}

function dotted(bytes: Uint8Array, at: number): string {
  return `${bytes[at]}.${bytes[at + 1]}.${bytes[at + 2]}.${bytes[at + 3]}`;
}

function mac(bytes: Uint8Array, at: number): string {
  return [...bytes.subarray(at, at + 6)].map((byte) => byte.toString(16).padStart(2, '0')).join(':');
}

const u16 = (bytes: Uint8Array, at: number) => (bytes[at] << 8) | bytes[at + 1];

function row(capture: Capture, number: number, displayedIndex: number, marked: Set<number>): PacketRow {
  const frame = capture.frame(number - 1);
  const first = capture.frame(0);
  const previous = number > 1 ? capture.frame(number - 2) : frame;
  const bytes = frame.bytes;
  const isArp = u16(bytes, 12) === 0x0806;
  const isTcp = !isArp && bytes[23] === 6;
  return {
    displayedIndex, frame: number,
    timeEpoch: frame.seconds, timeRelative: frame.seconds - first.seconds, timeDelta: frame.seconds - previous.seconds,
    source: isArp ? mac(bytes, 6) : dotted(bytes, 26),
    destination: isArp ? 'Broadcast' : dotted(bytes, 30),
    protocol: isArp ? 'ARP' : isTcp ? 'TCP' : 'UDP',
    length: bytes.length,
    info: isArp ? `Who has ${dotted(bytes, 38)}? Tell ${dotted(bytes, 28)}` : `${u16(bytes, 34)} → ${u16(bytes, 36)} Len=${bytes.length - (isTcp ? 54 : 42)}`,
    // Indices into Wireshark's default colouring rules: ARP 5, TCP 16, UDP 17.
    colorRule: isArp ? 5 : isTcp ? 16 : 17,
    marked: marked.has(number),
    custom: [],
  };
}

function item(abbrev: string, label: string, offset: number, length: number, value?: number | string, children?: TreeItem[]): TreeItem {
  const node: TreeItem = { field: fieldId(abbrev), label, offset, length, source: 0 };
  if (value !== undefined) node.value = value;
  if (children) node.children = children;
  return node;
}

function tree(number: number, bytes: Uint8Array, reassembled: boolean): TreeItem[] {
  const items: TreeItem[] = [
    item('frame', `Frame ${number}: ${bytes.length} bytes on wire (${bytes.length * 8} bits)`, 0, bytes.length),
    item('eth', `Ethernet II, Src: ${mac(bytes, 6)}, Dst: ${mac(bytes, 0)}`, 0, 14, undefined, [
      item('eth.dst', `Destination: ${mac(bytes, 0)}`, 0, 6),
      item('eth.src', `Source: ${mac(bytes, 6)}`, 6, 6),
      item('eth.type', `Type: 0x${u16(bytes, 12).toString(16).padStart(4, '0')}`, 12, 2, u16(bytes, 12)),
    ]),
  ];
  if (u16(bytes, 12) === 0x0806) {
    items.push(item('arp', 'Address Resolution Protocol (request)', 14, 28, undefined, [item('arp.opcode', 'Opcode: request (1)', 20, 2, 1)]));
    return items;
  }
  const ipSource = (bytes[26] << 24 | bytes[27] << 16 | bytes[28] << 8 | bytes[29]) >>> 0;
  const ipDestination = (bytes[30] << 24 | bytes[31] << 16 | bytes[32] << 8 | bytes[33]) >>> 0;
  items.push(item('ip', `Internet Protocol Version 4, Src: ${dotted(bytes, 26)}, Dst: ${dotted(bytes, 30)}`, 14, 20, undefined, [
    item('ip.ttl', `Time to Live: ${bytes[22]}`, 22, 1, bytes[22]),
    item('ip.proto', `Protocol: ${bytes[23] === 6 ? 'TCP' : 'UDP'} (${bytes[23]})`, 23, 1, bytes[23]),
    item('ip.src', `Source Address: ${dotted(bytes, 26)}`, 26, 4, ipSource),
    item('ip.dst', `Destination Address: ${dotted(bytes, 30)}`, 30, 4, ipDestination),
  ]));
  const proto = bytes[23] === 6 ? 'tcp' : 'udp';
  const headerLength = proto === 'tcp' ? 20 : 8;
  const transport = item(proto, `${proto === 'tcp' ? 'Transmission Control Protocol' : 'User Datagram Protocol'}, Src Port: ${u16(bytes, 34)}, Dst Port: ${u16(bytes, 36)}`, 34, bytes.length - 34, undefined, [
    item(`${proto}.srcport`, `Source Port: ${u16(bytes, 34)}`, 34, 2, u16(bytes, 34)),
    item(`${proto}.dstport`, `Destination Port: ${u16(bytes, 36)}`, 36, 2, u16(bytes, 36)),
  ]);
  items.push(transport);
  if (reassembled) {
    const payload = bytes.length - 34 - headerLength;
    transport.children!.push({ ...item('tcp.payload', `TCP payload (${payload} bytes)`, 0, payload), source: 1 });
  }
  return items;
}

type FakeFilter = { test(number: number, bytes: Uint8Array): boolean } | { message: string; start: number; end: number };

function compileFakeFilter(text: string): FakeFilter {
  const trimmed = text.trim();
  if (trimmed === '') return { test: () => true };
  const protocols: Record<string, (bytes: Uint8Array) => boolean> = {
    tcp: (bytes) => u16(bytes, 12) === 0x0800 && bytes[23] === 6,
    udp: (bytes) => u16(bytes, 12) === 0x0800 && bytes[23] === 17,
    arp: (bytes) => u16(bytes, 12) === 0x0806,
    ip: (bytes) => u16(bytes, 12) === 0x0800,
  };
  if (protocols[trimmed]) return { test: (_number, bytes) => protocols[trimmed](bytes) };
  const comparison = /^frame\.number\s*(==|<=|>=|<|>)\s*(\d+)$/.exec(trimmed);
  if (comparison) {
    const limit = Number(comparison[2]);
    const tests: Record<string, (value: number) => boolean> = {
      '==': (value) => value === limit, '<=': (value) => value <= limit, '>=': (value) => value >= limit, '<': (value) => value < limit, '>': (value) => value > limit,
    };
    return { test: (number) => tests[comparison[1]](number) };
  }
  const field = /^(tcp|udp)\.(srcport|dstport)\s*==\s*(\d+)$/.exec(trimmed);
  if (field) {
    const [, proto, which, port] = field;
    const at = which === 'srcport' ? 34 : 36;
    return { test: (_number, bytes) => protocols[proto](bytes) && u16(bytes, at) === Number(port) };
  }
  const address = /^ip\.(src|dst)\s*==\s*(\d+\.\d+\.\d+\.\d+)$/.exec(trimmed);
  if (address) {
    const at = address[1] === 'src' ? 26 : 30;
    return { test: (_number, bytes) => protocols.ip(bytes) && dotted(bytes, at) === address[2] };
  }
  const word = /^\S+/.exec(trimmed)![0];
  return { message: `"${word}" is not a valid protocol or protocol field.`, start: 0, end: word.length };
}
