import type { Field } from './fields.js';
import type { FieldSink, FieldValue } from './sink.js';

/**
 * The common half of sinks that collect fields without building a tree: nesting depth and the
 * stack of data sources (the frame, then reassembled buffers). Subclasses decide what `add`
 * keeps; `reset` starts a new frame.
 */
export abstract class CollectingSink implements FieldSink {
  readonly detailed: boolean = false;
  depth = 0;
  private readonly sources: Uint8Array[] = [];

  abstract wants(field: Field): boolean;
  abstract add(field: Field, offset: number, length: number, value?: FieldValue, label?: string): void;

  /** Starts the next frame, whose bytes are the first data source. */
  reset(frameBytes: Uint8Array): void {
    this.sources.length = 0;
    this.sources.push(frameBytes);
    this.depth = 0;
  }

  /** The bytes that offsets currently refer to. */
  protected get currentBytes(): Uint8Array {
    return this.sources[this.sources.length - 1];
  }

  open(field: Field, offset: number, length: number, value?: FieldValue, label?: string): void {
    this.add(field, offset, length, value, label);
    this.depth++;
  }

  text(): void {}

  openText(_label?: string, _offset?: number, _length?: number): void {
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
