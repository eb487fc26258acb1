import { statSync } from 'node:fs';
import { PcapngWriter } from '../formats/index.js';

const EPB_OVERHEAD = 32;

/**
 * The pcapng file a live capture writes first (the temporary file, or the user's `-w` file):
 * every packet is copied into the writer's buffer during the source's callback (sources reuse
 * their buffers), and `flush()` hands everything to the kernel, so a crash of this process
 * loses at most what arrived since the last flush. Tracks the file's size for the
 * "stop after M megabytes" condition.
 */
export class CaptureOutput {
  private readonly writer: PcapngWriter;
  private readonly snapLength: number;
  /** Bytes of the file, including those still buffered. */
  bytes: number;
  packets = 0;
  private unflushedPackets = 0;

  constructor(readonly path: string, described: { linkType: number; snapLength: number; name: string; description?: string }, private readonly flushEveryPackets: number) {
    this.writer = new PcapngWriter(path, {
      interfaces: [{ linkType: described.linkType, snapLength: described.snapLength, name: described.name, description: described.description }],
    });
    this.snapLength = described.snapLength === 0 ? Infinity : described.snapLength;
    // The header (SHB + IDB) is on disk before the first packet: readers can open the file at once.
    this.writer.flush();
    this.bytes = statSync(path).size;
  }

  write(seconds: number, nanoseconds: number, data: Uint8Array, originalLength: number): void {
    this.writer.write(seconds, nanoseconds, data, originalLength);
    this.bytes += this.recordBytes(data.length);
    this.packets++;
    if (++this.unflushedPackets >= this.flushEveryPackets) this.flush();
  }

  /** Bytes the packet block of a packet of `length` captured bytes adds to the file. */
  recordBytes(length: number): number {
    const captured = length < this.snapLength ? length : this.snapLength;
    return EPB_OVERHEAD + ((captured + 3) & ~3);
  }

  /** Writes buffered packets to the file; returns whether there were any. */
  flush(): boolean {
    if (this.unflushedPackets === 0) return false;
    this.unflushedPackets = 0;
    this.writer.flush();
    return true;
  }

  close(): void {
    this.unflushedPackets = 0;
    this.writer.close();
  }
}

