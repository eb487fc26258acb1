import { isWholeProtocol, registry, u32, wsFields, type Field, type FieldSink, type FieldValue } from '../../dissectors/index.js';
import type { PacketStore } from './packet-store.js';

/**
 * The summary path's sink: writes the few fields the store has columns for into the frame's
 * slot and follows the protocol stack, nothing else — no objects, no strings per frame.
 * Only the first occurrence of a field is kept; the stack says when a protocol repeats.
 */
export class SummarySink implements FieldSink {
  readonly detailed = false;
  depth = 0;
  private index = 0;
  private stackId = 0;
  /** Bit c set when column c got a value in the current frame. */
  private written = 0;
  /** Per stack id: the columns a frame with that stack should fill (-1 until computed). */
  private expectedByStack = new Int32Array(0);
  private readonly columnOfField: Int16Array;
  private readonly malformedId: number;
  private readonly shortId: number;
  private data: Uint8Array = new Uint8Array(0);
  /** 1 per field id that is an expert item (Analyze › Expert Information reads only flagged frames). */
  private readonly isExpert: Uint8Array;
  private readonly analysisFlagsId: number;

  constructor(private readonly store: PacketStore) {
    this.columnOfField = store.fields.columnOfField;
    // Malformed and truncated frames get the expert item in their stack, so column-backed
    // filters know the columns of such a frame may be incomplete.
    this.isExpert = Uint8Array.from(registry.all(), (field) => (field.expert ? 1 : 0));
    // The summary path gets TCP's analysis as one flags word instead of its expert items
    // (retransmission, window update…): a non-zero word stands for them.
    this.analysisFlagsId = registry.find('tcp.analysis.flags')?.id ?? -1;
    this.malformedId = wsFields.malformed.id;
    this.shortId = wsFields.short.id;
  }

  /** Starts the slot of frame `index` (0-based); call `finish` when its dissection is done. */
  begin(index: number, data: Uint8Array): void {
    this.index = index;
    this.stackId = this.store.stacks.rootId;
    this.depth = 0;
    this.data = data;
    this.written = 0;
  }

  finish(): void {
    const store = this.store;
    store.stack[this.index] = this.stackId;
    // A protocol that stopped before one of its columned fields (a bogus header length) leaves
    // that column stale: mark the frame so column-backed filters dissect it instead.
    const expected = this.expectedColumns(this.stackId);
    if ((this.written & expected) !== expected) store.markIncompleteColumns(this.index);
  }

  private expectedColumns(stackId: number): number {
    if (stackId >= this.expectedByStack.length) {
      const grown = new Int32Array(Math.max(64, stackId * 2)).fill(-1);
      grown.set(this.expectedByStack);
      this.expectedByStack = grown;
    }
    let expected = this.expectedByStack[stackId];
    if (expected < 0) {
      expected = this.store.fields.columnsExpectedFor(this.store.stacks.get(stackId).protocols);
      this.expectedByStack[stackId] = expected;
    }
    return expected;
  }

  wants(field: Field): boolean {
    return field.id < this.columnOfField.length && this.columnOfField[field.id] >= 0;
  }

  add(field: Field, offset: number, _length: number, value?: FieldValue): void {
    const id = field.id;
    if (this.isExpert[id] === 1 || (id === this.analysisFlagsId && value !== 0)) this.store.markExpert(this.index);
    if (id === this.malformedId || id === this.shortId) {
      this.stackId = this.store.stacks.extend(this.stackId, field.id);
      return;
    }
    const column = id < this.columnOfField.length ? this.columnOfField[id] : -1;
    if (column < 0 || (this.written & (1 << column)) !== 0) return;
    this.written |= 1 << column;
    const number = typeof value === 'number' ? value : typeof value === 'boolean' ? Number(value) : field.type === 'ipv4' ? u32(this.data, offset) : 0;
    this.store.fields.columns[column].values[this.index] = number;
  }

  open(field: Field, offset: number, length: number, value?: FieldValue): void {
    this.depth++;
    // Only whole protocols (abbrev without a dot) make up the stack, not protocol-typed items inside one.
    if (isWholeProtocol(field)) this.stackId = this.store.stacks.extend(this.stackId, field.id);
    else this.add(field, offset, length, value);
  }

  text(): void {}

  openText(): void {
    this.depth++;
  }

  close(): void {
    if (this.depth > 0) this.depth--;
  }

  unwindTo(depth: number): void {
    if (this.depth > depth) this.depth = depth;
  }

  beginSource(): void {}

  endSource(): void {}
}
