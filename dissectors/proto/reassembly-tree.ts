import type { Field, FieldSink } from '../core/index.js';

/** The fields of one reassembly tree (Wireshark's fragment_items). */
export interface FragmentFields {
  readonly tree: Field;
  readonly fragment: Field;
  readonly count: Field;
  readonly length: Field;
  readonly data: Field;
}

/** Which frames gave which bytes to a reassembled buffer, in order. */
export interface ReassembledParts {
  readonly bytes: Uint8Array;
  readonly frames: readonly number[];
  readonly offsets: readonly number[];
  readonly lengths: readonly number[];
}

/**
 * "[3 IPv4 Fragments (3508 bytes): #1(1480), #2(1480), #3(548)]" with one line per part, the
 * count, the length and the data, as Wireshark's show_fragment_tree prints them. The items
 * point into the reassembled buffer, which becomes the data source named `sourceName`.
 */
export function addFragmentsTree(sink: FieldSink, fields: FragmentFields, noun: string, countName: string, lengthName: string, sourceName: string, parts: ReassembledParts): void {
  const total = parts.bytes.length;
  const count = parts.frames.length;
  const detailed = sink.detailed;
  sink.beginSource(sourceName, parts.bytes);
  const label = detailed ? `[${count} ${noun} (${total} bytes): ${parts.frames.map((frame, index) => `#${frame}(${parts.lengths[index]})`).join(', ')}]` : undefined;
  sink.open(fields.tree, 0, total, undefined, label);
  parts.frames.forEach((frame, index) => {
    const at = parts.offsets[index];
    const length = parts.lengths[index];
    sink.add(fields.fragment, at, length, frame, detailed ? `[Frame: ${frame}, payload: ${at}-${at + length - 1} (${length} bytes)]` : undefined);
  });
  sink.add(fields.count, 0, 0, count, detailed ? `[${countName}: ${count}]` : undefined);
  sink.add(fields.length, 0, 0, total, detailed ? `[${lengthName}: ${total}]` : undefined);
  sink.add(fields.data, 0, total);
  sink.close();
  sink.endSource();
}
