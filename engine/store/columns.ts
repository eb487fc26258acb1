import { registry, type Field } from '../../dissectors/index.js';
import { ensureCapacity, type TypedArray } from './growable.js';

type ColumnKind = 'u8' | 'u16' | 'u32' | 'i32';

interface ColumnSpec {
  readonly name: string;
  readonly kind: ColumnKind;
  /** Fields stored in this column. Fields that never occur in the same frame may share one. */
  readonly fields: readonly string[];
  /**
   * The field occurs only in some frames of its protocol (0 stands for "absent"): such a
   * column does not say when the field is present, so generic column filters leave it alone.
   */
  readonly optional?: boolean;
}

/**
 * The fields kept per frame, chosen for the packet list, conversations and the filters people
 * type most. Each is a header field that is always present when its protocol is, so the
 * protocol stack tells whether the slot holds a value (see PacketStore.hasProtocol). Keep this
 * list short: every column costs bytes per frame for every frame.
 */
const columnSpecs: readonly ColumnSpec[] = [
  { name: 'ip.src', kind: 'u32', fields: ['ip.src'] },
  { name: 'ip.dst', kind: 'u32', fields: ['ip.dst'] },
  { name: 'ip.proto', kind: 'u8', fields: ['ip.proto'] },
  { name: 'ip.ttl', kind: 'u8', fields: ['ip.ttl'] },
  { name: 'srcport', kind: 'u16', fields: ['tcp.srcport', 'udp.srcport'] },
  { name: 'dstport', kind: 'u16', fields: ['tcp.dstport', 'udp.dstport'] },
  { name: 'tcp.flags', kind: 'u16', fields: ['tcp.flags'] },
  { name: 'tcp.len', kind: 'u32', fields: ['tcp.len'] },
  { name: 'stream', kind: 'i32', fields: ['tcp.stream', 'udp.stream'] },
  // TCP sequence analysis flag bits (tcp-analysis.ts), so tcp.analysis.* filters and colouring need no dissection.
  { name: 'tcp.analysis.flags', kind: 'u16', fields: ['tcp.analysis.flags'], optional: true },
];
// Frames record which columns they filled in a 32-bit mask.
if (columnSpecs.length > 31) throw new Error('too many packet-store columns');

const constructors = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, i32: Int32Array } as const;

export interface FieldColumn {
  readonly name: string;
  values: TypedArray;
}

/**
 * The per-field columns of the packet store and the map from field id to column. Fields that
 * are not declared (a protocol not built yet) are simply not stored.
 */
export class FieldColumns {
  readonly columns: FieldColumn[] = [];
  /** Column index per field id, -1 for fields without a column. */
  readonly columnOfField: Int16Array;
  /** Per column: ids of the protocols whose presence means the column should hold a value. */
  private readonly protocolsOfColumn: number[][] = [];
  private readonly optionalColumns = new Set<number>();

  constructor() {
    this.columnOfField = new Int16Array(registry.size).fill(-1);
    for (const spec of columnSpecs) {
      const fields = spec.fields.map((abbrev) => registry.find(abbrev)).filter((field): field is Field => field !== undefined);
      if (fields.length === 0) continue;
      const index = this.columns.length;
      this.columns.push({ name: spec.name, values: new constructors[spec.kind](0) });
      for (const field of fields) this.columnOfField[field.id] = index;
      // An optional column is never "expected": its absence is no sign of a truncated header.
      this.protocolsOfColumn.push(spec.optional ? [] : fields.map((field) => registry.find(field.protocol)?.id ?? -1));
      if (spec.optional) this.optionalColumns.add(index);
    }
  }

  /** Bitmask of the columns a frame with these protocols should fill. */
  columnsExpectedFor(protocols: readonly number[]): number {
    let mask = 0;
    this.protocolsOfColumn.forEach((columnProtocols, column) => {
      if (columnProtocols.some((protocol) => protocols.includes(protocol))) mask |= 1 << column;
    });
    return mask;
  }

  /** Whether the column holding `field` may lack a value in frames of its protocol. */
  isOptional(field: Field): boolean {
    const index = field.id < this.columnOfField.length ? this.columnOfField[field.id] : -1;
    return this.optionalColumns.has(index);
  }

  /** The column holding `field`, or undefined. */
  columnFor(field: Field): FieldColumn | undefined {
    const index = field.id < this.columnOfField.length ? this.columnOfField[field.id] : -1;
    return index < 0 ? undefined : this.columns[index];
  }

  grow(capacity: number): void {
    for (const column of this.columns) column.values = ensureCapacity(column.values, capacity);
  }

  bytesPerFrame(): number {
    return this.columns.reduce((sum, column) => sum + column.values.BYTES_PER_ELEMENT, 0);
  }
}
