import { bytesToHex, ipv4ToString, ipv6ToString } from '../core/format.js';
import type { FieldType } from '../core/fields.js';
import { family, type FieldOccurrence, type FilterNode, type FilterPacket, type IndexRange, type Network, type RuntimeValue, type ValueNode } from './ir.js';
import { resolveRange } from './literals.js';

/** The packet being tested and, for `${field}` references, the selected one. */
export interface EvaluationContext {
  readonly packet: FilterPacket;
  readonly selected?: FilterPacket;
}

type ValuesOf = (context: EvaluationContext) => RuntimeValue[];
export type Predicate = (context: EvaluationContext) => boolean;

const utf8 = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

function covered(occurrence: FieldOccurrence): Uint8Array {
  const end = Math.min(occurrence.offset + occurrence.length, occurrence.bytes.length);
  return occurrence.bytes.subarray(Math.min(occurrence.offset, end), end);
}

function readUnsigned(bytes: Uint8Array): number {
  let value = 0;
  for (const byte of bytes) value = value * 256 + byte;
  return value;
}

/** An occurrence as a runtime value of its field's type (see RuntimeValue). */
function occurrenceValue(type: FieldType, occurrence: FieldOccurrence): RuntimeValue {
  const value = occurrence.value;
  switch (family(type)) {
    case 'abs_time':
      // Dissectors give absolute times as bigint nanoseconds since the epoch; filters compare seconds.
      if (typeof value === 'bigint') return Number(value) / 1e9;
      if (typeof value === 'number') return value;
      return readUnsigned(covered(occurrence).subarray(0, 4));
    case 'integer': case 'float':
      if (typeof value === 'number') return value;
      if (typeof value === 'bigint') return Number(value);
      if (typeof value === 'boolean') return value ? 1 : 0;
      return readUnsigned(covered(occurrence).subarray(0, 4));
    case 'integer64':
      if (typeof value === 'bigint') return value;
      if (typeof value === 'number') return BigInt(Math.trunc(value));
      return BigInt(readUnsigned(covered(occurrence).subarray(0, 8)));
    case 'bool':
      if (value === undefined) return covered(occurrence).some((byte) => byte !== 0) ? 1 : 0;
      return value ? 1 : 0;
    case 'ipv4':
      return typeof value === 'number' ? value >>> 0 : readUnsigned(covered(occurrence).subarray(0, 4));
    case 'ipv6':
      return value instanceof Uint8Array ? value : covered(occurrence).subarray(0, 16);
    case 'bytes':
      if (type !== 'protocol' && value instanceof Uint8Array) return value;
      return covered(occurrence);
    case 'string':
      if (typeof value === 'string') return value;
      return utf8.decode(value instanceof Uint8Array ? value : covered(occurrence));
    case 'none':
      return 0;
  }
}

function selectLayers(occurrences: readonly FieldOccurrence[], layers: readonly IndexRange[] | undefined): readonly FieldOccurrence[] {
  if (!layers) return occurrences;
  const layerOf = (occurrence: FieldOccurrence, index: number) => occurrence.layer ?? index + 1;
  let highest = 0;
  occurrences.forEach((occurrence, index) => { highest = Math.max(highest, layerOf(occurrence, index)); });
  const wanted = new Set<number>();
  for (const range of layers) {
    // Layers count from 1; resolve against [1..highest] as a 0-based sequence, as slices do.
    const start = range.start > 0 ? range.start - 1 : range.start;
    const endInclusive = range.endInclusive !== undefined && range.endInclusive > 0 ? range.endInclusive - 1 : range.endInclusive;
    const resolved = resolveRange({ ...range, start, endInclusive }, highest);
    if (resolved) for (let layer = resolved[0] + 1; layer <= resolved[1]; layer++) wanted.add(layer);
  }
  return occurrences.filter((occurrence, index) => wanted.has(layerOf(occurrence, index)));
}

function sliceValue(value: RuntimeValue, ranges: readonly IndexRange[]): RuntimeValue | undefined {
  if (typeof value === 'string') {
    const characters = Array.from(value);
    let text = '';
    for (const range of ranges) {
      const resolved = resolveRange(range, characters.length);
      if (!resolved) return undefined;
      text += characters.slice(resolved[0], resolved[1]).join('');
    }
    return text;
  }
  const bytes = toBytes(value);
  if (!bytes) return undefined;
  const parts: Uint8Array[] = [];
  for (const range of ranges) {
    const resolved = resolveRange(range, bytes.length);
    if (!resolved) return undefined;
    parts.push(bytes.subarray(resolved[0], resolved[1]));
  }
  if (parts.length === 1) return parts[0];
  const joined = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) { joined.set(part, offset); offset += part.length; }
  return joined;
}

function toBytes(value: RuntimeValue): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'number') return Uint8Array.of(value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255);
  if (typeof value === 'string') return utf8Encoder.encode(value);
  return undefined;
}

function isNetwork(value: RuntimeValue): value is Network {
  return typeof value === 'object' && !(value instanceof Uint8Array) && !(value instanceof RegExp);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return a[index] < b[index] ? -1 : 1;
  return 0;
}

function maskedIpv6(bytes: Uint8Array, bits: number): Uint8Array {
  const masked = new Uint8Array(16);
  for (let index = 0; index < 16; index++) {
    const keep = Math.max(0, Math.min(8, bits - index * 8));
    masked[index] = bytes[index] & ((0xff << (8 - keep)) & 0xff);
  }
  return masked;
}

/** Orders two values of one type: negative, zero or positive; NaN when unordered (NaN doubles). */
function order(a: RuntimeValue, b: RuntimeValue): number {
  if (isNetwork(a) || isNetwork(b)) {
    const bitsA = isNetwork(a) ? a.bits : typeof a === 'number' ? 32 : 128;
    const bitsB = isNetwork(b) ? b.bits : typeof b === 'number' ? 32 : 128;
    const addressA = isNetwork(a) ? a.address : a;
    const addressB = isNetwork(b) ? b.address : b;
    const bits = Math.min(bitsA, bitsB);
    if (typeof addressA === 'number' && typeof addressB === 'number') {
      const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
      return ((addressA & mask) >>> 0) - ((addressB & mask) >>> 0);
    }
    if (addressA instanceof Uint8Array && addressB instanceof Uint8Array) return compareBytes(maskedIpv6(addressA, bits), maskedIpv6(addressB, bits));
    return NaN;
  }
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    if (typeof a === 'number' && !Number.isInteger(a)) return a - Number(b);
    if (typeof b === 'number' && !Number.isInteger(b)) return Number(a) - b;
    const x = BigInt(a as number | bigint);
    const y = BigInt(b as number | bigint);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const bytesA = toBytes(a);
  const bytesB = toBytes(b);
  if (bytesA && bytesB) return compareBytes(bytesA, bytesB);
  return NaN;
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  if (needle.length === 0) return 0;
  outer: for (let start = 0; start + needle.length <= haystack.length; start++) {
    for (let index = 0; index < needle.length; index++) if (haystack[start + index] !== needle[index]) continue outer;
    return start;
  }
  return -1;
}

function contains(a: RuntimeValue, b: RuntimeValue): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.includes(b);
  const haystack = toBytes(a);
  const needle = toBytes(b);
  return haystack !== undefined && needle !== undefined && indexOfBytes(haystack, needle) >= 0;
}

function matches(a: RuntimeValue, pattern: RuntimeValue): boolean {
  if (!(pattern instanceof RegExp)) return false;
  const text = typeof a === 'string' ? a : a instanceof Uint8Array ? utf8.decode(a) : String(a);
  return pattern.test(text);
}

const relations: Record<string, (a: RuntimeValue, b: RuntimeValue) => boolean> = {
  eq: (a, b) => order(a, b) === 0,
  ne: (a, b) => { const result = order(a, b); return result !== 0 && !Number.isNaN(result); },
  gt: (a, b) => order(a, b) > 0,
  ge: (a, b) => order(a, b) >= 0,
  lt: (a, b) => order(a, b) < 0,
  le: (a, b) => order(a, b) <= 0,
  contains,
  matches,
};

function truthy(value: RuntimeValue): boolean {
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'bigint') return value !== 0n;
  if (value instanceof Uint8Array) return value.some((byte) => byte !== 0);
  return Boolean(value);
}

function isIntegerType(type: FieldType): boolean {
  const kind = family(type);
  return kind === 'integer' || kind === 'integer64';
}

function arithmetic(op: string, type: FieldType, a: RuntimeValue, b: RuntimeValue): RuntimeValue | undefined {
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    const x = toBytes(a);
    const y = toBytes(b);
    if (!x || !y || op !== '&') return undefined;
    const result = new Uint8Array(Math.min(x.length, y.length));
    for (let index = 0; index < result.length; index++) result[index] = x[index] & y[index];
    return result;
  }
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    const x = BigInt(a as number | bigint);
    const y = BigInt(b as number | bigint);
    switch (op) {
      case '+': return x + y;
      case '-': return x - y;
      case '*': return x * y;
      case '/': return y === 0n ? undefined : x / y;
      case '%': return y === 0n ? undefined : x % y;
      default: return x & y;
    }
  }
  if (typeof a !== 'number' || typeof b !== 'number') return undefined;
  const integer = isIntegerType(type);
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return b === 0 ? undefined : integer ? Math.trunc(a / b) : a / b;
    case '%': return b === 0 ? undefined : a % b;
    default: return Number((BigInt(Math.trunc(a)) & BigInt(Math.trunc(b))));
  }
}

function valueText(type: FieldType, value: RuntimeValue): string {
  if (type === 'ipv4' && typeof value === 'number') return ipv4ToString(value);
  if (type === 'ipv6' && value instanceof Uint8Array) return ipv6ToString(value);
  if (value instanceof Uint8Array) return bytesToHex(value, 0, value.length, ':');
  return String(value);
}

function fieldValues(node: Extract<ValueNode, { kind: 'field' | 'reference' }>): ValuesOf {
  const { field, layers, type } = node;
  const fromReference = node.kind === 'reference';
  return (context) => {
    const packet = fromReference ? context.selected : context.packet;
    if (!packet) return [];
    return selectLayers(packet.values(field), layers).map((occurrence) => occurrenceValue(type, occurrence));
  };
}

/** Compiles a value node to a function giving its elements in a packet. */
export function compileValue(node: ValueNode): ValuesOf {
  switch (node.kind) {
    case 'field': case 'reference':
      return fieldValues(node);
    case 'constant': {
      const values = [node.value];
      return () => values;
    }
    case 'slice': {
      const { of, ranges } = node;
      if (of.kind === 'field' && of.type !== 'string') {
        const { field, layers } = of;
        return (context) => {
          const result: RuntimeValue[] = [];
          for (const occurrence of selectLayers(context.packet.values(field), layers)) {
            const sliced = sliceValue(covered(occurrence), ranges);
            if (sliced !== undefined) result.push(sliced);
          }
          return result;
        };
      }
      const inner = compileValue(of);
      return (context) => {
        const result: RuntimeValue[] = [];
        for (const value of inner(context)) {
          const sliced = sliceValue(value, ranges);
          if (sliced !== undefined) result.push(sliced);
        }
        return result;
      };
    }
    case 'arithmetic': {
      const left = compileValue(node.left);
      const right = compileValue(node.right);
      const { op, type } = node;
      return (context) => {
        const result: RuntimeValue[] = [];
        const rights = right(context);
        for (const a of left(context)) {
          for (const b of rights) {
            const value = arithmetic(op, type, a, b);
            if (value !== undefined) result.push(value);
          }
        }
        return result;
      };
    }
    case 'negate': {
      const operand = compileValue(node.operand);
      return (context) => operand(context).map((value) => (typeof value === 'bigint' ? -value : -(value as number)));
    }
    case 'function':
      return compileFunction(node);
  }
}

function compileFunction(node: Extract<ValueNode, { kind: 'function' }>): ValuesOf {
  const args = node.args.map(compileValue);
  const first = args[0];
  switch (node.name) {
    case 'count': {
      const arg = node.args[0] as Extract<ValueNode, { kind: 'field' }>;
      return (context) => [selectLayers(context.packet.values(arg.field), arg.layers).length];
    }
    case 'len': {
      const arg = node.args[0] as Extract<ValueNode, { kind: 'field' }>;
      return (context) => selectLayers(context.packet.values(arg.field), arg.layers).map((occurrence) => {
        const value = occurrenceValue(arg.type, occurrence);
        if (typeof value === 'string') return utf8Encoder.encode(value).length;
        if (value instanceof Uint8Array) return value.length;
        return occurrence.length;
      });
    }
    case 'upper':
      return (context) => first(context).map((value) => String(value).toUpperCase());
    case 'lower':
      return (context) => first(context).map((value) => String(value).toLowerCase());
    case 'string': {
      const type = node.args[0].type;
      return (context) => first(context).map((value) => valueText(type, value));
    }
    case 'abs':
      return (context) => first(context).map((value) => (typeof value === 'bigint' ? (value < 0n ? -value : value) : Math.abs(value as number)));
    case 'min': case 'max': {
      const sign = node.name === 'min' ? -1 : 1;
      return (context) => {
        let best: RuntimeValue | undefined;
        for (const arg of args) {
          for (const value of arg(context)) if (best === undefined || order(value, best) * sign > 0) best = value;
        }
        return best === undefined ? [] : [best];
      };
    }
  }
}

/** Compiles a test to a predicate over packets. */
export function compileTest(node: FilterNode): Predicate {
  switch (node.kind) {
    case 'true':
      return () => true;
    case 'and': {
      const left = compileTest(node.left);
      const right = compileTest(node.right);
      return (context) => left(context) && right(context);
    }
    case 'or': {
      const left = compileTest(node.left);
      const right = compileTest(node.right);
      return (context) => left(context) || right(context);
    }
    case 'not': {
      const operand = compileTest(node.operand);
      return (context) => !operand(context);
    }
    case 'exists': {
      const value = node.value;
      if (value.kind === 'field' && !value.layers) {
        const field = value.field;
        return (context) => context.packet.values(field).length > 0;
      }
      const values = compileValue(value);
      return (context) => values(context).length > 0;
    }
    case 'truthy': {
      const values = compileValue(node.value);
      return (context) => values(context).some(truthy);
    }
    case 'compare': {
      const left = compileValue(node.left);
      const right = compileValue(node.right);
      const relation = relations[node.op];
      if (node.quantifier === 'any') {
        return (context) => {
          const rights = right(context);
          if (rights.length === 0) return false;
          return left(context).some((a) => rights.some((b) => relation(a, b)));
        };
      }
      return (context) => {
        const lefts = left(context);
        const rights = right(context);
        if (lefts.length === 0 || rights.length === 0) return false;
        return lefts.every((a) => rights.every((b) => relation(a, b)));
      };
    }
    case 'in': {
      const values = compileValue(node.value);
      const members = node.set.map((member) => ({ low: compileValue(member.low), high: member.high ? compileValue(member.high) : undefined }));
      const inSet = (context: EvaluationContext, value: RuntimeValue) => members.some(({ low, high }) => {
        if (!high) return low(context).some((bound) => order(value, bound) === 0);
        return low(context).some((lower) => order(value, lower) >= 0) && high(context).some((upper) => order(value, upper) <= 0);
      });
      return (context) => {
        const elements = values(context);
        if (elements.length === 0) return false;
        return node.quantifier === 'all' ? elements.every((value) => inSet(context, value)) : elements.some((value) => inSet(context, value));
      };
    }
  }
}
