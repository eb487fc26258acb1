import * as fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CaptureFileError, PcapWriter, PcapngWriter, openCaptureFile, writeCaptureFile } from './index';
import { patternBytes, scanAll, temporaryDirectory, tshark, tsharkAvailable } from './test-support';

const directory = temporaryDirectory();
afterAll(() => directory.remove());

interface Written {
  seconds: number;
  nanoseconds: number;
  data: Uint8Array;
  originalLength: number;
  interfaceId: number;
  comments: string[] | null;
}

/** A varied set of packets: small, padded, cut by the snap length, odd timestamps. */
function samplePackets(interfaces: number): Written[] {
  const packets: Written[] = [];
  for (let index = 0; index < 40; index++) {
    const length = [14, 60, 61, 62, 63, 1514, 9000][index % 7];
    packets.push({
      seconds: 1_700_000_000 + index * 37,
      nanoseconds: (index * 123_456_789) % 1_000_000_000,
      data: patternBytes(length, index),
      originalLength: length + (index % 3 === 0 ? 100 : 0),
      interfaceId: index % interfaces,
      comments: index % 5 === 0 ? [`comment ${index}`, 'второй комментарий ✓'] : null,
    });
  }
  return packets;
}

/** Expected `frame.time_epoch` text, written out independently of the reader's formatter. */
function epoch(seconds: number, nanoseconds: number): string {
  return `${seconds}.${String(nanoseconds).padStart(9, '0')}`;
}

describe('PcapWriter', () => {
  it('writes the 24-byte little-endian header of the pcap format', () => {
    const file = directory.file('header.pcap');
    new PcapWriter(file, { linkType: 101, snapLength: 65535 }).close();
    expect([...fs.readFileSync(file)]).toEqual([
      0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 101, 0, 0, 0,
    ]);
    const nano = directory.file('header-ns.pcap');
    new PcapWriter(nano, { linkType: 1, nanosecond: true }).close();
    expect([...fs.readFileSync(nano).subarray(0, 4)]).toEqual([0x4d, 0x3c, 0xb2, 0xa1]);
  });

  for (const nanosecond of [false, true]) {
    it(`round-trips bytes, lengths and ${nanosecond ? 'nanosecond' : 'microsecond'} timestamps`, async () => {
      const file = directory.file(`round-trip-${nanosecond}.pcap`);
      const packets = samplePackets(1);
      const writer = new PcapWriter(file, { linkType: 1, snapLength: 1600, nanosecond });
      for (const packet of packets) writer.write(packet.seconds, packet.nanoseconds, packet.data, packet.originalLength);
      writer.close();

      const capture = await openCaptureFile(file);
      expect(capture.info).toMatchObject({ format: 'pcap', byteOrder: 'little-endian', snapLength: 1600, resolution: nanosecond ? 'nanosecond' : 'microsecond' });
      const { packets: read, result } = await scanAll(capture);
      capture.close();
      expect(result).toEqual({ packets: packets.length, nextOffset: fs.statSync(file).size, complete: true });
      read.forEach((got, index) => {
        const want = packets[index];
        expect(got.seconds).toBe(want.seconds);
        expect(got.nanoseconds).toBe(nanosecond ? want.nanoseconds : Math.floor(want.nanoseconds / 1000) * 1000);
        expect(got.capturedLength).toBe(Math.min(want.data.length, 1600));
        expect(got.originalLength).toBe(want.originalLength);
        expect(got.data).toEqual(want.data.subarray(0, 1600));
        expect(got.linkType).toBe(1);
      });
    });
  }

  it('refuses timestamps a pcap file cannot hold', () => {
    const writer = new PcapWriter(directory.file('range.pcap'), { linkType: 1 });
    expect(() => writer.write(2 ** 32, 0, new Uint8Array(1))).toThrow(RangeError);
    expect(() => writer.write(-1, 0, new Uint8Array(1))).toThrow(RangeError);
    expect(() => writer.write(0, 1e9, new Uint8Array(1))).toThrow(RangeError);
    writer.close();
  });
});

describe('PcapngWriter', () => {
  it('round-trips interfaces, comments, bytes, lengths and nanosecond timestamps', async () => {
    const file = directory.file('round-trip.pcapng');
    const packets = samplePackets(2);
    const writer = new PcapngWriter(file, {
      interfaces: [{ linkType: 1, name: 'eth0', snapLength: 1600 }, { linkType: 101, name: 'tun0', description: 'a tunnel' }],
      comments: ['made by a test'],
    });
    for (const packet of packets) {
      writer.write(packet.seconds, packet.nanoseconds, packet.data, packet.originalLength, packet.interfaceId, packet.comments);
    }
    writer.close();

    const capture = await openCaptureFile(file);
    expect(capture.info.format).toBe('pcapng');
    expect(capture.info.sectionComments).toEqual(['made by a test']);
    expect(capture.info.application).toBe('PacketLens');
    expect(capture.info.interfaces.map(({ linkType, name, description, snapLength, tsresol }) => ({ linkType, name, description, snapLength, tsresol }))).toEqual([
      { linkType: 1, name: 'eth0', description: null, snapLength: 1600, tsresol: 1e9 },
      { linkType: 101, name: 'tun0', description: 'a tunnel', snapLength: 262144, tsresol: 1e9 },
    ]);
    const { packets: read, result } = await scanAll(capture);
    capture.close();
    expect(result.complete).toBe(true);
    expect(read).toHaveLength(packets.length);
    read.forEach((got, index) => {
      const want = packets[index];
      const snap = want.interfaceId === 0 ? 1600 : 262144;
      expect(got).toMatchObject({
        seconds: want.seconds,
        nanoseconds: want.nanoseconds,
        capturedLength: Math.min(want.data.length, snap),
        originalLength: want.originalLength,
        interfaceId: want.interfaceId,
        linkType: want.interfaceId === 0 ? 1 : 101,
        comments: want.comments,
        hasTimestamp: true,
      });
      expect(got.data).toEqual(want.data.subarray(0, snap));
    });
  });

  it('keeps 64-bit nanosecond timestamps exact beyond 2106', async () => {
    const file = directory.file('far-future.pcapng');
    const seconds = [0, 1, 4294967295, 4294967296, 2 ** 34 + 12345];
    const writer = new PcapngWriter(file, { interfaces: [{ linkType: 1 }] });
    seconds.forEach((second, index) => writer.write(second, 999_999_999 - index, new Uint8Array(20)));
    writer.close();
    const capture = await openCaptureFile(file);
    const { packets } = await scanAll(capture);
    capture.close();
    expect(packets.map((packet) => [packet.seconds, packet.nanoseconds])).toEqual(seconds.map((second, index) => [second, 999_999_999 - index]));
  });

  it('writes a block larger than its 1 MB buffer straight through', async () => {
    const file = directory.file('big.pcapng');
    const big = patternBytes(3 << 20, 7);
    const writer = new PcapngWriter(file, { interfaces: [{ linkType: 231, snapLength: 0 }] }); // D-Bus: 128 MB packets allowed
    writer.write(10, 20, new Uint8Array(100));
    writer.write(11, 21, big, undefined, 0, ['large']);
    writer.write(12, 22, new Uint8Array(50));
    writer.close();
    const capture = await openCaptureFile(file);
    const { packets } = await scanAll(capture);
    expect(packets.map((packet) => packet.capturedLength)).toEqual([100, big.length, 50]);
    // Buffer.equals: vitest's deep equality is far too slow for megabytes.
    expect(Buffer.from(packets[1].data).equals(big)).toBe(true);
    expect(packets[1].comments).toEqual(['large']);
    expect(Buffer.from(capture.readPacket(packets[1].fileOffset, packets[1].capturedLength)).equals(big)).toBe(true);
    capture.close();
  });

  it('makes every record written before flush() readable while the writer stays open', async () => {
    const file = directory.file('live.pcapng');
    const writer = new PcapngWriter(file, { interfaces: [{ linkType: 1, name: 'lo' }] });
    writer.write(1, 0, patternBytes(60, 1));
    writer.write(2, 0, patternBytes(60, 2));
    writer.flush();
    const capture = await openCaptureFile(file);
    const first = await scanAll(capture, { growing: true });
    expect(first.packets.map((packet) => packet.seconds)).toEqual([1, 2]);
    writer.write(3, 0, patternBytes(60, 3));
    const unflushed = await scanAll(capture, { growing: true });
    expect(unflushed.packets).toEqual([]);
    writer.flush();
    const second = await scanAll(capture, { growing: true });
    expect(second.packets.map((packet) => packet.seconds)).toEqual([3]);
    writer.close();
    capture.close();
  });
});

describe('writeCaptureFile', () => {
  it('refuses to save interfaces of different link types as pcap', () => {
    const file = directory.file('mixed.pcap');
    const attempt = (): number => writeCaptureFile(file, 'pcap', [{ linkType: 1 }, { linkType: 101 }], []);
    expect(attempt).toThrow(CaptureFileError);
    expect(attempt).toThrow('A pcap file holds one link type, but these packets use 1, 101; save as pcapng instead.');
  });

  it('saves the same packets as pcap and pcapng', async () => {
    const packets = samplePackets(1).map((packet) => ({ ...packet, interfaceId: 0 }));
    for (const format of ['pcap', 'pcapng'] as const) {
      const file = directory.file(`saved.${format}`);
      expect(writeCaptureFile(file, format, [{ linkType: 1 }], packets)).toBe(packets.length);
      const capture = await openCaptureFile(file);
      const { packets: read } = await scanAll(capture);
      capture.close();
      expect(read.map((packet) => [packet.seconds, packet.nanoseconds, packet.originalLength])).toEqual(
        packets.map((packet) => [packet.seconds, packet.nanoseconds, packet.originalLength]));
    }
  });
});

describe.skipIf(!tsharkAvailable)('tshark reads what we write', () => {
  const fields = ['frame.number', 'frame.time_epoch', 'frame.len', 'frame.cap_len', 'frame.interface_id', 'frame.comment'];

  it('pcap (microsecond and nanosecond)', () => {
    for (const nanosecond of [false, true]) {
      const file = directory.file(`tshark-${nanosecond}.pcap`);
      const packets = samplePackets(1);
      const writer = new PcapWriter(file, { linkType: 1, snapLength: 1600, nanosecond });
      for (const packet of packets) writer.write(packet.seconds, packet.nanoseconds, packet.data, packet.originalLength);
      writer.close();
      const { rows, stderr } = tshark(file, fields.slice(0, 4));
      expect(stderr).toBe('');
      expect(rows).toEqual(packets.map((packet, index) => [
        String(index + 1),
        epoch(packet.seconds, nanosecond ? packet.nanoseconds : Math.floor(packet.nanoseconds / 1000) * 1000),
        String(packet.originalLength),
        String(Math.min(packet.data.length, 1600)),
      ]));
    }
  });

  it('pcapng with two interfaces and comments', () => {
    const file = directory.file('tshark.pcapng');
    const packets = samplePackets(2);
    const writer = new PcapngWriter(file, { interfaces: [{ linkType: 1, name: 'eth0', snapLength: 1600 }, { linkType: 101, name: 'tun0' }] });
    for (const packet of packets) {
      writer.write(packet.seconds, packet.nanoseconds, packet.data, packet.originalLength, packet.interfaceId, packet.comments);
    }
    writer.close();
    const { rows, stderr } = tshark(file, fields);
    expect(stderr).toBe('');
    expect(rows).toEqual(packets.map((packet, index) => [
      String(index + 1),
      epoch(packet.seconds, packet.nanoseconds),
      String(packet.originalLength),
      String(Math.min(packet.data.length, packet.interfaceId === 0 ? 1600 : 262144)),
      String(packet.interfaceId),
      packet.comments === null ? '' : packet.comments.join(','),
    ]));
  });
});
