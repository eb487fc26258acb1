import * as fs from 'node:fs';
import { isGzipMagic } from '../formats/gzip.js';
import type { CaptureSession } from '../session/capture-session.js';

/** Largest single read. */
const windowBytes = 8 << 20;
/**
 * Unwanted bytes worth reading through rather than starting a new read: copying 32 KB from the
 * page cache costs about what one more read call does, and the skipped-over frames (segments of
 * a reassembled message) are often read back by reassembly anyway.
 */
const gapBytes = 32 << 10;

/**
 * Reads `length` bytes at file offset `start`, into `reuse`'s memory when it is big enough
 * (the caller no longer needs what it holds), else into a new buffer.
 */
export type RangeReader = (start: number, length: number, reuse: Uint8Array | null) => Uint8Array;

/**
 * A RangeReader for the session's capture and its `close`. It reads through a descriptor of
 * its own into reused buffers: a fresh buffer per window would make the engine allocate as
 * many bytes as it reads, and V8 answers that much outside-the-heap allocation with full
 * garbage collections of the whole capture state. A compressed capture is read through the
 * session (its offsets are in the decompressed copy).
 */
export function openRangeReader(session: CaptureSession): { read: RangeReader; close: () => void } {
  const viaSession: RangeReader = (start, length) => session.file.readPacket(start, length);
  let descriptor: number;
  try {
    descriptor = fs.openSync(session.path, 'r');
  } catch {
    return { read: viaSession, close: () => {} };
  }
  const magic = new Uint8Array(2);
  if (fs.readSync(descriptor, magic, 0, 2, 0) < 2 || isGzipMagic(magic)) {
    fs.closeSync(descriptor);
    return { read: viaSession, close: () => {} };
  }
  const read: RangeReader = (start, length, reuse) => {
    const target = new Uint8Array(reuse !== null && reuse.buffer.byteLength >= length ? reuse.buffer : new ArrayBuffer(Math.max(length, windowBytes)), 0, length);
    let done = 0;
    while (done < length) {
      const count = fs.readSync(descriptor, target, done, length - done, start + done);
      if (count === 0) break;
      done += count;
    }
    // The file shrank since it was indexed: the session's own reader reports that properly.
    return done === length ? target : viaSession(start, length, null);
  };
  return { read, close: () => fs.closeSync(descriptor) };
}

/** A stretch of the file held in memory, from file offset `start`. */
interface Window {
  start: number;
  bytes: Uint8Array;
}

/**
 * Reads the bytes of chosen frames in file order with few, large reads: consecutive chosen
 * frames (and the short gaps between them) share one read of up to 8 MB. The last two windows
 * stay available to `cached`, so TCP reassembly rebuilding a message from its earlier
 * segments finds them in memory instead of reading each one again.
 */
export class FrameWindows {
  private current: Window = { start: 0, bytes: new Uint8Array(0) };
  private previous: Window = this.current;

  constructor(
    private readonly session: CaptureSession,
    private readonly readRange: RangeReader = (start, length) => session.file.readPacket(start, length),
  ) {}

  /** Read from the store at each use: the store may widen its arrays while frames are added. */
  private get offsets(): ArrayLike<number> {
    return this.session.store.fileOffset;
  }

  private get lengths(): ArrayLike<number> {
    return this.session.store.capturedLength;
  }

  /**
   * The bytes of frame slot `index` (a subarray of the window: valid until the next call but one).
   * `chosen` lists frame slots in increasing order and `at` is this frame's position in it,
   * so the window can be planned to cover the next chosen frames too.
   */
  bytes(chosen: ArrayLike<number>, at: number): Uint8Array {
    const index = chosen[at];
    const start = this.offsets[index];
    const end = start + this.lengths[index];
    if (!(start >= this.current.start && end <= this.current.start + this.current.bytes.length)) this.read(chosen, at);
    return this.slice(this.current, start, end);
  }

  /** The bytes of frame slot `index` if a recent window holds them, else null. */
  cached(index: number): Uint8Array | null {
    const start = this.offsets[index];
    const end = start + this.lengths[index];
    for (const window of [this.current, this.previous]) {
      if (start >= window.start && end <= window.start + window.bytes.length) return this.slice(window, start, end);
    }
    return null;
  }

  private slice(window: Window, start: number, end: number): Uint8Array {
    return window.bytes.subarray(start - window.start, end - window.start);
  }

  /** Reads from chosen frame `at` on, as far as the next chosen frames lie close enough. */
  private read(chosen: ArrayLike<number>, at: number): void {
    const start = this.offsets[chosen[at]];
    let end = start + this.lengths[chosen[at]];
    for (let next = at + 1; next < chosen.length; next++) {
      const offset = this.offsets[chosen[next]];
      const nextEnd = offset + this.lengths[chosen[next]];
      if (offset < end || offset - end > gapBytes || nextEnd - start > windowBytes) break;
      end = nextEnd;
    }
    // The window two reads old is dropped: its memory takes the new one.
    const spare = this.previous.bytes.length > 0 ? this.previous.bytes : null;
    this.previous = this.current;
    this.current = { start, bytes: this.readRange(start, end - start, spare) };
  }
}
