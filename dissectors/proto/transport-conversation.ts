import type { NetworkAddresses } from '../core/index.js';

/**
 * Conversation bookkeeping shared by TCP and UDP: which endpoint pair a packet belongs to, and
 * growable per-frame records filled during the first pass.
 *
 * Wireshark keys a TCP or UDP conversation by its two (address, port) endpoints regardless of
 * direction, and numbers conversations (`tcp.stream`, `udp.stream`) in the order they are first
 * created. This table does the same without building a string or object per packet for IPv4:
 * addresses are interned to small integers and the lookup is two nested number-keyed maps.
 */
export class EndpointPairTable {
  private readonly ipv4Ids = new Map<number, number>();
  private readonly ipv6Ids = new Map<string, number>();
  /** address pair key → port pair key → conversation index. */
  private readonly conversations = new Map<number, Map<number, number>>();

  /**
   * The latest conversation for these endpoints, or -1. Also tells which side sent the packet
   * (see `senderIsFirst`), which the caller reads right after this call.
   */
  find(network: NetworkAddresses, sourcePort: number, destinationPort: number): number {
    this.locate(network, sourcePort, destinationPort);
    return this.conversations.get(this.addressKey)?.get(this.portKey) ?? -1;
  }

  /** Makes `conversation` the current one for these endpoints (a new one, or a replacement after port reuse). */
  set(network: NetworkAddresses, sourcePort: number, destinationPort: number, conversation: number): void {
    this.locate(network, sourcePort, destinationPort);
    let byPorts = this.conversations.get(this.addressKey);
    if (byPorts === undefined) {
      byPorts = new Map();
      this.conversations.set(this.addressKey, byPorts);
    }
    byPorts.set(this.portKey, conversation);
  }

  /**
   * After `find`/`set`: true when the packet's sender is the conversation's first flow. As in
   * Wireshark's get_tcp_conversation_data, the sender with the greater address (ties: the
   * greater port) is flow 1, so both directions of one connection always pick the same flows.
   */
  senderIsFirst = false;
  private addressKey = 0;
  private portKey = 0;

  private locate(network: NetworkAddresses, sourcePort: number, destinationPort: number): void {
    let order: number;
    let sourceId: number;
    let destinationId: number;
    if (network.family === 6 && network.source6 !== null && network.destination6 !== null) {
      order = compareBytes(network.source6, network.destination6);
      sourceId = this.ipv6Id(network.source6);
      destinationId = this.ipv6Id(network.destination6);
    } else {
      order = network.source === network.destination ? 0 : network.source > network.destination ? 1 : -1;
      sourceId = this.ipv4Id(network.source);
      destinationId = this.ipv4Id(network.destination);
    }
    if (order === 0) order = sourcePort > destinationPort ? 1 : -1;
    this.senderIsFirst = order > 0;
    // 2^26 interned addresses are far more than any capture holds; the product stays below 2^53.
    if (this.senderIsFirst) {
      this.addressKey = sourceId * 0x4000000 + destinationId;
      this.portKey = sourcePort * 0x10000 + destinationPort;
    } else {
      this.addressKey = destinationId * 0x4000000 + sourceId;
      this.portKey = destinationPort * 0x10000 + sourcePort;
    }
  }

  private ipv4Id(address: number): number {
    let id = this.ipv4Ids.get(address);
    if (id === undefined) {
      id = this.ipv4Ids.size + this.ipv6Ids.size;
      this.ipv4Ids.set(address, id);
    }
    return id;
  }

  private ipv6Id(address: Uint8Array): number {
    // One short string per IPv6 packet: eight UTF-16 units hold the sixteen bytes exactly.
    let text = '';
    for (let index = 0; index < 16; index += 2) text += String.fromCharCode((address[index] << 8) | address[index + 1]);
    let id = this.ipv6Ids.get(text);
    if (id === undefined) {
      id = this.ipv4Ids.size + this.ipv6Ids.size;
      this.ipv6Ids.set(text, id);
    }
    return id;
  }
}

function compareBytes(left: Uint8Array, right: Uint8Array): number {
  for (let index = 0; index < 16; index++) {
    if (left[index] !== right[index]) return left[index] > right[index] ? 1 : -1;
  }
  return 0;
}

type TypedArray = Int32Array | Uint32Array | Int8Array | Uint8Array | Uint16Array | Float64Array;

/**
 * A per-frame column of numbers, indexed by frame number, that grows as frames arrive. Unset
 * slots read as 0, so callers store "value + 1" where 0 is a meaningful value.
 */
export class FrameColumn<T extends TypedArray> {
  private values: T;

  constructor(private readonly allocate: (length: number) => T) {
    this.values = allocate(1024);
  }

  get(frame: number): number {
    return frame < this.values.length ? this.values[frame] : 0;
  }

  set(frame: number, value: number): void {
    if (frame >= this.values.length) {
      let length = this.values.length * 2;
      while (length <= frame) length *= 2;
      const grown = this.allocate(length);
      grown.set(this.values as never);
      this.values = grown;
    }
    this.values[frame] = value;
  }
}

/**
 * FrameColumn's interface over a map, for values only some frames have (DNS queries and
 * responses): a dense column would cost its bytes for every frame of the capture.
 */
export class SparseFrameColumn {
  private readonly values = new Map<number, number>();

  get(frame: number): number {
    return this.values.get(frame) ?? 0;
  }

  set(frame: number, value: number): void {
    this.values.set(frame, value);
  }
}
