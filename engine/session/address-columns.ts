import { registry, type Field } from '../../dissectors/index.js';
import { FieldTextSink } from './field-text-sink.js';

// Wireshark's Source/Destination columns show the network address when there is one, else
// the link-layer address (ARP included: Wireshark shows its frames by MAC). Pairs in order of
// preference.
const addressPairs: ReadonlyArray<readonly [string, string]> = [
  ['ip.src', 'ip.dst'],
  ['ipv6.src', 'ipv6.dst'],
  ['eth.src', 'eth.dst'],
  ['sll.src.eth', 'sll.dst.eth'],
];

/** Which fields feed the Source and Destination columns; resolved once all protocols are declared. */
export function addressColumnFields(): Field[] {
  return addressPairs.flat().map((abbrev) => registry.find(abbrev)).filter((field): field is Field => field !== undefined);
}

/** Source and destination text from a FieldTextSink that collected `addressColumnFields()`. */
export function addressColumns(sink: FieldTextSink): { source: string; destination: string } {
  const first = (abbrev: string): string | undefined => {
    const slot = sink.fields.findIndex((field) => field.abbrev === abbrev);
    return slot < 0 ? undefined : sink.texts[slot][0];
  };
  for (const [sourceField, destinationField] of addressPairs) {
    const source = first(sourceField);
    const destination = first(destinationField);
    if (source !== undefined || destination !== undefined) return { source: source ?? '', destination: destination ?? '' };
  }
  return { source: '', destination: '' };
}
