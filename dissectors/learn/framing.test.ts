import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { frameMessages, type StreamSegment } from './index.js';

const text = (value: string) => new TextEncoder().encode(value);
const decode = (bytes: Uint8Array, offset: number, length: number) => new TextDecoder().decode(bytes.subarray(offset, offset + length));

/** Segments of the given sizes laid end to end, numbered from frame 10. */
function segmentsOf(sizes: readonly number[]): StreamSegment[] {
  let offset = 0;
  return sizes.map((length, index) => {
    const segment = { frame: 10 + index, offset, length };
    offset += length;
    return segment;
  });
}

describe('frameMessages by hand', () => {
  it('splits on a newline and counts split and merged segments', () => {
    // Segments: "hello\nwor" | "ld\nfoo\nbar\n" | "baz"
    const bytes = text('hello\nworld\nfoo\nbar\nbaz');
    const report = frameMessages(bytes, segmentsOf([9, 11, 3]), { kind: 'delimiter', delimiter: '\n' });
    expect(report.messages.map((message) => decode(bytes, message.bodyOffset, message.bodyLength))).toEqual(['hello', 'world', 'foo', 'bar']);
    expect(report.messages.map((message) => message.frames)).toEqual([[10], [10, 11], [11], [11]]);
    expect(report.splitMessages).toBe(1);
    expect(report.mergedSegments).toBe(2);
    expect(report.tail).toMatchObject({ offset: 20, length: 3, frames: [12] });
    expect(report.segments.map((segment) => segment.messages)).toEqual([[0, 1], [1, 2, 3], [-1]]);
    expect(report.summary.en).toBe('4 messages in 3 segments: 1 split across segments, 2 segments carrying several messages. The last 3 bytes are an incomplete message: the rest had not arrived.');
    expect(report.summary.zh).toContain('拆包');
  });

  it('finds a CRLF delimiter cut in two by a segment boundary', () => {
    const bytes = text('a\r\nb\r\n');
    const report = frameMessages(bytes, segmentsOf([2, 4]), { kind: 'delimiter', delimiter: '\r\n' });
    expect(report.messages.map((message) => [message.offset, message.length, message.bodyLength, message.frames])).toEqual([[0, 3, 1, [10, 11]], [3, 3, 1, [11]]]);
    expect(report.tail).toBeNull();
    expect(report.splitMessages).toBe(1);
    expect(report.mergedSegments).toBe(1);
  });

  it('cuts fixed-length messages and reports how long the tail should be', () => {
    const report = frameMessages(text('abcdefghij'), segmentsOf([3, 3, 3, 1]), { kind: 'fixed', length: 4 });
    expect(report.messages.map((message) => message.frames)).toEqual([[10, 11], [11, 12]]);
    expect(report.tail).toMatchObject({ offset: 8, length: 2, expectedLength: 4, frames: [12, 13] });
    expect(report.splitMessages).toBe(2);
    expect(report.mergedSegments).toBe(2);
  });

  it('reads 1-, 2- and 4-byte length prefixes in either byte order, counted or not', () => {
    // 2 bytes, little-endian, counting itself: 05 00 "abc" | 04 00 "de"
    const little = frameMessages(Uint8Array.from([5, 0, 97, 98, 99, 4, 0, 100, 101]), segmentsOf([9]), { kind: 'length-prefix', size: 2, byteOrder: 'little', includesPrefix: true });
    expect(little.messages.map((message) => [message.bodyOffset, message.bodyLength])).toEqual([[2, 3], [7, 2]]);
    expect(little.mergedSegments).toBe(1);
    // 1 byte, not counting itself: 03 "abc" 00 02 "de"; an empty message is a message.
    const single = frameMessages(Uint8Array.from([3, 97, 98, 99, 0, 2, 100, 101]), segmentsOf([1, 7]), { kind: 'length-prefix', size: 1, byteOrder: 'big', includesPrefix: false });
    expect(single.messages.map((message) => message.bodyLength)).toEqual([3, 0, 2]);
    expect(single.splitMessages).toBe(1);
    // 4 bytes big-endian 0x00000102 = 258: only 6 of 262 bytes have arrived.
    const partial = frameMessages(Uint8Array.from([0, 0, 1, 2, 7, 7]), segmentsOf([6]), { kind: 'length-prefix', size: 4, byteOrder: 'big', includesPrefix: false });
    expect(partial.messages).toEqual([]);
    expect(partial.tail).toMatchObject({ length: 6, expectedLength: 262 });
    // The same bytes little-endian: 0x02010000 is far more than arrived.
    expect(frameMessages(Uint8Array.from([0, 0, 1, 2, 7, 7]), segmentsOf([6]), { kind: 'length-prefix', size: 4, byteOrder: 'little', includesPrefix: false }).tail?.expectedLength).toBe(0x02010000 + 4);
  });

  it('stops where a counted prefix is shorter than itself', () => {
    const report = frameMessages(Uint8Array.from([3, 0, 97, 1, 0]), segmentsOf([5]), { kind: 'length-prefix', size: 2, byteOrder: 'little', includesPrefix: true });
    expect(report.messages.map((message) => message.length)).toEqual([3]);
    expect(report.error?.en).toContain('says 1, less than the 2-byte prefix');
    expect(report.tail).toMatchObject({ offset: 3, length: 2 });
  });

  it('accepts segments in any order and skips empty ones', () => {
    const report = frameMessages(text('ab\ncd\n'), [{ frame: 2, offset: 3, length: 3 }, { frame: 1, offset: 0, length: 3 }, { frame: 3, offset: 6, length: 0 }], { kind: 'delimiter', delimiter: '\n' });
    expect(report.messages.map((message) => message.frames)).toEqual([[1], [2]]);
    expect(report.segments.map((segment) => segment.frame)).toEqual([1, 2]);
    expect(report.splitMessages + report.mergedSegments).toBe(0);
  });
});

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The course's framing, written by Python itself: struct.pack('!I', len(body)) + body per message. */
function packWithPython(bodies: readonly Uint8Array[]): Uint8Array | undefined {
  const script = 'import sys,struct\nout=b""\nfor h in sys.stdin.read().split():\n  b=bytes.fromhex(h[1:])\n  out+=struct.pack("!I",len(b))+b\nsys.stdout.write(out.hex())';
  const input = bodies.map((body) => `x${Buffer.from(body).toString('hex')}`).join(' ');
  const run = spawnSync('python3', ['-c', script], { input, encoding: 'utf8' });
  return run.status === 0 ? Uint8Array.from(Buffer.from(run.stdout, 'hex')) : undefined;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

function packWithDataView(bodies: readonly Uint8Array[]): Uint8Array {
  const total = bodies.reduce((sum, body) => sum + 4 + body.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const body of bodies) {
    view.setUint32(offset, body.length, false);
    out.set(body, offset + 4);
    offset += 4 + body.length;
  }
  return out;
}

describe("frameMessages on generated struct.pack('!I', n) streams", () => {
  it.each([1, 2, 3, 4, 5])('seed %i: recovers every message and counts splits and merges', (seed) => {
    const next = random(seed);
    const bodies = Array.from({ length: 40 }, () => Uint8Array.from({ length: Math.floor(next() * 3000) }, () => Math.floor(next() * 256)));
    const stream = packWithPython(bodies) ?? packWithDataView(bodies);
    expect(sameBytes(stream, packWithDataView(bodies))).toBe(true);
    // Cut like TCP might: random segment sizes up to one MSS, and an unfinished last message.
    const cutTail = Math.floor(next() * 50);
    const bytes = stream.subarray(0, stream.length - cutTail);
    const sizes: number[] = [];
    for (let covered = 0; covered < bytes.length;) {
      const size = Math.min(bytes.length - covered, 1 + Math.floor(next() * 1460));
      sizes.push(size);
      covered += size;
    }
    const segments = segmentsOf(sizes);
    const report = frameMessages(bytes, segments, { kind: 'length-prefix', size: 4, byteOrder: 'big', includesPrefix: false });

    // Messages are the generated bodies, in order, except those the cut reached.
    const starts: number[] = [];
    for (let index = 0, offset = 0; index < bodies.length; offset += 4 + bodies[index].length, index++) starts.push(offset);
    const whole = starts.filter((start, index) => start + 4 + bodies[index].length <= bytes.length).length;
    expect(report.messages.length).toBe(whole);
    report.messages.forEach((message, index) => expect(sameBytes(bytes.subarray(message.bodyOffset, message.bodyOffset + message.bodyLength), bodies[index]), `message ${index}`).toBe(true));
    expect(report.tail === null).toBe(cutTail === 0);
    if (report.tail) expect(report.tail.offset).toBe(starts[whole]);

    // Independent counts from the cut positions and message boundaries.
    const cuts = segments.slice(1).map((segment) => segment.offset);
    const ends = starts.slice(0, whole).map((start, index) => [start, start + 4 + bodies[index].length]);
    expect(report.splitMessages).toBe(ends.filter(([start, end]) => cuts.some((cut) => cut > start && cut < end)).length);
    const boundaries = starts.slice(1, whole + (report.tail ? 1 : 0));
    expect(report.mergedSegments).toBe(segments.filter((segment) => boundaries.some((boundary) => boundary > segment.offset && boundary < segment.offset + segment.length)).length);
  });
});
