/**
 * Compact per-frame and per-item records for the first pass: numbers in typed arrays instead
 * of one object (and one map entry) per frame, so a million-frame capture keeps megabytes, not
 * tens of megabytes, of JS heap.
 */

/** A growable list of 32-bit integers (grows by half: the copies stay small at the end of a big capture). */
export class Int32List {
  private values = new Int32Array(64);
  length = 0;

  push(value: number): number {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length + (this.values.length >> 1));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length] = value;
    return this.length++;
  }

  get(index: number): number {
    return this.values[index];
  }

  set(index: number, value: number): void {
    this.values[index] = value;
  }
}

/**
 * Frame number → 32-bit value, for values only some frames have. The first pass records frames
 * in increasing order, so keys are appended to a sorted list and found by binary search; a key
 * recorded out of order (a frame dissected twice as "first pass" by a test) goes to a map.
 */
export class SparseFrameValues {
  private readonly frames = new Int32List();
  private readonly values = new Int32List();
  private readonly unordered = new Map<number, number>();

  /** The last frame recorded in order, so first-pass lookups of new frames skip the search. */
  get lastFrame(): number {
    return this.frames.length === 0 ? -1 : this.frames.get(this.frames.length - 1);
  }

  set(frame: number, value: number): void {
    const last = this.lastFrame;
    if (frame > last) {
      this.frames.push(frame);
      this.values.push(value);
    } else if (frame === last) {
      this.values.set(this.values.length - 1, value);
    } else {
      const at = this.indexOf(frame);
      if (at >= 0) this.values.set(at, value);
      else this.unordered.set(frame, value);
    }
  }

  /** The frame's value, or undefined when none was recorded. */
  get(frame: number): number | undefined {
    if (frame > this.lastFrame) return this.unordered.size === 0 ? undefined : this.unordered.get(frame);
    const at = this.indexOf(frame);
    return at >= 0 ? this.values.get(at) : this.unordered.get(frame);
  }

  private indexOf(frame: number): number {
    let low = 0;
    let high = this.frames.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = this.frames.get(middle);
      if (found === frame) return middle;
      if (found < frame) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
}
