import { line, type Bilingual } from './text.js';

/**
 * Application message framing over one direction of a TCP stream ("sticky packets", 粘包/拆包).
 * TCP delivers bytes, not messages: the sender's messages are cut into segments as TCP sees
 * fit, so one message may span several segments (split) and one segment may carry several
 * messages (merged). The application marks boundaries itself; given its rule, this module
 * finds the messages and lays them against the segments that carried them.
 */

export type FramingRule =
  /** Messages end with a delimiter (`\n`, `\r\n`); the delimiter belongs to the message it ends. */
  | { readonly kind: 'delimiter'; readonly delimiter: string | Uint8Array }
  /** Every message is exactly `length` bytes. */
  | { readonly kind: 'fixed'; readonly length: number }
  /**
   * Each message starts with its length in `size` bytes (Python's `struct.pack('!I', n)` is
   * size 4, big-endian, prefix not counted). `includesPrefix`: the length counts the prefix too.
   */
  | { readonly kind: 'length-prefix'; readonly size: 1 | 2 | 4; readonly byteOrder: 'big' | 'little'; readonly includesPrefix: boolean };

/** One TCP segment's payload within the stream: `offset` is where its bytes start in `bytes`. */
export interface StreamSegment {
  readonly frame: number;
  readonly offset: number;
  readonly length: number;
}

export interface ApplicationMessage {
  readonly index: number;
  /** Where the message starts in the stream, and its whole length (prefix or delimiter included). */
  readonly offset: number;
  readonly length: number;
  /** The application data without the length prefix or delimiter. */
  readonly bodyOffset: number;
  readonly bodyLength: number;
  /** Indexes (into the segment list, sorted by offset) of the segments that carried the message. */
  readonly segments: readonly number[];
  readonly frames: readonly number[];
}

export interface IncompleteTail {
  readonly offset: number;
  readonly length: number;
  /** The whole message's length when the rule tells it (a length prefix was read; fixed length). */
  readonly expectedLength?: number;
  readonly segments: readonly number[];
  readonly frames: readonly number[];
}

export interface SegmentMessages extends StreamSegment {
  /** Messages this segment carries bytes of; -1 stands for the incomplete tail. */
  readonly messages: readonly number[];
}

export interface FramingReport {
  readonly messages: readonly ApplicationMessage[];
  /** The segments sorted by offset, each with the messages it carries. */
  readonly segments: readonly SegmentMessages[];
  /** Messages whose bytes came in more than one segment (拆包). */
  readonly splitMessages: number;
  /** Segments that carry bytes of more than one message, the tail counted (粘包). */
  readonly mergedSegments: number;
  /** Bytes at the end that do not make a whole message yet; null when the stream ends on a boundary. */
  readonly tail: IncompleteTail | null;
  /** Set when the bytes break the rule (a length prefix shorter than itself); the rest is the tail. */
  readonly error?: Bilingual;
  readonly summary: Bilingual;
}

interface Boundary {
  readonly length: number;
  readonly bodyStart: number;
  readonly bodyLength: number;
}

/** The next message at `offset`: its boundary, or how long it will be (`expected`) when not all here. */
type NextMessage = { readonly whole: Boundary } | { readonly expected?: number; readonly error?: Bilingual };

function toBytes(delimiter: string | Uint8Array): Uint8Array {
  return typeof delimiter === 'string' ? new TextEncoder().encode(delimiter) : delimiter;
}

function indexOf(bytes: Uint8Array, pattern: Uint8Array, from: number): number {
  for (let start = bytes.indexOf(pattern[0], from); start >= 0 && start + pattern.length <= bytes.length; start = bytes.indexOf(pattern[0], start + 1)) {
    let match = true;
    for (let index = 1; index < pattern.length && match; index++) match = bytes[start + index] === pattern[index];
    if (match) return start;
  }
  return -1;
}

function readLength(bytes: Uint8Array, offset: number, size: 1 | 2 | 4, byteOrder: 'big' | 'little'): number {
  let value = 0;
  for (let index = 0; index < size; index++) {
    const byte = bytes[offset + (byteOrder === 'big' ? index : size - 1 - index)];
    value = value * 256 + byte;
  }
  return value;
}

function nextMessage(bytes: Uint8Array, offset: number, rule: FramingRule, delimiter: Uint8Array): NextMessage {
  const available = bytes.length - offset;
  switch (rule.kind) {
    case 'delimiter': {
      const end = indexOf(bytes, delimiter, offset);
      if (end < 0) return {};
      return { whole: { length: end + delimiter.length - offset, bodyStart: 0, bodyLength: end - offset } };
    }
    case 'fixed':
      return available >= rule.length ? { whole: { length: rule.length, bodyStart: 0, bodyLength: rule.length } } : { expected: rule.length };
    case 'length-prefix': {
      if (available < rule.size) return {};
      const value = readLength(bytes, offset, rule.size, rule.byteOrder);
      const length = rule.includesPrefix ? value : value + rule.size;
      if (length < rule.size) {
        return { error: line(
          `The length prefix at byte ${offset} says ${value}, less than the ${rule.size}-byte prefix itself: the rule does not fit these bytes.`,
          `第 ${offset} 字节处的长度前缀为 ${value}，小于 ${rule.size} 字节的前缀本身：该规则与这些字节不符。`,
        ) };
      }
      return available >= length ? { whole: { length, bodyStart: rule.size, bodyLength: length - rule.size } } : { expected: length };
    }
  }
}

function validate(rule: FramingRule, delimiter: Uint8Array): void {
  if (rule.kind === 'delimiter' && delimiter.length === 0) throw new RangeError('the delimiter must not be empty');
  if (rule.kind === 'fixed' && !(Number.isInteger(rule.length) && rule.length > 0)) throw new RangeError('the fixed length must be a positive integer');
}

/** Finds the segments a byte range lies in, by binary search over segments sorted by offset. */
class SegmentIndex {
  constructor(readonly segments: readonly StreamSegment[]) {}

  covering(start: number, end: number): number[] {
    let low = 0;
    let high = this.segments.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const segment = this.segments[middle];
      if (segment.offset + segment.length <= start) low = middle + 1;
      else high = middle;
    }
    const found: number[] = [];
    for (let index = low; index < this.segments.length && this.segments[index].offset < end; index++) found.push(index);
    return found;
  }
}

/**
 * Splits one direction's stream bytes into application messages by `rule`, and reports which
 * segments carried each. `segments` give each segment's place in `bytes` (any order; empty
 * ones are ignored; they should not overlap: pass the stream with retransmissions removed).
 */
export function frameMessages(bytes: Uint8Array, segments: readonly StreamSegment[], rule: FramingRule): FramingReport {
  const delimiter = rule.kind === 'delimiter' ? toBytes(rule.delimiter) : new Uint8Array(0);
  validate(rule, delimiter);
  const sorted = segments.filter((segment) => segment.length > 0).sort((a, b) => a.offset - b.offset);
  const index = new SegmentIndex(sorted);
  const framesOf = (list: readonly number[]) => list.map((segment) => sorted[segment].frame);
  const messages: ApplicationMessage[] = [];
  let offset = 0;
  let tail: IncompleteTail | null = null;
  let error: Bilingual | undefined;
  while (offset < bytes.length) {
    const next = nextMessage(bytes, offset, rule, delimiter);
    if (!('whole' in next)) {
      const carriers = index.covering(offset, bytes.length);
      tail = { offset, length: bytes.length - offset, expectedLength: next.expected, segments: carriers, frames: framesOf(carriers) };
      error = next.error;
      break;
    }
    const { length, bodyStart, bodyLength } = next.whole;
    const carriers = index.covering(offset, offset + length);
    messages.push({ index: messages.length, offset, length, bodyOffset: offset + bodyStart, bodyLength, segments: carriers, frames: framesOf(carriers) });
    offset += length;
  }

  const carried: number[][] = sorted.map(() => []);
  for (const message of messages) for (const segment of message.segments) carried[segment].push(message.index);
  if (tail) for (const segment of tail.segments) carried[segment].push(-1);
  const report = {
    messages,
    segments: sorted.map((segment, position) => ({ ...segment, messages: carried[position] })),
    splitMessages: messages.filter((message) => message.segments.length > 1).length,
    mergedSegments: carried.filter((list) => list.length > 1).length,
    tail,
    ...(error ? { error } : {}),
  };
  return { ...report, summary: summarize(report, sorted.length) };
}

function summarize(report: Omit<FramingReport, 'summary'>, segmentCount: number): Bilingual {
  const { messages, splitMessages, mergedSegments, tail } = report;
  let en = `${messages.length} message${messages.length === 1 ? '' : 's'} in ${segmentCount} segment${segmentCount === 1 ? '' : 's'}: ${splitMessages} split across segments, ${mergedSegments} segment${mergedSegments === 1 ? '' : 's'} carrying several messages.`;
  let zh = `${segmentCount} 个报文段中有 ${messages.length} 条消息：${splitMessages} 条被拆分到多个报文段（拆包），${mergedSegments} 个报文段携带多条消息（粘包）。`;
  if (tail) {
    const expected = tail.expectedLength === undefined ? '' : ` of ${tail.expectedLength}`;
    const expectedZh = tail.expectedLength === undefined ? '' : `（共 ${tail.expectedLength} 字节）`;
    en += ` The last ${tail.length} byte${tail.length === 1 ? '' : 's'}${expected} are an incomplete message: the rest had not arrived.`;
    zh += ` 最后 ${tail.length} 字节${expectedZh}是不完整的消息：其余部分尚未到达。`;
  }
  return line(en, zh);
}
