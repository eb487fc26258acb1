import { fieldText, registry, type Field, type FieldSink, type FieldValue } from '../../dissectors/index.js';

/**
 * Keeps the text (as tshark's `-T fields` prints it) of every occurrence of a chosen set of
 * fields, in dissection order. Used for `-T fields`, custom columns and the Source/Destination
 * columns. Hidden fields count: `tcp.port` is as printable as `tcp.srcport`.
 */
export class FieldTextSink implements FieldSink {
  readonly detailed = false;
  depth = 0;
  /** texts[i]: occurrences of fields[i] in the frame last dissected. */
  readonly texts: string[][];
  /** Slots per field id: a field may be asked for twice (as an -e field and for the Source column). */
  private readonly slotsOfField = new Map<number, number[]>();
  private readonly sources: Uint8Array[] = [];

  constructor(readonly fields: readonly Field[]) {
    this.texts = fields.map(() => []);
    fields.forEach((field, slot) => this.slotsOfField.set(field.id, [...(this.slotsOfField.get(field.id) ?? []), slot]));
  }

  /** Clears the previous frame's values; `frameBytes` is the frame being dissected next. */
  reset(frameBytes: Uint8Array): void {
    for (const texts of this.texts) texts.length = 0;
    this.sources.length = 0;
    this.sources.push(frameBytes);
    this.depth = 0;
  }

  wants(field: Field): boolean {
    return this.slotsOfField.has(field.id);
  }

  add(field: Field, offset: number, length: number, value?: FieldValue): void {
    const slots = this.slotsOfField.get(field.id);
    if (slots === undefined) return;
    const text = fieldText(field, value, this.sources[this.sources.length - 1], offset, length);
    for (const slot of slots) this.texts[slot].push(text);
  }

  open(field: Field, offset: number, length: number, value?: FieldValue): void {
    this.depth++;
    this.add(field, offset, length, value);
  }

  text(): void {}

  openText(): void {
    this.depth++;
  }

  close(): void {
    if (this.depth > 0) this.depth--;
  }

  unwindTo(depth: number): void {
    if (this.depth > depth) this.depth = depth;
  }

  beginSource(_name: string, bytes: Uint8Array): void {
    this.sources.push(bytes);
  }

  endSource(): void {
    if (this.sources.length > 1) this.sources.pop();
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
