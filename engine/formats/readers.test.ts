import * as fs from 'node:fs';
import * as os from 'node:os';
import * as zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { CaptureFileError, PcapWriter, PcapngWriter, formatEpochTime, openCaptureFile } from './index';
import { patternBytes, scanAll, temporaryDirectory, tshark, tsharkAvailable } from './test-support';

const directory = temporaryDirectory();
afterAll(() => directory.remove());

/** A pcapng file of `count` 60-byte packets at seconds 100, 101, …; returns its bytes. */
function writePcapng(name: string, count: number): Buffer {
  const file = directory.file(name);
  const writer = new PcapngWriter(file, { interfaces: [{ linkType: 1, name: 'eth0' }] });
  for (let index = 0; index < count; index++) writer.write(100 + index, 5000, patternBytes(60, index));
  writer.close();
  return fs.readFileSync(file);
}

function writePcap(name: string, count: number, length = 60): Buffer {
  const file = directory.file(name);
  const writer = new PcapWriter(file, { linkType: 1 });
  for (let index = 0; index < count; index++) writer.write(100 + index, 5000, patternBytes(length, index));
  writer.close();
  return fs.readFileSync(file);
}

async function refusal(file: string): Promise<CaptureFileError> {
  const failure = await openCaptureFile(file).then(() => null, (error: unknown) => error);
  expect(failure).toBeInstanceOf(CaptureFileError);
  return failure as CaptureFileError;
}

/** Little-endian pcapng blocks built by hand from the specification's layout. */
function block(type: number, body: number[]): number[] {
  const length = 12 + body.length;
  return [...u32(type), ...u32(length), ...body, ...u32(length)];
}
function u32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24];
}
function u16(value: number): number[] {
  return [value & 0xff, value >>> 8];
}
function option(code: number, value: number[]): number[] {
  const padding = (4 - (value.length % 4)) % 4;
  return [...u16(code), ...u16(value.length), ...value, ...new Array<number>(padding).fill(0)];
}
const sectionHeader = block(0x0a0d0d0a, [...u32(0x1a2b3c4d), ...u16(1), ...u16(0), ...u32(0xffffffff), ...u32(0xffffffff)]);
function interfaceBlock(linkType: number, options: number[]): number[] {
  return block(1, [...u16(linkType), 0, 0, ...u32(0), ...options, ...(options.length ? u32(0) : [])]);
}
function enhancedPacket(interfaceId: number, high: number, low: number, data: number[]): number[] {
  const padding = (4 - (data.length % 4)) % 4;
  return block(6, [...u32(interfaceId), ...u32(high), ...u32(low), ...u32(data.length), ...u32(data.length), ...data, ...new Array<number>(padding).fill(0)]);
}

describe('openCaptureFile', () => {
  it('refuses a file that is not a capture, in tshark\'s words', async () => {
    const file = directory.file('notes.pcap');
    fs.writeFileSync(file, 'hello world this is text\n');
    const error = await refusal(file);
    expect(error.kind).toBe('not-capture');
    expect(error.message).toBe(`The file "${file}" isn't a capture file in a format PacketLens understands.`);
  });

  it('refuses an empty file and a missing file', async () => {
    const empty = directory.file('empty.pcap');
    fs.writeFileSync(empty, '');
    expect((await refusal(empty)).message).toBe(`The file "${empty}" is empty.`);
    expect((await refusal(directory.file('missing.pcap'))).kind).toBe('io');
  });

  it('reports a pcap header cut short like tshark', async () => {
    const file = directory.file('header-cut.pcap');
    fs.writeFileSync(file, writePcap('whole-header.pcap', 1).subarray(0, 10));
    const error = await refusal(file);
    expect(error.kind).toBe('cut-short');
    if (tsharkAvailable) expect(tshark(file, ['frame.number']).stderr).toBe(`tshark: ${error.message.replace('PacketLens', 'TShark')}`);
  });

  it('reads big-endian pcap and pcapng built by hand', async () => {
    const pcap = directory.file('big-endian.pcap');
    fs.writeFileSync(pcap, Buffer.from([
      0xa1, 0xb2, 0xc3, 0xd4, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 1,
      0x65, 0x53, 0xf1, 0x00, 0, 0x0f, 0x42, 0x3f, 0, 0, 0, 4, 0, 0, 0, 9, 1, 2, 3, 4,
    ]));
    const capture = await openCaptureFile(pcap);
    expect(capture.info).toMatchObject({ byteOrder: 'big-endian', snapLength: 65535, version: '2.4' });
    const { packets } = await scanAll(capture);
    capture.close();
    expect(packets).toHaveLength(1);
    expect(packets[0]).toMatchObject({ seconds: 0x6553f100, nanoseconds: 999_999_000, capturedLength: 4, originalLength: 9, linkType: 1 });
    expect([...packets[0].data]).toEqual([1, 2, 3, 4]);
  });
});

describe('CaptureFile.scan', () => {
  it('delivers every complete packet of a file cut short, then warns like tshark', async () => {
    for (const [name, whole] of [['cut.pcap', writePcap('cut-whole.pcap', 5)], ['cut.pcapng', writePcapng('cut-whole.pcapng', 5)]] as const) {
      const file = directory.file(name);
      fs.writeFileSync(file, whole.subarray(0, whole.length - 70)); // into the 4th packet
      const capture = await openCaptureFile(file);
      const { packets, result } = await scanAll(capture);
      capture.close();
      expect(packets.map((packet) => packet.seconds)).toEqual([100, 101, 102, 103]);
      expect(result.warning).toBe(`The file "${file}" appears to have been cut short in the middle of a packet.`);
      if (tsharkAvailable) {
        const reference = tshark(file, ['frame.number']);
        expect(reference.rows).toHaveLength(packets.length);
        expect(reference.stderr).toBe(`tshark: ${result.warning}`);
      }
    }
  });

  it('reports damaged pcapng blocks after the good packets, with tshark\'s detail', async () => {
    const whole = writePcapng('damage-base.pcapng', 3);
    const second = 48 + 40 + 92; // SHB, IDB (if_name, if_tsresol), first EPB
    const damages: [string, (bytes: Buffer) => void, string][] = [
      ['length-not-multiple-of-4', (bytes) => bytes.writeUInt32LE(94, second + 4), 'pcapng: total block lengths (first 96 and second 8) don\'t match'],
      ['trailer', (bytes) => bytes.writeUInt32LE(999, second + 88), 'pcapng: total block lengths (first 92 and second 1000) don\'t match'],
      ['interface', (bytes) => bytes.writeUInt32LE(3, second + 8), 'pcapng: interface index 3 is not less than section interface count 1'],
      ['captured-length', (bytes) => bytes.writeUInt32LE(200, second + 20), 'pcapng: total block length 92 of an EPB is too small for 200 bytes of packet data'],
      ['tiny-block', (bytes) => bytes.writeUInt32LE(8, second + 4), 'pcapng: total block length 8 of an EPB is less than the minimum EPB size 32'],
    ];
    for (const [name, damage, detail] of damages) {
      const file = directory.file(`${name}.pcapng`);
      const bytes = Buffer.from(whole);
      damage(bytes);
      fs.writeFileSync(file, bytes);
      const capture = await openCaptureFile(file);
      const { packets, result } = await scanAll(capture);
      capture.close();
      expect(packets).toHaveLength(1);
      expect(result.warning).toBe(`The file "${file}" appears to be damaged or corrupt. (${detail})`);
      if (tsharkAvailable) {
        expect(tshark(file, ['frame.number']).stderr).toContain(`(${detail})`);
      }
    }
  });

  it('resumes a growing file after a partial block', async () => {
    const whole = writePcapng('growing-whole.pcapng', 4);
    const file = directory.file('growing.pcapng');
    const firstBlocks = 48 + 40 + 92 * 2;
    fs.writeFileSync(file, whole.subarray(0, firstBlocks + 30));
    const capture = await openCaptureFile(file);
    const first = await scanAll(capture, { growing: true });
    expect(first.packets.map((packet) => packet.seconds)).toEqual([100, 101]);
    expect(first.result).toEqual({ packets: 2, nextOffset: firstBlocks, complete: false });
    fs.appendFileSync(file, whole.subarray(firstBlocks + 30, whole.length - 10));
    const second = await scanAll(capture, { growing: true });
    expect(second.packets.map((packet) => packet.seconds)).toEqual([102]);
    fs.appendFileSync(file, whole.subarray(whole.length - 10));
    const third = await scanAll(capture, { growing: true });
    expect(third.packets.map((packet) => packet.seconds)).toEqual([103]);
    expect(third.result).toEqual({ packets: 1, nextOffset: whole.length, complete: true });
    capture.close();
  });

  it('stops between chunks when aborted, and continues on the next scan', async () => {
    const count = 12_000; // 12,000 × 1,016 bytes: two 8 MB chunks
    writePcap('abort.pcap', count, 1000);
    const capture = await openCaptureFile(directory.file('abort.pcap'));
    const controller = new AbortController();
    const progress: number[] = [];
    let seen = 0;
    const first = await capture.scan(() => {
      seen++;
      controller.abort();
    }, { signal: controller.signal, onProgress: (bytesRead) => progress.push(bytesRead) });
    expect(first.complete).toBe(false);
    expect(first.packets).toBe(Math.floor(((8 << 20) - 24) / 1016));
    expect(first.nextOffset).toBe(24 + first.packets * 1016);
    expect(progress).toEqual([first.nextOffset, first.nextOffset]);
    const second = await capture.scan(() => seen++);
    expect(second.complete).toBe(true);
    expect(seen).toBe(count);
    capture.close();
  });

  it('reads gzip-compressed captures through a temporary file removed on close', async () => {
    const plain = writePcapng('to-compress.pcapng', 3);
    const file = directory.file('compressed.pcapng.gz');
    fs.writeFileSync(file, zlib.gzipSync(plain));
    const temporaries = (): string[] => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('packetlens-gunzip-'));
    const before = temporaries();
    const capture = await openCaptureFile(file);
    expect(capture.info).toMatchObject({ format: 'pcapng', compressed: true, fileSize: plain.length });
    expect(temporaries().length).toBe(before.length + 1);
    const { packets } = await scanAll(capture);
    expect(packets.map((packet) => packet.seconds)).toEqual([100, 101, 102]);
    expect(capture.readPacket(packets[2].fileOffset, 60)).toEqual(patternBytes(60, 2));
    capture.close();
    expect(temporaries()).toEqual(before);
  });

  it('applies if_tsresol (powers of 10 and of 2) and if_tsoffset like tshark', async () => {
    const file = directory.file('tsresol.pcapng');
    const data = new Array<number>(20).fill(0x42);
    fs.writeFileSync(file, Buffer.from([
      ...sectionHeader,
      ...interfaceBlock(1, option(9, [3])), // milliseconds
      ...interfaceBlock(1, option(9, [0x80 | 20])), // 2^-20 s
      ...interfaceBlock(1, [...option(9, [6]), ...option(14, [...u32(1000), ...u32(0)])]), // µs, +1000 s
      ...interfaceBlock(1, option(9, [12])), // picoseconds: BigInt path
      ...enhancedPacket(0, 0x18b, 0xcfe56789, data),
      ...enhancedPacket(1, 0x65a, 0x12345678, data),
      ...enhancedPacket(2, 0x60e, 0xdeadbeef, data),
      ...enhancedPacket(3, 0x5e6a2c4f, 0x9abcdef1, data),
    ]));
    const capture = await openCaptureFile(file);
    expect(capture.info.interfaces.map((described) => [described.tsresol, described.tsoffset])).toEqual([[1e3, 0], [2 ** 20, 0], [1e6, 1000], [1e12, 0]]);
    const { packets } = await scanAll(capture);
    capture.close();
    // Hand-computed: ts = high·2^32 + low; seconds = ts div units (+ offset); ns = (ts mod units)·1e9 div units,
    // where wiretap's product is a uint64 and wraps (it does for picoseconds: tshark prints .003616203).
    const expected = [
      [0x18bcfe56789n, 1000n, 0n],
      [0x65a12345678n, 1n << 20n, 0n],
      [0x60edeadbeefn, 1000000n, 1000n],
      [0x5e6a2c4f9abcdef1n, 1000000000000n, 0n],
    ].map(([ts, units, offset]) => `${ts / units + offset}.${String(BigInt.asUintN(64, (ts % units) * 1000000000n) / units).padStart(9, '0')}`);
    expect(packets.map((packet) => formatEpochTime(packet.seconds, packet.nanoseconds))).toEqual(expected);
    if (tsharkAvailable) expect(tshark(file, ['frame.time_epoch']).rows.map((row) => row[0])).toEqual(expected);
  });

  it('keeps offsets exact past 4 GB (sparse file, skipped blocks read only by their trailer)', async () => {
    const file = directory.file('sparse.pcapng');
    const descriptor = fs.openSync(file, 'w');
    const head = Buffer.from([...sectionHeader, ...interfaceBlock(1, [])]);
    fs.writeSync(descriptor, head, 0, head.length, 0);
    let offset = head.length;
    const blockLength = 128 * 1024 * 1024; // 33 unknown blocks of 128 MB: mostly holes
    for (let index = 0; index < 33; index++) {
      fs.writeSync(descriptor, Buffer.from([...u32(0x0bad0001), ...u32(blockLength)]), 0, 8, offset);
      fs.writeSync(descriptor, Buffer.from(u32(blockLength)), 0, 4, offset + blockLength - 4);
      offset += blockLength;
    }
    const packet = Buffer.from(enhancedPacket(0, 0, 7_000_000, [9, 8, 7, 6, 5]));
    fs.writeSync(descriptor, packet, 0, packet.length, offset);
    fs.closeSync(descriptor);
    expect(offset).toBeGreaterThan(2 ** 32);

    const capture = await openCaptureFile(file);
    const { packets, result } = await scanAll(capture);
    expect(result.complete).toBe(true);
    expect(packets).toHaveLength(1);
    expect(packets[0].fileOffset).toBe(offset + 28);
    expect(packets[0].seconds).toBe(7);
    expect([...capture.readPacket(packets[0].fileOffset, 5)]).toEqual([9, 8, 7, 6, 5]);
    capture.close();
    fs.rmSync(file);
  });
});
