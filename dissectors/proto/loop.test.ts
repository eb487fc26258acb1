import { describe, expect, it } from 'vitest';
import { dissectFrames } from '../../test/support/fields.js';
import { hexBytes } from '../../test/support/tree.js';

describe('Ethernet loopback (0x9000)', () => {
  it('reads little-endian functions and names the one the skip count points at', () => {
    // skipCount 0, Forward Data to aa:00:04:00:1d:04, then Reply with receipt number 1; 10 data bytes.
    const [frame] = dissectFrames([hexBytes('000000000000 00000000000a 9000 0000 0200 aa0004001d04 0100 0100 55555555555555555555')]);
    expect(frame.get('loop.skipcount')).toBe('0');
    expect(frame.get('loop.relevant_function')).toBe('2');
    expect(frame.get('loop.function')).toBe('2,1');
    expect(frame.get('loop.forwarding_address')).toBe('aa:00:04:00:1d:04');
    expect(frame.get('loop.receipt_number')).toBe('1');
    expect(frame.get('data.len')).toBe('10');
    expect(frame.protocol).toBe('LOOP');
    expect(frame.info).toBe('Forward Data');
  });
});
