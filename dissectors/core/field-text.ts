import type { Field } from './fields.js';
import { absoluteTimeText, addressOrBytesText, hex, splitEpochNanoseconds } from './format.js';
import type { FieldValue } from './sink.js';

/** Hex digits tshark's `-T fields` prints for a hex integer: the type's full width. */
const fieldsHexDigits: Partial<Record<Field['type'], number>> = { uint8: 2, uint16: 4, uint24: 6, uint32: 8, uint64: 16 };

/**
 * A field occurrence as tshark 4.0 prints it with `-T fields` (and in `-T json` values):
 * integers by base (hex at the type's full width, `0x0012` for tcp.flags), booleans 1/0,
 * addresses in their usual text, bytes as plain lower-case hex, epoch time with 9 decimals.
 * `bytes`/`offset`/`length` locate the occurrence, for values left to be read from the bytes.
 */
export function fieldText(field: Field, value: FieldValue, bytes: Uint8Array, offset: number, length: number): string {
  switch (field.type) {
    case 'none':
    case 'protocol':
      return '';
    case 'bool':
      return value ? '1' : '0';
    case 'ipv4':
    case 'ipv6':
    case 'ether':
    case 'bytes':
    case 'string':
      return addressOrBytesText(field.type, value, bytes, offset, length);
    case 'abs_time':
      return field.abbrev === 'frame.time_epoch' ? epochText(BigInt(value as bigint)) : absoluteTimeText(BigInt(value as bigint));
    case 'rel_time':
      return Number(value).toFixed(9);
    case 'double':
      return String(value);
    default: {
      if (typeof value !== 'number' && typeof value !== 'bigint') return String(value ?? '');
      if (field.base === 'hex' || field.base === 'hex_dec') return hex(value, fieldsHexDigits[field.type] ?? 2);
      if (field.base === 'oct') return `0${value.toString(8)}`;
      return value.toString();
    }
  }
}

/** Seconds since the epoch with exactly nine decimals, as tshark prints frame.time_epoch. */
export function epochText(epochNanoseconds: bigint): string {
  const [whole, nanos] = splitEpochNanoseconds(epochNanoseconds);
  return `${whole}.${String(nanos).padStart(9, '0')}`;
}
