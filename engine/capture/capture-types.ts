/**
 * Shared shapes of live capture: what a capture source delivers, how it is configured, and
 * the statistics the engine reports while it runs.
 */

/** Where captured packets go. `data` is valid only during the call (sources reuse buffers). */
export interface PacketSink {
  packet(seconds: number, nanoseconds: number, data: Uint8Array, originalLength: number): void;
}

/** Options a source needs to open an interface. */
export interface SourceOptions {
  interfaceName: string;
  /** BPF capture filter (libpcap syntax); '' captures everything. */
  filter: string;
  /** Largest captured length per packet. */
  snapLength: number;
  promiscuous: boolean;
  /** Kernel buffer size in bytes. */
  bufferBytes: number;
}

/** Counters a source can report; null where the source cannot know. */
export interface SourceStatistics {
  /** Packets the source handed over. */
  received: number;
  /** Packets lost by libpcap / the kernel (pcap_stats ps_drop, pcapng isb_osdrop), or null. */
  dropped: number | null;
  /** Packets dropped by the interface itself (ps_ifdrop / isb_ifdrop), or null. */
  interfaceDropped: number | null;
}

export type SourceKind = 'cap' | 'dumpcap';

/** One way of capturing packets (libpcap through `cap`, or Wireshark's dumpcap). */
export interface CaptureSource {
  readonly kind: SourceKind;
  /** LINKTYPE_* of the packets. */
  readonly linkType: number;
  /** How timestamps are taken, for the user (see DESIGN.md, Capture). */
  readonly timestampNote: string;
  /** Notes about options the source could not honour (e.g. promiscuous mode). */
  readonly notes: readonly string[];
  statistics(): SourceStatistics;
  /** Stops capturing; resolves when no further packet will be delivered. Idempotent. */
  stop(): Promise<void>;
  /** Resolves when the source ends by itself or after `stop()`; `error` is set when it failed. */
  readonly ended: Promise<{ error: Error | null }>;
}
