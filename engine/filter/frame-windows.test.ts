import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaptureSession } from '../session/capture-session.js';
import { FrameWindows, openRangeReader } from './frame-windows.js';

/** A file whose byte at offset i is i % 251, with frames at the given offsets and lengths; `reads` records each read. */
function fakeSession(frames: Array<[offset: number, length: number]>) {
  const reads: Array<[start: number, length: number]> = [];
  const session = {
    store: { fileOffset: Float64Array.from(frames.map(([offset]) => offset)), capturedLength: Uint32Array.from(frames.map(([, length]) => length)) },
    file: {
      readPacket(start: number, length: number): Uint8Array {
        reads.push([start, length]);
        const bytes = new Uint8Array(length);
        for (let index = 0; index < length; index++) bytes[index] = (start + index) % 251;
        return bytes;
      },
    },
  };
  return { session: session as unknown as CaptureSession, reads };
}

const expectedBytes = (offset: number, length: number) => Uint8Array.from({ length }, (_, index) => (offset + index) % 251);

describe('FrameWindows', () => {
  it('reads close frames together, starts a new read after a gap over 32 KB, and serves each frame its own bytes', () => {
    const frames: Array<[number, number]> = [[24, 100], [140, 60], [200, 1500], [1700 + (32 << 10) + 1, 80], [1700 + (32 << 10) + 100, 40]];
    const { session, reads } = fakeSession(frames);
    const windows = new FrameWindows(session);
    const chosen = [0, 1, 3, 4];
    chosen.forEach((index, at) => expect(windows.bytes(chosen, at)).toEqual(expectedBytes(...frames[index])));
    // Frames 0 and 1 (40 bytes apart) share a read; frame 3 lies 32 KB + 1 byte after frame 1's end... and after frame 2 (not chosen).
    expect(reads).toEqual([[24, 176], [frames[3][0], frames[4][0] + 40 - frames[3][0]]]);
    // Frame 2 lay inside the first window's reach only if chosen: it was not read, so not cached.
    expect(windows.cached(2)).toBeNull();
    expect(windows.cached(0)).toEqual(expectedBytes(...frames[0]));
    expect(windows.cached(4)).toEqual(expectedBytes(...frames[4]));
  });

  it('keeps one read under 8 MB and reads a frame bigger than that alone', () => {
    const megabyte = 1 << 20;
    const frames: Array<[number, number]> = [[0, 5 * megabyte], [5 * megabyte, 2 * megabyte], [7 * megabyte, 2 * megabyte], [9 * megabyte, 10 * megabyte]];
    const { session, reads } = fakeSession(frames);
    const windows = new FrameWindows(session);
    const chosen = [0, 1, 2, 3];
    chosen.forEach((index, at) => expect(windows.bytes(chosen, at).length).toBe(frames[index][1]));
    expect(reads).toEqual([[0, 7 * megabyte], [7 * megabyte, 2 * megabyte], [9 * megabyte, 10 * megabyte]]);
  });

  it('lets reassembly read skipped-over frames from the last two windows', () => {
    const frames: Array<[number, number]> = [[0, 100], [100, 100], [200, 100], [100_000, 100], [200_000, 100]];
    const { session, reads } = fakeSession(frames);
    const windows = new FrameWindows(session);
    const chosen = [0, 2, 3, 4];
    chosen.forEach((_, at) => windows.bytes(chosen, at));
    expect(reads.length).toBe(3);
    expect(windows.cached(1)).toBeNull(); // its window is three reads old
    expect(windows.cached(3)).toEqual(expectedBytes(100_000, 100));
  });
});

describe('FrameWindows over a real capture', () => {
  const fixtures = resolve(import.meta.dirname, '../../test/fixtures');

  // http.pcapng.gz is read through the session (offsets are in the decompressed copy), the others through a descriptor of their own.
  for (const name of ['http.pcapng', 'http.pcapng.gz', 'dns.pcap', 'tcp-retransmission.pcapng']) {
    it(`gives every chosen frame of ${name} the bytes the session reads, reusing window memory`, async () => {
      const session = await CaptureSession.open(join(fixtures, name));
      await session.index();
      const ranges = openRangeReader(session);
      try {
        for (const step of [1, 2, 5]) {
          const windows = new FrameWindows(session, ranges.read);
          const chosen = Array.from({ length: Math.ceil(session.frameCount / step) }, (_, at) => at * step);
          chosen.forEach((index, at) => expect(windows.bytes(chosen, at)).toEqual(session.bytes(index + 1)));
          for (let index = 0; index < session.frameCount; index++) {
            const cached = windows.cached(index);
            if (cached !== null) expect(cached).toEqual(session.bytes(index + 1));
          }
        }
      } finally {
        ranges.close();
        await session.dispose();
      }
    });
  }
});
