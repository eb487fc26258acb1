import { CollectingSink, fieldText, registry, type Field, type FieldValue } from '../../dissectors/index.js';

/**
 * Keeps the text (as tshark's `-T fields` prints it) of every occurrence of a chosen set of
 * fields, in dissection order. Used for `-T fields`, custom columns and the Source/Destination
 * columns. Hidden fields count: `tcp.port` is as printable as `tcp.srcport`.
 */
export class FieldTextSink extends CollectingSink {
  /** texts[i]: occurrences of fields[i] in the frame last dissected. */
  readonly texts: string[][];
  /** Slots per field id: a field may be asked for twice (as an -e field and for the Source column). */
  private readonly slotsOfField = new Map<number, number[]>();

  constructor(readonly fields: readonly Field[]) {
    super();
    this.texts = fields.map(() => []);
    fields.forEach((field, slot) => this.slotsOfField.set(field.id, [...(this.slotsOfField.get(field.id) ?? []), slot]));
  }

  /** Clears the previous frame's values; `frameBytes` is the frame being dissected next. */
  override reset(frameBytes: Uint8Array): void {
    for (const texts of this.texts) texts.length = 0;
    super.reset(frameBytes);
  }

  wants(field: Field): boolean {
    return this.slotsOfField.has(field.id);
  }

  add(field: Field, offset: number, length: number, value?: FieldValue): void {
    const slots = this.slotsOfField.get(field.id);
    if (slots === undefined) return;
    const text = fieldText(field, value, this.currentBytes, offset, length);
    for (const slot of slots) this.texts[slot].push(text);
  }
}

/** Resolves field names, or says which one is unknown (the CLI's and API's error text). */
export function resolveFields(abbrevs: readonly string[]): Field[] {
  return abbrevs.map((abbrev) => {
    const field = registry.find(abbrev);
    if (!field) throw new UnknownFieldError(abbrev);
    return field;
  });
}

export class UnknownFieldError extends Error {
  constructor(readonly abbrev: string) {
    super(`Some fields aren't valid: ${abbrev}`);
  }
}
