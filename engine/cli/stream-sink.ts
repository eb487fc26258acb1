import { CollectingSink, fieldText, registry, type Field, type FieldValue } from '../../dissectors/index.js';
import type { FieldOccurrence, FilterPacket } from '../../dissectors/filter/index.js';

/** One occurrence, reused from frame to frame (the streaming pass keeps nothing per frame). */
interface PooledOccurrence {
  value: FieldValue;
  bytes: Uint8Array;
  offset: number;
  length: number;
  layer: number;
}

// Fields whose presence in a frame means IP fragments: the full pass would reassemble them
// (see stateless-fields.ts), so the streaming pass must hand over.
const fragmentMarkers = ['ip.flags.mf', 'ip.frag_offset', 'ipv6.fraghdr'];

/**
 * The streaming pass's one sink: keeps, per frame, the occurrences of the fields the display
 * filter and the -e list name, and serves them both to the filter (as a `FilterPacket`, with
 * the layer numbers `ip.src#2` needs, as `FilterFieldSink` counts them) and to the printer (as
 * tshark's field texts). Texts are only made for frames that pass the filter.
 *
 * It is `FilterFieldSink` specialised for millions of frames in a row: lookups by field id in
 * typed arrays, layer counts only for the protocols the wanted fields belong to, occurrence
 * objects pooled across frames.
 */
export class StreamFieldSink extends CollectingSink implements FilterPacket {
  /** Set when the frame holds an IP fragment (an IPv4 fragment, or an IPv6 Fragment header). */
  fragmentSeen = false;

  /** Per field id: 1 when wanted. */
  private readonly wanted: Uint8Array;
  /** Per field id: the slot of its occurrence list, or -1. */
  private readonly slotOf: Int32Array;
  /** Per field id: the layer counter it increments (protocol items) or reads (others), or -1. */
  private readonly counterOf: Int32Array;
  /** Per field id: 1 when neither wanted nor counted. */
  private readonly ignored: Uint8Array;
  private readonly counts: Int32Array;
  private readonly lists: PooledOccurrence[][];
  private readonly pools: PooledOccurrence[][];
  /** The occurrence each open subtree recorded (or null), to fix its length on close, as the filter sink does. */
  private readonly openStack: Array<PooledOccurrence | null> = [];
  private openTop = 0;
  private readonly fragmentIds: ReadonlySet<number>;

  constructor(fields: readonly Field[]) {
    super();
    const size = registry.size;
    this.wanted = new Uint8Array(size);
    this.slotOf = new Int32Array(size).fill(-1);
    this.counterOf = new Int32Array(size).fill(-1);
    const wantedFields = [...new Set(fields)];
    wantedFields.forEach((field, slot) => { this.slotOf[field.id] = slot; });
    // A protocol item counts its own abbrev; any other field reads the count of its protocol.
    const counterKeys = new Map<string, number>();
    for (const field of wantedFields) {
      const key = field.type === 'protocol' ? field.abbrev : field.protocol;
      if (!counterKeys.has(key)) counterKeys.set(key, counterKeys.size);
    }
    for (const field of registry.all()) {
      const key = field.type === 'protocol' ? field.abbrev : field.protocol;
      const counter = counterKeys.get(key);
      if (counter !== undefined && (field.type === 'protocol' || this.slotOf[field.id] >= 0)) this.counterOf[field.id] = counter;
    }
    this.counts = new Int32Array(counterKeys.size);
    this.lists = wantedFields.map(() => []);
    this.pools = wantedFields.map(() => []);
    const markers = fragmentMarkers.map((abbrev) => registry.find(abbrev)).filter((field): field is Field => field !== undefined);
    this.fragmentIds = new Set(markers.map((field) => field.id));
    for (const field of [...wantedFields, ...markers]) this.wanted[field.id] = 1;
    this.ignored = this.wanted.map((wanted, id) => (wanted === 0 && this.counterOf[id] < 0 ? 1 : 0));
  }

  override reset(frameBytes: Uint8Array): void {
    super.reset(frameBytes);
    // pop() and plain stores: `length =` and fill() are builtin calls, measurable per frame.
    for (const list of this.lists) while (list.length > 0) list.pop();
    for (let counter = 0; counter < this.counts.length; counter++) this.counts[counter] = 0;
    this.openTop = 0;
    this.fragmentSeen = false;
  }

  wants(field: Field): boolean {
    return this.wanted[field.id] === 1;
  }

  add(field: Field, offset: number, length: number, value?: FieldValue): void {
    // Most of a frame's fields are neither wanted nor counted: one typed-array load for them.
    if (this.ignored[field.id] === 1) return;
    this.record(field, offset, length, value);
  }

  override open(field: Field, offset: number, length: number, value?: FieldValue): void {
    this.openStack[this.openTop++] = this.ignored[field.id] === 1 ? null : this.record(field, offset, length, value);
    this.depth++;
  }

  override openText(): void {
    this.openStack[this.openTop++] = null;
    this.depth++;
  }

  override close(length?: number): void {
    if (this.openTop > 0) {
      const occurrence = this.openStack[--this.openTop];
      if (occurrence !== null && length !== undefined) occurrence.length = length;
    }
    if (this.depth > 0) this.depth--;
  }

  override unwindTo(depth: number): void {
    if (this.openTop > depth) this.openTop = depth;
    super.unwindTo(depth);
  }

  /** The frame's occurrences of `field` (a filter or -e field), in tree order. */
  values(field: Field): readonly FieldOccurrence[] {
    const slot = this.slotOf[field.id];
    return slot === undefined || slot < 0 ? [] : this.lists[slot];
  }

  /** tshark's `-T fields` texts of the frame's occurrences of `field`. */
  texts(field: Field): string[] {
    return this.values(field).map((occurrence) => fieldText(field, occurrence.value, occurrence.bytes, occurrence.offset, occurrence.length));
  }

  private record(field: Field, offset: number, length: number, value: FieldValue): PooledOccurrence | null {
    const id = field.id;
    const counter = this.counterOf[id];
    let layer = 1;
    if (counter >= 0) {
      if (field.type === 'protocol') layer = ++this.counts[counter];
      else layer = this.counts[counter] || 1;
    }
    if (this.wanted[id] !== 1) return null;
    if (this.fragmentIds.has(id) && isFragmentMarker(field, value)) this.fragmentSeen = true;
    const slot = this.slotOf[id];
    if (slot < 0) return null;
    const list = this.lists[slot];
    const pool = this.pools[slot];
    let occurrence = pool[list.length];
    if (occurrence === undefined) pool.push(occurrence = { value, bytes: this.currentBytes, offset, length, layer });
    else {
      occurrence.value = value;
      occurrence.bytes = this.currentBytes;
      occurrence.offset = offset;
      occurrence.length = length;
      occurrence.layer = layer;
    }
    list.push(occurrence);
    return occurrence;
  }
}

/** ip.flags.mf set, ip.frag_offset above 0, or any IPv6 Fragment header. */
function isFragmentMarker(field: Field, value: FieldValue): boolean {
  if (field.type === 'protocol') return true;
  return value === true || (typeof value === 'number' && value > 0);
}
