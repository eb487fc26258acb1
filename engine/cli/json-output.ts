import { bytesToHex, fieldText, isWholeProtocol, type Field, type FieldSink, type FieldValue } from '../../dissectors/index.js';

/** A JSON object kept as ordered entries, because tshark's -T json repeats keys (tcp.port twice). */
type Entries = Array<[string, string | Entries]>;

/**
 * Builds one packet's `_source.layers` as tshark's `-T json` does: one object per protocol,
 * each field's text under its abbrev, a field with children followed by `abbrev_tree`, label
 * lines keyed by their text. Hidden fields are included, as tshark includes them.
 */
export class JsonSink implements FieldSink {
  readonly detailed = true;
  private layers: Entries = [];
  private stack: Entries[] = [];
  private sources: Uint8Array[] = [];

  get depth(): number {
    return this.stack.length;
  }

  reset(frameBytes: Uint8Array): void {
    this.layers = [];
    this.stack = [];
    this.sources = [frameBytes];
  }

  wants(): boolean {
    return true;
  }

  add(field: Field, offset: number, length: number, value?: FieldValue, label?: string): void {
    const entry: [string, string] = [field.abbrev, markerText(field, label) ?? this.valueText(field, offset, length, value)];
    // frame.protocols is known only after the whole dissection; it belongs in the frame layer.
    const frameLayer = this.stack.length === 0 && field.protocol === 'frame' ? this.layers.find(([key]) => key === 'frame') : undefined;
    if (frameLayer && typeof frameLayer[1] !== 'string') frameLayer[1].push(entry);
    else this.current().push(entry);
  }

  open(field: Field, offset: number, length: number, value?: FieldValue): void {
    const children: Entries = [];
    if (isWholeProtocol(field)) {
      this.current().push([field.abbrev, children]);
    } else {
      this.current().push([field.abbrev, this.valueText(field, offset, length, value)]);
      this.current().push([`${field.abbrev}_tree`, children]);
    }
    this.stack.push(children);
  }

  text(label: string): void {
    this.current().push([label, '']);
  }

  openText(label: string): void {
    const children: Entries = [];
    this.current().push([label, children]);
    this.stack.push(children);
  }

  close(): void {
    this.stack.pop();
  }

  unwindTo(depth: number): void {
    this.stack.length = Math.min(this.stack.length, depth);
  }

  beginSource(_name: string, bytes: Uint8Array): void {
    this.sources.push(bytes);
  }

  endSource(): void {
    if (this.sources.length > 1) this.sources.pop();
  }

  /** The packet as tshark prints one element of its top-level array. */
  packetJson(date: string): string {
    const packet: Entries = [
      ['_index', `packets-${date}`],
      ['_type', 'doc'],
      ['_score', '\u0000null'],
      ['_source', [['layers', this.layers]]],
    ];
    return serialize(packet, 1);
  }

  private current(): Entries {
    return this.stack.length > 0 ? this.stack[this.stack.length - 1] : this.layers;
  }

  private valueText(field: Field, offset: number, length: number, value: FieldValue): string {
    if (field.type === 'none' || (field.type === 'protocol' && isWholeProtocol(field))) return '';
    // -T json shows byte fields colon-separated (-T fields, i.e. fieldText, prints plain hex), and a
    // protocol-typed item inside a protocol (tcp.options.mss) as the bytes it covers.
    if (field.type === 'bytes' || field.type === 'protocol') {
      const bytes = value instanceof Uint8Array ? value : this.sources[this.sources.length - 1].subarray(offset, offset + length);
      return bytesToHex(bytes, 0, bytes.length, ':');
    }
    return fieldText(field, value, this.sources[this.sources.length - 1], offset, length);
  }
}

/**
 * tshark's malformed and short-capture markers are protocol items: `_ws.malformed` carries an
 * expert subtree and prints the protocol's name, `_ws.short` is a leaf and prints its label.
 */
function markerText(field: Field, label: string | undefined): string | undefined {
  if (field.abbrev === '_ws.malformed') return field.name;
  if (field.abbrev === '_ws.short') return label ?? '';
  return undefined;
}

const indentUnit = '  ';

/** tshark's JSON layout: two-space indentation, one entry per line. `\0null` marks a bare null. */
function serialize(entries: Entries, level: number): string {
  const inner = indentUnit.repeat(level + 1);
  const lines = entries.map(([key, value]) => {
    const rendered = typeof value === 'string' ? (value === '\u0000null' ? 'null' : JSON.stringify(value)) : serialize(value, level + 1);
    return `${inner}${JSON.stringify(key)}: ${rendered}`;
  });
  return lines.length === 0 ? '{}' : `{\n${lines.join(',\n')}\n${indentUnit.repeat(level)}}`;
}
