/**
 * A growable byte queue for a child process's output stream: append chunks at the end,
 * consume parsed bytes from the front. Bytes stay valid until the next `append` or `consume`.
 */
export class StreamBuffer {
  bytes = new Uint8Array(1 << 20);
  view = new DataView(this.bytes.buffer);
  length = 0;

  append(chunk: Uint8Array): void {
    if (this.length + chunk.length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + chunk.length));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
      this.view = new DataView(grown.buffer);
    }
    this.bytes.set(chunk, this.length);
    this.length += chunk.length;
  }

  consume(count: number): void {
    this.bytes.copyWithin(0, count, this.length);
    this.length -= count;
  }
}
