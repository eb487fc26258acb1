/**
 * The field registry: every field PacketLens knows is declared here once, as data, the way
 * Wireshark's hf_register_info tables declare them. The detail tree, the display-filter
 * compiler, autocomplete, custom columns and the explanation panel all read this registry.
 *
 * Fields are declared at module load (`declareProtocol`, `declareField`); declaration order
 * does not matter because handoffs between protocols happen in a second phase
 * (see dissectors/proto/index.ts).
 */

export type FieldType =
  | 'none' // a label or an expert item: carries no value, can only be tested for presence
  | 'protocol'
  | 'uint8' | 'uint16' | 'uint24' | 'uint32' | 'uint64'
  | 'int8' | 'int16' | 'int32' | 'int64'
  | 'bool'
  | 'ipv4' | 'ipv6' | 'ether'
  | 'bytes'
  | 'string'
  | 'abs_time' // value: nanoseconds since the epoch as a bigint (a double cannot hold 9 decimals)
  | 'rel_time' // value: seconds as a number
  | 'double'
  | 'framenum'; // a frame number: value uint32, the tree links to that frame

/** How an integer is shown and printed (Wireshark's BASE_*). */
export type FieldBase = 'dec' | 'hex' | 'oct' | 'dec_hex' | 'hex_dec' | 'none';

export interface Explanation {
  readonly en: string;
  readonly zh: string;
}

export type ExpertSeverity = 'chat' | 'note' | 'warn' | 'error';
export type ExpertGroup = 'checksum' | 'sequence' | 'response' | 'request' | 'undecoded' | 'reassemble' | 'protocol' | 'malformed' | 'comment' | 'security';

/** Value names: a table for small integer sets, or a function for ranges (ports, ICMP codes). */
export type ValueNames = Readonly<Record<number, string>> | ((value: number) => string | undefined);

export interface FieldOptions {
  readonly base?: FieldBase;
  /** Bits of the containing integer this field occupies (the value given to the sink is already shifted down). */
  readonly bitmask?: number;
  readonly values?: ValueNames;
  /** For bool fields: [true text, false text]; Wireshark's default is ["True", "False"]. */
  readonly trueFalse?: readonly [string, string];
  /** Filter-only convenience fields (tcp.port, ip.addr) that the tree does not show. */
  readonly hidden?: boolean;
  /** Set for expert-info items (tcp.analysis.retransmission, _ws.malformed, …). */
  readonly expert?: { readonly severity: ExpertSeverity; readonly group: ExpertGroup };
  /** For abs_time fields: shown as a date (default) or as seconds since the epoch. */
  readonly timeDisplay?: 'date' | 'epoch';
  /** Shown after the value in the tree, e.g. " bytes". */
  readonly unit?: string;
  readonly explain?: Explanation;
}

export interface Field extends FieldOptions {
  /** Dense index, stable for the life of the process: sinks and the store key arrays by it. */
  readonly id: number;
  /** The filter name, exactly as Wireshark spells it: `tcp.srcport`. */
  readonly abbrev: string;
  /** The display name: `Source Port`. */
  readonly name: string;
  readonly type: FieldType;
  /** The protocol this field belongs to (`tcp` for `tcp.srcport`; itself for a protocol). */
  readonly protocol: string;
}

export interface ProtocolField extends Field {
  readonly type: 'protocol';
  /** Short name for the Protocol column: `TCP`. */
  readonly shortName: string;
}

class FieldRegistry {
  private readonly fields: Field[] = [];
  private readonly byAbbrev = new Map<string, Field>();

  declare<F extends Field>(field: Omit<F, 'id'>): F {
    if (this.byAbbrev.has(field.abbrev)) throw new Error(`field ${field.abbrev} declared twice`);
    const declared = { ...field, id: this.fields.length } as F;
    this.fields.push(declared);
    this.byAbbrev.set(declared.abbrev, declared);
    return declared;
  }

  find(abbrev: string): Field | undefined {
    return this.byAbbrev.get(abbrev);
  }

  byId(id: number): Field {
    return this.fields[id];
  }

  /** Every declared field, in declaration order. */
  all(): readonly Field[] {
    return this.fields;
  }

  get size(): number {
    return this.fields.length;
  }
}

/** The one registry. Pure data, safe to share between the engine and the renderer bundle. */
export const registry = new FieldRegistry();

/** The protocol a field belongs to: the abbrev up to its first dot (`tcp` for `tcp.options.mss`). */
function protocolOf(abbrev: string): string {
  return abbrev.includes('.') ? abbrev.slice(0, abbrev.indexOf('.')) : abbrev;
}

/**
 * Declares a protocol. A protocol-typed item inside another protocol (`tcp.options.mss`, as
 * Wireshark declares TCP options) belongs to that protocol: only dotless abbrevs are whole
 * protocols that make up a frame's protocol stack.
 */
export function declareProtocol(abbrev: string, name: string, shortName: string, explain?: Explanation): ProtocolField {
  return registry.declare<ProtocolField>({ abbrev, name, shortName, type: 'protocol', protocol: protocolOf(abbrev), explain });
}

export function declareField(abbrev: string, name: string, type: FieldType, options: FieldOptions = {}): Field {
  return registry.declare<Field>({ ...options, abbrev, name, type, protocol: protocolOf(abbrev) });
}

/** Looks up a value name, whether the table is a record or a function. */
export function valueName(names: ValueNames | undefined, value: number): string | undefined {
  if (names === undefined) return undefined;
  return typeof names === 'function' ? names(value) : names[value];
}
