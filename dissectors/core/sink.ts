import type { Field } from './fields.js';

/**
 * What a dissector knows about a field occurrence. Integers are already masked and shifted;
 * ipv4 is the address as an unsigned 32-bit number; `undefined` means "read it from the bytes
 * the item covers" (ether, ipv6, bytes), which spares the summary path from copying.
 */
export type FieldValue = number | bigint | boolean | string | Uint8Array | undefined;

/**
 * Where dissectors write. The same dissector code serves both paths (DESIGN.md):
 *  - the summary sink (every frame, once) keeps only the fields the packet store has columns
 *    for, and `detailed` is false so dissectors skip labels and other tree-only work;
 *  - the tree sink (one frame, on demand) keeps everything and builds the detail tree;
 *  - a filter sink keeps only the fields a display filter references.
 *
 * A dissector adds its fields only after opening its protocol (`open(protocolField, …)`): the
 * engine relies on "no `dns.*` field without `dns` in the frame's protocol stack" to skip
 * dissecting frames a filter cannot match.
 *
 * Offsets and lengths are in bytes relative to the current data source: the frame, or a buffer
 * opened with `beginSource` (a reassembled datagram or stream). A sink must tolerate unbalanced
 * `open` calls: when a dissector stops early (truncated packet), the caller unwinds to the depth
 * it saw before calling.
 */
export interface FieldSink {
  /** True when a human will look at the result: build labels, decode everything. */
  readonly detailed: boolean;
  /** Current nesting depth (0 at the frame). */
  readonly depth: number;
  /** Whether this sink keeps the field: lets a dissector skip computing an expensive value. */
  wants(field: Field): boolean;
  /** Adds a leaf. `label` replaces the generated "Name: value" text (tree path only). */
  add(field: Field, offset: number, length: number, value?: FieldValue, label?: string): void;
  /** Opens a subtree (a protocol, a flags word, an option); closed by `close`. */
  open(field: Field, offset: number, length: number, value?: FieldValue, label?: string): void;
  /** Adds a node that is only a label ("Options: (12 bytes), Maximum segment size, …"). */
  text(label: string, offset: number, length: number): void;
  /** Opens a subtree that is only a label. */
  openText(label: string, offset: number, length: number): void;
  /** Closes the innermost subtree; `length` fixes its length when it was not known at open. */
  close(length?: number): void;
  /** Unwinds any subtrees opened below `depth` (after a dissector stopped early). */
  unwindTo(depth: number): void;
  /** Makes `bytes` the data source for following items until `endSource` (reassembly). */
  beginSource(name: string, bytes: Uint8Array): void;
  endSource(): void;
}

/** A sink that keeps nothing: for passes that only need side effects (state tracking). */
export const discardingSink: FieldSink = {
  detailed: false,
  depth: 0,
  wants: () => false,
  add() {},
  open() {},
  text() {},
  openText() {},
  close() {},
  unwindTo() {},
  beginSource() {},
  endSource() {},
};
