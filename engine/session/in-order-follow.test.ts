import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ethernetIpv4, udpDatagram } from '../../test/support/packets.js';
import { PcapngWriter } from '../formats/index.js';
import { resolveFields } from './field-text-sink.js';
import { dissectInOrder } from './in-order-pass.js';

/** A promise settled from outside (the "capture ended" signal). */
function signal(): { promise: Promise<void>; settle: () => void } {
  let settle!: () => void;
  const promise = new Promise<void>((resolve) => { settle = resolve; });
  return { promise, settle };
}

const waitFor = async (check: () => boolean, what: string): Promise<void> => {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('dissectInOrder following a growing file', () => {
  let directory: string;
  let whole: Uint8Array;
  /** Offsets where each of the 5 Enhanced Packet Blocks starts, and the file's end. */
  let blockStarts: number[];
  const ports = [1001, 1002, 1003, 1004, 1005];
  const payloadSizes = [1, 10, 100, 3, 40];

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'packetlens-follow-'));
    const complete = join(directory, 'complete.pcapng');
    const writer = new PcapngWriter(complete, { interfaces: [{ linkType: 1, name: 'lo' }] });
    writer.flush();
    blockStarts = [readFileSync(complete).length];
    ports.forEach((port, index) => {
      writer.write(1_700_000_000 + index, 0, ethernetIpv4('127.0.0.1', '127.0.0.1', 17, udpDatagram(40000, port, new Uint8Array(payloadSizes[index]))));
      writer.flush();
      blockStarts.push(readFileSync(complete).length);
    });
    writer.close();
    whole = readFileSync(complete);
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('hands over each packet as soon as its block is complete, resuming after partial blocks', async () => {
    const path = join(directory, 'growing.pcapng');
    writeFileSync(path, whole.subarray(0, blockStarts[0]));
    const ended = signal();
    const seen: Array<{ number: number; port: string; length: number }> = [];
    const fields = resolveFields(['udp.dstport']);
    const pass = dissectInOrder(path, { fields, columns: true, follow: { until: ended.promise, pollMs: 5 } }, (passed) => {
      seen.push({ number: passed.frame.number, port: passed.fieldTexts[0].join(','), length: passed.frame.originalLength });
    });

    // Packet 1 whole, then packet 2 in two halves: nothing of packet 2 before its second half.
    appendFileSync(path, whole.subarray(blockStarts[0], blockStarts[1]));
    await waitFor(() => seen.length === 1, 'packet 1');
    const middle = (blockStarts[1] + blockStarts[2]) >> 1;
    appendFileSync(path, whole.subarray(blockStarts[1], middle));
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(seen.length).toBe(1);
    appendFileSync(path, whole.subarray(middle, blockStarts[2]));
    await waitFor(() => seen.length === 2, 'packet 2');
    // The rest arrives just before the writer says it is done: the last read still gets it.
    appendFileSync(path, whole.subarray(blockStarts[2]));
    ended.settle();
    const result = await pass;

    expect(result).toEqual({ frames: 5, warning: null });
    // Ethernet 14 + IPv4 20 + UDP 8 + payload, numbered in file order.
    expect(seen).toEqual(ports.map((port, index) => ({ number: index + 1, port: String(port), length: 42 + payloadSizes[index] })));
  });

  it('reports a file that ends inside a packet once the writer is done (cut short)', async () => {
    const path = join(directory, 'cut.pcapng');
    writeFileSync(path, whole.subarray(0, blockStarts[1] + 10));
    const ended = signal();
    const frames: number[] = [];
    const pass = dissectInOrder(path, { fields: [], columns: false, follow: { until: ended.promise, pollMs: 5 } }, (passed) => frames.push(passed.frame.number));
    await waitFor(() => frames.length === 1, 'packet 1');
    ended.settle();
    const result = await pass;
    expect(frames).toEqual([1]);
    expect(result.warning).toMatch(/cut short in the middle of a packet/);
  });

  it('stops following at the limit without waiting for the end', async () => {
    const path = join(directory, 'limit.pcapng');
    writeFileSync(path, whole);
    const never = new Promise<void>(() => {});
    const frames: number[] = [];
    const result = await dissectInOrder(path, { fields: [], columns: false, limit: 2, follow: { until: never, pollMs: 5 } }, (passed) => frames.push(passed.frame.number));
    expect(frames).toEqual([1, 2]);
    expect(result.warning).toBeNull();
  });
});
