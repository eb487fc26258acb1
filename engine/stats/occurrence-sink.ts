import { CollectingSink, fieldText, isProtocolLayer, type Field, type FieldValue } from '../../dissectors/index.js';

/** One occurrence of a wanted field, in dissection order. */
export interface Occurrence {
  readonly field: Field;
  readonly value: FieldValue;
  readonly offset: number;
  readonly length: number;
  /** The data source the offset refers to (the frame, or a reassembled buffer). */
  readonly bytes: Uint8Array;
  /** The field's expert label, when the dissector gave one. */
  readonly label: string | undefined;
  /** Short name of the innermost protocol layer open when the field was added ("TCP", also inside a TCP option). */
  readonly protocol: string;
  /**
   * Inside a protocol carried by an ICMP or ICMPv6 message (the datagram quoted in an error):
   * Wireshark's taps (conversations, expert info) skip what it finds there. ICMP's own fields
   * are not quoted.
   */
  readonly quoted: boolean;
}

const quotingProtocols = new Set(['icmp', 'icmpv6']);

/**
 * Keeps every occurrence of a chosen set of fields, in the order the dissectors added them,
 * with the bytes they point into. Statistics and Follow Stream read the sequence the way
 * Wireshark's taps see a frame: "this IP header, then this TCP header inside it".
 */
export class OccurrenceSink extends CollectingSink {
  readonly occurrences: Occurrence[] = [];
  /** Per field id: 0 not asked yet, 1 wanted, 2 not wanted. */
  private readonly wanted: Uint8Array;
  /** Protocol short names by depth, for the "Protocol" of an expert item. */
  private readonly protocols: string[] = [];
  /** Per depth: 1 when an ICMP/ICMPv6 protocol is open at or above it. */
  private readonly insideIcmp: number[] = [0];
  /** Per depth: 1 when a protocol opened inside ICMP/ICMPv6 is open at or above it. */
  private readonly quoting: number[] = [0];

  constructor(fields: readonly Field[], size: number, private readonly wantsAll: (field: Field) => boolean = () => false) {
    super();
    this.wanted = new Uint8Array(size);
    for (const field of fields) this.wanted[field.id] = 1;
  }

  override reset(frameBytes: Uint8Array): void {
    super.reset(frameBytes);
    this.occurrences.length = 0;
    this.protocols.length = 0;
    this.insideIcmp.length = 1;
    this.quoting.length = 1;
  }

  wants(field: Field): boolean {
    const known = this.wanted[field.id];
    if (known === 1) return true;
    if (known === 2) return false;
    // Asked once per field (a field declared after this sink was made is asked every time).
    const wanted = this.wantsAll(field);
    if (known === 0) this.wanted[field.id] = wanted ? 1 : 2;
    return wanted;
  }

  add(field: Field, offset: number, length: number, value?: FieldValue, label?: string): void {
    if (!this.wants(field)) return;
    this.occurrences.push({ field, value, offset, length, bytes: this.currentBytes, label, protocol: this.currentProtocol(), quoted: this.quoting[this.depth] === 1 });
  }

  override open(field: Field, offset: number, length: number, value?: FieldValue, label?: string): void {
    this.add(field, offset, length, value, label);
    const parent = this.currentProtocol();
    this.depth++;
    // A protocol item inside a layer (a TCP or IP option) speaks for its layer, as in tshark's expert info.
    this.protocols[this.depth] = isProtocolLayer(field) && 'shortName' in field ? String(field.shortName) : parent;
    const parentInsideIcmp = this.insideIcmp[this.depth - 1] === 1;
    this.insideIcmp[this.depth] = parentInsideIcmp || quotingProtocols.has(field.abbrev) ? 1 : 0;
    this.quoting[this.depth] = this.quoting[this.depth - 1] === 1 || (parentInsideIcmp && field.type === 'protocol') ? 1 : 0;
  }

  override openText(): void {
    const parent = this.currentProtocol();
    this.depth++;
    this.protocols[this.depth] = parent;
    this.insideIcmp[this.depth] = this.insideIcmp[this.depth - 1];
    this.quoting[this.depth] = this.quoting[this.depth - 1];
  }

  /** Every depth up to the current one was set by the open that reached it. */
  private currentProtocol(): string {
    return this.depth > 0 ? this.protocols[this.depth] : '';
  }
}

/** The occurrence's value as tshark prints it (addresses as text, integers in their base). */
export function occurrenceText(occurrence: Occurrence): string {
  return fieldText(occurrence.field, occurrence.value, occurrence.bytes, occurrence.offset, occurrence.length);
}

/** The occurrence's value as a number (integers, ipv4, booleans); 0 otherwise. */
export function occurrenceNumber(occurrence: Occurrence): number {
  const value = occurrence.value;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return Number(value);
  if (typeof value === 'bigint') return Number(value);
  return 0;
}
