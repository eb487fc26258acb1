import type { FieldSink } from './sink.js';
import type { DissectorTables } from './tables.js';

/** What the file or capture says about a frame (Wireshark's frame_data). */
export interface FrameInfo {
  /** 1-based, in file order. */
  number: number;
  /** Whole seconds since the epoch. */
  seconds: number;
  /** Nanoseconds within the second (0..999,999,999), whatever the file's resolution. */
  nanoseconds: number;
  capturedLength: number;
  originalLength: number;
  /** Link-layer header type (LINKTYPE_*, e.g. 1 Ethernet, 113 Linux SLL). */
  linkType: number;
  interfaceId: number;
  /** Set when the file records no time for this frame (pcapng Simple Packet Block). */
  noTimestamp?: boolean;
  /** Set for a record made from a pcapng Custom Block (link type 0xffff), which tshark lists as a frame. */
  customBlock?: { privateEnterpriseNumber: number; copyAllowed: boolean };
  /** Seconds since the first frame and since the previous frame, given by whoever knows them. */
  relativeSeconds?: number;
  deltaSeconds?: number;
}

/**
 * The Protocol and Info columns. Only built when someone will read them (rows on screen, the
 * CLI's text output): `ctx.columns` is null on the summary path.
 */
export class ColumnInfo {
  protocol = '';
  info = '';
  /** False while an inner packet (the datagram quoted in an ICMP error) is dissected. */
  writable = true;

  setProtocol(name: string): void {
    if (this.writable) this.protocol = name;
  }

  setInfo(text: string): void {
    if (this.writable) this.info = text;
  }

  appendInfo(text: string, separator = ' '): void {
    if (!this.writable) return;
    this.info = this.info === '' ? text : this.info + separator + text;
  }
}

/** A typed slot in the per-capture state, created on first use. */
export interface StateKey<T> {
  readonly name: string;
  create(): T;
}

export function stateKey<T>(name: string, create: () => T): StateKey<T> {
  return { name, create };
}

/**
 * State that lives as long as a capture (conversations, stream numbers, reassembly buffers,
 * TCP analysis results per frame). Protocols own their slot's shape.
 *
 * Frames are dissected first in file order with `firstPass` true: that is where conversation
 * tracking and analysis happen and get recorded per frame. Later dissections of the same frame
 * (the tree path, deep filters) find the recorded results instead of recomputing them.
 */
export class CaptureState {
  private readonly slots = new Map<StateKey<unknown>, unknown>();

  get<T>(key: StateKey<T>): T {
    let value = this.slots.get(key as StateKey<unknown>) as T | undefined;
    if (value === undefined) {
      value = key.create();
      this.slots.set(key as StateKey<unknown>, value);
    }
    return value;
  }
}

/** Network-layer addresses of the innermost IP header seen so far, for transport layers. */
export interface NetworkAddresses {
  /** 0 until an IP layer is seen, then 4 or 6. */
  family: 0 | 4 | 6;
  /** IPv4 addresses as unsigned 32-bit numbers (family 4). */
  source: number;
  destination: number;
  /** IPv6 addresses (family 6); views into the packet, valid for this dissection only. */
  source6: Uint8Array | null;
  destination6: Uint8Array | null;
  /** The IPv4 TTL or IPv6 hop limit (ICMP's Info shows it). */
  hopLimit: number;
  /** IPv6: the destination upper-layer checksums cover (the final hop of a routing header), or null. */
  finalDestination6: Uint8Array | null;
}

/** Everything a dissector may use besides the bytes. One per dissection of one frame. */
export interface PacketContext {
  readonly frame: FrameInfo;
  readonly sink: FieldSink;
  readonly columns: ColumnInfo | null;
  readonly tables: DissectorTables;
  readonly state: CaptureState;
  /** True during the in-order pass that records per-frame analysis (see CaptureState). */
  readonly firstPass: boolean;
  readonly network: NetworkAddresses;
  /** >0 while dissecting a datagram quoted inside an ICMP error: no conversation tracking there. */
  quotedDepth: number;
}
