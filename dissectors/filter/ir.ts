import type { Field, FieldType } from '../core/fields.js';
import type { FieldValue } from '../core/sink.js';

/**
 * The typed IR a compiled filter is made of. It is plain data on purpose: the closure compiler
 * (runtime.ts) is one back end; a column-backed evaluator in the engine can walk the same tree
 * and handle the shapes it knows (`compare` of a `field` against a `constant`, `exists`, `in`)
 * and fall back to per-packet evaluation for the rest.
 */
export type FilterNode =
  | { readonly kind: 'true' } // the empty filter
  | { readonly kind: 'and' | 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'not'; readonly operand: FilterNode }
  /** The value yields at least one element (a field occurs, a slice lies within its field). */
  | { readonly kind: 'exists'; readonly value: ValueNode }
  /** Some element is non-zero (a bitwise-and used as a test: `tcp.flags & 0x02`). */
  | { readonly kind: 'truthy'; readonly value: ValueNode }
  | {
      readonly kind: 'compare';
      readonly op: CompareKind;
      /** `any`: some pair of elements satisfies `op`; `all`: every pair does. Either side empty: false. */
      readonly quantifier: 'any' | 'all';
      readonly left: ValueNode;
      readonly right: ValueNode;
    }
  | { readonly kind: 'in'; readonly quantifier: 'any' | 'all'; readonly value: ValueNode; readonly set: readonly SetMember[] };

/**
 * `!=` is `ne` with quantifier `all` (no element equal), `!==` is `ne` with `any`;
 * `==` is `eq`/`any`, `===` is `eq`/`all`: Wireshark 4.0's any_eq/all_ne/all_eq/any_ne.
 */
export type CompareKind = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'contains' | 'matches';

export interface SetMember {
  readonly low: ValueNode;
  readonly high?: ValueNode;
}

/** A byte range of a slice or a layer range: offsets may be negative (from the end). */
export interface IndexRange {
  readonly start: number;
  /** Exclusive end; `undefined` means "to the end". Relative to the same origin as `start`. */
  readonly length?: number;
  /** For `[i-j]` and `[i:]` forms the end is given as an offset (inclusive `j`) instead of a length. */
  readonly endInclusive?: number;
}

export type FunctionName = 'len' | 'count' | 'upper' | 'lower' | 'string' | 'min' | 'max' | 'abs';

/** Every value node has the field type of its elements (slices are 'bytes' or 'string'). */
export type ValueNode =
  | { readonly kind: 'field'; readonly type: FieldType; readonly field: Field; readonly layers?: readonly IndexRange[] }
  /** `${ip.src}`: the field's values in the selected packet. */
  | { readonly kind: 'reference'; readonly type: FieldType; readonly field: Field; readonly layers?: readonly IndexRange[] }
  | { readonly kind: 'constant'; readonly type: FieldType; readonly value: RuntimeValue; readonly text: string }
  | { readonly kind: 'slice'; readonly type: FieldType; readonly of: ValueNode; readonly ranges: readonly IndexRange[] }
  | { readonly kind: 'function'; readonly type: FieldType; readonly name: FunctionName; readonly args: readonly ValueNode[] }
  | { readonly kind: 'arithmetic'; readonly type: FieldType; readonly op: '+' | '-' | '*' | '/' | '%' | '&'; readonly left: ValueNode; readonly right: ValueNode }
  | { readonly kind: 'negate'; readonly type: FieldType; readonly operand: ValueNode };

/** An IPv4 or IPv6 literal with a CIDR prefix (`10.0.0.0/8`): compares under the shorter mask. */
export interface Network {
  readonly address: number | Uint8Array;
  readonly bits: number;
}

/**
 * Element representation by type: integers (≤ 32 bits), bool (0/1), frame numbers, doubles and
 * times (seconds) are numbers; 64-bit integers are bigints; ipv4 is a number or Network; ipv6 is
 * 16 bytes or a Network; ether, bytes and protocols are byte arrays; strings are strings; a
 * compiled `matches` pattern is a RegExp.
 */
export type RuntimeValue = number | bigint | string | Uint8Array | Network | RegExp;

/** One occurrence of a field in a packet, as a FilterPacket reports it. */
export interface FieldOccurrence {
  /** What the dissector passed (`undefined`: read it from `bytes` at `offset`). */
  readonly value: FieldValue;
  /** The data source the occurrence lies in (the frame or a reassembled buffer). */
  readonly bytes: Uint8Array;
  readonly offset: number;
  readonly length: number;
  /** 1-based count of this field's protocol in the packet so far (for `ip.src#2`). */
  readonly layer?: number;
}

/** What a filter reads from one packet: every occurrence of a field, in tree order. */
export interface FilterPacket {
  values(field: Field): readonly FieldOccurrence[];
}

const typeNames: Record<FieldType, string> = {
  none: 'Label', protocol: 'Protocol',
  uint8: 'Unsigned integer (1 byte)', uint16: 'Unsigned integer (2 bytes)', uint24: 'Unsigned integer (3 bytes)',
  uint32: 'Unsigned integer (4 bytes)', uint64: 'Unsigned integer (8 bytes)',
  int8: 'Signed integer (1 byte)', int16: 'Signed integer (2 bytes)', int32: 'Signed integer (4 bytes)', int64: 'Signed integer (8 bytes)',
  bool: 'Boolean', ipv4: 'IPv4 address', ipv6: 'IPv6 address', ether: 'Ethernet or other MAC address',
  bytes: 'Byte sequence', string: 'Character string', abs_time: 'Date and time', rel_time: 'Time offset',
  double: 'Floating point (double-precision)', framenum: 'Frame number',
};

const ftypeNames: Record<FieldType, string> = {
  none: 'FT_NONE', protocol: 'FT_PROTOCOL', uint8: 'FT_UINT8', uint16: 'FT_UINT16', uint24: 'FT_UINT24',
  uint32: 'FT_UINT32', uint64: 'FT_UINT64', int8: 'FT_INT8', int16: 'FT_INT16', int32: 'FT_INT32', int64: 'FT_INT64',
  bool: 'FT_BOOLEAN', ipv4: 'FT_IPv4', ipv6: 'FT_IPv6', ether: 'FT_ETHER', bytes: 'FT_BYTES', string: 'FT_STRING',
  abs_time: 'FT_ABSOLUTE_TIME', rel_time: 'FT_RELATIVE_TIME', double: 'FT_DOUBLE', framenum: 'FT_FRAMENUM',
};

/** The type's name as tshark 4.0 writes it in messages ("Unsigned integer (2 bytes)"). */
export function typeName(type: FieldType): string {
  return typeNames[type];
}

/** The type's ftype enum name ("FT_UINT16"), used by tshark 4.0 in arithmetic errors. */
export function ftypeName(type: FieldType): string {
  return ftypeNames[type];
}

export type TypeFamily = 'integer' | 'integer64' | 'float' | 'abs_time' | 'bool' | 'ipv4' | 'ipv6' | 'bytes' | 'string' | 'none';

export function family(type: FieldType): TypeFamily {
  switch (type) {
    case 'uint8': case 'uint16': case 'uint24': case 'uint32': case 'int8': case 'int16': case 'int32': case 'framenum':
      return 'integer';
    case 'uint64': case 'int64': return 'integer64';
    case 'double': case 'rel_time': return 'float';
    case 'ether': case 'bytes': case 'protocol': return 'bytes';
    case 'abs_time': case 'bool': case 'ipv4': case 'ipv6': case 'string': case 'none':
      return type;
  }
}

/** Whether values of the two types can be compared (dfilter's compatible-types check). */
export function compatible(a: FieldType, b: FieldType): boolean {
  const familyA = family(a);
  const familyB = family(b);
  if (familyA === familyB) return familyA !== 'none';
  const numeric = (f: TypeFamily) => f === 'integer' || f === 'integer64' || f === 'bool';
  if (numeric(familyA) && numeric(familyB)) return true;
  // A relative time and a plain number mix in arithmetic results (tshark allows double vs int).
  if ((familyA === 'float' && familyB === 'integer') || (familyA === 'integer' && familyB === 'float')) return a !== 'rel_time' && b !== 'rel_time';
  return false;
}
