import type { NetworkAddresses } from '../core/index.js';

/**
 * Conversation bookkeeping shared by TCP and UDP: which endpoint pair a packet belongs to, and
 * growable per-frame records filled during the first pass.
 *
 * Wireshark keys a TCP or UDP conversation by its two (address, port) endpoints regardless of
 * direction, and numbers conversations (`tcp.stream`, `udp.stream`) in the order they are first
 * created. This table does the same without building a string or object per packet for IPv4:
 * addresses are interned to small integers and the lookup is one typed-array hash table.
 */
export class EndpointPairTable {
  private readonly ipv4Ids = new TripleKeyMap();
  private ipv4Count = 0;
  private readonly ipv6Ids = new Map<string, number>();
  /** (first address id, second address id, port pair key) → conversation index. */
  private readonly conversations = new TripleKeyMap();

  /**
   * The latest conversation for these endpoints, or -1. Also tells which side sent the packet
   * (see `senderIsFirst`), which the caller reads right after this call.
   */
  find(network: NetworkAddresses, sourcePort: number, destinationPort: number): number {
    this.locate(network, sourcePort, destinationPort);
    return this.conversations.get(this.firstAddress, this.secondAddress, this.portKey);
  }

  /** Makes `conversation` the current one for these endpoints (a new one, or a replacement after port reuse). */
  set(network: NetworkAddresses, sourcePort: number, destinationPort: number, conversation: number): void {
    this.locate(network, sourcePort, destinationPort);
    this.conversations.set(this.firstAddress, this.secondAddress, this.portKey, conversation);
  }

  /**
   * After `find`/`set`: true when the packet's sender is the conversation's first flow. As in
   * Wireshark's get_tcp_conversation_data, the sender with the greater address (ties: the
   * greater port) is flow 1, so both directions of one connection always pick the same flows.
   */
  senderIsFirst = false;
  private firstAddress = 0;
  private secondAddress = 0;
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
    if (this.senderIsFirst) {
      this.firstAddress = sourceId;
      this.secondAddress = destinationId;
      this.portKey = sourcePort * 0x10000 + destinationPort;
    } else {
      this.firstAddress = destinationId;
      this.secondAddress = sourceId;
      this.portKey = destinationPort * 0x10000 + sourcePort;
    }
  }

  private ipv4Id(address: number): number {
    // -1 (an address the capture cut off) is a key of its own, apart from 255.255.255.255.
    const unknown = address < 0 ? 1 : 0;
    let id = this.ipv4Ids.get(address >>> 0, unknown, 0);
    if (id < 0) {
      id = this.ipv4Count + this.ipv6Ids.size;
      this.ipv4Count++;
      this.ipv4Ids.set(address >>> 0, unknown, 0, id);
    }
    return id;
  }

  private ipv6Id(address: Uint8Array): number {
    // One short string per IPv6 packet: eight UTF-16 units hold the sixteen bytes exactly.
    let text = '';
    for (let index = 0; index < 16; index += 2) text += String.fromCharCode((address[index] << 8) | address[index + 1]);
    let id = this.ipv6Ids.get(text);
    if (id === undefined) {
      id = this.ipv4Count + this.ipv6Ids.size;
      this.ipv6Ids.set(text, id);
    }
    return id;
  }
}

/**
 * A map from three unsigned 32-bit integers (callers pass them as such) to a non-negative integer, in typed arrays (open
 * addressing, linear probing). It runs for every TCP and UDP packet: unlike nested `Map`s keyed
 * by numbers above 2^30, a lookup allocates nothing and touches two flat arrays.
 */
class TripleKeyMap {
  private keys = new Uint32Array(3 * 1024);
  /** value + 1 per slot; 0 = empty. */
  private values = new Int32Array(1024);
  private count = 0;

  /** The value stored for the key, or -1. */
  get(a: number, b: number, c: number): number {
    const keys = this.keys;
    const values = this.values;
    const mask = values.length - 1;
    for (let slot = tripleHash(a, b, c) & mask; ; slot = (slot + 1) & mask) {
      const stored = values[slot];
      if (stored === 0) return -1;
      const at = slot * 3;
      if (keys[at] === a && keys[at + 1] === b && keys[at + 2] === c) return stored - 1;
    }
  }

  set(a: number, b: number, c: number, value: number): void {
    if ((this.count + 1) * 2 > this.values.length) this.grow();
    if (this.put(a, b, c, value)) this.count++;
  }

  /** Stores the value; true when the key was new. */
  private put(a: number, b: number, c: number, value: number): boolean {
    const mask = this.values.length - 1;
    for (let slot = tripleHash(a, b, c) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 3;
      if (this.values[slot] === 0) {
        this.keys[at] = a;
        this.keys[at + 1] = b;
        this.keys[at + 2] = c;
        this.values[slot] = value + 1;
        return true;
      }
      if (this.keys[at] === a && this.keys[at + 1] === b && this.keys[at + 2] === c) {
        this.values[slot] = value + 1;
        return false;
      }
    }
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.values = new Int32Array(values.length * 2);
    for (let slot = 0; slot < values.length; slot++) {
      if (values[slot] !== 0) this.put(keys[slot * 3], keys[slot * 3 + 1], keys[slot * 3 + 2], values[slot] - 1);
    }
  }
}

/** Mixes three 32-bit integers (multiply-xorshift steps, as in murmur3's finaliser). */
function tripleHash(a: number, b: number, c: number): number {
  let hash = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ b ^ (hash >>> 13), 0xc2b2ae35);
  hash = Math.imul(hash ^ c ^ (hash >>> 16), 0x85ebca6b);
  return (hash ^ (hash >>> 15)) >>> 0;
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
