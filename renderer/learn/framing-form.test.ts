import { describe, expect, it } from 'vitest';
import { frameMessages } from '../../dissectors/learn/index';
import type { FollowSegment } from '../../engine/api/contract';
import { defaultFraming, directionStream, framingRule, parseDelimiter } from './framing-form';

const segment = (frame: number, fromServer: boolean, offset: number, text: string, missing = false): FollowSegment =>
  ({ frame, fromServer, offset, bytes: new TextEncoder().encode(text), missing });

describe('framing form', () => {
  it('reads delimiters as escapes or hex bytes', () => {
    expect([...parseDelimiter('\\r\\n')!]).toEqual([13, 10]);
    expect([...parseDelimiter('\\n')!]).toEqual([10]);
    expect([...parseDelimiter('0x00ff')!]).toEqual([0, 255]);
    expect([...parseDelimiter('\\x1e|')!]).toEqual([0x1e, 0x7c]);
    expect(parseDelimiter('')).toBeNull();
    expect(parseDelimiter('\\q')).toBeNull();
  });

  it('turns the form into a rule, or null when it is incomplete', () => {
    expect(framingRule(defaultFraming)).toEqual({ kind: 'length-prefix', size: 4, byteOrder: 'big', includesPrefix: false });
    expect(framingRule({ ...defaultFraming, kind: 'fixed', length: 0 })).toBeNull();
    expect(framingRule({ ...defaultFraming, kind: 'none' })).toBeNull();
  });

  it('joins one direction and frames lines split and merged across segments', () => {
    const segments = [segment(4, false, 0, 'he'), segment(5, true, 0, 'ignored'), segment(6, false, 2, 'llo\nwor'), segment(8, false, 9, 'ld\nbye\n')];
    const stream = directionStream(segments, false);
    expect(new TextDecoder().decode(stream.bytes)).toBe('hello\nworld\nbye\n');
    const report = frameMessages(stream.bytes, stream.segments, framingRule({ ...defaultFraming, kind: 'delimiter', delimiter: '\\n' })!);
    // "hello\n" spans frames 4 and 6, "world\n" frames 6 and 8: two split; frames 6 and 8 each carry two messages.
    expect(report.messages.map((message) => message.frames)).toEqual([[4, 6], [6, 8], [8]]);
    expect(report.splitMessages).toBe(2);
    expect(report.mergedSegments).toBe(2);
  });
});
