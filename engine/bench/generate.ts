/**
 * Deterministic generator of the benchmark capture: by default 1,000,000 Ethernet frames
 * (~540 MB of pcap) of office LAN traffic seen on a mirror port next to the clients: HTTP/1.1
 * over TCP (handshakes, keep-alive requests, multi-segment responses, 4-way teardowns, lost
 * segments with duplicate ACKs and retransmissions, RTO retransmissions of requests and SYNs),
 * DNS over UDP, ICMP echo and ARP. Checksums and lengths are real, so tshark with checksum
 * validation agrees with every frame.
 *
 * The same options always give byte-identical files: one seeded PRNG drives everything, and
 * activities run in a fixed order (by time, then by creation order).
 *
 *   node out/engine/bench/generate.js OUT.pcap [--packets N] [--seed S]
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '../formats/pcap-writer.js';
import {
  asciiBytes,
  BROADCAST_MAC,
  decimalLength,
  DNS_FLAGS_NO_SUCH_NAME,
  DNS_FLAGS_QUERY,
  DNS_FLAGS_RESPONSE,
  DNS_QUESTION_NAME_OFFSET,
  DNS_TYPE_A,
  DNS_TYPE_AAAA,
  encodeDnsName,
  ETHERTYPE_IPV4,
  finishIcmpEcho,
  finishTcp,
  finishUdp,
  ICMP_ECHO_HEADER_LENGTH,
  IP_PROTOCOL_ICMP,
  IP_PROTOCOL_TCP,
  IP_PROTOCOL_UDP,
  ipv4FromString,
  macFromString,
  padFrame,
  SACK_OPTIONS_LENGTH,
  SYN_OPTIONS_LENGTH,
  TCP_ACK,
  TCP_FIN,
  TCP_HEADER_LENGTH,
  TCP_PSH,
  TCP_SYN,
  TRANSPORT_OFFSET,
  UDP_HEADER_LENGTH,
  writeArpFrame,
  writeDecimal,
  writeDnsARecord,
  writeDnsCnameRecord,
  writeDnsQuestion,
  writeEthernetHeader,
  writeIpv4Header,
  writeSackOption,
  writeSynOptions,
  writeTcpHeader,
  writeUint32,
} from './frames.js';

export interface BenchmarkCaptureOptions {
  /** Number of frames to write (default 1,000,000). */
  packets?: number;
  /** PRNG seed; the same packets + seed give the same bytes (default DEFAULT_SEED). */
  seed?: number;
}

export interface BenchmarkCaptureResult {
  packets: number;
  /** Size of the pcap file in bytes. */
  bytes: number;
}

export const DEFAULT_PACKETS = 1_000_000;
export const DEFAULT_SEED = 20240312;
/**
 * Mean Ethernet frame length the traffic model steers towards (response sizes follow the
 * running average), so a file of N frames is about PCAP_FILE_HEADER_LENGTH +
 * N * (PCAP_RECORD_HEADER_LENGTH + TARGET_AVERAGE_FRAME_LENGTH) bytes: 540 MB for 1M frames.
 */
export const TARGET_AVERAGE_FRAME_LENGTH = 524;
export const PCAP_FILE_HEADER_LENGTH = 24;
export const PCAP_RECORD_HEADER_LENGTH = 16;

/** 2024-03-12 09:00:00 UTC, a Tuesday morning. */
const CAPTURE_START_SECONDS = 1_710_234_000;
const MAXIMUM_SEGMENT_SIZE = 1460;
const MAXIMUM_FRAME_LENGTH = TRANSPORT_OFFSET + TCP_HEADER_LENGTH + MAXIMUM_SEGMENT_SIZE;
const TCP_DATA_OFFSET = TRANSPORT_OFFSET + TCP_HEADER_LENGTH;
const UDP_DATA_OFFSET = TRANSPORT_OFFSET + UDP_HEADER_LENGTH;
const MILLISECOND = 1000;
const SECOND = 1_000_000;

/** Writes the capture to `path` and returns what was written. */
export function generateBenchmarkCapture(path: string, options: BenchmarkCaptureOptions = {}): BenchmarkCaptureResult {
  const writer = new PcapWriter(path, { linkType: 1 });
  let frameBytes = 0;
  let packets = 0;
  try {
    ({ packets, frameBytes } = generateFrames(options, (microseconds, frame) => {
      const seconds = Math.floor(microseconds / SECOND);
      writer.write(seconds, (microseconds - seconds * SECOND) * 1000, frame);
    }));
  } finally {
    writer.close();
  }
  return { packets, bytes: PCAP_FILE_HEADER_LENGTH + packets * PCAP_RECORD_HEADER_LENGTH + frameBytes };
}

/**
 * Runs the traffic model and hands every frame to `deliver` with its absolute time in
 * microseconds since the epoch (strictly increasing). `frame` is a view of a buffer that is
 * overwritten by the next frame: copy it to keep it.
 */
export function generateFrames(
  options: BenchmarkCaptureOptions,
  deliver: (microseconds: number, frame: Uint8Array) => void,
): { packets: number; frameBytes: number } {
  const packetLimit = options.packets ?? DEFAULT_PACKETS;
  if (!Number.isInteger(packetLimit) || packetLimit < 0) throw new RangeError(`packets must be a non-negative integer: ${packetLimit}`);
  const model = new TrafficModel(new Random(options.seed ?? DEFAULT_SEED));
  model.startSources(CAPTURE_START_SECONDS * SECOND);
  const scheduler = model.scheduler;
  const wire = model.wire;
  let lastTime = 0;
  while (model.packets < packetLimit) {
    const activity = scheduler.pop();
    if (activity === undefined) break;
    wire.length = 0;
    const step = activity.steps.next();
    if (wire.length > 0) {
      const scheduled = Math.floor(activity.time);
      const time = scheduled > lastTime ? scheduled : lastTime + 1;
      lastTime = time;
      model.packets++;
      model.frameBytes += wire.length;
      deliver(time, wire.frame.subarray(0, wire.length));
    }
    if (step.done !== true) scheduler.resume(activity, step.value);
  }
  return { packets: model.packets, frameBytes: model.frameBytes };
}

// --- randomness and scheduling ---

/** mulberry32: a small, fast, seedable 32-bit PRNG; good enough for traffic shapes. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let value = this.state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [minimum, maximum]. */
  int(minimum: number, maximum: number): number {
    return minimum + Math.floor(this.next() * (maximum - minimum + 1));
  }

  uint32(): number {
    return Math.floor(this.next() * 4294967296);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Exponentially distributed integer with the given mean (Poisson arrival gaps). */
  exponential(mean: number): number {
    return Math.round(-Math.log(1 - this.next()) * mean);
  }

  /** Log-uniform in [minimum, maximum]: as many small values per decade as large ones. */
  logUniform(minimum: number, maximum: number): number {
    return minimum * Math.pow(maximum / minimum, this.next());
  }
}

/**
 * An activity is a generator that yields the absolute time (µs) of its next event; when
 * resumed at that time it builds at most one frame in the wire (or starts other activities)
 * and yields the time of the following event.
 */
type Steps = Generator<number, void, void>;

interface Activity {
  time: number;
  order: number;
  steps: Steps;
}

/** Min-heap of activities by (time, creation order): the order is total, so runs are reproducible. */
class Scheduler {
  private readonly heap: Activity[] = [];
  private created = 0;

  start(steps: Steps): void {
    const first = steps.next();
    if (first.done === true) return;
    this.push({ time: first.value, order: this.created++, steps });
  }

  resume(activity: Activity, time: number): void {
    activity.time = time > activity.time ? time : activity.time;
    this.push(activity);
  }

  pop(): Activity | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && before(heap[right], heap[left]) ? right : left;
      if (!before(heap[child], last)) break;
      heap[index] = heap[child];
      index = child;
    }
    heap[index] = last;
    return top;
  }

  private push(activity: Activity): void {
    const heap = this.heap;
    let index = heap.length;
    heap.push(activity);
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(activity, heap[parent])) break;
      heap[index] = heap[parent];
      index = parent;
    }
    heap[index] = activity;
  }
}

function before(a: Activity, b: Activity): boolean {
  return a.time < b.time || (a.time === b.time && a.order < b.order);
}

// --- the network ---

interface Lan {
  gatewayAddress: number;
  gatewayMac: number;
}

interface Client {
  address: number;
  mac: number;
  lan: Lan;
  userAgent: number;
}

interface Server {
  name: string;
  encodedName: Uint8Array;
  /** CNAME target the resolver answers with before the address, if any. */
  canonicalName: Uint8Array | null;
  address: number;
  /** TTL of its packets when they reach the LAN (64/128/255 minus the hops). */
  timeToLive: number;
  /** Round-trip time from the capture point, µs. */
  roundTrip: number;
  /** Whether HTTP requests go to it (the others only appear in DNS and pings). */
  web: boolean;
}

interface Resource {
  path: string;
  contentType: string;
  binary: boolean;
  /** Relative frequency of requests for it. */
  weight: number;
  /** Log-uniform range of the body length before steering. */
  minimumBody: number;
  maximumBody: number;
}

const resources: readonly Resource[] = [
  { path: '/', contentType: 'text/html; charset=utf-8', binary: false, weight: 10, minimumBody: 1_000, maximumBody: 30_000 },
  { path: '/index.html', contentType: 'text/html; charset=utf-8', binary: false, weight: 6, minimumBody: 1_000, maximumBody: 30_000 },
  { path: '/news/today.html', contentType: 'text/html; charset=utf-8', binary: false, weight: 4, minimumBody: 2_000, maximumBody: 50_000 },
  { path: '/css/site.css', contentType: 'text/css', binary: false, weight: 10, minimumBody: 500, maximumBody: 20_000 },
  { path: '/js/app.js', contentType: 'application/javascript', binary: false, weight: 8, minimumBody: 1_000, maximumBody: 60_000 },
  { path: '/robots.txt', contentType: 'text/plain', binary: false, weight: 8, minimumBody: 60, maximumBody: 400 },
  { path: '/api/v1/status?verbose=1', contentType: 'text/plain', binary: false, weight: 20, minimumBody: 100, maximumBody: 2_000 },
  { path: '/downloads/update-2.4.1.bin', contentType: 'application/octet-stream', binary: true, weight: 2, minimumBody: 5_000, maximumBody: 150_000 },
  { path: '/media/clip-0042.bin', contentType: 'application/octet-stream', binary: true, weight: 2, minimumBody: 5_000, maximumBody: 100_000 },
];

/** Cumulative weights of `resources`, for pickWeighted. */
const resourceWeights = cumulative(resources.map((resource) => resource.weight));

function cumulative(weights: readonly number[]): number[] {
  let total = 0;
  return weights.map((weight) => (total += weight));
}

/** Index drawn with probability proportional to its weight (`cumulativeWeights` from cumulative()). */
function pickWeighted(random: Random, cumulativeWeights: readonly number[]): number {
  const draw = random.next() * cumulativeWeights[cumulativeWeights.length - 1];
  let index = 0;
  while (cumulativeWeights[index] <= draw) index++;
  return index;
}

const userAgents: readonly string[] = [
  'Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15',
  'curl/8.5.0',
  'Debian APT-HTTP/1.3 (2.6.1)',
];

/** Vendor prefixes for client MACs (Intel, Apple, Dell, Raspberry Pi, Lenovo). */
const clientOuis: readonly number[] = [0x001b21, 0x3c22fb, 0xf48e38, 0xb827eb, 0x54ee75];

/** Names queried in DNS without a following HTTP connection; the last two do not exist. */
const otherNames: readonly string[] = ['time.campus.test', 'mail.example.com', 'smtp.corp.internal', 'wpad.corp.internal', 'printer-3.lab.test'];
const missingNameCount = 2;

class Network {
  readonly lans: Lan[];
  readonly clients: Client[] = [];
  readonly servers: Server[] = [];
  readonly webServers: Server[];
  readonly otherNames: { encoded: Uint8Array; address: number; missing: boolean }[];

  constructor(random: Random) {
    this.lans = [
      { gatewayAddress: ipv4FromString('10.10.0.1'), gatewayMac: macFromString('00:1c:73:4a:10:01') },
      { gatewayAddress: ipv4FromString('192.168.1.1'), gatewayMac: macFromString('00:1c:73:4a:10:02') },
    ];
    const used = new Set<number>();
    const addClient = (lan: Lan, address: number): void => {
      if (used.has(address)) return;
      used.add(address);
      const oui = random.pick(clientOuis);
      this.clients.push({ address, mac: oui * 0x1000000 + (random.uint32() & 0xffffff), lan, userAgent: random.int(0, userAgents.length - 1) });
    };
    // Three out of four clients live in 10.10.0.0/16, the rest in 192.168.1.0/24.
    while (this.clients.length < 180) addClient(this.lans[0], ((10 << 24) | (10 << 16) | (random.int(0, 7) << 8) | random.int(2, 254)) >>> 0);
    while (this.clients.length < 240) addClient(this.lans[1], ((192 << 24) | (168 << 16) | (1 << 8) | random.int(10, 250)) >>> 0);

    const names: [string, string | null, boolean][] = [
      ['www.example.com', null, true],
      ['api.example.org', null, true],
      ['cdn.example.net', 'edge-7.cdn.example.net', true],
      ['static.example.com', 'cdn.example.net', true],
      ['shop.example.org', null, true],
      ['portal.campus.test', null, true],
      ['wiki.corp.internal', null, true],
      ['updates.vendor.test', 'mirror-2.vendor.test', true],
      ['news.daily.test', null, true],
      ['git.corp.internal', null, true],
      ['time.campus.test', null, false],
      ['mail.example.com', null, false],
      ['smtp.corp.internal', null, false],
    ];
    for (const [name, canonical, web] of names) {
      let address: number;
      do address = ipv4FromString((random.chance(0.5) ? '198.51.100.' : '203.0.113.') + random.int(2, 254));
      while (used.has(address));
      used.add(address);
      const initialTimeToLive = random.pick([64, 64, 128, 255]);
      this.servers.push({
        name,
        encodedName: encodeDnsName(name),
        canonicalName: canonical === null ? null : encodeDnsName(canonical),
        address,
        timeToLive: initialTimeToLive - random.int(6, 18),
        roundTrip: random.int(8, 90) * MILLISECOND,
        web,
      });
    }
    this.webServers = this.servers.filter((server) => server.web);
    this.otherNames = otherNames.map((name, index) => {
      const server = this.servers.find((candidate) => candidate.name === name);
      return { encoded: encodeDnsName(name), address: server?.address ?? 0, missing: index >= otherNames.length - missingNameCount };
    });
  }
}

// --- frames on the wire ---

/** The TCP connection state both directions share; sequence numbers are relative to the ISNs. */
class TcpConnection {
  readonly clientIsn: number;
  readonly serverIsn: number;
  readonly clientPort: number;
  readonly serverPort = 80;
  clientIpId: number;
  serverIpId: number;
  /** Next relative sequence number each side sends (1 after its SYN). */
  clientNext = 0;
  serverNext = 0;

  constructor(
    readonly client: Client,
    readonly server: Server,
    random: Random,
  ) {
    this.clientIsn = random.uint32();
    this.serverIsn = random.uint32();
    this.clientPort = random.int(32768, 60999);
    this.clientIpId = random.int(0, 0xffff);
    this.serverIpId = random.int(0, 0xffff);
  }
}

/** Windows as Linux advertises them with window scale 7 (64,256 and 65,152 bytes). */
const CLIENT_WINDOW = 502;
const SERVER_WINDOW = 509;
const CLIENT_SYN_WINDOW = 64240;
const SERVER_SYN_WINDOW = 65160;
const WINDOW_SCALE = 7;

/** Builds one frame at a time into a reused buffer. */
class Wire {
  readonly frame = new Uint8Array(MAXIMUM_FRAME_LENGTH);
  length = 0;

  /** Ethernet + IPv4 headers for a packet between a client and a remote or gateway address. */
  private ipv4(
    fromClient: boolean,
    client: Client,
    remoteAddress: number,
    remoteTimeToLive: number,
    protocol: number,
    identification: number,
    payloadLength: number,
  ): void {
    const frame = this.frame;
    if (fromClient) {
      writeEthernetHeader(frame, client.lan.gatewayMac, client.mac, ETHERTYPE_IPV4);
      writeIpv4Header(frame, protocol, client.address, remoteAddress, payloadLength, identification, 64, true);
    } else {
      writeEthernetHeader(frame, client.mac, client.lan.gatewayMac, ETHERTYPE_IPV4);
      writeIpv4Header(frame, protocol, remoteAddress, client.address, payloadLength, identification, remoteTimeToLive, protocol === IP_PROTOCOL_TCP);
    }
  }

  /**
   * A TCP segment whose `dataLength` payload bytes are already at TCP_DATA_OFFSET (segments
   * with data carry no options). Sequence and acknowledgment numbers are relative.
   */
  tcp(connection: TcpConnection, fromClient: boolean, sequence: number, acknowledgment: number, flags: number, dataLength: number): void {
    this.tcpWithOptions(connection, fromClient, sequence, acknowledgment, flags, 0, dataLength);
  }

  /** A SYN or SYN-ACK with MSS, window scale and SACK-permitted options. */
  tcpSyn(connection: TcpConnection, fromClient: boolean): void {
    writeSynOptions(this.frame, MAXIMUM_SEGMENT_SIZE, WINDOW_SCALE);
    this.tcpWithOptions(connection, fromClient, 0, fromClient ? 0 : 1, fromClient ? TCP_SYN : TCP_SYN | TCP_ACK, SYN_OPTIONS_LENGTH, 0);
  }

  /** A client ACK carrying one SACK block [left, right) in relative server sequence numbers. */
  tcpSelectiveAck(connection: TcpConnection, acknowledgment: number, left: number, right: number): void {
    writeSackOption(this.frame, (connection.serverIsn + left) >>> 0, (connection.serverIsn + right) >>> 0);
    this.tcpWithOptions(connection, true, connection.clientNext, acknowledgment, TCP_ACK, SACK_OPTIONS_LENGTH, 0);
  }

  private tcpWithOptions(
    connection: TcpConnection,
    fromClient: boolean,
    sequence: number,
    acknowledgment: number,
    flags: number,
    optionsLength: number,
    dataLength: number,
  ): void {
    const segmentLength = TCP_HEADER_LENGTH + optionsLength + dataLength;
    const server = connection.server;
    const identification = fromClient ? connection.clientIpId++ : connection.serverIpId++;
    this.ipv4(fromClient, connection.client, server.address, server.timeToLive, IP_PROTOCOL_TCP, identification, segmentLength);
    const syn = (flags & TCP_SYN) !== 0;
    const window = syn ? (fromClient ? CLIENT_SYN_WINDOW : SERVER_SYN_WINDOW) : fromClient ? CLIENT_WINDOW : SERVER_WINDOW;
    const ownIsn = fromClient ? connection.clientIsn : connection.serverIsn;
    const peerIsn = fromClient ? connection.serverIsn : connection.clientIsn;
    const absoluteAck = (flags & TCP_ACK) !== 0 ? (peerIsn + acknowledgment) >>> 0 : 0;
    if (fromClient) {
      writeTcpHeader(this.frame, connection.clientPort, connection.serverPort, (ownIsn + sequence) >>> 0, absoluteAck, flags, window, optionsLength);
    } else {
      writeTcpHeader(this.frame, connection.serverPort, connection.clientPort, (ownIsn + sequence) >>> 0, absoluteAck, flags, window, optionsLength);
    }
    finishTcp(this.frame, segmentLength);
    this.length = padFrame(this.frame, TRANSPORT_OFFSET + segmentLength);
  }

  /** A UDP datagram whose payload is already at UDP_DATA_OFFSET. */
  udp(client: Client, fromClient: boolean, remoteAddress: number, clientPort: number, remotePort: number, identification: number, payloadLength: number): void {
    this.ipv4(fromClient, client, remoteAddress, 64, IP_PROTOCOL_UDP, identification, UDP_HEADER_LENGTH + payloadLength);
    if (fromClient) finishUdp(this.frame, clientPort, remotePort, payloadLength);
    else finishUdp(this.frame, remotePort, clientPort, payloadLength);
    this.length = padFrame(this.frame, UDP_DATA_OFFSET + payloadLength);
  }

  /** An ICMP echo request (type 8) or reply (0) whose data is already after its header. */
  icmpEcho(client: Client, fromClient: boolean, server: Server, identification: number, identifier: number, sequence: number, dataLength: number): void {
    this.ipv4(fromClient, client, server.address, server.timeToLive, IP_PROTOCOL_ICMP, identification, ICMP_ECHO_HEADER_LENGTH + dataLength);
    finishIcmpEcho(this.frame, fromClient ? 8 : 0, identifier, sequence, dataLength);
    this.length = padFrame(this.frame, TRANSPORT_OFFSET + ICMP_ECHO_HEADER_LENGTH + dataLength);
  }

  arp(destinationMac: number, opcode: number, senderMac: number, senderIp: number, targetMac: number, targetIp: number): void {
    this.length = writeArpFrame(this.frame, destinationMac, opcode, senderMac, senderIp, targetMac, targetIp);
  }
}

// --- HTTP content ---

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Tue, 12 Mar 2024 09:00:01 GMT" (RFC 9110 IMF-fixdate, always 29 characters). */
function httpDate(seconds: number): string {
  const date = new Date(seconds * 1000);
  const two = (value: number): string => String(value).padStart(2, '0');
  return `${weekdays[date.getUTCDay()]}, ${two(date.getUTCDate())} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} GMT`;
}
const HTTP_DATE_LENGTH = 29;

interface Status {
  /** Status line and headers up to "Date: ". */
  head: Uint8Array;
  /** Headers after the date up to the Content-Length value, or to the end when `hasBody` is false. */
  middle: Uint8Array;
  hasBody: boolean;
}

const CRLF = '\r\n';
const TAIL = asciiBytes(`${CRLF}Connection: keep-alive${CRLF}${CRLF}`);

/**
 * The bytes of one HTTP response: a header (written into the first segment at send time) and
 * a body sliced from a pool, so segments can be rebuilt (retransmitted) at will.
 */
class Response {
  // Set by HttpContent.prepare() before any use.
  status!: Status;
  contentType!: Uint8Array;
  bodyPool!: Uint8Array;
  bodyStart = 0;
  bodyLength = 0;
  headerLength = 0;
  dateSeconds = 0;

  get length(): number {
    return this.headerLength + this.bodyLength;
  }
}

class HttpContent {
  /** Request bytes by [server][resource][user agent]. */
  private readonly requests: Uint8Array[][][];
  private readonly contentTypes: Uint8Array[];
  readonly ok: Status;
  readonly notModified: Status;
  readonly notFound: Status;
  readonly textPool: Uint8Array;
  readonly binaryPool: Uint8Array;
  private dateSeconds = -1;
  private dateBytes: Uint8Array = new Uint8Array(HTTP_DATE_LENGTH);

  constructor(random: Random, servers: readonly Server[]) {
    this.requests = servers.map((server) =>
      resources.map((resource) =>
        userAgents.map((agent) =>
          asciiBytes(`GET ${resource.path} HTTP/1.1${CRLF}Host: ${server.name}${CRLF}User-Agent: ${agent}${CRLF}Accept: */*${CRLF}Connection: keep-alive${CRLF}${CRLF}`),
        ),
      ),
    );
    this.contentTypes = resources.map((resource) => asciiBytes(`${CRLF}Content-Type: ${resource.contentType}`));
    const server = `${CRLF}Server: nginx/1.24.0`;
    this.ok = { head: asciiBytes(`HTTP/1.1 200 OK${CRLF}Date: `), middle: asciiBytes(`${server}`), hasBody: true };
    this.notFound = { head: asciiBytes(`HTTP/1.1 404 Not Found${CRLF}Date: `), middle: asciiBytes(server), hasBody: true };
    this.notModified = { head: asciiBytes(`HTTP/1.1 304 Not Modified${CRLF}Date: `), middle: asciiBytes(`${server}${CRLF}ETag: "65f01a2c-3b1"`), hasBody: false };
    this.textPool = makeTextPool(random, BODY_POOL_LENGTH);
    this.binaryPool = new Uint8Array(BODY_POOL_LENGTH);
    for (let index = 0; index < BODY_POOL_LENGTH; index += 4) writeUint32(this.binaryPool, index, random.uint32());
  }

  request(serverIndex: number, resourceIndex: number, userAgent: number): Uint8Array {
    return this.requests[serverIndex][resourceIndex][userAgent];
  }

  /** Fills `response` (reused per connection) and returns it. */
  prepare(response: Response, status: Status, resourceIndex: number, bodyLength: number, random: Random, dateSeconds: number): Response {
    const resource = resources[resourceIndex];
    response.status = status;
    response.contentType = this.contentTypes[resourceIndex];
    response.bodyPool = resource.binary && status === this.ok ? this.binaryPool : this.textPool;
    response.bodyLength = status.hasBody ? bodyLength : 0;
    response.bodyStart = random.int(0, BODY_POOL_LENGTH - response.bodyLength);
    response.dateSeconds = dateSeconds;
    response.headerLength = status.head.length + HTTP_DATE_LENGTH + status.middle.length + TAIL.length;
    if (status.hasBody) response.headerLength += response.contentType.length + CONTENT_LENGTH.length + decimalLength(response.bodyLength);
    return response;
  }

  /** Writes bytes [from, to) of the response's stream at `offset` of `frame`. */
  writeResponse(frame: Uint8Array, offset: number, response: Response, from: number, to: number): void {
    let at = offset;
    if (from === 0) {
      // The header always fits in the first segment (it is a few hundred bytes).
      at = this.writeHeader(frame, at, response);
      from = response.headerLength;
    }
    if (to > from) {
      const start = response.bodyStart + from - response.headerLength;
      frame.set(response.bodyPool.subarray(start, start + to - from), at);
    }
  }

  private writeHeader(frame: Uint8Array, offset: number, response: Response): number {
    const status = response.status;
    let at = offset;
    frame.set(status.head, at);
    at += status.head.length;
    frame.set(this.date(response.dateSeconds), at);
    at += HTTP_DATE_LENGTH;
    frame.set(status.middle, at);
    at += status.middle.length;
    if (status.hasBody) {
      frame.set(response.contentType, at);
      at += response.contentType.length;
      frame.set(CONTENT_LENGTH, at);
      at = writeDecimal(frame, at + CONTENT_LENGTH.length, response.bodyLength);
    }
    frame.set(TAIL, at);
    return at + TAIL.length;
  }

  private date(seconds: number): Uint8Array {
    if (seconds !== this.dateSeconds) {
      this.dateSeconds = seconds;
      this.dateBytes = asciiBytes(httpDate(seconds));
    }
    return this.dateBytes;
  }
}

const CONTENT_LENGTH = asciiBytes(`${CRLF}Content-Length: `);
const BODY_POOL_LENGTH = 1 << 20;
const MAXIMUM_BODY_LENGTH = BODY_POOL_LENGTH / 2;

const words = ['packet', 'network', 'frame', 'router', 'switch', 'address', 'segment', 'window', 'handshake', 'protocol', 'layer', 'header', 'checksum', 'the', 'a', 'of', 'and', 'to', 'in', 'is', 'data', 'stream', 'server', 'client'];

/** HTML-looking text: paragraphs of words, one per line, so text bodies read as text. */
function makeTextPool(random: Random, length: number): Uint8Array {
  const lines: string[] = [];
  let total = 0;
  while (total < length) {
    const count = random.int(6, 18);
    const parts: string[] = [];
    for (let index = 0; index < count; index++) parts.push(random.pick(words));
    const line = `<p>${parts.join(' ')}.</p>\n`;
    lines.push(line);
    total += line.length;
  }
  return asciiBytes(lines.join('')).subarray(0, length);
}

// --- the traffic ---

/** Mean gap between new visits (a DNS lookup, maybe, then an HTTP connection), µs. */
const VISIT_INTERVAL = 9_000;
const LOOKUP_INTERVAL = 90_000;
const PING_INTERVAL = 300_000;
const ARP_INTERVAL = 40_000;
/** Serialization time of a full-sized frame on the 100 Mbit/s bottleneck, µs. */
const FULL_FRAME_GAP = 121;
const DELAYED_ACK = 40 * MILLISECOND;
const MINIMUM_RTO = 200 * MILLISECOND;
const INITIAL_WINDOW_SEGMENTS = 10;
const MAXIMUM_BURST_SEGMENTS = 40;

class TrafficModel {
  readonly scheduler = new Scheduler();
  readonly wire = new Wire();
  readonly network: Network;
  readonly http: HttpContent;
  packets = 0;
  frameBytes = 0;

  constructor(readonly random: Random) {
    this.network = new Network(random);
    this.http = new HttpContent(random, this.network.servers);
  }

  startSources(start: number): void {
    this.scheduler.start(this.arrivals(start, VISIT_INTERVAL, (time) => this.visit(time)));
    this.scheduler.start(this.arrivals(start + 3_000, LOOKUP_INTERVAL, (time) => this.lookup(time)));
    this.scheduler.start(this.arrivals(start + 5_000, PING_INTERVAL, (time) => this.pings(time)));
    this.scheduler.start(this.arrivals(start + 700, ARP_INTERVAL, (time) => this.arp(time)));
  }

  /** Starts a new activity at Poisson-distributed times. */
  private *arrivals(start: number, meanInterval: number, create: (time: number) => Steps): Steps {
    let time = start;
    for (;;) {
      yield time;
      this.scheduler.start(create(time));
      time += 1 + this.random.exponential(meanInterval);
    }
  }

  /**
   * Body length steering: a size drawn from the resource's range, scaled by how far the frames
   * so far are from TARGET_AVERAGE_FRAME_LENGTH (every 64 KB behind doubles it).
   */
  private bodyLength(resource: Resource): number {
    const behind = TARGET_AVERAGE_FRAME_LENGTH * this.packets - this.frameBytes;
    const steering = Math.min(8, Math.max(0.125, Math.pow(2, behind / 65_536)));
    const drawn = this.random.logUniform(resource.minimumBody, resource.maximumBody) * steering;
    return Math.min(MAXIMUM_BODY_LENGTH, Math.round(drawn));
  }

  // --- a visit: DNS lookup (sometimes), then one HTTP connection ---

  private *visit(start: number): Steps {
    const random = this.random;
    const client = random.pick(this.network.clients);
    const server = random.pick(this.network.webServers);
    let time = start;
    if (random.chance(0.3)) time = yield* this.resolve(time, client, server.encodedName, server, false);
    yield* this.connection(time, client, this.network.servers.indexOf(server));
  }

  private *lookup(start: number): Steps {
    const name = this.random.pick(this.network.otherNames);
    const client = this.random.pick(this.network.clients);
    const server = this.network.servers.find((candidate) => candidate.address === name.address) ?? null;
    yield* this.resolve(start, client, name.encoded, server, name.missing);
  }

  /**
   * Asks the client's gateway (its resolver) for A and sometimes AAAA records. `server` null or
   * `missing` gives NXDOMAIN. Returns the time the last answer arrived.
   */
  private *resolve(start: number, client: Client, encodedName: Uint8Array, server: Server | null, missing: boolean): Generator<number, number, void> {
    const random = this.random;
    const resolver = client.lan.gatewayAddress;
    const port = random.int(32768, 60999);
    const id = random.int(0, 0xffff);
    const alsoAaaa = random.chance(0.4);
    const wire = this.wire;
    let time = start;
    yield time;
    let length = writeDnsQuestion(wire.frame, UDP_DATA_OFFSET, id, DNS_FLAGS_QUERY, 0, encodedName, DNS_TYPE_A) - UDP_DATA_OFFSET;
    wire.udp(client, true, resolver, port, 53, random.int(0, 0xffff), length);
    if (alsoAaaa) {
      time += random.int(30, 300);
      yield time;
      length = writeDnsQuestion(wire.frame, UDP_DATA_OFFSET, (id + 1) & 0xffff, DNS_FLAGS_QUERY, 0, encodedName, DNS_TYPE_AAAA) - UDP_DATA_OFFSET;
      wire.udp(client, true, resolver, port, 53, random.int(0, 0xffff), length);
    }
    // A cache hit answers in about a millisecond, a miss takes a trip upstream.
    time += random.chance(0.6) ? random.int(300, 2_000) : random.int(8, 90) * MILLISECOND;
    yield time;
    const exists = server !== null && !missing;
    length = this.writeDnsAnswer(id, encodedName, DNS_TYPE_A, exists ? server : null, missing);
    wire.udp(client, false, resolver, port, 53, random.int(0, 0xffff), length);
    if (alsoAaaa) {
      time += random.int(40, 800);
      yield time;
      // No IPv6 here: an empty NOERROR answer (or NXDOMAIN again).
      length = this.writeDnsAnswer((id + 1) & 0xffff, encodedName, DNS_TYPE_AAAA, null, missing || server === null);
      wire.udp(client, false, resolver, port, 53, random.int(0, 0xffff), length);
    }
    return time + random.int(100, 1_500);
  }

  /** Writes a DNS response after the UDP header; returns its length. */
  private writeDnsAnswer(id: number, encodedName: Uint8Array, type: number, server: Server | null, missing: boolean): number {
    const frame = this.wire.frame;
    const base = UDP_DATA_OFFSET;
    const canonical = server?.canonicalName ?? null;
    const answers = server === null ? 0 : canonical === null ? 1 : 2;
    let at = writeDnsQuestion(frame, base, id, missing ? DNS_FLAGS_NO_SUCH_NAME : DNS_FLAGS_RESPONSE, answers, encodedName, type);
    if (server !== null) {
      let owner = DNS_QUESTION_NAME_OFFSET;
      if (canonical !== null) {
        at = writeDnsCnameRecord(frame, at, owner, 3600, canonical);
        owner = at - canonical.length - base;
      }
      at = writeDnsARecord(frame, at, owner, 300, server.address);
    }
    return at - base;
  }

  // --- HTTP over TCP ---

  private *connection(start: number, client: Client, serverIndex: number): Steps {
    const random = this.random;
    const server = this.network.servers[serverIndex];
    const tcp = new TcpConnection(client, server, random);
    const wire = this.wire;
    const rtt = server.roundTrip;
    let time = start;

    // Handshake; now and then the first SYN goes unanswered and is sent again after 1 s.
    yield time;
    wire.tcpSyn(tcp, true);
    if (random.chance(0.01)) {
      time += SECOND + random.int(0, 2_000);
      yield time;
      wire.tcpSyn(tcp, true);
    }
    tcp.clientNext = 1;
    time += rtt + random.int(0, 500);
    yield time;
    wire.tcpSyn(tcp, false);
    tcp.serverNext = 1;
    time += random.int(30, 150);
    yield time;
    wire.tcp(tcp, true, 1, 1, TCP_ACK, 0);

    const response = new Response();
    const requests = random.chance(0.6) ? 1 : random.int(2, 4);
    for (let request = 0; request < requests; request++) {
      time += request === 0 ? random.int(100, 2_000) : random.int(5, 400) * MILLISECOND;
      const resourceIndex = pickWeighted(random, resourceWeights);
      const requestBytes = this.http.request(serverIndex, resourceIndex, client.userAgent);
      const requestStart = tcp.clientNext;
      yield time;
      wire.frame.set(requestBytes, TCP_DATA_OFFSET);
      wire.tcp(tcp, true, requestStart, tcp.serverNext, TCP_PSH | TCP_ACK, requestBytes.length);
      tcp.clientNext += requestBytes.length;
      if (random.chance(0.02)) {
        // The request was lost beyond the capture point: resent after the retransmission timeout.
        time += MINIMUM_RTO + rtt + random.int(0, 20_000);
        yield time;
        wire.frame.set(requestBytes, TCP_DATA_OFFSET);
        wire.tcp(tcp, true, requestStart, tcp.serverNext, TCP_PSH | TCP_ACK, requestBytes.length);
      }
      const status = random.chance(0.9) ? this.http.ok : random.chance(0.6) ? this.http.notModified : this.http.notFound;
      const body = status === this.http.notFound ? random.int(150, 600) : this.bodyLength(resources[resourceIndex]);
      const processing = random.chance(0.85) ? random.int(300, 30_000) : random.int(45, 250) * MILLISECOND;
      if (processing > DELAYED_ACK) {
        // A slow server acknowledges the request before its answer is ready.
        yield time + rtt + DELAYED_ACK;
        wire.tcp(tcp, false, tcp.serverNext, tcp.clientNext, TCP_ACK, 0);
      }
      time += rtt + processing;
      this.http.prepare(response, status, resourceIndex, body, random, Math.floor(time / SECOND));
      time = yield* this.respond(tcp, response, time);
    }

    // 4-way teardown, by the client after an idle moment or by the server's keep-alive timeout.
    if (random.chance(0.75)) {
      time += random.int(1, 300) * MILLISECOND;
      yield time;
      wire.tcp(tcp, true, tcp.clientNext, tcp.serverNext, TCP_FIN | TCP_ACK, 0);
      tcp.clientNext += 1;
      time += rtt;
      yield time;
      wire.tcp(tcp, false, tcp.serverNext, tcp.clientNext, TCP_ACK, 0);
      time += random.int(50, 3_000);
      yield time;
      wire.tcp(tcp, false, tcp.serverNext, tcp.clientNext, TCP_FIN | TCP_ACK, 0);
      tcp.serverNext += 1;
      time += random.int(30, 150);
      yield time;
      wire.tcp(tcp, true, tcp.clientNext, tcp.serverNext, TCP_ACK, 0);
    } else {
      time += random.int(1_000, 5_000) * MILLISECOND;
      yield time;
      wire.tcp(tcp, false, tcp.serverNext, tcp.clientNext, TCP_FIN | TCP_ACK, 0);
      tcp.serverNext += 1;
      time += random.int(30, 150);
      yield time;
      wire.tcp(tcp, true, tcp.clientNext, tcp.serverNext, TCP_ACK, 0);
      time += random.int(100, 5_000);
      yield time;
      wire.tcp(tcp, true, tcp.clientNext, tcp.serverNext, TCP_FIN | TCP_ACK, 0);
      tcp.clientNext += 1;
      time += rtt;
      yield time;
      wire.tcp(tcp, false, tcp.serverNext, tcp.clientNext, TCP_ACK, 0);
    }
  }

  /**
   * Sends a response in slow-start bursts (10, 20, 40 segments) with the client acknowledging
   * every second segment. Sometimes one segment of the first burst is lost before the capture
   * point: the client answers every later segment with a duplicate ACK carrying a SACK block,
   * and the server resends the missing segment a round trip later. Returns the time of the
   * last frame.
   */
  private *respond(tcp: TcpConnection, response: Response, start: number): Generator<number, number, void> {
    const random = this.random;
    const wire = this.wire;
    const rtt = tcp.server.roundTrip;
    const streamStart = tcp.serverNext;
    const total = response.length;
    const segments = Math.ceil(total / MAXIMUM_SEGMENT_SIZE);
    const lost = segments >= 8 && random.chance(0.15) ? random.int(2, Math.min(INITIAL_WINDOW_SEGMENTS, segments) - 5) : -1;
    const segmentEnd = (index: number): number => Math.min(total, (index + 1) * MAXIMUM_SEGMENT_SIZE);
    let time = start;
    let burst = INITIAL_WINDOW_SEGMENTS;
    let next = 0;
    let acknowledged = 0; // stream bytes the client has acknowledged
    let holeOpen = false; // the lost segment is missing and the client sends duplicate ACKs
    while (next < segments) {
      const burstEnd = Math.min(segments, next + burst);
      let firstAckTime = -1;
      let lastAckTime = time;
      let unacknowledged = 0;
      for (; next < burstEnd; next++) {
        const from = next * MAXIMUM_SEGMENT_SIZE;
        const to = segmentEnd(next);
        if (next === lost) {
          holeOpen = true;
        } else {
          yield time;
          this.http.writeResponse(wire.frame, TCP_DATA_OFFSET, response, from, to);
          wire.tcp(tcp, false, streamStart + from, tcp.clientNext, next === segments - 1 ? TCP_PSH | TCP_ACK : TCP_ACK, to - from);
          tcp.serverNext = streamStart + to;
          unacknowledged++;
          if (holeOpen) {
            // Out of order after the hole: acknowledge at once, pointing at the missing segment.
            time += random.int(20, 80);
            yield time;
            wire.tcpSelectiveAck(tcp, streamStart + lost * MAXIMUM_SEGMENT_SIZE, streamStart + (lost + 1) * MAXIMUM_SEGMENT_SIZE, streamStart + to);
            lastAckTime = time;
          } else if (unacknowledged === 2 || next === segments - 1) {
            time += next === segments - 1 && unacknowledged === 1 ? random.int(200, DELAYED_ACK) : random.int(20, 80);
            yield time;
            acknowledged = to;
            wire.tcp(tcp, true, tcp.clientNext, streamStart + acknowledged, TCP_ACK, 0);
            unacknowledged = 0;
            lastAckTime = time;
            if (firstAckTime < 0) firstAckTime = time;
          }
        }
        time += Math.round((FULL_FRAME_GAP * (to - from)) / MAXIMUM_SEGMENT_SIZE) + random.int(0, 30);
      }
      if (holeOpen) {
        // The last duplicate ACK makes the server resend the hole one round trip later.
        time = Math.max(time, lastAckTime + rtt + random.int(1_000, 3_000));
        const from = lost * MAXIMUM_SEGMENT_SIZE;
        yield time;
        this.http.writeResponse(wire.frame, TCP_DATA_OFFSET, response, from, from + MAXIMUM_SEGMENT_SIZE);
        wire.tcp(tcp, false, streamStart + from, tcp.clientNext, TCP_ACK, MAXIMUM_SEGMENT_SIZE);
        time += random.int(20, 80);
        yield time;
        acknowledged = segmentEnd(burstEnd - 1);
        wire.tcp(tcp, true, tcp.clientNext, streamStart + acknowledged, TCP_ACK, 0);
        firstAckTime = time;
        holeOpen = false;
      }
      burst = Math.min(2 * burst, MAXIMUM_BURST_SEGMENTS);
      if (next < segments) time = Math.max(time, firstAckTime + rtt);
    }
    return time;
  }

  // --- ICMP echo ---

  private *pings(start: number): Steps {
    const random = this.random;
    const client = random.pick(this.network.clients);
    const server = random.pick(this.network.servers);
    const identifier = random.int(1, 0xffff);
    const count = random.int(3, 8);
    const dataLength = 56;
    const wire = this.wire;
    let requestId = random.int(0, 0xffff);
    let time = start;
    for (let sequence = 1; sequence <= count; sequence++) {
      const sent = time;
      yield time;
      this.writePingData(sent, dataLength);
      wire.icmpEcho(client, true, server, requestId++, identifier, sequence, dataLength);
      time += server.roundTrip + random.int(0, 3_000);
      yield time;
      this.writePingData(sent, dataLength);
      wire.icmpEcho(client, false, server, random.int(0, 0xffff), identifier, sequence, dataLength);
      time = sent + SECOND + random.int(0, 400);
    }
  }

  /** Ping's data: the send time as 32-bit little-endian seconds and microseconds, then 8, 9, 10, … */
  private writePingData(sent: number, length: number): void {
    const frame = this.wire.frame;
    const at = TRANSPORT_OFFSET + ICMP_ECHO_HEADER_LENGTH;
    const seconds = Math.floor(sent / SECOND);
    const microseconds = sent - seconds * SECOND;
    for (let index = 0; index < 4; index++) {
      frame[at + index] = (seconds >>> (8 * index)) & 0xff;
      frame[at + 4 + index] = (microseconds >>> (8 * index)) & 0xff;
    }
    for (let index = 8; index < length; index++) frame[at + index] = index;
  }

  // --- ARP ---

  /** A client asks for its gateway, or the gateway for a client; the answer comes back unicast. */
  private *arp(start: number): Steps {
    const random = this.random;
    const client = random.pick(this.network.clients);
    const lan = client.lan;
    const wire = this.wire;
    let time = start;
    const clientAsks = random.chance(0.7);
    yield time;
    if (clientAsks) wire.arp(BROADCAST_MAC, 1, client.mac, client.address, 0, lan.gatewayAddress);
    else wire.arp(BROADCAST_MAC, 1, lan.gatewayMac, lan.gatewayAddress, 0, client.address);
    time += random.int(80, 1_500);
    yield time;
    if (clientAsks) wire.arp(client.mac, 2, lan.gatewayMac, lan.gatewayAddress, client.mac, client.address);
    else wire.arp(lan.gatewayMac, 2, client.mac, client.address, lan.gatewayMac, lan.gatewayAddress);
  }
}

// --- command line ---

function main(args: readonly string[]): void {
  let output: string | undefined;
  const options: BenchmarkCaptureOptions = {};
  for (let index = 0; index < args.length; index++) {
    const argument = args[index];
    if (argument === '--packets' || argument === '--seed') {
      const value = Number(args[++index]);
      if (!Number.isInteger(value) || value < 0) throw new Error(`${argument} needs a non-negative integer`);
      if (argument === '--packets') options.packets = value;
      else options.seed = value;
    } else if (output === undefined && !argument.startsWith('--')) {
      output = argument;
    } else {
      throw new Error(`unexpected argument: ${argument}`);
    }
  }
  if (output === undefined) throw new Error('usage: generate OUT.pcap [--packets N] [--seed S]');
  const started = performance.now();
  const result = generateBenchmarkCapture(output, options);
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${output}: ${result.packets} packets, ${result.bytes} bytes in ${seconds.toFixed(2)} s\n`);
}

/** True when this module is the script node was started with (not when bundled into another entry). */
function isEntryPoint(): boolean {
  const self = fileURLToPath(import.meta.url);
  const script = process.argv[1];
  return /generate\.[jt]s$/.test(self) && script !== undefined && path.resolve(script) === self;
}

if (isEntryPoint()) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
