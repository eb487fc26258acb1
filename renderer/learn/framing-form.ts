import type { FramingRule, StreamSegment } from '../../dissectors/learn/index';
import type { FollowSegment } from '../../engine/api/contract';

/** What the user chose in the framing form; `kind: 'none'` shows segments only. */
export interface FramingChoice {
  kind: 'none' | 'delimiter' | 'fixed' | 'length-prefix';
  delimiter: string;
  length: number;
  size: 1 | 2 | 4;
  byteOrder: 'big' | 'little';
  includesPrefix: boolean;
}

export const defaultFraming: FramingChoice = { kind: 'length-prefix', delimiter: '\\n', length: 16, size: 4, byteOrder: 'big', includesPrefix: false };

/**
 * A delimiter as typed: escapes `\n`, `\r`, `\t`, `\0`, `\\`, `\xHH`, or hex bytes `0x0d0a`.
 * Null when empty or malformed.
 */
export function parseDelimiter(text: string): Uint8Array | null {
  const hex = /^0x((?:[0-9a-f]{2})+)$/i.exec(text.trim());
  if (hex) return Uint8Array.from(hex[1].match(/../g)!.map((pair) => parseInt(pair, 16)));
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char !== '\\') {
      const code = text.charCodeAt(index);
      if (code > 0x7e) bytes.push(...new TextEncoder().encode(char));
      else bytes.push(code);
      continue;
    }
    const next = text[++index];
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, '0': 0, '\\': 92 };
    if (next in simple) bytes.push(simple[next]);
    else if (next === 'x' && /^[0-9a-f]{2}$/i.test(text.slice(index + 1, index + 3))) {
      bytes.push(parseInt(text.slice(index + 1, index + 3), 16));
      index += 2;
    } else return null;
  }
  return bytes.length > 0 ? Uint8Array.from(bytes) : null;
}

/** The framing rule for `frameMessages`, or null when the form does not describe a valid one. */
export function framingRule(choice: FramingChoice): FramingRule | null {
  switch (choice.kind) {
    case 'none': return null;
    case 'delimiter': {
      const delimiter = parseDelimiter(choice.delimiter);
      return delimiter ? { kind: 'delimiter', delimiter } : null;
    }
    case 'fixed': return Number.isInteger(choice.length) && choice.length > 0 ? { kind: 'fixed', length: choice.length } : null;
    case 'length-prefix': return { kind: 'length-prefix', size: choice.size, byteOrder: choice.byteOrder, includesPrefix: choice.includesPrefix };
  }
}

/** One direction of a followed stream as one byte array, with each segment's place in it. */
export function directionStream(segments: readonly FollowSegment[], fromServer: boolean): { bytes: Uint8Array; segments: StreamSegment[] } {
  const mine = segments.filter((segment) => segment.fromServer === fromServer && !segment.missing);
  const end = mine.reduce((length, segment) => Math.max(length, segment.offset + segment.bytes.length), 0);
  const bytes = new Uint8Array(end);
  for (const segment of mine) bytes.set(segment.bytes, segment.offset);
  return { bytes, segments: mine.map((segment) => ({ frame: segment.frame, offset: segment.offset, length: segment.bytes.length })) };
}
