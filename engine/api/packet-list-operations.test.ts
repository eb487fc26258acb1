import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { readCapturePackets } from '../../test/support/capture-packets';
import { corpusAvailable, corpusPath, readFieldsReference, readFiltersReference } from '../../test/support/corpus';
import type { PacketRow } from './contract';
import { createEngineApi, type EngineApi } from './engine-api';
import { indexOfBytes, parseHexBytes } from './find';

// Sorting, custom columns, find and file properties checked against tshark, capinfos and the
// raw bytes of the corpus captures (each test reads one small file).
const http = 'filesamples__simple_http.pcap';
const commented = 'filesamples__200722_tcp_anon.pcapng';
let api: EngineApi | null = null;

afterEach(async () => {
  await api?.dispose();
  api = null;
});

async function open(name: string): Promise<EngineApi> {
  api = createEngineApi();
  await api.openFile(corpusPath(name));
  return api;
}

async function allRows(engine: EngineApi): Promise<PacketRow[]> {
  const summary = (await engine.summary())!;
  return engine.rows(0, summary.displayed);
}

function column(name: string, header: string[], row: string[]): string {
  return row[header.indexOf(name)];
}

describe.skipIf(!corpusAvailable)('packet list operations on real captures', () => {
  it('sorts by length like tshark frame.len (ties in frame order), both ways, and keeps the sort across filters', async () => {
    const engine = await open(http);
    const { header, rows } = readFieldsReference(http);
    const byLength = rows
      .map((row) => ({ frame: Number(column('frame.number', header, row)), length: Number(column('frame.len', header, row)) }))
      .sort((a, b) => a.length - b.length || a.frame - b.frame)
      .map((entry) => entry.frame);
    expect((await engine.sortView({ column: 'length', ascending: true })).complete).toBe(true);
    expect((await allRows(engine)).map((row) => row.frame)).toEqual(byLength);
    expect((await engine.summary())!.sort).toEqual({ column: 'length', ascending: true });

    await engine.sortView({ column: 'length', ascending: false });
    const descending = (await allRows(engine)).map((row) => row.length);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));

    // A filter keeps the order; go-to-packet finds frames by their sorted position.
    const tcpFrames = readFiltersReference(http).find((entry) => entry.filter === 'tcp.len > 0')!.frames;
    await engine.applyFilter('tcp.len > 0');
    const filtered = await allRows(engine);
    expect(filtered.map((row) => row.frame).sort((a, b) => a - b)).toEqual(tcpFrames);
    expect(filtered.map((row) => row.length)).toEqual(filtered.map((row) => row.length).sort((a, b) => b - a));
    for (const row of filtered) expect(await engine.displayedIndexOf(row.frame)).toBe(row.displayedIndex);

    await engine.sortView(null);
    expect((await allRows(engine)).map((row) => row.frame)).toEqual(tcpFrames);
  });

  it('sorts by Info with the text tshark shows in _ws.col.Info', async () => {
    const engine = await open(commented);
    const { header, rows } = readFieldsReference(commented);
    const infoOf = new Map(rows.map((row) => [Number(column('frame.number', header, row)), column('_ws.col.Info', header, row)]));
    const progress: number[] = [];
    engine.onEvent((event) => event.type === 'sortProgress' && progress.push(event.payload.fraction));
    await engine.sortView({ column: 'info', ascending: true });
    const made = await allRows(engine);
    // The precondition (our Info is tshark's for this file) keeps the order check honest.
    for (const row of made) expect(row.info).toBe(infoOf.get(row.frame));
    const sorted = made.map((row) => infoOf.get(row.frame)!);
    const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
    for (let index = 1; index < sorted.length; index++) expect(collator.compare(sorted[index - 1], sorted[index])).toBeLessThanOrEqual(0);
    expect(progress.at(-1)).toBe(1);
  });

  it('fills custom columns with the field values tshark prints', async () => {
    const engine = await open(http);
    const { header, rows } = readFieldsReference(http);
    await engine.setCustomColumns(['tcp.srcport', 'ip.ttl']);
    const made = await allRows(engine);
    expect(made.map((row) => row.custom)).toEqual(rows.map((row) => [column('tcp.srcport', header, row), column('ip.ttl', header, row)]));
    expect((await engine.summary())!.customColumns).toEqual(['tcp.srcport', 'ip.ttl']);
    // Sort by a custom column: numeric text sorts as numbers.
    await engine.sortView({ column: 'custom0', ascending: true });
    const ports = (await allRows(engine)).map((row) => Number(row.custom[0]));
    expect(ports).toEqual([...ports].sort((a, b) => a - b));
    await expect(engine.setCustomColumns(['no.such.field'])).rejects.toThrow(/no\.such\.field/);
  });

  it('finds by display filter forward, backward and wrapping, like tshark -Y', async () => {
    const engine = await open(http);
    const syn = readFiltersReference(http).find((entry) => entry.filter === 'tcp.flags.syn == 1 && tcp.flags.ack == 0')!.frames;
    expect(syn.length).toBeGreaterThan(0);
    const request = { kind: 'filter' as const, text: 'tcp.flags.syn == 1 && tcp.flags.ack == 0', target: 'list' as const, caseSensitive: false, backward: false, from: null };
    const first = await engine.findPacket(request);
    expect(first).toMatchObject({ error: null, frame: syn[0], displayedIndex: syn[0] - 1 });
    const last = await engine.findPacket({ ...request, backward: true });
    expect(last.frame).toBe(syn.at(-1));
    const wrapped = await engine.findPacket({ ...request, from: syn.at(-1)! - 1 });
    expect(wrapped).toMatchObject({ frame: syn.length > 1 ? syn[0] : syn.at(-1), wrapped: true });
    expect((await engine.findPacket({ ...request, text: 'tcp.port ==' })).error).toMatch(/./);
  });

  it('finds hex bytes, strings and regexes in the packet bytes', async () => {
    const engine = await open(http);
    const packets = await readCapturePackets(corpusPath(http));
    const firstWith = (needle: Uint8Array) => packets.find((packet) => indexOfBytes(packet.data, needle) >= 0)?.number ?? -1;
    const base = { target: 'bytes' as const, caseSensitive: false, backward: false, from: null };
    expect((await engine.findPacket({ ...base, kind: 'hex', text: '48 54 54 50 2f' })).frame).toBe(firstWith(new TextEncoder().encode('HTTP/')));
    expect((await engine.findPacket({ ...base, kind: 'string', text: 'http/' })).frame).toBe(firstWith(new TextEncoder().encode('HTTP/')));
    expect((await engine.findPacket({ ...base, kind: 'regex', text: 'HTTP/1\\.[01] 200' })).frame).toBe(firstWith(new TextEncoder().encode('200 OK')));
    expect((await engine.findPacket({ ...base, kind: 'hex', text: 'zz' })).error).toMatch(/hex/i);
    expect(parseHexBytes('00:50-56 aB')).toEqual(Uint8Array.from([0, 0x50, 0x56, 0xab]));
    // The packet list's Info text: the first frame whose tshark Info says "GET".
    const { header, rows } = readFieldsReference(http);
    const getFrame = rows.find((row) => column('_ws.col.Info', header, row).includes('GET'))!;
    expect((await engine.findPacket({ ...base, target: 'list', kind: 'string', text: 'GET /' })).frame).toBe(Number(getFrame[0]));
  });

  it('cancels a running filter: the previous view and filter stay', async () => {
    const engine = await open(http);
    const all = (await engine.summary())!.frames;
    const running = engine.applyFilter('frame contains "GET"');
    await engine.cancelFilter();
    const result = await running;
    expect(result.error?.message).toMatch(/Cancelled/);
    expect(await engine.summary()).toMatchObject({ filter: '', displayed: all });
    // The next filter runs normally.
    expect((await engine.applyFilter('frame contains "GET"')).error).toBeNull();
  });

  it('reports file properties as capinfos does', async () => {
    for (const name of [http, commented]) {
      const engine = await open(name);
      const properties = await engine.fileProperties();
      const [names, values] = execFileSync('capinfos', ['-T', '-M', '-t', '-E', '-c', '-d', '-u', '-a', '-e', '-k', '-l', '-y', '-z', corpusPath(name)], { env: { ...process.env, TZ: 'UTC' } })
        .toString().trim().split('\n').map((line) => line.split('\t'));
      const capinfos = (label: string) => values[names.indexOf(label)];
      const [type, encapsulation, snap, packets, dataSize, duration, start, end, byteRate, averageSize, comment] = [
        'File type', 'File encapsulation', 'Packet size limit', 'Number of packets', 'Data size (bytes)', 'Capture duration (seconds)', 'Start time', 'End time',
        'Data byte rate (bytes/sec)', 'Average packet size (bytes)', 'Capture comment',
      ].map(capinfos);
      expect(type).toBe(properties.format === 'pcap' ? 'pcap' : 'pcapng');
      expect(properties.encapsulation.toLowerCase().startsWith(encapsulation === 'ether' ? 'ethernet' : encapsulation)).toBe(true);
      expect(properties.snapLength ?? '(not set)').toBe(snap === '(not set)' ? snap : Number(snap));
      expect(properties.packets).toBe(Number(packets));
      expect(properties.dataSize).toBe(Number(dataSize));
      expect(properties.elapsed).toBeCloseTo(Number(duration), 6);
      expect(new Date(properties.firstTime! * 1000).toISOString().replace('T', ' ').slice(0, 23)).toBe(start.slice(0, 23));
      expect(new Date(properties.lastTime! * 1000).toISOString().replace('T', ' ').slice(0, 23)).toBe(end.slice(0, 23));
      expect(properties.byteRate).toBeCloseTo(Number(byteRate), 1);
      expect(properties.averagePacketSize).toBeCloseTo(Number(averageSize), 1);
      expect(properties.comments.join('\n')).toBe(comment ?? '');
      await api!.dispose();
      api = null;
    }
  });

  it('answers the statistics operations over the same capture (tshark -z conv,tcp)', async () => {
    const engine = await open(http);
    const conversations = await engine.conversations('tcp');
    const tshark = execFileSync('tshark', ['-n', '-q', '-r', corpusPath(http), '-z', 'conv,tcp']).toString();
    const lines = tshark.split('\n').filter((line) => /<->/.test(line));
    expect(conversations.length).toBe(lines.length);
    const follow = await engine.followStream({ protocol: 'tcp', stream: 0 });
    expect(follow.filter).toBe('tcp.stream eq 0');
    await expect(engine.followStream({ protocol: 'sctp', stream: 0 } as never)).rejects.toThrow(/protocol/);
  });
});
