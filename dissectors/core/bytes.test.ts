import { describe, expect, it } from 'vitest';
import { latin1 } from './bytes.js';

describe('latin1', () => {
  it('maps every byte to the code point of the same value (0x80–0x9f too, unlike windows-1252)', () => {
    const bytes = Uint8Array.from([0x41, 0x80, 0x9f, 0xe9, 0xff, 0x00]);
    expect([...latin1(bytes, 0, 6)].map((char) => char.charCodeAt(0))).toEqual([0x41, 0x80, 0x9f, 0xe9, 0xff, 0x00]);
  });

  it('reads only the requested range, across chunk boundaries of long bodies', () => {
    const bytes = Uint8Array.from({ length: 20_000 }, (_, index) => index % 256);
    const text = latin1(bytes, 3, 19_990);
    expect(text.length).toBe(19_990);
    expect(text.charCodeAt(0)).toBe(3);
    expect(text.charCodeAt(8192)).toBe((3 + 8192) % 256);
    expect(text.charCodeAt(19_989)).toBe((3 + 19_989) % 256);
    expect(latin1(bytes, 5, 0)).toBe('');
  });
});
