import type { Field } from '../core/fields.js';
import type { FieldSink, FieldValue } from '../core/sink.js';
import type { FieldOccurrence, FilterPacket } from './ir.js';

interface MutableOccurrence {
  value: FieldValue;
  bytes: Uint8Array;
  offset: number;
  length: number;
  layer: number;
}

const none: readonly FieldOccurrence[] = [];

/**
 * A sink that keeps only the fields a filter reads and serves them back as a FilterPacket.
 * It copies nothing: occurrences point into the current data source (the frame, or a
 * reassembled buffer opened with `beginSource`), and `undefined` values are read from those
 * bytes by the evaluator when needed. Call `reset` before dissecting each packet.
 */
export class FilterFieldSink implements FieldSink, FilterPacket {
  readonly detailed = false;
  private readonly wanted: boolean[] = [];
  private readonly occurrences = new Map<number, MutableOccurrence[]>();
  /** How many times each protocol has appeared in this packet, for layer numbers (`ip.src#2`). */
  private readonly protocolCounts = new Map<string, number>();
  /** One entry per open subtree: the occurrence it recorded, to fix its length on close. */
  private readonly openStack: (MutableOccurrence | null)[] = [];
  private readonly sources: Uint8Array[] = [];
  private source: Uint8Array = new Uint8Array(0);

  constructor(fields: Iterable<Field>) {
    for (const field of fields) this.wanted[field.id] = true;
  }

  /** Starts a new packet whose frame bytes are `frame`. */
  reset(frame: Uint8Array): void {
    this.occurrences.clear();
    this.protocolCounts.clear();
    this.openStack.length = 0;
    this.sources.length = 0;
    this.source = frame;
  }

  get depth(): number {
    return this.openStack.length;
  }

  wants(field: Field): boolean {
    return this.wanted[field.id] === true;
  }

  add(field: Field, offset: number, length: number, value?: FieldValue): void {
    this.record(field, offset, length, value);
  }

  open(field: Field, offset: number, length: number, value?: FieldValue): void {
    this.openStack.push(this.record(field, offset, length, value));
  }

  text(): void {}

  openText(): void {
    this.openStack.push(null);
  }

  close(length?: number): void {
    const occurrence = this.openStack.pop();
    if (occurrence && length !== undefined) occurrence.length = length;
  }

  unwindTo(depth: number): void {
    while (this.openStack.length > depth) this.openStack.pop();
  }

  beginSource(_name: string, bytes: Uint8Array): void {
    this.sources.push(this.source);
    this.source = bytes;
  }

  endSource(): void {
    const previous = this.sources.pop();
    if (previous) this.source = previous;
  }

  values(field: Field): readonly FieldOccurrence[] {
    return this.occurrences.get(field.id) ?? none;
  }

  private record(field: Field, offset: number, length: number, value: FieldValue): MutableOccurrence | null {
    let layer: number;
    if (field.type === 'protocol') {
      layer = (this.protocolCounts.get(field.abbrev) ?? 0) + 1;
      this.protocolCounts.set(field.abbrev, layer);
    } else {
      layer = this.protocolCounts.get(field.protocol) ?? 1;
    }
    if (this.wanted[field.id] !== true) return null;
    const occurrence: MutableOccurrence = { value, bytes: this.source, offset, length, layer };
    let list = this.occurrences.get(field.id);
    if (!list) this.occurrences.set(field.id, (list = []));
    list.push(occurrence);
    return occurrence;
  }
}
