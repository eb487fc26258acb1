import { isWholeProtocol, registry, u32, wsFields, type Field, type FieldSink, type FieldValue } from '../../dissectors/index.js';
import type { PacketStore } from './packet-store.js';

/** What the summary path does with a field: bits per field id (see `SummarySink.add`); 0 = nothing. */
const expertAlways = 1;
/** TCP's analysis word: a non-zero value stands for its expert items (retransmission, window update…). */
const expertWhenNonZero = 2;
/** Malformed / packet-size-limited items go into the protocol stack. */
const intoStack = 4;
const intoColumn = 8;

const ColumnKind = { other: 0, u8: 1, u16: 2, u32: 3, i32: 4 } as const;

function columnKind(values: unknown): number {
  if (values instanceof Uint8Array) return ColumnKind.u8;
  if (values instanceof Uint16Array) return ColumnKind.u16;
  if (values instanceof Uint32Array) return ColumnKind.u32;
  if (values instanceof Int32Array) return ColumnKind.i32;
  return ColumnKind.other;
}

/**
 * The summary path's sink: writes the few fields the store has columns for into the frame's
 * slot and follows the protocol stack, nothing else — no objects, no strings per frame.
 * Only the first occurrence of a field is kept; the stack says when a protocol repeats.
 *
 * Every dissector calls `add` for dozens of fields per frame and only a handful matter here,
 * so `add` is one table lookup for the rest: the decisions are made per field id up front.
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
  private data: Uint8Array = new Uint8Array(0);
  /** Per field id: what to do with it (the bits above). */
  private readonly actions: Uint8Array;
  /** Per field id: 1 + its index among whole protocols, 0 for other fields. */
  private readonly protocolIndex: Uint16Array;
  /** Per stack id: the stack reached by each whole protocol (by protocol index; 0 = not known yet, else id + 1). */
  private readonly transitions: Int32Array[] = [];
  private readonly protocolCount: number;
  /** Per column: its array type (columns keep their type when they grow). */
  private readonly columnKinds: Uint8Array;

  constructor(private readonly store: PacketStore) {
    this.columnOfField = store.fields.columnOfField;
    const fields = registry.all();
    this.actions = new Uint8Array(fields.length);
    this.protocolIndex = new Uint16Array(fields.length);
    let protocols = 0;
    for (const field of fields) {
      if (field.id < this.columnOfField.length && this.columnOfField[field.id] >= 0) this.actions[field.id] |= intoColumn;
      // Expert items flag the frame (Analyze › Expert Information reads only flagged frames).
      if (field.expert) this.actions[field.id] |= expertAlways;
      if (isWholeProtocol(field)) this.protocolIndex[field.id] = ++protocols;
    }
    // Malformed and truncated frames get the expert item in their stack, so column-backed
    // filters know the columns of such a frame may be incomplete.
    this.actions[wsFields.malformed.id] |= intoStack;
    this.actions[wsFields.short.id] |= intoStack;
    // The summary path gets TCP's analysis as one flags word instead of its expert items.
    const analysisFlags = registry.find('tcp.analysis.flags');
    if (analysisFlags !== undefined) this.actions[analysisFlags.id] |= expertWhenNonZero;
    this.protocolCount = protocols;
    this.columnKinds = Uint8Array.from(store.fields.columns, (column) => columnKind(column.values));
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
    // A field declared after this sink was made (none in practice) reads as nothing to do.
    const action = id < this.actions.length ? this.actions[id] : 0;
    if (action !== 0) this.keep(field, action, offset, value);
  }

  private keep(field: Field, action: number, offset: number, value: FieldValue): void {
    if ((action & expertAlways) !== 0 || ((action & expertWhenNonZero) !== 0 && value !== 0)) this.store.markExpert(this.index);
    if ((action & intoStack) !== 0) {
      this.stackId = this.store.stacks.extend(this.stackId, field.id);
      return;
    }
    if ((action & intoColumn) === 0) return;
    const column = this.columnOfField[field.id];
    if ((this.written & (1 << column)) !== 0) return;
    this.written |= 1 << column;
    const number = typeof value === 'number' ? value : typeof value === 'boolean' ? Number(value) : field.type === 'ipv4' ? u32(this.data, offset) : 0;
    // One store per array type: a single store site would see four typed-array kinds and go polymorphic.
    const values = this.store.fields.columns[column].values;
    switch (this.columnKinds[column]) {
      case ColumnKind.u8: (values as Uint8Array)[this.index] = number; break;
      case ColumnKind.u16: (values as Uint16Array)[this.index] = number; break;
      case ColumnKind.u32: (values as Uint32Array)[this.index] = number; break;
      case ColumnKind.i32: (values as Int32Array)[this.index] = number; break;
      default: values[this.index] = number;
    }
  }

  open(field: Field, offset: number, length: number, value?: FieldValue): void {
    this.depth++;
    // Only whole protocols (abbrev without a dot) make up the stack, not protocol-typed items inside one.
    if (field.id >= this.protocolIndex.length) {
      if (isWholeProtocol(field)) this.stackId = this.store.stacks.extend(this.stackId, field.id);
      return;
    }
    const protocol = this.protocolIndex[field.id];
    if (protocol !== 0) this.stackId = this.extendStack(this.stackId, protocol, field.id);
    else this.add(field, offset, length, value);
  }

  /** The stack interning's `extend`, remembered per (stack, protocol) in flat arrays. */
  private extendStack(stackId: number, protocol: number, fieldId: number): number {
    let row = this.transitions[stackId];
    if (row === undefined) {
      row = new Int32Array(this.protocolCount + 1);
      this.transitions[stackId] = row;
    }
    let next = row[protocol];
    if (next === 0) {
      next = this.store.stacks.extend(stackId, fieldId) + 1;
      row[protocol] = next;
    }
    return next - 1;
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
