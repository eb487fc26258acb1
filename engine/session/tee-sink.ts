import type { Field, FieldSink, FieldValue } from '../../dissectors/index.js';

/** Feeds one dissection to two sinks (field texts for output and a filter's occurrences). */
export class TeeSink implements FieldSink {
  constructor(private readonly first: FieldSink, private readonly second: FieldSink) {}

  get detailed(): boolean {
    return this.first.detailed || this.second.detailed;
  }

  get depth(): number {
    return this.first.depth;
  }

  wants(field: Field): boolean {
    return this.first.wants(field) || this.second.wants(field);
  }

  add(field: Field, offset: number, length: number, value?: FieldValue, label?: string): void {
    this.first.add(field, offset, length, value, label);
    this.second.add(field, offset, length, value, label);
  }

  open(field: Field, offset: number, length: number, value?: FieldValue, label?: string): void {
    this.first.open(field, offset, length, value, label);
    this.second.open(field, offset, length, value, label);
  }

  text(label: string, offset: number, length: number): void {
    this.first.text(label, offset, length);
    this.second.text(label, offset, length);
  }

  openText(label: string, offset: number, length: number): void {
    this.first.openText(label, offset, length);
    this.second.openText(label, offset, length);
  }

  close(length?: number): void {
    this.first.close(length);
    this.second.close(length);
  }

  unwindTo(depth: number): void {
    this.first.unwindTo(depth);
    this.second.unwindTo(depth);
  }

  beginSource(name: string, bytes: Uint8Array): void {
    this.first.beginSource(name, bytes);
    this.second.beginSource(name, bytes);
  }

  endSource(): void {
    this.first.endSource();
    this.second.endSource();
  }
}
