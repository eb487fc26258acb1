import * as fs from 'node:fs';

/** Default batch size: large enough that 1M small packets cost ~100 writeSync calls. */
const DEFAULT_CAPACITY = 1 << 20;

/**
 * A synchronous, buffered output file. Callers reserve room with `reserve(length)` and fill
 * `bytes` / `view` at the returned offset; `flush()` hands everything reserved so far to the
 * kernel with `fs.writeSync` (so a crash of this process after a flush loses nothing).
 * Records larger than the buffer are written through directly.
 */
export class BufferedOutput {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  private position = 0;
  private fileDescriptor: number | null;
  private written = 0;

  constructor(path: string, capacity = DEFAULT_CAPACITY) {
    this.fileDescriptor = fs.openSync(path, 'w');
    this.bytes = new Uint8Array(capacity);
    this.view = new DataView(this.bytes.buffer);
  }

  /** Bytes handed to the file so far plus bytes still buffered. */
  get length(): number {
    return this.written + this.position;
  }

  /**
   * Returns the offset in `bytes` where `length` bytes may be written; flushes first when they
   * do not fit. Throws when `length` exceeds the buffer (use `writeDirect` for those).
   */
  reserve(length: number): number {
    if (this.position + length > this.bytes.length) {
      this.flush();
      if (length > this.bytes.length) throw new RangeError(`record of ${length} bytes exceeds the output buffer`);
    }
    const offset = this.position;
    this.position += length;
    return offset;
  }

  /** True when `length` bytes can ever be reserved (i.e. they fit in the buffer). */
  fits(length: number): boolean {
    return length <= this.bytes.length;
  }

  /** Writes `data` straight to the file after flushing what is buffered (for huge records). */
  writeDirect(data: Uint8Array): void {
    this.flush();
    this.writeAll(data);
  }

  flush(): void {
    if (this.position === 0) return;
    this.writeAll(this.bytes.subarray(0, this.position));
    this.position = 0;
  }

  close(): void {
    if (this.fileDescriptor === null) return;
    try {
      this.flush();
    } finally {
      fs.closeSync(this.fileDescriptor);
      this.fileDescriptor = null;
    }
  }

  get closed(): boolean {
    return this.fileDescriptor === null;
  }

  private writeAll(data: Uint8Array): void {
    if (this.fileDescriptor === null) throw new Error('write after close');
    let done = 0;
    while (done < data.length) {
      done += fs.writeSync(this.fileDescriptor, data, done, data.length - done);
    }
    this.written += data.length;
  }
}
