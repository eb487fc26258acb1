import type { Field } from './fields.js';
import type { FieldSink, FieldValue } from './sink.js';

// Protocols whose payload Wireshark dispatches through its "ethertype" pseudo-protocol, which
// frame.protocols lists although the tree never shows it.
const etherTypeCarriers = new Set(['eth', 'vlan', 'ieee8021ad', 'sll']);

// Protocol items with a dotted abbrev that Wireshark registers as real protocols (IPv6
// extension headers), which frame.protocols lists; other dotted ones (tcp.options.mss) it does not.
const dottedLayers = new Set(['ipv6.hopopts', 'ipv6.dstopts', 'ipv6.routing', 'ipv6.fraghdr']);

/** tshark's frame.protocols text for a list of protocol abbrevs: "eth:ethertype:ip:tcp". */
export function protocolsText(abbrevs: readonly string[]): string {
  const parts: string[] = [];
  abbrevs.forEach((abbrev, index) => {
    parts.push(abbrev);
    // An 802.3 length frame hands its payload to LLC directly, not through the ethertype table.
    if (etherTypeCarriers.has(abbrev) && index < abbrevs.length - 1 && abbrevs[index + 1] !== 'llc') parts.push('ethertype');
  });
  return parts.join(':');
}

/** Whether a field is a whole protocol (a layer of the stack), not a protocol-typed item inside one. */
export function isWholeProtocol(field: Field): boolean {
  return field.type === 'protocol' && field.abbrev === field.protocol;
}

/** Whether a protocol item is a layer frame.protocols lists: whole protocols and IPv6 extension headers. */
export function isProtocolLayer(field: Field): boolean {
  return isWholeProtocol(field) || (field.type === 'protocol' && dottedLayers.has(field.abbrev));
}

/**
 * Passes everything to `inner` and remembers the protocols opened, for frame.protocols. Used
 * only when a sink wants that field, so the summary path never pays for it.
 */
export class ProtocolPathSink implements FieldSink {
  readonly protocols: string[] = [];

  constructor(private readonly inner: FieldSink) {}

  get detailed(): boolean {
    return this.inner.detailed;
  }

  get depth(): number {
    return this.inner.depth;
  }

  wants(field: Field): boolean {
    return this.inner.wants(field);
  }

  add(field: Field, offset: number, length: number, value?: FieldValue, label?: string): void {
    this.inner.add(field, offset, length, value, label);
  }

  open(field: Field, offset: number, length: number, value?: FieldValue, label?: string): void {
    if (isProtocolLayer(field)) this.protocols.push(field.abbrev);
    this.inner.open(field, offset, length, value, label);
  }

  text(label: string, offset: number, length: number): void {
    this.inner.text(label, offset, length);
  }

  openText(label: string, offset: number, length: number): void {
    this.inner.openText(label, offset, length);
  }

  close(length?: number): void {
    this.inner.close(length);
  }

  unwindTo(depth: number): void {
    this.inner.unwindTo(depth);
  }

  beginSource(name: string, bytes: Uint8Array): void {
    this.inner.beginSource(name, bytes);
  }

  endSource(): void {
    this.inner.endSource();
  }
}
