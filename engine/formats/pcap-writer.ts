import { BufferedOutput } from './buffered-output';

/** Options of a classic pcap file: one link type for the whole file. */
export interface PcapWriterOptions {
  /** LINKTYPE_* value (1 = Ethernet). */
  linkType: number;
  /** Largest captured length; longer packets are cut to it. Default 262144. */
  snapLength?: number;
  /** Nanosecond timestamps (magic a1b23c4d) instead of microseconds (a1b2c3d4). */
  nanosecond?: boolean;
}

export const PCAP_MAGIC_MICROSECOND = 0xa1b2c3d4;
export const PCAP_MAGIC_NANOSECOND = 0xa1b23c4d;
export const DEFAULT_SNAP_LENGTH = 262144;
const FILE_HEADER_LENGTH = 24;
const RECORD_HEADER_LENGTH = 16;
const MAX_UINT32 = 0xffffffff;

/**
 * Writes a little-endian pcap file synchronously, batching records in a 1 MB buffer.
 * Timestamps are given as whole seconds (0 … 2^32-1, the pcap field is unsigned) plus
 * nanoseconds (0 … 999,999,999); microsecond files keep floor(nanoseconds / 1000).
 * Nothing reaches the file before `flush()`/`close()` or a full buffer.
 */
export class PcapWriter {
  private readonly output: BufferedOutput;
  private readonly snapLength: number;
  private readonly nanosecond: boolean;
  readonly linkType: number;

  constructor(path: string, options: PcapWriterOptions) {
    this.linkType = options.linkType;
    this.snapLength = options.snapLength ?? DEFAULT_SNAP_LENGTH;
    this.nanosecond = options.nanosecond ?? false;
    checkUint32(this.linkType, 'link type');
    checkUint32(this.snapLength, 'snap length');
    this.output = new BufferedOutput(path);
    const at = this.output.reserve(FILE_HEADER_LENGTH);
    const view = this.output.view;
    view.setUint32(at, this.nanosecond ? PCAP_MAGIC_NANOSECOND : PCAP_MAGIC_MICROSECOND, true);
    view.setUint16(at + 4, 2, true);
    view.setUint16(at + 6, 4, true);
    view.setInt32(at + 8, 0, true); // thiszone
    view.setUint32(at + 12, 0, true); // sigfigs
    view.setUint32(at + 16, this.snapLength, true);
    view.setUint32(at + 20, this.linkType, true);
  }

  /** Appends one record. `originalLength` defaults to `data.length` (never less than it). */
  write(seconds: number, nanoseconds: number, data: Uint8Array, originalLength?: number): void {
    if (!(seconds >= 0 && seconds <= MAX_UINT32) || !Number.isInteger(seconds)) {
      throw new RangeError(`pcap timestamp seconds out of range: ${seconds}`);
    }
    if (!(nanoseconds >= 0 && nanoseconds < 1e9)) throw new RangeError(`nanoseconds out of range: ${nanoseconds}`);
    const capturedLength = data.length < this.snapLength ? data.length : this.snapLength;
    let length = originalLength ?? data.length;
    if (length < capturedLength) length = capturedLength;
    if (length > MAX_UINT32) throw new RangeError(`original length out of range: ${length}`);
    const fraction = this.nanosecond ? Math.floor(nanoseconds) : Math.floor(nanoseconds / 1000);
    const body = capturedLength === data.length ? data : data.subarray(0, capturedLength);

    const output = this.output;
    const total = RECORD_HEADER_LENGTH + capturedLength;
    if (output.fits(total)) {
      const at = output.reserve(total);
      const view = output.view;
      view.setUint32(at, seconds, true);
      view.setUint32(at + 4, fraction, true);
      view.setUint32(at + 8, capturedLength, true);
      view.setUint32(at + 12, length, true);
      output.bytes.set(body, at + RECORD_HEADER_LENGTH);
    } else {
      const header = new DataView(new ArrayBuffer(RECORD_HEADER_LENGTH));
      header.setUint32(0, seconds, true);
      header.setUint32(4, fraction, true);
      header.setUint32(8, capturedLength, true);
      header.setUint32(12, length, true);
      output.writeDirect(new Uint8Array(header.buffer));
      output.writeDirect(body);
    }
  }

  /** Makes everything written so far visible to readers of the file. */
  flush(): void {
    this.output.flush();
  }

  close(): void {
    this.output.close();
  }
}

function checkUint32(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > MAX_UINT32) throw new RangeError(`${what} out of range: ${value}`);
}
