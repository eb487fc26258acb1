import type { Field } from '../core/fields.js';
import type { FieldSink, FieldValue } from '../core/sink.js';

/**
 * The common half of the sinks that keep a filter's field occurrences: the subtree stack (an
 * occurrence's length is fixed when its subtree closes) and the stack of data sources that
 * occurrences point into (the frame, then reassembled buffers). Subclasses decide what is kept.
 */
export abstract class OccurrenceStackSink<Occurrence extends { length: number }> implements FieldSink {
  readonly detailed: boolean = false;
  /** One entry per open subtree: the occurrence it recorded, to fix its length on close. */
  private readonly openStack: (Occurrence | null)[] = [];
  private readonly sources: Uint8Array[] = [];
  /** The bytes that offsets currently refer to. */
  protected source: Uint8Array = new Uint8Array(0);

  abstract wants(field: Field): boolean;
  abstract add(field: Field, offset: number, length: number, value?: FieldValue): void;

  /** Starts a new frame whose bytes are the first data source. */
  protected startFrame(frame: Uint8Array): void {
    this.openStack.length = 0;
    this.sources.length = 0;
    this.source = frame;
  }

  get depth(): number {
    return this.openStack.length;
  }

  /** Opens a subtree for what `add`-like recording kept (null: nothing kept). */
  protected pushOpen(occurrence: Occurrence | null): void {
    this.openStack.push(occurrence);
  }

  abstract open(field: Field, offset: number, length: number, value?: FieldValue): void;

  text(): void {}

  openText(): void {
    this.openStack.push(null);
  }

  close(length?: number): void {
    const occurrence = this.openStack.pop();
    if (occurrence && length !== undefined) occurrence.length = length;
  }

  unwindTo(depth: number): void {
    while (this.openStack.length > depth) this.openStack.pop();
  }

  beginSource(_name: string, bytes: Uint8Array): void {
    this.sources.push(this.source);
    this.source = bytes;
  }

  endSource(): void {
    const previous = this.sources.pop();
    if (previous) this.source = previous;
  }
}
