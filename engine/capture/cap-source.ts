import { capLinkType, createCapHandle, type CapModule } from './cap-binding';
import { classifyOpenError } from './capture-errors';
import type { CaptureSource, PacketSink, SourceOptions, SourceStatistics } from './capture-types';
import { PacketClock, capTimestampNote } from './packet-clock';

/** cap 0.2.1 opens every handle with this snap length (and always in promiscuous mode). */
export const CAP_SNAP_LENGTH = 65535;

/**
 * libpcap through the `cap` binding, on this process's main thread.
 *
 * cap copies each packet into ONE buffer it reuses for the next packet: the sink must copy
 * what it keeps during the call (the pcapng writer does). cap passes neither libpcap's
 * timestamp (see `PacketClock`) nor the original length (a packet longer than 65535 bytes is
 * recorded cut, with 65535 as its length), and exposes no `pcap_stats`, so drops are unknown
 * (null).
 *
 * RING LIMIT: with immediate mode libpcap uses TPACKET_V2, whose ring has fixed slots sized for
 * the snap length cap forces (65535): about 66 KB per packet, so a 32 MiB buffer queues only
 * ~500 packets. A burst longer than that while JavaScript is busy is dropped by the kernel,
 * silently (no pcap_stats). Measured on a loaded 2-core machine: lossless to ~5,000 packets/s
 * with 32 MiB, to the sender's limit (~25,000/s) with 256 MiB; dumpcap (TPACKET_V3, packed
 * ring) was lossless to the sender's limit with 2 MiB.
 */
export class CapSource implements CaptureSource {
  readonly kind = 'cap';
  readonly linkType: number;
  readonly timestampNote = capTimestampNote;
  readonly notes: string[] = [];
  readonly ended: Promise<{ error: Error | null }>;
  private readonly handle;
  private received = 0;
  private stopped = false;
  private resolveEnded!: (result: { error: Error | null }) => void;

  constructor(cap: CapModule, options: SourceOptions, sink: PacketSink) {
    this.ended = new Promise((resolve) => { this.resolveEnded = resolve; });
    const handle = createCapHandle(cap);
    const buffer = Buffer.alloc(CAP_SNAP_LENGTH);
    const clock = new PacketClock();
    handle.on('packet', (length: number) => {
      if (this.stopped) return;
      clock.read();
      this.received++;
      sink.packet(clock.seconds, clock.nanoseconds, buffer.subarray(0, length), length);
    });
    let linkTypeName: string;
    try {
      linkTypeName = handle.open(options.interfaceName, options.filter, options.bufferBytes, buffer);
    } catch (error) {
      handle.removeAllListeners('packet');
      throw classifyOpenError(options.interfaceName, error instanceof Error ? error.message : String(error));
    }
    this.handle = handle;
    this.linkType = capLinkType(linkTypeName);
    if (!options.promiscuous) this.notes.push('The libpcap binding always opens interfaces in promiscuous mode; use dumpcap to capture without it.');
  }

  statistics(): SourceStatistics {
    return { received: this.received, dropped: null, interfaceDropped: null };
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    // Safe inside a packet callback too: cap closes after its dispatch loop returns.
    this.handle.close();
    this.handle.removeAllListeners('packet');
    this.resolveEnded({ error: null });
  }
}
