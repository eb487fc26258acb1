import type { Field, FieldValue } from '../../dissectors/index.js';
import type { CompiledFilter, FieldOccurrence, FilterNode, FilterPacket, ValueNode } from '../../dissectors/filter/index.js';
import { OccurrenceStackSink } from '../../dissectors/filter/occurrence-sink.js';
import { stopDissection } from './early-stop.js';

interface Occurrence {
  value: FieldValue;
  bytes: Uint8Array;
  offset: number;
  length: number;
}

const none: readonly FieldOccurrence[] = [];
const wantedFlag = 1;
const triggerFlag = 2;

/**
 * The sink of a filter run over many frames: FilterFieldSink's job (keep the filter's fields,
 * serve them back) cut to what a run needs. A field the filter does not read costs one typed
 * array load; no protocol layers are counted, so it serves only filters without `#` layer
 * indexes (run-filter falls back to FilterFieldSink for those); and when given `triggers`
 * (early-stop.ts) it throws `stopDissection` as soon as one of them makes the filter TRUE.
 */
export class FilterRunSink extends OccurrenceStackSink<Occurrence> implements FilterPacket {
  /** Per field id: wanted, and whether its occurrence may decide the filter. */
  private readonly flags: Uint8Array;
  private readonly occurrences: Occurrence[][] = [];
  /** Field ids recorded in this frame, to clear their lists on reset. */
  private readonly touched: number[] = [];

  constructor(private readonly filter: CompiledFilter, triggers: Iterable<Field> | null) {
    super();
    const triggerList = [...(triggers ?? [])];
    this.flags = new Uint8Array(Math.max(0, ...filter.fields.map((field) => field.id + 1)));
    for (const field of filter.fields) this.flags[field.id] = wantedFlag;
    for (const field of triggerList) if (field.id < this.flags.length) this.flags[field.id] |= triggerFlag;
  }

  /** Starts a new frame whose bytes are `frame`. */
  reset(frame: Uint8Array): void {
    for (const id of this.touched) this.occurrences[id].length = 0;
    this.touched.length = 0;
    this.startFrame(frame);
  }

  wants(field: Field): boolean {
    return field.id < this.flags.length && this.flags[field.id] !== 0;
  }

  add(field: Field, offset: number, length: number, value?: FieldValue): void {
    const flag = field.id < this.flags.length ? this.flags[field.id] : 0;
    if (flag === 0) return;
    this.record(field.id, offset, length, value);
    if ((flag & triggerFlag) !== 0 && this.filter.evaluate(this)) throw stopDissection;
  }

  open(field: Field, offset: number, length: number, value?: FieldValue): void {
    const flag = field.id < this.flags.length ? this.flags[field.id] : 0;
    if (flag === 0) {
      this.pushOpen(null);
      return;
    }
    this.pushOpen(this.record(field.id, offset, length, value));
    if ((flag & triggerFlag) !== 0 && this.filter.evaluate(this)) throw stopDissection;
  }

  values(field: Field): readonly FieldOccurrence[] {
    return this.occurrences[field.id] ?? none;
  }

  private record(id: number, offset: number, length: number, value: FieldValue): Occurrence {
    let list = this.occurrences[id];
    if (list === undefined) this.occurrences[id] = list = [];
    if (list.length === 0) this.touched.push(id);
    const occurrence: Occurrence = { value, bytes: this.source, offset, length };
    list.push(occurrence);
    return occurrence;
  }
}

/** Whether the filter reads some field by layer (`ip.src#2`): FilterRunSink does not count layers. */
export function usesLayers(node: FilterNode): boolean {
  switch (node.kind) {
    case 'true': return false;
    case 'and': case 'or': return usesLayers(node.left) || usesLayers(node.right);
    case 'not': return usesLayers(node.operand);
    case 'exists': case 'truthy': return valueUsesLayers(node.value);
    case 'compare': return valueUsesLayers(node.left) || valueUsesLayers(node.right);
    case 'in': return valueUsesLayers(node.value) || node.set.some((member) => valueUsesLayers(member.low) || (member.high !== undefined && valueUsesLayers(member.high)));
  }
}

function valueUsesLayers(value: ValueNode): boolean {
  switch (value.kind) {
    case 'field': case 'reference': return value.layers !== undefined;
    case 'constant': return false;
    case 'slice': return valueUsesLayers(value.of);
    case 'function': return value.args.some(valueUsesLayers);
    case 'arithmetic': return valueUsesLayers(value.left) || valueUsesLayers(value.right);
    case 'negate': return valueUsesLayers(value.operand);
  }
}
