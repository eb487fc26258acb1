/**
 * An open-addressing hash table from tuples of four uint32 words to row numbers 0, 1, 2, … in
 * order of insertion. Statistics key conversations by (stream, address A, address B, ports)
 * per frame: numeric words instead of a string per frame keep a million-frame pass tight.
 */
export class QuadTable {
  private keys: Uint32Array;
  /** Row per slot, -1 when the slot is empty. */
  private rows: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    const slots = 1 << Math.ceil(Math.log2(Math.max(16, capacity * 2)));
    this.keys = new Uint32Array(slots * 4);
    this.rows = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
  }

  /** The tuple's row, or -1. */
  get(a: number, b: number, c: number, d: number): number {
    const rows = this.rows;
    const keys = this.keys;
    for (let slot = hash(a, b, c, d) & this.mask; ; slot = (slot + 1) & this.mask) {
      const row = rows[slot];
      if (row < 0) return -1;
      const at = slot * 4;
      if (keys[at] === a >>> 0 && keys[at + 1] === b >>> 0 && keys[at + 2] === c >>> 0 && keys[at + 3] === d >>> 0) return row;
    }
  }

  /** Adds a tuple not in the table yet; returns its row (the table's size before). */
  add(a: number, b: number, c: number, d: number): number {
    if ((this.size + 1) * 2 > this.rows.length) this.grow();
    const row = this.size++;
    this.place(a, b, c, d, row);
    return row;
  }

  private place(a: number, b: number, c: number, d: number, row: number): void {
    let slot = hash(a, b, c, d) & this.mask;
    while (this.rows[slot] >= 0) slot = (slot + 1) & this.mask;
    const at = slot * 4;
    this.keys[at] = a;
    this.keys[at + 1] = b;
    this.keys[at + 2] = c;
    this.keys[at + 3] = d;
    this.rows[slot] = row;
  }

  private grow(): void {
    const { keys, rows } = this;
    const slots = rows.length * 2;
    this.keys = new Uint32Array(slots * 4);
    this.rows = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
    for (let slot = 0; slot < rows.length; slot++) {
      if (rows[slot] >= 0) this.place(keys[slot * 4], keys[slot * 4 + 1], keys[slot * 4 + 2], keys[slot * 4 + 3], rows[slot]);
    }
  }
}

/** murmur3-style mixing of the four words. */
function hash(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ c, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ d, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
