import type { FrameInfo } from '../../dissectors/index.js';
import { FieldColumns } from './columns.js';
import { ensureCapacity } from './growable.js';
import { ProtocolStacks } from './protocol-stacks.js';

const noTimestampFlag = 2;
const incompleteColumnsFlag = 4;
const expertFlag = 8;

/**
 * The columnar packet store (DESIGN.md): one slot per frame in typed arrays that grow by
 * doubling. Packet bytes stay in the file and are read by `fileOffset` when needed. Frame
 * numbers are 1-based; slot i holds frame i + 1.
 */
export class PacketStore {
  count = 0;
  fileOffset = new Float64Array(0);
  seconds = new Float64Array(0);
  nanoseconds = new Uint32Array(0);
  originalLength = new Uint32Array(0);
  capturedLength = new Uint32Array(0);
  linkType = new Uint16Array(0);
  interfaceId = new Uint16Array(0);
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
    return 8 + 8 + 4 + 4 + 4 + 2 + 2 + 2 + 1 + this.fields.bytesPerFrame();
  }

  private grow(needed: number, exact = false): void {
    if (exact) needed = Math.max(needed, this.count);
    const capacity = exact ? needed : Math.max(needed, this.fileOffset.length * 2, 1024);
    this.fileOffset = ensureCapacity(this.fileOffset, capacity, Float64Array);
    this.seconds = ensureCapacity(this.seconds, capacity, Float64Array);
    this.nanoseconds = ensureCapacity(this.nanoseconds, capacity, Uint32Array);
    this.capturedLength = ensureCapacity(this.capturedLength, capacity, Uint32Array);
    this.originalLength = ensureCapacity(this.originalLength, capacity, Uint32Array);
    this.linkType = ensureCapacity(this.linkType, capacity, Uint16Array);
    this.interfaceId = ensureCapacity(this.interfaceId, capacity, Uint16Array);
    this.stack = ensureCapacity(this.stack, capacity, Uint16Array);
    this.flags = ensureCapacity(this.flags, capacity, Uint8Array);
    this.fields.grow(capacity);
  }
}
