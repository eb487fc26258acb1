import { describe, expect, it } from 'vitest';
import { PacketStore } from './packet-store.js';

// The store keeps offsets, seconds, lengths and interface ids in narrow columns until a value
// does not fit; these values are chosen on both sides of each limit (2^32, 2^16, 2^8).
describe('PacketStore narrow columns', () => {
  it('keeps every value exactly, widening a column at the first value that does not fit', () => {
    const store = new PacketStore();
    store.reserve(4);
    store.append(24, 1_700_000_000, 999_999_999, 60, 60, 1, 0);
    store.append(0xffff_ffff, 0xffff_ffff, 0, 0xffff, 0xffff, 1, 0xff);
    const narrow = store.bytesPerFrame();
    store.append(6_000_000_000, 2 ** 32 + 5, 1, 70_000, 80_000, 1, 300);
    store.append(6_000_000_100, -3, 5, 64, 70_000, 113, 2);
    expect(store.bytesPerFrame()).toBe(narrow + 4 + 4 + 2 + 2 + 1);

    const frames = [1, 2, 3, 4].map((number) => store.frameInfo(number));
    expect(frames.map((frame) => [frame.seconds, frame.nanoseconds, frame.capturedLength, frame.originalLength, frame.linkType, frame.interfaceId])).toEqual([
      [1_700_000_000, 999_999_999, 60, 60, 1, 0],
      [0xffff_ffff, 0, 0xffff, 0xffff, 1, 0xff],
      [2 ** 32 + 5, 1, 70_000, 80_000, 1, 300],
      [-3, 5, 64, 70_000, 113, 2],
    ]);
    expect([0, 1, 2, 3].map((index) => store.fileOffset[index])).toEqual([24, 0xffff_ffff, 6_000_000_000, 6_000_000_100]);
    // Frame 3 is (2^32 + 5) - (2^32 - 1) = 6 seconds and 1 ns after frame 2.
    expect(store.secondsBetween(1, 2)).toBe(6 + 1 / 1e9);
  });

  it('keeps fractional seconds (a timestamp the file gives in finer units) exactly', () => {
    const store = new PacketStore();
    store.append(0, 10, 0, 1, 1, 1, 0);
    store.append(1, 10.5, 0, 1, 1, 1, 0);
    expect(store.frameInfo(2).seconds).toBe(10.5);
    expect(store.frameInfo(1).seconds).toBe(10);
  });
});
