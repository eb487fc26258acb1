import { valueName, type Field } from './fields.js';
import type { FieldValue } from './sink.js';

/** Dotted quad from an unsigned 32-bit number. */
export function ipv4ToString(address: number): string {
  return `${address >>> 24}.${(address >>> 16) & 255}.${(address >>> 8) & 255}.${address & 255}`;
}

/** RFC 5952 text form: lower case, longest run of two or more zero groups as `::`. */
export function ipv6ToString(bytes: Uint8Array, offset = 0): string {
  const groups: number[] = [];
  for (let index = 0; index < 8; index++) groups.push((bytes[offset + index * 2] << 8) | bytes[offset + index * 2 + 1]);
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; ) {
    if (groups[start] !== 0) { start++; continue; }
    let end = start;
    while (end < 8 && groups[end] === 0) end++;
    if (end - start > bestLength) { bestStart = start; bestLength = end - start; }
    start = end;
  }
  // IPv4-mapped and IPv4-compatible addresses keep their dotted tail, as Wireshark prints them.
  const dottedTail = bestStart === 0 && (bestLength === 6 || (bestLength === 5 && groups[5] === 0xffff));
  if (dottedTail) {
    const tail = `${bytes[offset + 12]}.${bytes[offset + 13]}.${bytes[offset + 14]}.${bytes[offset + 15]}`;
    return bestLength === 6 ? `::${tail}` : `::ffff:${tail}`;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

export function etherToString(bytes: Uint8Array, offset = 0): string {
  return bytesToHex(bytes, offset, 6, ':');
}

export function bytesToHex(bytes: Uint8Array, offset: number, length: number, separator = ''): string {
  let text = '';
  for (let index = 0; index < length; index++) {
    if (index > 0) text += separator;
    const byte = bytes[offset + index];
    text += (byte < 16 ? '0' : '') + byte.toString(16);
  }
  return text;
}

/**
 * Addresses, bytes and strings read the same in the tree and in `-T fields`: the value the
 * dissector gave, or the item's bytes when it left the value to be read from them.
 */
export function addressOrBytesText(type: 'ipv4' | 'ipv6' | 'ether' | 'bytes' | 'string', value: FieldValue, bytes: Uint8Array, offset: number, length: number): string {
  switch (type) {
    case 'ipv4':
      return ipv4ToString(typeof value === 'number' ? value : (((bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3]) >>> 0));
    case 'ipv6':
      return value instanceof Uint8Array ? ipv6ToString(value) : ipv6ToString(bytes, offset);
    case 'ether':
      return value instanceof Uint8Array ? etherToString(value) : etherToString(bytes, offset);
    case 'bytes':
      return value instanceof Uint8Array ? bytesToHex(value, 0, value.length) : bytesToHex(bytes, offset, length);
    case 'string':
      return String(value ?? '');
  }
}

const hexWidthByType: Partial<Record<Field['type'], number>> = { uint8: 2, uint16: 4, uint24: 6, uint32: 8, uint64: 16 };

/** Hex digits Wireshark shows for a field: from its bitmask when it has one, else its type. */
export function hexDigits(field: Field): number {
  if (field.bitmask) {
    const bits = 32 - Math.clz32(field.bitmask) - ctz(field.bitmask);
    return Math.max(1, Math.ceil(bits / 4));
  }
  return hexWidthByType[field.type] ?? 2;
}

function ctz(value: number): number {
  return value === 0 ? 32 : 31 - Math.clz32(value & -value);
}

export function hex(value: number | bigint, digits: number): string {
  return `0x${value.toString(16).padStart(digits, '0')}`;
}

/** The integer part of a tree label: "443", "0x0800", "0x1c46 (7238)". */
function integerText(field: Field, value: number | bigint): string {
  const digits = hexDigits(field);
  switch (field.base) {
    case 'hex': return hex(value, digits);
    case 'oct': return `0${value.toString(8)}`;
    case 'dec_hex': return `${value} (${hex(value, digits)})`;
    case 'hex_dec': return `${hex(value, digits)} (${value})`;
    default: return value.toString();
  }
}

/**
 * The value as the detail tree shows it (not as `-T fields` prints it). `bytes` and `offset`
 * give the item's bytes, for values the dissector left to be read from them.
 */
export function displayValue(field: Field, value: FieldValue, bytes: Uint8Array, offset: number, length: number): string {
  switch (field.type) {
    case 'none':
    case 'protocol':
      return '';
    case 'bool': {
      const [yes, no] = field.trueFalse ?? ['True', 'False'];
      return value ? yes : no;
    }
    case 'ipv4':
    case 'ipv6':
    case 'ether':
    case 'bytes':
    case 'string':
      return addressOrBytesText(field.type, value, bytes, offset, length);
    case 'abs_time':
      return absoluteTimeText(BigInt(value as bigint));
    case 'rel_time':
      return `${Number(value).toFixed(9)} seconds`;
    case 'double':
      return String(value);
    default: {
      if (typeof value !== 'number' && typeof value !== 'bigint') return String(value ?? '');
      const name = typeof value === 'number' ? valueName(field.values, value) : undefined;
      const number = integerText(field, value);
      return name === undefined ? number : `${name} (${number})`;
    }
  }
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Splits nanoseconds since the epoch into whole seconds and the nanoseconds within the second. */
export function splitEpochNanoseconds(epochNanoseconds: bigint): [seconds: number, nanoseconds: number] {
  const seconds = epochNanoseconds / 1_000_000_000n;
  let nanos = epochNanoseconds - seconds * 1_000_000_000n;
  let whole = Number(seconds);
  if (nanos < 0n) { nanos += 1_000_000_000n; whole -= 1; }
  return [whole, Number(nanos)];
}

/** "Nov 22, 2026 02:31:32.123456789 UTC", Wireshark's absolute time in UTC. */
export function absoluteTimeText(epochNanoseconds: bigint): string {
  const [whole, nanos] = splitEpochNanoseconds(epochNanoseconds);
  const date = new Date(whole * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${months[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, ' ')}, ${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${String(nanos).padStart(9, '0')} UTC`;
}

/** ".... ..1. " style bit picture of `mask` within a `bits`-wide integer, Wireshark's layout. */
export function bitPicture(raw: number, mask: number, bits: number): string {
  let text = '';
  for (let bit = bits - 1; bit >= 0; bit--) {
    text += (mask >>> bit) & 1 ? String((raw >>> bit) & 1) : '.';
    if (bit % 4 === 0 && bit > 0) text += ' ';
  }
  return text;
}
