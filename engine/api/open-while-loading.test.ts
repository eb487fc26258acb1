import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PcapWriter } from '../formats/index.js';
import { hexBytes } from '../../test/support/tree.js';
import type { CaptureSummary, PacketRow } from './contract.js';
import { createEngineApi, type EngineApi } from './engine-api.js';

/**
 * Opening a file larger than one read chunk (8 MiB): the list may show the frames indexed so
 * far (summaries with `loading: true` while the index runs), their rows are the final ones, and
 * a filter applied while loading covers the whole file once it is loaded. Truth: tshark.
 */
const request = hexBytes(`ffffffffffff 00055d112233 0806 0001 0800 06 04 0001 00055d112233 c0a80037 000000000000 c0a80002 ${'00'.repeat(18)}`);
const reply = hexBytes(`00055d112233 00055daabbcc 0806 0001 0800 06 04 0002 00055daabbcc c0a80002 00055d112233 c0a80037 ${'00'.repeat(18)}`);
const frames = 200_000; // 76 bytes a record: ~15 MB, two chunks at least

const tshark = (args: string[]) => execFileSync('tshark', ['-n', ...args], { encoding: 'utf8', maxBuffer: 64 << 20 }).trim();

describe('a file shown while it loads', () => {
  let directory: string;
  let path: string;
  let api: EngineApi;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'packetlens-loading-'));
    path = join(directory, 'arp.pcap');
    const writer = new PcapWriter(path, { linkType: 1 });
    // Every third frame is a reply.
    for (let index = 0; index < frames; index++) writer.write(1_700_000_000 + Math.floor(index / 1000), (index % 1000) * 1_000_000, index % 3 === 2 ? reply : request);
    writer.close();
    api = createEngineApi();
  });

  afterAll(async () => {
    await api.dispose();
    rmSync(directory, { recursive: true, force: true });
  });

  it('announces the frames indexed so far, whose rows read as tshark prints them, and re-runs a filter applied meanwhile', async () => {
    const whileLoading: Array<{ summary: CaptureSummary; rows: Promise<PacketRow[]> }> = [];
    let filtered: Promise<unknown> | null = null;
    const stop = api.onEvent((event) => {
      if (event.type !== 'summary' || !event.payload.loading) return;
      whileLoading.push({ summary: event.payload, rows: api.rows(0, 6) });
      filtered ??= api.applyFilter('arp.opcode == 2');
    });
    const opened = await api.openFile(path);
    stop();
    await filtered;
    const final = await api.summary();

    expect(whileLoading.length).toBeGreaterThan(0);
    const first = whileLoading[0];
    expect(first.summary.frames).toBeGreaterThan(0);
    expect(first.summary.frames).toBeLessThan(frames);
    const info = tshark(['-r', path, '-c', '6', '-T', 'fields', '-e', 'frame.number', '-e', '_ws.col.Info']).split('\n').map((line) => line.split('\t'));
    expect((await first.rows).map((row) => [String(row.frame), row.info])).toEqual(info);

    // The filter ran first over part of the file; the loaded file is filtered whole.
    const replyFrames = tshark(['-r', path, '-Y', 'arp.opcode == 2', '-T', 'fields', '-e', 'frame.number']).split('\n').map(Number);
    expect(opened).toMatchObject({ frames, loading: false });
    expect(final).toMatchObject({ frames, loading: false, filter: 'arp.opcode == 2', displayed: replyFrames.length });
    expect((await api.rows(replyFrames.length - 1, 1))[0].frame).toBe(replyFrames.at(-1));
  });

  it('re-sorts at the end of loading when sorted meanwhile, so the order covers every frame', async () => {
    let sorted: Promise<unknown> | null = null;
    const stop = api.onEvent((event) => {
      if (event.type === 'summary' && event.payload.loading) sorted ??= api.sortView({ column: 'number', ascending: false });
    });
    await api.openFile(path);
    stop();
    await sorted;
    const lastFrame = Number(tshark(['-r', path, '-T', 'fields', '-e', 'frame.number']).split('\n').at(-1));
    expect(await api.summary()).toMatchObject({ frames: lastFrame, displayed: lastFrame, sort: { column: 'number', ascending: false } });
    expect((await api.rows(0, 2)).map((row) => row.frame)).toEqual([lastFrame, lastFrame - 1]);
    expect((await api.rows(lastFrame - 1, 1))[0].frame).toBe(1);
  });
});
