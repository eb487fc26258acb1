import type { FieldInfo, TreeItem } from '../../engine/api/contract';
import { bytesToHex, etherToString, hexDigits, ipv4ToString, ipv6ToString, registry } from '../../dissectors/core/index';

/**
 * The display filter Wireshark's "Apply as Filter › Selected" builds for a tree item:
 * `abbrev == value` with the value written the way the filter language reads it, or the bare
 * protocol/field name when the item has no comparable value. Null for text-only lines.
 */
export function filterForItem(item: TreeItem, field: FieldInfo | undefined, sourceBytes: Uint8Array | undefined): string | null {
  if (item.field < 0 || !field) return null;
  const value = filterValue(item, field, sourceBytes);
  return value === null ? field.abbrev : `${field.abbrev} == ${value}`;
}

/** The value as the filter language writes it, or null (presence only). */
export function filterValue(item: TreeItem, field: FieldInfo, sourceBytes: Uint8Array | undefined): string | null {
  const bytes = sourceBytes && item.offset + item.length <= sourceBytes.length ? sourceBytes : undefined;
  switch (field.type) {
    case 'protocol':
    case 'none':
      return null;
    case 'bool':
      return item.value === undefined ? null : item.value === true || item.value === 1 ? '1' : '0';
    case 'ipv4':
      return typeof item.value === 'number' ? ipv4ToString(item.value >>> 0) : null;
    case 'ipv6':
      return bytes && item.length === 16 ? ipv6ToString(bytes, item.offset) : typeof item.value === 'string' ? item.value : null;
    case 'ether':
      return bytes && item.length === 6 ? etherToString(bytes, item.offset) : typeof item.value === 'string' ? item.value : null;
    case 'bytes':
      if (typeof item.value === 'string') return item.value;
      return bytes && item.length > 0 ? bytesToHex(bytes, item.offset, item.length, ':') : null;
    case 'string':
      return typeof item.value === 'string' ? quote(item.value) : null;
    default:
      return typeof item.value === 'number' ? integerText(field, item.value) : null;
  }
}

/** Hex for fields Wireshark shows in hex (eth.type == 0x0800), decimal otherwise. */
function integerText(field: FieldInfo, value: number): string {
  const declared = registry.find(field.abbrev);
  const base = declared?.base;
  if (declared && (base === 'hex' || base === 'hex_dec') && Number.isInteger(value) && value >= 0) {
    return `0x${value.toString(16).padStart(hexDigits(declared), '0')}`;
  }
  return String(value);
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
