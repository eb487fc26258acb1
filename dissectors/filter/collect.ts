import type { Field } from '../core/fields.js';
import type { FieldValue } from '../core/sink.js';
import type { FieldOccurrence, FilterPacket } from './ir.js';
import { OccurrenceStackSink } from './occurrence-sink.js';

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
export class FilterFieldSink extends OccurrenceStackSink<MutableOccurrence> implements FilterPacket {
  private readonly wanted: boolean[] = [];
  private readonly occurrences = new Map<number, MutableOccurrence[]>();
  /** How many times each protocol has appeared in this packet, for layer numbers (`ip.src#2`). */
  private readonly protocolCounts = new Map<string, number>();

  constructor(fields: Iterable<Field>) {
    super();
    for (const field of fields) this.wanted[field.id] = true;
  }

  /** Starts a new packet whose frame bytes are `frame`. */
  reset(frame: Uint8Array): void {
    this.occurrences.clear();
    this.protocolCounts.clear();
    this.startFrame(frame);
  }

  wants(field: Field): boolean {
    return this.wanted[field.id] === true;
  }

  add(field: Field, offset: number, length: number, value?: FieldValue): void {
    this.record(field, offset, length, value);
  }

  open(field: Field, offset: number, length: number, value?: FieldValue): void {
    this.pushOpen(this.record(field, offset, length, value));
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
