import type { FrameInfo } from '../../dissectors/index.js';
import { FieldColumns } from './columns.js';
import { ensureCapacity, widened, type TypedArray } from './growable.js';
import { ProtocolStacks } from './protocol-stacks.js';

const noTimestampFlag = 2;
const incompleteColumnsFlag = 4;
const expertFlag = 8;

/**
 * The columnar packet store (DESIGN.md): one slot per frame in typed arrays that grow by
 * doubling. Packet bytes stay in the file and are read by `fileOffset` when needed. Frame
 * numbers are 1-based; slot i holds frame i + 1.
 *
 * Some columns start narrow and widen (copied once) at the first value that does not fit:
 * offsets past 4 GiB, frames of 64 KiB or more, timestamps that are not whole seconds in
 * 32 bits, more than 256 interfaces. Most captures never widen: 13 bytes per frame saved.
 */
export class PacketStore {
  count = 0;
  fileOffset: Uint32Array | Float64Array = new Uint32Array(0);
  seconds: Uint32Array | Float64Array = new Uint32Array(0);
  nanoseconds = new Uint32Array(0);
  originalLength: Uint16Array | Uint32Array = new Uint16Array(0);
  capturedLength: Uint16Array | Uint32Array = new Uint16Array(0);
  linkType = new Uint16Array(0);
  interfaceId: Uint8Array | Uint16Array = new Uint8Array(0);
  /** Protocol stack id per frame (see ProtocolStacks). */
  stack = new Uint16Array(0);
  /** Bit 0: marked by the user; bit 1: the file gives no timestamp; bit 2: some column was left unfilled; bit 3: an expert item. */
  flags = new Uint8Array(0);
  readonly stacks = new ProtocolStacks();
  /** pcapng Custom Block frames (rare): slot → PEN and copy flag. */
  readonly customBlocks = new Map<number, NonNullable<FrameInfo['customBlock']>>();
  readonly fields = new FieldColumns();

  /**
   * Makes room for `frames` frames at once. Growing by doubling copies every column and, at
   * the end of a big file, holds old and new arrays together (and leaves up to half unused):
   * reserving from an early estimate avoids both.
   */
  reserve(frames: number): void {
    if (frames > this.fileOffset.length) this.grow(frames, true);
  }

  /** Reserves the slot for the next frame and records what the file says about it. */
  append(fileOffset: number, seconds: number, nanoseconds: number, capturedLength: number, originalLength: number, linkType: number, interfaceId: number, hasTimestamp = true): number {
    const index = this.count;
    if (index >= this.fileOffset.length) this.grow(index + 1);
    if (fileOffset > 0xffffffff && this.fileOffset.BYTES_PER_ELEMENT === 4) this.fileOffset = widened(this.fileOffset, Float64Array);
    if ((seconds >>> 0) !== seconds && this.seconds.BYTES_PER_ELEMENT === 4) this.seconds = widened(this.seconds, Float64Array);
    if (capturedLength > 0xffff && this.capturedLength.BYTES_PER_ELEMENT === 2) this.capturedLength = widened(this.capturedLength, Uint32Array);
    if (originalLength > 0xffff && this.originalLength.BYTES_PER_ELEMENT === 2) this.originalLength = widened(this.originalLength, Uint32Array);
    if (interfaceId > 0xff && this.interfaceId.BYTES_PER_ELEMENT === 1) this.interfaceId = widened(this.interfaceId, Uint16Array);
    this.fileOffset[index] = fileOffset;
    this.seconds[index] = seconds;
    this.nanoseconds[index] = nanoseconds;
    this.capturedLength[index] = capturedLength;
    this.originalLength[index] = originalLength;
    this.linkType[index] = linkType;
    this.interfaceId[index] = interfaceId;
    this.flags[index] = hasTimestamp ? 0 : noTimestampFlag;
    this.count = index + 1;
    return index;
  }

  frameInfo(frameNumber: number): FrameInfo {
    const index = frameNumber - 1;
    if (!(index >= 0 && index < this.count)) throw new RangeError(`no frame ${frameNumber}`);
    return {
      number: frameNumber,
      seconds: this.seconds[index],
      nanoseconds: this.nanoseconds[index],
      capturedLength: this.capturedLength[index],
      originalLength: this.originalLength[index],
      linkType: this.linkType[index],
      interfaceId: this.interfaceId[index],
      noTimestamp: (this.flags[index] & noTimestampFlag) !== 0,
      customBlock: this.customBlocks.get(index),
      relativeSeconds: this.secondsBetween(0, index),
      deltaSeconds: index > 0 ? this.secondsBetween(index - 1, index) : 0,
    };
  }

  /** Seconds from frame slot `from` to slot `to`, exact to the nanosecond for spans under ~100 days. */
  secondsBetween(from: number, to: number): number {
    return (this.seconds[to] - this.seconds[from]) + (this.nanoseconds[to] - this.nanoseconds[from]) / 1e9;
  }

  /** Seconds since the epoch as a double (microsecond precision is plenty for display). */
  time(index: number): number {
    return this.seconds[index] + this.nanoseconds[index] / 1e9;
  }

  markExpert(index: number): void {
    this.flags[index] |= expertFlag;
  }

  /** True when the summary path saw an expert item (warning, note, malformed…) in the frame. */
  hasExpert(index: number): boolean {
    return (this.flags[index] & expertFlag) !== 0;
  }

  markIncompleteColumns(index: number): void {
    this.flags[index] |= incompleteColumnsFlag;
  }

  /** True when a protocol of the frame stopped before filling its columns (see SummarySink). */
  hasIncompleteColumns(index: number): boolean {
    return (this.flags[index] & incompleteColumnsFlag) !== 0;
  }

  isMarked(index: number): boolean {
    return (this.flags[index] & 1) !== 0;
  }

  setMarked(index: number, marked: boolean): void {
    this.flags[index] = marked ? this.flags[index] | 1 : this.flags[index] & ~1;
  }

  /** Approximate bytes held per frame by the columns (for the benchmark's memory report). */
  bytesPerFrame(): number {
    const columns: TypedArray[] = [this.fileOffset, this.seconds, this.nanoseconds, this.originalLength, this.capturedLength, this.linkType, this.interfaceId, this.stack, this.flags];
    return columns.reduce((sum, column) => sum + column.BYTES_PER_ELEMENT, 0) + this.fields.bytesPerFrame();
  }

  private grow(needed: number, exact = false): void {
    if (exact) needed = Math.max(needed, this.count);
    const capacity = exact ? needed : Math.max(needed, this.fileOffset.length * 2, 1024);
    this.fileOffset = ensureCapacity(this.fileOffset, capacity);
    this.seconds = ensureCapacity(this.seconds, capacity);
    this.nanoseconds = ensureCapacity(this.nanoseconds, capacity);
    this.capturedLength = ensureCapacity(this.capturedLength, capacity);
    this.originalLength = ensureCapacity(this.originalLength, capacity);
    this.linkType = ensureCapacity(this.linkType, capacity);
    this.interfaceId = ensureCapacity(this.interfaceId, capacity);
    this.stack = ensureCapacity(this.stack, capacity);
    this.flags = ensureCapacity(this.flags, capacity);
    this.fields.grow(capacity);
  }
}
