import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaptureFile, PcapWriter } from '../formats/index.js';
import { hexBytes } from '../../test/support/tree.js';
import { createEngineApi, type EngineApi } from './engine-api.js';

// Two Ethernet frames built by hand: an ARP request (broadcast, padded to 60 bytes) and an
// unknown-ethertype frame, at known times.
const arpRequest = hexBytes(`ffffffffffff 00055d112233 0806 0001 0800 06 04 0001 00055d112233 c0a80037 000000000000 c0a80002 ${'00'.repeat(18)}`);
const unknownType = hexBytes('00055d112233 0a0b0c0d0e0f 88b5 deadbeef');

describe('engine API over a capture file', () => {
  let directory: string;
  let path: string;
  let api: EngineApi;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'packetlens-api-'));
    path = join(directory, 'two.pcap');
    const writer = new PcapWriter(path, { linkType: 1 });
    writer.write(1_700_000_000, 500_000_000, arpRequest);
    writer.write(1_700_000_001, 0, unknownType);
    writer.close();
    api = createEngineApi();
  });

  afterAll(async () => {
    await api.dispose();
    rmSync(directory, { recursive: true, force: true });
  });

  it('opens a file and reports its frames', async () => {
    const summary = await api.openFile(path);
    expect(summary).toMatchObject({ name: 'two.pcap', frames: 2, displayed: 2, marked: 0, loading: false });
  });

  it('makes rows with link-layer addresses, length and times relative to the first frame', async () => {
    const rows = await api.rows(0, 10);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ frame: 1, source: '00:05:5d:11:22:33', destination: 'ff:ff:ff:ff:ff:ff', length: 60, timeRelative: 0 });
    expect(rows[1].timeRelative).toBeCloseTo(0.5, 9);
    expect(rows[1].timeDelta).toBeCloseTo(0.5, 9);
  });

  it('gives the detail tree and the frame bytes', async () => {
    const detail = await api.detail(1);
    expect(detail.tree[0].label).toBe('Frame 1: 60 bytes on wire (480 bits), 60 bytes captured (480 bits)');
    expect(detail.sources[0].bytes).toEqual(arpRequest);
  });

  it('counts marks once per frame', async () => {
    await api.setMarked([1, 2], true);
    expect((await api.setMarked([1], true)).marked).toBe(2);
    expect((await api.setMarked([2], false)).marked).toBe(1);
  });

  it('rejects arguments a well-behaved renderer would never send', async () => {
    await expect(api.rows(-1, 5)).rejects.toThrow('start must be a whole number');
    await expect(api.rows(0, 1e9)).rejects.toThrow('count must be a whole number');
    await expect(api.detail(3)).rejects.toThrow('frame must be a whole number from 1 to 2');
    await expect(api.openFile(42 as unknown as string)).rejects.toThrow('path must be a string');
    await expect(api.setMarked(['1'] as unknown as number[], true)).rejects.toThrow('frames[0] must be a whole number');
  });

  it('explains a file that is not a capture and keeps working', async () => {
    await expect(api.openFile(join(directory, 'missing.pcap'))).rejects.toThrow(/could not be read/);
    const summary = await api.openUpload('again.pcap', new Uint8Array(readFileSync(path)));
    expect(summary.frames).toBe(2);
  });
});

describe('engine API display filters', () => {
  let directory: string;
  let api: EngineApi;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'packetlens-api-filter-'));
    const path = join(directory, 'mixed.pcap');
    const writer = new PcapWriter(path, { linkType: 1 });
    for (let frame = 0; frame < 10; frame++) writer.write(1_700_000_000 + frame, 0, frame % 2 === 0 ? arpRequest : unknownType);
    writer.close();
    api = createEngineApi();
    await api.openFile(path);
  });

  afterAll(async () => {
    await api.dispose();
    rmSync(directory, { recursive: true, force: true });
  });

  it('shows only matching frames and maps displayed indexes back to frames', async () => {
    const result = await api.applyFilter('eth.type == 0x0806');
    expect(result).toMatchObject({ error: null, displayed: 5 });
    expect((await api.rows(0, 100)).map((row) => row.frame)).toEqual([1, 3, 5, 7, 9]);
    expect(await api.displayedIndexOf(7)).toBe(3);
    expect(await api.displayedIndexOf(8)).toBe(-1);
    expect((await api.summary())?.filter).toBe('eth.type == 0x0806');
  });

  it('reports a bad filter with its position and keeps the current view', async () => {
    const result = await api.applyFilter('eth.typo == 1');
    expect(result.error?.message).toContain('eth.typo');
    expect(result.error?.start).toBe(0);
    expect(result.displayed).toBe(5);
  });

  it('exports the displayed packets with their bytes and times, as a file or as bytes', async () => {
    await api.applyFilter('eth.type == 0x0806');
    const target = join(directory, 'displayed.pcapng');
    expect(await api.exportPackets('displayed', 'pcapng', target)).toEqual({ path: target, bytes: null, packets: 5 });
    const written: Array<{ seconds: number; data: Uint8Array }> = [];
    const file = await openCaptureFile(target);
    await file.scan((record) => { written.push({ seconds: record.seconds, data: record.data.slice() }); });
    await file.close();
    expect(written.map((packet) => packet.seconds)).toEqual([0, 2, 4, 6, 8].map((offset) => 1_700_000_000 + offset));
    for (const packet of written) expect(packet.data).toEqual(arpRequest);

    const download = await api.exportPackets('displayed', 'pcap', null);
    expect(download.packets).toBe(5);
    // A pcap file: 24-byte header, then 5 records of 16 + 60 bytes.
    expect(download.bytes?.length).toBe(24 + 5 * (16 + 60));
  });

  it('exports only marked packets when asked', async () => {
    await api.setMarked([2, 4], true);
    expect((await api.exportPackets('marked', 'pcapng', join(directory, 'marked.pcapng'))).packets).toBe(2);
  });

  it('clears the filter', async () => {
    expect((await api.applyFilter('')).displayed).toBe(10);
  });
});
