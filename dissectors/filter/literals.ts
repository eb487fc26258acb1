import type { Field, FieldType } from '../core/fields.js';
import { fail, type Span } from './errors.js';
import { typeName, type IndexRange, type Network, type RuntimeValue } from './ir.js';
import { parseIpv6Text } from './scanner.js';

/** An untyped value as written: a bare word, a quoted string or a character constant. */
export type Literal =
  | { readonly kind: 'word'; readonly text: string; readonly span: Span }
  | { readonly kind: 'string'; readonly bytes: Uint8Array; readonly text: string; readonly span: Span }
  | { readonly kind: 'char'; readonly value: number; readonly text: string; readonly span: Span };

const utf8 = new TextDecoder('utf-8');
export const decodeUtf8 = (bytes: Uint8Array): string => utf8.decode(bytes);

const integerLimits: Partial<Record<FieldType, [bigint, bigint]>> = {
  uint8: [0n, 0xffn], uint16: [0n, 0xffffn], uint24: [0n, 0xffffffn], uint32: [0n, 0xffffffffn], framenum: [0n, 0xffffffffn],
  uint64: [0n, 0xffffffffffffffffn],
  int8: [-0x80n, 0x7fn], int16: [-0x8000n, 0x7fffn], int32: [-0x80000000n, 0x7fffffffn], int64: [-0x8000000000000000n, 0x7fffffffffffffffn],
};

/** C-style integer text (decimal, 0x hex, 0b binary, 0 octal, optional sign) to a bigint. */
export function parseInteger(text: string): bigint | undefined {
  const match = /^([+-]?)(0[xX][0-9A-Fa-f]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!match) return undefined;
  const digits = match[2];
  let value: bigint;
  if (/^0[bB]/.test(digits)) value = BigInt(digits);
  else if (/^0[xX]/.test(digits)) value = BigInt(digits);
  else if (digits.length > 1 && digits[0] === '0') value = BigInt(`0o${digits.slice(1)}`);
  else value = BigInt(digits);
  return match[1] === '-' ? -value : value;
}

function integerFromBigint(type: FieldType, value: bigint, literal: Literal): number | bigint {
  const limits = integerLimits[type];
  if (limits) {
    // Negative values for unsigned fields pass (tshark accepts `tcp.srcport == -1`; it never matches).
    if (value > limits[1]) fail(`"${literal.text}" too big for this field, maximum ${limits[1]}.`, literal.span);
    if (value < limits[0] && limits[0] < 0n) fail(`"${literal.text}" too small for this field, minimum ${limits[0]}.`, literal.span);
  }
  return type === 'uint64' || type === 'int64' ? value : Number(value);
}

/** Reverse value-name lookup (Wireshark matches value strings case-insensitively). */
function valueByName(field: Field, name: string): number | undefined {
  const names = field.values;
  if (!names) return undefined;
  const wanted = name.toLowerCase();
  if (typeof names === 'function') {
    const limit = field.type === 'uint8' || field.type === 'int8' ? 0x100 : field.type === 'uint16' || field.type === 'int16' ? 0x10000 : 0;
    for (let value = 0; value < limit; value++) if (names(value)?.toLowerCase() === wanted) return value;
    return undefined;
  }
  for (const key of Object.keys(names)) {
    if (names[Number(key)].toLowerCase() === wanted) return Number(key);
  }
  return undefined;
}

function fromString(type: FieldType, literal: Literal): never {
  fail(`${typeName(type)} cannot be converted from a string ("${literal.text.replace(/^[rR]?"|"$/g, '')}").`, literal.span);
}

function notAmongValues(field: Field | undefined, literal: Literal, text: string): never {
  fail(`"${text}" cannot be found among the possible values for ${field?.abbrev ?? 'this field'}.`, literal.span);
}

function convertInteger(type: FieldType, literal: Literal, field: Field | undefined): number | bigint {
  if (literal.kind === 'char') return integerFromBigint(type, BigInt(literal.value), literal);
  if (literal.kind === 'string') {
    const text = decodeUtf8(literal.bytes);
    if (!field?.values) fromString(type, literal);
    const value = valueByName(field, text);
    if (value === undefined) notAmongValues(field, literal, text);
    return integerFromBigint(type, BigInt(value), literal);
  }
  const value = parseInteger(literal.text);
  if (value !== undefined) return integerFromBigint(type, value, literal);
  const named = field ? valueByName(field, literal.text) : undefined;
  if (named !== undefined) return integerFromBigint(type, BigInt(named), literal);
  fail(`"${literal.text}" is not a valid number.`, literal.span);
}

function convertBool(literal: Literal, field: Field | undefined): number {
  const [yes, no] = field?.trueFalse ?? ['True', 'False'];
  if (literal.kind === 'char') return literal.value === 0 ? 0 : 1;
  const text = literal.kind === 'string' ? decodeUtf8(literal.bytes) : literal.text;
  if (literal.kind === 'word') {
    if (text === 'True' || text === 'TRUE') return 1;
    if (text === 'False' || text === 'FALSE') return 0;
    const number = parseInteger(text);
    if (number !== undefined) return number === 0n ? 0 : 1;
  }
  if (text === yes) return 1;
  if (text === no) return 0;
  notAmongValues(field, literal, text);
}

function convertFloat(type: FieldType, literal: Literal): number {
  if (literal.kind === 'string') fromString(type, literal);
  if (literal.kind === 'char') return literal.value;
  const text = literal.text;
  if (/^[+-]?(inf|infinity)$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(text)) return NaN;
  const integer = parseInteger(text);
  if (integer !== undefined) return Number(integer);
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Number(text);
  fail(`"${text}" is not a valid number.`, literal.span);
}

export function parseIpv4Text(text: string): number | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1).map(Number);
  if (octets.some((octet) => octet > 255)) return undefined;
  return ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
}

function convertIpv4(literal: Literal): number | Network {
  if (literal.kind !== 'word') fromString('ipv4', literal);
  const [host, bitsText, extra] = literal.text.split('/');
  const address = parseIpv4Text(host);
  if (address === undefined || extra !== undefined || (bitsText !== undefined && !/^\d+$/.test(bitsText))) {
    fail(`"${literal.text}" is not a valid hostname or IPv4 address.`, literal.span);
  }
  if (bitsText === undefined) return address;
  const bits = Number(bitsText);
  if (bits > 32) fail(`Netmask bits in a CIDR IPv4 address should be <= 32, not ${bits}`, literal.span);
  return { address, bits };
}

function convertIpv6(literal: Literal): Uint8Array | Network {
  if (literal.kind !== 'word') fromString('ipv6', literal);
  const [host, bitsText, extra] = literal.text.split('/');
  const address = parseIpv6Text(host);
  if (!address || extra !== undefined || (bitsText !== undefined && !/^\d+$/.test(bitsText))) {
    fail(`"${literal.text}" is not a valid hostname or IPv6 address.`, literal.span);
  }
  if (bitsText === undefined) return address;
  const bits = Number(bitsText);
  if (bits > 128) fail(`Prefix in a IPv6 address should be <= 128, not ${bits}`, literal.span);
  return { address, bits };
}

/**
 * Byte-string text: hex pairs separated by `:`, `-` or `.` (one or two digits per group), or
 * an unseparated even run of hex digits (optionally after a leading `:`), or a 0x integer that
 * fits in one byte.
 */
export function parseByteString(text: string): Uint8Array | undefined {
  if (/^0[xX][0-9A-Fa-f]{1,2}$/.test(text)) return Uint8Array.of(parseInt(text.slice(2), 16));
  const body = text.startsWith(':') ? text.slice(1) : text;
  if (body === '') return undefined;
  if (/^[0-9A-Fa-f]+$/.test(body)) {
    if (body.length > 2 && body.length % 2 !== 0) return undefined;
    const bytes = new Uint8Array(Math.ceil(body.length / 2));
    for (let index = 0; index < bytes.length; index++) bytes[index] = parseInt(body.slice(index * 2, index * 2 + 2), 16);
    return bytes;
  }
  // Cisco-style dotted quads of hex digits: 0011.2233.4455.
  if (/^[0-9A-Fa-f]{4}(\.[0-9A-Fa-f]{4})+$/.test(body)) return parseByteString(body.replace(/\./g, ''));
  const separator = /[:.-]/.exec(body)![0];
  const groups = body.split(separator);
  if (groups.some((group) => !/^[0-9A-Fa-f]{1,2}$/.test(group))) return undefined;
  return Uint8Array.from(groups.map((group) => parseInt(group, 16)));
}

function convertBytes(type: FieldType, literal: Literal): Uint8Array {
  if (literal.kind === 'string') return literal.bytes;
  if (literal.kind === 'char') return Uint8Array.of(literal.value);
  const bytes = parseByteString(literal.text);
  if (type === 'ether') {
    if (!bytes) fail(`"${literal.text}" is not a valid Ethernet address.`, literal.span);
    if (bytes.length < 6) fail(`"${literal.text}" contains too few bytes to be a valid Ethernet address.`, literal.span);
    if (bytes.length > 6) fail(`"${literal.text}" contains too many bytes to be a valid Ethernet address.`, literal.span);
    return bytes;
  }
  if (bytes) return bytes;
  // tshark 4.0 also takes a small integer in any base as one byte (`frame[15] == 153`).
  const number = parseInteger(literal.text);
  if (number !== undefined && number >= 0n && number <= 255n) return Uint8Array.of(Number(number));
  fail(`"${literal.text}" is not a valid byte string.`, literal.span);
}

const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Absolute times as 4.0 reads them: "Sep 26, 2004 23:18:04.954975" or ISO 8601
 * "2004-09-26[T ]23:18:04.954975", local time unless followed by "UTC" (or "Z" for ISO).
 * Returns seconds since the epoch.
 */
export function parseAbsoluteTime(text: string, span: Span): number {
  const invalid: () => never = () => fail(`"${text}" is not a valid absolute time. Example: "Nov 12, 1999 08:55:44.123" or "2011-07-04 12:34:56"`, span);
  const legacy = /^\s*([A-Za-z]{3})\s+(\d{1,2}),\s*(\d{4})\s+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(\.\d*)?/.exec(text);
  const iso = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(\.\d*)?)?/.exec(text);
  let parts: number[];
  let fraction: string | undefined;
  let hasSeconds: boolean;
  let rest: string;
  let utcPattern: RegExp;
  if (legacy) {
    const month = monthNames.indexOf(legacy[1].toLowerCase());
    if (month < 0) invalid();
    parts = [Number(legacy[3]), month, Number(legacy[2]), Number(legacy[4]), Number(legacy[5]), Number(legacy[6] ?? 0)];
    fraction = legacy[7];
    hasSeconds = legacy[6] !== undefined;
    rest = text.slice(legacy[0].length);
    utcPattern = /^\s+UTC\s*$/;
  } else if (iso) {
    parts = [Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]), Number(iso[4] ?? 0), Number(iso[5] ?? 0), Number(iso[6] ?? 0)];
    fraction = iso[7];
    hasSeconds = iso[6] !== undefined;
    rest = text.slice(iso[0].length);
    utcPattern = /^\s*(?:Z|UTC)\s*$/;
  } else {
    invalid();
  }
  if (fraction !== undefined && !hasSeconds) fail('Subsecond precision requires a seconds field.', span);
  const [year, month, day, hour, minute, second] = parts;
  if (month > 11 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) invalid();
  const utc = utcPattern.test(rest);
  if (!utc && rest.trim() !== '') fail('Unexpected data after time value.', span);
  const milliseconds = utc ? Date.UTC(year, month, day, hour, minute, second) : new Date(year, month, day, hour, minute, second).getTime();
  const whole = Math.floor(milliseconds / 1000);
  const nanoseconds = fraction && fraction.length > 1 ? Number(fraction.slice(1, 10).padEnd(9, '0')) : 0;
  return whole + nanoseconds / 1e9;
}

function convertAbsoluteTime(literal: Literal, field: Field | undefined): number {
  if (literal.kind === 'char') fail(`"${literal.text}" is not a valid absolute time. Example: "Nov 12, 1999 08:55:44.123" or "2011-07-04 12:34:56"`, literal.span);
  const text = literal.kind === 'string' ? decodeUtf8(literal.bytes) : literal.text;
  // Fields shown as seconds since the epoch (frame.time_epoch) take that form as a literal too.
  if (field?.timeDisplay === 'epoch' && /^\d+(\.\d+)?$/.test(text.trim())) return Number(text);
  return parseAbsoluteTime(text, literal.span);
}

function convertString(literal: Literal): string {
  if (literal.kind === 'string') return decodeUtf8(literal.bytes);
  if (literal.kind === 'char') return String.fromCharCode(literal.value);
  return literal.text;
}

/**
 * Converts a literal to a value of `type`, the way dfilter converts the right side of a
 * comparison to the left side's type. `field` supplies value names and true/false strings.
 */
export function convertLiteral(type: FieldType, literal: Literal, field: Field | undefined): RuntimeValue {
  switch (type) {
    case 'uint8': case 'uint16': case 'uint24': case 'uint32': case 'uint64':
    case 'int8': case 'int16': case 'int32': case 'int64': case 'framenum':
      return convertInteger(type, literal, field);
    case 'bool': return convertBool(literal, field);
    case 'double': case 'rel_time': return convertFloat(type, literal);
    case 'abs_time': return convertAbsoluteTime(literal, field);
    case 'ipv4': return convertIpv4(literal);
    case 'ipv6': return convertIpv6(literal);
    case 'ether': case 'bytes': case 'protocol': return convertBytes(type, literal);
    case 'string': return convertString(literal);
    case 'none': fail(`${literal.text} cannot be compared with a label.`, literal.span);
  }
}

/** Parses one slice or layer range: `i:j`, `i-j`, `i`, `:j`, `i:` (offsets may be negative). */
export function parseRange(text: string, span: Span): IndexRange {
  const trimmed = text.trim();
  const number = (part: string): number => {
    if (!/^-?\d+$/.test(part)) fail(`"${part}" is not a valid number.`, span);
    return Number(part);
  };
  let match = /^(-?\d*)\s*:\s*(-?\d*)$/.exec(trimmed);
  if (match) {
    const start = match[1] === '' ? 0 : number(match[1]);
    if (match[2] === '') return { start };
    const length = number(match[2]);
    if (length <= 0) fail(`Range ${trimmed} isn't valid because length ${length} isn't positive`, span);
    return { start, length };
  }
  match = /^(-?\d+)\s*-\s*(-?\d+)$/.exec(trimmed);
  if (match) return { start: number(match[1]), endInclusive: number(match[2]) };
  return { start: number(trimmed), length: 1 };
}

/** Resolves a range against a sequence of `total` elements: [from, to) or undefined when out of bounds. */
export function resolveRange(range: IndexRange, total: number): [number, number] | undefined {
  const from = range.start < 0 ? total + range.start : range.start;
  let to: number;
  if (range.length !== undefined) to = from + range.length;
  else if (range.endInclusive !== undefined) to = (range.endInclusive < 0 ? total + range.endInclusive : range.endInclusive) + 1;
  else to = total;
  if (from < 0 || to > total || from >= to) return undefined;
  return [from, to];
}

