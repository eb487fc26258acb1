import { CaptureState, dissectInto, fieldText, type Field, type FieldSink, type FieldValue, type FrameInfo } from '../../dissectors/index.js';

/**
 * A sink that keeps every field occurrence (hidden ones too) as tshark's `-T fields` text,
 * so tests can compare with the corpus `*.fields.tsv` columns.
 */
export class FieldCollector implements FieldSink {
  readonly detailed = false;
  readonly values = new Map<string, string[]>();
  private readonly sources: Uint8Array[];
  depth = 0;

  constructor(frame: Uint8Array) {
    this.sources = [frame];
  }

  wants(): boolean {
    return true;
  }

  add(field: Field, offset: number, length: number, value?: FieldValue): void {
    const bytes = this.sources[this.sources.length - 1];
    const text = fieldText(field, value, bytes, offset, length);
    const list = this.values.get(field.abbrev);
    if (list) list.push(text);
    else this.values.set(field.abbrev, [text]);
  }

  open(field: Field, offset: number, length: number, value?: FieldValue): void {
    this.add(field, offset, length, value);
    this.depth++;
  }

  text(): void {}

  openText(): void {
    this.depth++;
  }

  close(): void {
    this.depth--;
  }

  unwindTo(depth: number): void {
    this.depth = Math.min(this.depth, depth);
  }

  beginSource(_name: string, bytes: Uint8Array): void {
    this.sources.push(bytes);
  }

  endSource(): void {
    if (this.sources.length > 1) this.sources.pop();
  }

  get(abbrev: string): string {
    return (this.values.get(abbrev) ?? []).join(',');
  }
}

/** A hand-made frame for `dissectCapture`. */
export interface TestFrame {
  number: number;
  linkType: number;
  seconds: number;
  nanoseconds: number;
  originalLength: number;
  data: Uint8Array;
}

/** Dissects every frame in order (the first pass) and returns each frame's fields and columns. */
export function dissectCapture(packets: TestFrame[]) {
  const state = new CaptureState();
  return packets.map((packet) => {
    const frame: FrameInfo = {
      number: packet.number, seconds: packet.seconds, nanoseconds: packet.nanoseconds,
      capturedLength: packet.data.length, originalLength: packet.originalLength, linkType: packet.linkType, interfaceId: 0,
    };
    const sink = new FieldCollector(packet.data);
    const columns = dissectInto(sink, frame, packet.data, state, { columns: true, firstPass: true })!;
    return { sink, protocol: columns.protocol, info: columns.info };
  });
}
