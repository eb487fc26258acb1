import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ethernetIpv4, tcpFlags as F, tcpSegment, udpDatagram, type TcpOptions } from '../../test/support/packets.js';
import { PcapWriter } from '../formats/index.js';
import { CaptureSession } from '../session/capture-session.js';
import { followStream } from './follow-stream.js';
import { formatFollow, type FollowMode } from './follow-text.js';

const hasTshark = spawnSync('tshark', ['--version']).status === 0;
const client = '10.0.0.1';
const server = '10.0.0.2';

const fromClient = (segment: Omit<TcpOptions, 'sourcePort' | 'destinationPort'>) => ethernetIpv4(client, server, 6, tcpSegment({ sourcePort: 40000, destinationPort: 80, window: 1000, ...segment }));
const fromServer = (segment: Omit<TcpOptions, 'sourcePort' | 'destinationPort'>) => ethernetIpv4(server, client, 6, tcpSegment({ sourcePort: 80, destinationPort: 40000, window: 1000, ...segment }));

// Client ISN 1000 (data from 1001), server ISN 5000 (data from 5001).
const tcpFrames = [
  fromClient({ sequence: 1000, flags: F.syn }),
  fromServer({ sequence: 5000, acknowledgment: 1001, flags: F.syn | F.ack }),
  fromClient({ sequence: 1001, acknowledgment: 5001, flags: F.ack }),
  fromClient({ sequence: 1001, acknowledgment: 5001, flags: F.ack | F.psh, payload: 'GET / HTTP/1.1\r\n' }), // 4: 16 bytes
  fromClient({ sequence: 1001, acknowledgment: 5001, flags: F.ack | F.psh, payload: 'GET / HTTP/1.1\r\n' }), // 5: retransmission
  fromClient({ sequence: 1012, acknowledgment: 5001, flags: F.ack | F.psh, payload: '1.1\r\nHost: x\r\n\r\n' }), // 6: overlaps 5 bytes
  fromServer({ sequence: 5011, acknowledgment: 1028, flags: F.ack | F.psh, payload: 'second' }), // 7: out of order
  fromServer({ sequence: 5001, acknowledgment: 1028, flags: F.ack | F.psh, payload: 'first\x00\x01\xff\r\n' }), // 8: fills the gap (10 bytes)
  fromServer({ sequence: 5027, acknowledgment: 1028, flags: F.ack | F.psh, payload: 'after a gap' }), // 9: 10 bytes never captured before it
  fromClient({ sequence: 1028, acknowledgment: 5038, flags: F.ack }), // 10: acknowledges the gap
  fromClient({ sequence: 1028, acknowledgment: 5038, flags: F.ack | F.fin }),
];

const udpFrames = [
  ethernetIpv4(client, server, 17, udpDatagram(5353, 53, Array.from('query', (c) => c.charCodeAt(0)))),
  ethernetIpv4(server, client, 17, udpDatagram(53, 5353, Array.from('answer!', (c) => c.charCodeAt(0)))),
  ethernetIpv4(client, server, 17, udpDatagram(5353, 53, [])),
];

describe('Follow Stream', () => {
  let directory: string;
  let tcpCapture: string;
  let udpCapture: string;
  let tcpSession: CaptureSession;
  let udpSession: CaptureSession;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'packetlens-follow-'));
    tcpCapture = join(directory, 'tcp.pcap');
    udpCapture = join(directory, 'udp.pcap');
    for (const [path, frames] of [[tcpCapture, tcpFrames], [udpCapture, udpFrames]] as const) {
      const writer = new PcapWriter(path, { linkType: 1 });
      frames.forEach((frame, index) => writer.write(1_700_000_000 + index, 0, frame));
      writer.close();
    }
    tcpSession = await CaptureSession.open(tcpCapture);
    await tcpSession.index();
    udpSession = await CaptureSession.open(udpCapture);
    await udpSession.index();
  });

  afterAll(async () => {
    await tcpSession?.dispose();
    await udpSession?.dispose();
    rmSync(directory, { recursive: true, force: true });
  });

  it('puts TCP segments in order, drops retransmitted and overlapping bytes, keeps segment boundaries', async () => {
    const result = await followStream(tcpSession, { protocol: 'tcp', stream: 0 });
    expect(result.client).toEqual({ address: client, port: 40000 });
    expect(result.server).toEqual({ address: server, port: 80 });
    expect(result.filter).toBe('tcp.stream eq 0');
    const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
    // Hand-computed: frame 6 starts at 1012 but 1001..1016 are already there, so only its last 11 bytes are new;
    // frame 10 acknowledges 5038, so the 10 bytes 5017..5026 were sent but not captured.
    expect(result.segments.map((segment) => [segment.frame, segment.fromServer, segment.offset, text(segment.bytes), segment.missing])).toEqual([
      [4, false, 0, 'GET / HTTP/1.1\r\n', false],
      [6, false, 16, 'Host: x\r\n\r\n', false],
      [8, true, 0, 'first\x00\x01\xff\r\n', false],
      [7, true, 10, 'second', false],
      [10, true, 16, '[10 bytes missing in capture file]\x00', true],
      [9, true, 51, 'after a gap', false],
    ]);
    expect(result.clientBytes).toBe(27);
    expect(result.serverBytes).toBe(62);
  });

  it('finds the same stream by its addresses and ports, in either order', async () => {
    const byStream = await followStream(tcpSession, { protocol: 'tcp', stream: 0 });
    const byAddress = await followStream(tcpSession, { protocol: 'tcp', endpoints: [{ address: server, port: 80 }, { address: client, port: 40000 }] });
    expect(byAddress.segments).toEqual(byStream.segments);
    expect(byAddress.filter).toBe('((ip.src eq 10.0.0.2 and tcp.srcport eq 80) and (ip.dst eq 10.0.0.1 and tcp.dstport eq 40000)) or ((ip.src eq 10.0.0.1 and tcp.srcport eq 40000) and (ip.dst eq 10.0.0.2 and tcp.dstport eq 80))');
  });

  it('follows UDP datagrams one by one, skipping empty ones as tshark does', async () => {
    const result = await followStream(udpSession, { protocol: 'udp', stream: 0 });
    expect(result.segments.map((segment) => [segment.frame, segment.fromServer, segment.offset, segment.bytes.length])).toEqual([[1, false, 0, 5], [2, true, 0, 7]]);
  });

  it('prints an unknown stream with no segments', async () => {
    const result = await followStream(tcpSession, { protocol: 'tcp', stream: 7 });
    expect(result.segments).toEqual([]);
    expect(result.client).toBeNull();
  });

  describe.skipIf(!hasTshark)('output identical to tshark 4.0', () => {
    const modes: FollowMode[] = ['ascii', 'hex', 'raw'];
    for (const mode of modes) {
      it(`follow,tcp,${mode},0`, async () => {
        const expected = spawnSync('tshark', ['-n', '-q', '-r', tcpCapture, '-z', `follow,tcp,${mode},0`], { encoding: 'utf8' }).stdout;
        expect(formatFollow(await followStream(tcpSession, { protocol: 'tcp', stream: 0 }), mode)).toBe(expected);
      });
      it(`follow,udp,${mode},0`, async () => {
        const expected = spawnSync('tshark', ['-n', '-q', '-r', udpCapture, '-z', `follow,udp,${mode},0`], { encoding: 'utf8' }).stdout;
        expect(formatFollow(await followStream(udpSession, { protocol: 'udp', stream: 0 }), mode)).toBe(expected);
      });
    }
    it('follow by addresses', async () => {
      const expected = spawnSync('tshark', ['-n', '-q', '-r', tcpCapture, '-z', `follow,tcp,ascii,${server}:80,${client}:40000`], { encoding: 'utf8' }).stdout;
      expect(formatFollow(await followStream(tcpSession, { protocol: 'tcp', endpoints: [{ address: server, port: 80 }, { address: client, port: 40000 }] }), 'ascii')).toBe(expected);
    });
  });
});
