import { beforeEach, describe, expect, it } from 'vitest';
import type { PacketLensClient, PacketRow } from '../../engine/api/contract';
import { setEngine } from './engine';
import { ROW_BLOCK, useRows } from './rows-store';

/**
 * The row cache while frames are appended (a file loading, a live capture): rows already
 * fetched stay, the block that was partly filled is fetched again, and an answer that left the
 * engine before the new frames never lands in the cache.
 */
interface Request {
  start: number;
  count: number;
  answer(frames: number): void;
}

let requests: Request[] = [];

const rowFor = (displayedIndex: number) => ({ frame: displayedIndex + 1, displayedIndex }) as PacketRow;

beforeEach(() => {
  requests = [];
  setEngine({
    rows: (start: number, count: number) => new Promise<PacketRow[]>((resolve) => {
      // `frames`: how many frames the engine had when it answered.
      requests.push({ start, count, answer: (frames) => resolve(Array.from({ length: Math.max(0, Math.min(count, frames - start)) }, (_, index) => rowFor(start + index))) });
    }),
  } as unknown as PacketLensClient);
  useRows.getState().invalidate();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('rows cache while frames are appended', () => {
  it('keeps whole blocks and fetches the partly filled one again', async () => {
    const rows = useRows.getState();
    rows.request(0, 150); // blocks 0 and 1; the engine has 150 frames
    expect(requests.map((request) => request.start)).toEqual([0, ROW_BLOCK]);
    requests.forEach((request) => request.answer(150));
    await settle();
    expect(rows.row(149)?.frame).toBe(150);
    expect(rows.row(150)).toBeUndefined();

    rows.invalidateFrom(150); // 250 frames now
    expect(rows.row(99)?.frame).toBe(100);
    expect(rows.row(120)).toBeUndefined();
    rows.request(0, 250);
    // Block 0 is kept; blocks 1 (partly filled before) and 2 (new) are fetched.
    expect(requests.slice(2).map((request) => request.start)).toEqual([ROW_BLOCK, 2 * ROW_BLOCK]);
    requests.slice(2).forEach((request) => request.answer(250));
    await settle();
    expect(rows.row(199)?.frame).toBe(200);
    expect(rows.row(249)?.frame).toBe(250);
  });

  it('drops an answer that was on its way when frames were appended', async () => {
    const rows = useRows.getState();
    rows.request(0, 50); // block 0 while the engine has 50 frames
    rows.invalidateFrom(50); // 120 frames before that answer arrives
    rows.request(0, 120);
    expect(requests.map((request) => request.start)).toEqual([0, 0, ROW_BLOCK]);
    requests[0].answer(50);
    await settle();
    expect(rows.row(0)).toBeUndefined();
    requests[1].answer(120);
    requests[2].answer(120);
    await settle();
    expect(rows.row(99)?.frame).toBe(100);
    expect(rows.row(119)?.frame).toBe(120);
  });
});
