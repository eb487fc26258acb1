import type { CaptureSession } from '../session/capture-session.js';

/** Largest single read. */
const windowBytes = 8 << 20;
/**
 * Unwanted bytes worth reading through rather than starting a new read: copying 32 KB from the
 * page cache costs about what one more read call does, and the skipped-over frames (segments of
 * a reassembled message) are often read back by reassembly anyway.
 */
const gapBytes = 32 << 10;

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

  constructor(private readonly session: CaptureSession) {}

  /** Read from the store at each use: the store may widen its arrays while frames are added. */
  private get offsets(): ArrayLike<number> {
    return this.session.store.fileOffset;
  }

  private get lengths(): ArrayLike<number> {
    return this.session.store.capturedLength;
  }

  /**
   * The bytes of frame slot `index` (a subarray of the window: valid until the next call).
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
    this.previous = this.current;
    this.current = { start, bytes: this.session.file.readPacket(start, end - start) };
  }
}
