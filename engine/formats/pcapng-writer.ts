import { BufferedOutput } from './buffered-output';
import { DEFAULT_SNAP_LENGTH } from './pcap-writer';

/** One interface of a pcapng file (one Interface Description Block). */
export interface PcapngInterfaceOptions {
  /** LINKTYPE_* value (1 = Ethernet). */
  linkType: number;
  /** Largest captured length; longer packets are cut to it. Default 262144. */
  snapLength?: number;
  /** `if_name`, e.g. `eth0`. */
  name?: string;
  /** `if_description`. */
  description?: string;
}

export interface PcapngWriterOptions {
  interfaces: readonly PcapngInterfaceOptions[];
  /** `shb_userappl`; default "PacketLens". */
  application?: string;
  /** Section comments (`opt_comment` of the SHB). */
  comments?: readonly string[];
}

const BLOCK_SECTION_HEADER = 0x0a0d0d0a;
const BLOCK_INTERFACE_DESCRIPTION = 1;
const BLOCK_ENHANCED_PACKET = 6;
const OPT_COMMENT = 1;
const IF_NAME = 2;
const IF_DESCRIPTION = 3;
const IF_TSRESOL = 9;
const SHB_USERAPPL = 4;
const NANOSECOND_TSRESOL = 9;
const EPB_FIXED_LENGTH = 28;
const MAX_UINT32 = 0xffffffff;

const encoder = new TextEncoder();
const NO_OPTIONS: readonly Option[] = [];

/** An option to write: code and UTF-8/raw value. */
interface Option {
  code: number;
  value: Uint8Array;
}

function padded(length: number): number {
  return (length + 3) & ~3;
}

/** Bytes the options take, including `opt_endofopt` (none at all when there are no options). */
function optionsLength(options: readonly Option[]): number {
  if (options.length === 0) return 0;
  let total = 4;
  for (const option of options) total += 4 + padded(option.value.length);
  return total;
}

/**
 * Writes a little-endian pcapng file synchronously: one section, one IDB per interface
 * (nanosecond timestamps: `if_tsresol` = 9), EPBs with optional comments. Records are batched
 * in a 1 MB buffer; `flush()` hands everything written so far to the operating system, so a
 * reader (or the next process after a crash of this one) sees every record written before it.
 * The file is valid pcapng after every flush: blocks are never split across flushes' ends.
 */
export class PcapngWriter {
  private readonly output: BufferedOutput;
  private readonly snapLengths: number[] = [];

  constructor(path: string, options: PcapngWriterOptions) {
    this.output = new BufferedOutput(path);
    const shbOptions: Option[] = (options.comments ?? []).map((comment) => ({ code: OPT_COMMENT, value: encoder.encode(comment) }));
    shbOptions.push({ code: SHB_USERAPPL, value: encoder.encode(options.application ?? 'PacketLens') });
    const length = 28 + optionsLength(shbOptions);
    const at = this.output.reserve(length);
    const view = this.output.view;
    view.setUint32(at, BLOCK_SECTION_HEADER, true);
    view.setUint32(at + 4, length, true);
    view.setUint32(at + 8, 0x1a2b3c4d, true);
    view.setUint16(at + 12, 1, true);
    view.setUint16(at + 14, 0, true);
    view.setInt32(at + 16, -1, true); // section length: unknown (-1 as a 64-bit value)
    view.setInt32(at + 20, -1, true);
    writeOptions(this.output.bytes, view, at + 24, shbOptions);
    view.setUint32(at + length - 4, length, true);
    for (const described of options.interfaces) this.addInterface(described);
  }

  /** Number of interfaces described so far; ids are 0 … count-1. */
  get interfaceCount(): number {
    return this.snapLengths.length;
  }

  /** Appends an Interface Description Block; returns the new interface id. */
  addInterface(described: PcapngInterfaceOptions): number {
    const snapLength = described.snapLength ?? DEFAULT_SNAP_LENGTH;
    if (!Number.isInteger(described.linkType) || described.linkType < 0 || described.linkType > 0xffff) {
      throw new RangeError(`link type out of range: ${described.linkType}`);
    }
    if (!Number.isInteger(snapLength) || snapLength < 0 || snapLength > MAX_UINT32) throw new RangeError(`snap length out of range: ${snapLength}`);
    const idbOptions: Option[] = [];
    if (described.name !== undefined) idbOptions.push({ code: IF_NAME, value: encoder.encode(described.name) });
    if (described.description !== undefined) idbOptions.push({ code: IF_DESCRIPTION, value: encoder.encode(described.description) });
    idbOptions.push({ code: IF_TSRESOL, value: Uint8Array.of(NANOSECOND_TSRESOL) });
    const length = 20 + optionsLength(idbOptions);
    const at = this.output.reserve(length);
    const view = this.output.view;
    view.setUint32(at, BLOCK_INTERFACE_DESCRIPTION, true);
    view.setUint32(at + 4, length, true);
    view.setUint16(at + 8, described.linkType, true);
    view.setUint16(at + 10, 0, true);
    view.setUint32(at + 12, snapLength, true);
    writeOptions(this.output.bytes, view, at + 16, idbOptions);
    view.setUint32(at + length - 4, length, true);
    this.snapLengths.push(snapLength === 0 ? Infinity : snapLength);
    return this.snapLengths.length - 1;
  }

  /**
   * Appends an Enhanced Packet Block. `seconds` ≥ 0 (integer), `nanoseconds` 0 … 999,999,999;
   * `originalLength` defaults to `data.length`; `data` is cut to the interface's snap length.
   */
  write(seconds: number, nanoseconds: number, data: Uint8Array, originalLength?: number,
    interfaceId = 0, comments: readonly string[] | null = null): void {
    const snapLength = this.snapLengths[interfaceId];
    if (snapLength === undefined) throw new RangeError(`no interface ${interfaceId} (the file has ${this.snapLengths.length})`);
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > 2 ** 37) throw new RangeError(`timestamp seconds out of range: ${seconds}`);
    if (!(nanoseconds >= 0 && nanoseconds < 1e9)) throw new RangeError(`nanoseconds out of range: ${nanoseconds}`);
    const capturedLength = data.length < snapLength ? data.length : snapLength;
    let length = originalLength ?? data.length;
    if (length < capturedLength) length = capturedLength;
    if (length > MAX_UINT32) throw new RangeError(`original length out of range: ${length}`);
    const options: readonly Option[] = comments === null || comments.length === 0 ? NO_OPTIONS : comments.map((comment) => ({ code: OPT_COMMENT, value: encoder.encode(comment) }));
    const blockLength = EPB_FIXED_LENGTH + padded(capturedLength) + optionsLength(options) + 4;
    const body = capturedLength === data.length ? data : data.subarray(0, capturedLength);

    // 64-bit nanosecond count split into 32-bit halves with exact double arithmetic.
    const secondsLow = seconds % 65536;
    const secondsHigh = (seconds - secondsLow) / 65536;
    const partial = secondsHigh * 1e9; // < 2^53
    const partialLow = partial % 65536;
    const rest = partialLow * 65536 + secondsLow * 1e9 + Math.floor(nanoseconds);
    const low = rest % 4294967296;
    const high = (partial - partialLow) / 65536 + (rest - low) / 4294967296;

    const packet: EnhancedPacket = { blockLength, interfaceId, high, low, capturedLength, length, body, options };
    const output = this.output;
    if (output.fits(blockLength)) {
      encodeEnhancedPacket(output.bytes, output.view, output.reserve(blockLength), packet);
    } else {
      const block = new Uint8Array(blockLength);
      encodeEnhancedPacket(block, new DataView(block.buffer), 0, packet);
      output.writeDirect(block);
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

interface EnhancedPacket {
  blockLength: number;
  interfaceId: number;
  /** Timestamp halves (nanoseconds since 1970). */
  high: number;
  low: number;
  capturedLength: number;
  length: number;
  body: Uint8Array;
  options: readonly Option[];
}

/** Lays out an EPB at `at` (padding zeroed, options, trailing length). */
function encodeEnhancedPacket(bytes: Uint8Array, view: DataView, at: number, packet: EnhancedPacket): void {
  view.setUint32(at, BLOCK_ENHANCED_PACKET, true);
  view.setUint32(at + 4, packet.blockLength, true);
  view.setUint32(at + 8, packet.interfaceId, true);
  view.setUint32(at + 12, packet.high, true);
  view.setUint32(at + 16, packet.low, true);
  view.setUint32(at + 20, packet.capturedLength, true);
  view.setUint32(at + 24, packet.length, true);
  bytes.set(packet.body, at + EPB_FIXED_LENGTH);
  const optionsStart = at + EPB_FIXED_LENGTH + padded(packet.capturedLength);
  bytes.fill(0, at + EPB_FIXED_LENGTH + packet.capturedLength, optionsStart);
  writeOptions(bytes, view, optionsStart, packet.options);
  view.setUint32(at + packet.blockLength - 4, packet.blockLength, true);
}

/** Writes options, then `opt_endofopt`, at `at` (nothing when there are none). */
function writeOptions(bytes: Uint8Array, view: DataView, at: number, options: readonly Option[]): void {
  if (options.length === 0) return;
  let position = at;
  for (const option of options) {
    const valueEnd = position + 4 + option.value.length;
    view.setUint16(position, option.code, true);
    view.setUint16(position + 2, option.value.length, true);
    bytes.set(option.value, position + 4);
    position += 4 + padded(option.value.length);
    bytes.fill(0, valueEnd, position);
  }
  view.setUint32(position, 0, true);
}
