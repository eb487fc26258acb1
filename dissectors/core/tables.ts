import type { PacketContext } from './context.js';

/**
 * A dissector decodes `data[offset, end)` (see bytes.ts for the bounds contract) and hands the
 * rest to the next table. It writes to `ctx.sink` and never throws anything but
 * `PacketBoundsError`.
 */
export type Dissector = (ctx: PacketContext, data: Uint8Array, offset: number, end: number) => void;

/**
 * A heuristic dissector looks at a payload and claims it (returns true, having dissected it)
 * or declines (returns false, having added nothing).
 */
export type HeuristicDissector = (ctx: PacketContext, data: Uint8Array, offset: number, end: number) => boolean;

/** Dispatch on an unsigned key: link type, ethertype, IP protocol, port. Flat data, like gopacket. */
export class DissectorTable {
  private readonly entries = new Map<number, Dissector>();
  /**
   * The entries with keys below 2^16 (all of them in practice) also as a flat array, up to the
   * largest such key: `get` runs for every layer of every frame, and an array read beats a map.
   */
  private readonly byKey: (Dissector | undefined)[] = [];
  private readonly heuristics: HeuristicDissector[] = [];

  constructor(readonly name: string) {}

  add(key: number, dissector: Dissector): void {
    if (this.entries.has(key)) throw new Error(`${this.name} ${key} registered twice`);
    this.entries.set(key, dissector);
    if (Number.isInteger(key) && key >= 0 && key < 0x10000) {
      // Filled with undefined rather than left with holes, so reads stay on the fast path.
      while (this.byKey.length <= key) this.byKey.push(undefined);
      this.byKey[key] = dissector;
    }
  }

  addHeuristic(dissector: HeuristicDissector): void {
    this.heuristics.push(dissector);
  }

  get(key: number): Dissector | undefined {
    return key >= 0 && key < this.byKey.length ? this.byKey[key] : this.entries.get(key);
  }

  /** Tries the registered heuristics in registration order. */
  tryHeuristics(ctx: PacketContext, data: Uint8Array, offset: number, end: number): boolean {
    for (const heuristic of this.heuristics) if (heuristic(ctx, data, offset, end)) return true;
    return false;
  }
}

/** The tables protocols register into (Wireshark: "wtap_encap", "ethertype", "ip.proto", "tcp.port", "udp.port"). */
export interface DissectorTables {
  readonly linkType: DissectorTable;
  readonly etherType: DissectorTable;
  readonly ipProtocol: DissectorTable;
  readonly tcpPort: DissectorTable;
  readonly udpPort: DissectorTable;
  /** PPP protocol numbers, for PPP link types. */
  readonly pppProtocol: DissectorTable;
}

export function createDissectorTables(): DissectorTables {
  return {
    linkType: new DissectorTable('link type'),
    etherType: new DissectorTable('ethertype'),
    ipProtocol: new DissectorTable('ip.proto'),
    tcpPort: new DissectorTable('tcp.port'),
    udpPort: new DissectorTable('udp.port'),
    pppProtocol: new DissectorTable('ppp.protocol'),
  };
}
