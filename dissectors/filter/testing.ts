import type { Field, FieldOptions, FieldType } from '../core/fields.js';
import type { FieldValue } from '../core/sink.js';
import type { FieldOccurrence, FilterPacket } from './ir.js';
import type { FieldLookup } from './semantic.js';

/**
 * A private field table for tests: fields here never enter the global registry, so tests can
 * use Wireshark's real abbrevs without colliding with the dissectors' declarations.
 */
export class TestFields implements FieldLookup {
  private readonly byAbbrev = new Map<string, Field>();

  declare(abbrev: string, type: FieldType, options: FieldOptions = {}): Field {
    const protocol = abbrev.includes('.') ? abbrev.slice(0, abbrev.indexOf('.')) : abbrev;
    const field: Field = { ...options, id: 1_000_000 + this.byAbbrev.size, abbrev, name: abbrev, type, protocol };
    this.byAbbrev.set(abbrev, field);
    return field;
  }

  find(abbrev: string): Field | undefined {
    return this.byAbbrev.get(abbrev);
  }

  all(): readonly Field[] {
    return [...this.byAbbrev.values()];
  }
}

/** A hand-built packet: occurrences per field abbrev, all pointing into `bytes`. */
export class TestPacket implements FilterPacket {
  private readonly occurrences = new Map<string, FieldOccurrence[]>();

  constructor(readonly bytes: Uint8Array) {}

  add(abbrev: string, offset: number, length: number, value?: FieldValue, layer = 1): this {
    let list = this.occurrences.get(abbrev);
    if (!list) this.occurrences.set(abbrev, (list = []));
    list.push({ value, bytes: this.bytes, offset, length, layer });
    return this;
  }

  values(field: Field): readonly FieldOccurrence[] {
    return this.occurrences.get(field.abbrev) ?? [];
  }
}

export function hexToBytes(hex: string): Uint8Array {
  const clean = hex.replace(/[^0-9a-fA-F]/g, '');
  return Uint8Array.from(clean.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}
