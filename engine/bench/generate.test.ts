import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  encodeDnsName,
  internetChecksum,
  ipv4FromString,
  IP_PROTOCOL_UDP,
  macFromString,
  writeArpFrame,
  writeDecimal,
  writeIpv4Header,
} from './frames';
import {
  DEFAULT_PACKETS,
  generateBenchmarkCapture,
  generateFrames,
  PCAP_FILE_HEADER_LENGTH,
  PCAP_RECORD_HEADER_LENGTH,
  TARGET_AVERAGE_FRAME_LENGTH,
} from './generate';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const fromHex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

describe('frame builders', () => {
  it('computes the RFC 1071 section 3 example checksum', () => {
    // RFC 1071: the words 0001 f203 f4f5 f6f7 sum to 0xddf2; the checksum is its complement.
    expect(internetChecksum(fromHex('0001f203f4f5f6f7'), 0, 8)).toBe(0x220d);
  });

  it('writes a well-known IPv4 header with checksum 0xb861', () => {
    // The classic example header: 192.168.0.1 -> 192.168.0.199, UDP, total length 0x73, DF, TTL 64.
    const frame = new Uint8Array(64);
    writeIpv4Header(frame, IP_PROTOCOL_UDP, ipv4FromString('192.168.0.1'), ipv4FromString('192.168.0.199'), 0x73 - 20, 0, 64, true);
    expect(hex(frame.subarray(14, 34))).toBe('45000073000040004011b861c0a80001c0a800c7');
  });

  it('pads an ARP request to the 60-byte Ethernet minimum (RFC 826 layout)', () => {
    const frame = new Uint8Array(64).fill(0xee);
    const length = writeArpFrame(frame, 0xffffffffffff, 1, macFromString('00:1b:21:0a:0b:0c'), ipv4FromString('10.10.0.7'), 0, ipv4FromString('10.10.0.1'));
    expect(length).toBe(60);
    expect(hex(frame.subarray(0, 60))).toBe(
      'ffffffffffff' + '001b210a0b0c' + '0806' + // Ethernet: broadcast, sender, ARP
        '0001' + '0800' + '06' + '04' + '0001' + // hardware Ethernet, protocol IPv4, sizes, request
        '001b210a0b0c' + '0a0a0007' + '000000000000' + '0a0a0001' + // sender, target
        '00'.repeat(18), // padding
    );
  });

  it('encodes DNS names as length-prefixed labels (RFC 1035 3.1)', () => {
    expect(hex(encodeDnsName('www.example.com'))).toBe('03777777076578616d706c6503636f6d00');
  });

  it('writes decimal digits', () => {
    const bytes = new Uint8Array(8);
    expect(writeDecimal(bytes, 1, 40960)).toBe(6);
    expect(Buffer.from(bytes.subarray(1, 6)).toString('latin1')).toBe('40960');
    expect(writeDecimal(bytes, 0, 0)).toBe(1);
    expect(bytes[0]).toBe(0x30);
  });
});

describe('benchmark capture', () => {
  let directory: string;
  beforeAll(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'packetlens-generate-'));
  });
  afterAll(() => {
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('gives byte-identical files for the same seed and different ones for another seed', () => {
    const first = path.join(directory, 'first.pcap');
    const second = path.join(directory, 'second.pcap');
    const other = path.join(directory, 'other.pcap');
    generateBenchmarkCapture(first, { packets: 2_000, seed: 7 });
    generateBenchmarkCapture(second, { packets: 2_000, seed: 7 });
    generateBenchmarkCapture(other, { packets: 2_000, seed: 8 });
    const firstBytes = fs.readFileSync(first);
    expect(firstBytes.equals(fs.readFileSync(second))).toBe(true);
    expect(firstBytes.equals(fs.readFileSync(other))).toBe(false);
  });

  it('reports the packets and bytes it wrote, in a microsecond Ethernet pcap', () => {
    const file = path.join(directory, 'size.pcap');
    const result = generateBenchmarkCapture(file, { packets: 1_234 });
    const bytes = fs.readFileSync(file);
    expect(result).toEqual({ packets: 1_234, bytes: bytes.length });
    expect(bytes.readUInt32LE(0)).toBe(0xa1b2c3d4);
    expect(bytes.readUInt32LE(20)).toBe(1);
    let records = 0;
    for (let at = PCAP_FILE_HEADER_LENGTH; at < bytes.length; records++) at += PCAP_RECORD_HEADER_LENGTH + bytes.readUInt32LE(at + 8);
    expect(records).toBe(1_234);
  });

  it('steers towards the target frame size, so the default 1M-frame file is about 540 MB', () => {
    let frameBytes = 0;
    let previous = 0;
    let increasing = true;
    const packets = 100_000;
    generateFrames({ packets }, (microseconds, frame) => {
      frameBytes += frame.length;
      if (microseconds <= previous) increasing = false;
      previous = microseconds;
    });
    expect(increasing).toBe(true);
    const average = frameBytes / packets;
    expect(Math.abs(average - TARGET_AVERAGE_FRAME_LENGTH)).toBeLessThan(TARGET_AVERAGE_FRAME_LENGTH * 0.01);
    // Arithmetic, not a 540 MB run: 24 + 1,000,000 * (16 + 524) bytes.
    const expected = PCAP_FILE_HEADER_LENGTH + DEFAULT_PACKETS * (PCAP_RECORD_HEADER_LENGTH + TARGET_AVERAGE_FRAME_LENGTH);
    expect(expected).toBe(540_000_024);
    expect(DEFAULT_PACKETS).toBe(1_000_000);
  });
});

const tsharkInstalled = spawnSync('tshark', ['-v'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!tsharkInstalled)('benchmark capture read by tshark', () => {
  const packets = 3_000;
  let directory: string;
  let file: string;

  /** Runs tshark on the capture; fails on a non-zero exit or any complaint on stderr. */
  const tshark = (...args: string[]): string => {
    const result = spawnSync('tshark', ['-n', '-r', file, ...args], { encoding: 'utf8', maxBuffer: 256 << 20 });
    const complaints = result.stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('Running as user'));
    expect(complaints).toEqual([]);
    expect(result.status).toBe(0);
    return result.stdout;
  };
  const count = (filter: string, ...options: string[]): number =>
    tshark(...options, '-Y', filter, '-T', 'fields', '-e', 'frame.number').split('\n').filter((line) => line !== '').length;
  const rows = (filter: string, fields: string[], ...options: string[]): string[][] =>
    tshark(...options, '-Y', filter, '-T', 'fields', ...fields.flatMap((field) => ['-e', field]))
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.split('\t'));

  beforeAll(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'packetlens-generate-tshark-'));
    file = path.join(directory, 'sample.pcap');
    generateBenchmarkCapture(file, { packets });
  });
  afterAll(() => {
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('reads without complaint, malformed packets or expert errors', () => {
    expect(count('frame')).toBe(packets);
    expect(count('_ws.malformed || _ws.expert.severity == "Error"')).toBe(0);
  });

  it('has the intended protocol mix', () => {
    const hierarchy = new Map<string, number>();
    for (const match of tshark('-q', '-z', 'io,phs').matchAll(/^\s*(\S+)\s+frames:(\d+)/gm)) {
      hierarchy.set(match[1], (hierarchy.get(match[1]) ?? 0) + Number(match[2]));
    }
    const share = (protocol: string): number => (hierarchy.get(protocol) ?? 0) / packets;
    expect(hierarchy.get('eth')).toBe(packets);
    expect((hierarchy.get('ip') ?? 0) + (hierarchy.get('arp') ?? 0)).toBe(packets);
    expect(share('tcp')).toBeGreaterThan(0.8);
    expect(share('tcp')).toBeLessThan(0.97);
    expect(share('http')).toBeGreaterThan(0.05);
    expect(hierarchy.get('udp')).toBe(hierarchy.get('dns'));
    expect(share('dns')).toBeGreaterThan(0.02);
    expect(share('icmp')).toBeGreaterThan(0.005);
    expect(share('arp')).toBeGreaterThan(0.005);
  });

  it('has good IPv4, TCP, UDP and ICMP checksums in every frame', () => {
    const validate = ['-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE'];
    expect(count('ip.checksum.status==0 || tcp.checksum.status==0 || udp.checksum.status==0 || icmp.checksum.status==0', ...validate)).toBe(0);
    // And the checks really ran: every header was verified good (status 1).
    expect(count('ip.checksum.status==1', ...validate)).toBe(count('ip'));
    expect(count('tcp.checksum.status==1', ...validate)).toBe(count('tcp'));
    expect(count('udp.checksum.status==1', ...validate)).toBe(count('udp'));
    expect(count('icmp.checksum.status==1')).toBe(count('icmp'));
  });

  it('has consistent lengths, strictly increasing timestamps and the intended address plan', () => {
    const frames = rows('frame', ['frame.time_epoch', 'frame.len', 'ip.len', 'ip.src', 'ip.dst', 'udp.length', 'tcp.len', 'tcp.hdr_len', 'tcp.srcport', 'tcp.dstport']);
    expect(frames).toHaveLength(packets);
    expect(frames[0][0]).toBe('1710234000.000000000');
    const inRange = (address: string, ...prefixes: string[]): boolean => prefixes.some((prefix) => address.startsWith(prefix));
    const privateRanges = ['10.', '192.168.'];
    const serverRanges = ['198.51.100.', '203.0.113.'];
    let previousTime = -1;
    for (const [time, frameLength, ipLength, source, destination, udpLength, tcpLength, tcpHeaderLength, sourcePort, destinationPort] of frames) {
      const [whole, fraction] = time.split('.');
      const microseconds = Number(whole) * 1e6 + Number(fraction.slice(0, 6)); // exact below 2^53
      expect(microseconds).toBeGreaterThan(previousTime);
      previousTime = microseconds;
      if (ipLength === '') {
        expect(frameLength).toBe('60'); // ARP
        continue;
      }
      expect(Number(frameLength)).toBe(Math.max(60, 14 + Number(ipLength)));
      expect(inRange(source, ...privateRanges, ...serverRanges) && inRange(destination, ...privateRanges, ...serverRanges)).toBe(true);
      if (udpLength !== '') expect(Number(udpLength)).toBe(Number(ipLength) - 20);
      if (tcpLength !== '') {
        expect(Number(tcpLength) + Number(tcpHeaderLength) + 20).toBe(Number(ipLength));
        const [client, server] = destinationPort === '80' ? [source, destination] : [destination, source];
        expect(sourcePort === '80' || destinationPort === '80').toBe(true);
        expect(inRange(client, ...privateRanges)).toBe(true);
        expect(inRange(server, ...serverRanges)).toBe(true);
      }
    }
  });

  it('completes handshakes, and teardowns of finished connections', () => {
    const segments = rows('tcp', ['frame.time_epoch', 'tcp.stream', 'tcp.srcport', 'tcp.flags.syn', 'tcp.flags.ack', 'tcp.flags.fin', 'tcp.flags.reset', 'tcp.seq', 'tcp.ack', 'tcp.len', 'tcp.completeness'], '-2');
    const captureEnd = Number(rows('frame', ['frame.time_epoch']).at(-1)![0]);
    const streams = new Map<string, typeof segments>();
    for (const segment of segments) streams.set(segment[1], [...(streams.get(segment[1]) ?? []), segment]);
    let finished = 0;
    for (const stream of streams.values()) {
      const [, , clientPort] = stream[0];
      // Starts with the client's SYN (a SYN retransmission may repeat it), then SYN-ACK, then ACK.
      let index = 0;
      while (index < stream.length && stream[index][3] === '1' && stream[index][4] === '0') index++;
      expect(index).toBeGreaterThan(0);
      expect(stream[0][2]).toBe(stream[index - 1][2]);
      if (index < stream.length) {
        const [, , port, syn, ack, , , , acknowledgment] = stream[index];
        expect([port === '80', syn, ack, acknowledgment]).toEqual([true, '1', '1', '1']);
      }
      if (index + 1 < stream.length) {
        const [, , port, syn, ack, , , sequence, acknowledgment, length] = stream[index + 1];
        expect([port, syn, ack, sequence, acknowledgment, length]).toEqual([clientPort, '0', '1', '1', '1', '0']);
      }
      expect(stream.every((segment) => segment[6] === '0')).toBe(true); // no resets
      const fins = stream.filter((segment) => segment[5] === '1');
      if (fins.length === 0 || Number(fins[0][0]) > captureEnd - 0.2) continue;
      // 4-way teardown: a FIN from each side, each acknowledged by the other, nothing after.
      expect(fins).toHaveLength(2);
      expect(fins[0][2]).not.toBe(fins[1][2]);
      for (const fin of fins) {
        const finEnd = String(Number(fin[7]) + 1);
        expect(stream.some((segment) => segment[2] !== fin[2] && segment[5] === '0' && segment[8] === finEnd)).toBe(true);
      }
      const last = stream.at(-1)!;
      expect([last[2] === fins[1][2], last[5], last[8]]).toEqual([false, '0', String(Number(fins[1][7]) + 1)]);
      // tshark's view: SYN, SYN-ACK, ACK, data and FIN all seen (1 + 2 + 4 + 8 + 16).
      expect(last[10]).toBe('31');
      finished++;
    }
    expect(finished).toBeGreaterThan(streams.size * 0.25);
  });

  it('has retransmissions and duplicate ACKs that tshark recognises, and no impossible orderings', () => {
    expect(count('tcp.analysis.retransmission')).toBeGreaterThan(0);
    expect(count('tcp.analysis.duplicate_ack')).toBeGreaterThan(2);
    expect(count('tcp.analysis.out_of_order || tcp.analysis.spurious_retransmission || tcp.analysis.ack_lost_segment')).toBe(0);
  });

  it('carries HTTP GETs with Host headers (example and other names) answered by responses', () => {
    const requests = rows('http.request', ['http.request.method', 'http.host', 'tcp.dstport']);
    expect(requests.length).toBeGreaterThan(50);
    expect(requests.every(([method, host, port]) => method === 'GET' && host !== '' && port === '80')).toBe(true);
    expect(requests.some(([, host]) => host.includes('example'))).toBe(true);
    expect(requests.some(([, host]) => !host.includes('example'))).toBe(true);
    const responses = rows('http.response', ['http.response.code', 'http.response_for.uri']);
    expect(responses.length).toBeGreaterThan(requests.length * 0.8);
    expect(new Set(responses.map(([code]) => code))).toEqual(new Set(['200', '304', '404']));
    expect(responses.every(([, uri]) => uri.startsWith('http://'))).toBe(true);
  });

  it('carries DNS queries and answers over UDP 53', () => {
    const messages = rows('dns', ['dns.flags.response', 'dns.qry.name', 'udp.srcport', 'udp.dstport', 'dns.response_to', 'dns.flags.rcode', 'dns.a']);
    const queries = messages.filter(([response]) => response === '0');
    const answers = messages.filter(([response]) => response === '1');
    expect(queries.every(([, , , port]) => port === '53')).toBe(true);
    expect(answers.every(([, , port, , responseTo]) => port === '53' && responseTo !== '')).toBe(true);
    expect(answers.length).toBeGreaterThanOrEqual(queries.length - 2);
    expect(queries.some(([, name]) => name === 'www.example.com' || name === 'api.example.org')).toBe(true);
    expect(queries.some(([, name]) => !name.includes('example'))).toBe(true);
    expect(answers.some(([, , , , , rcode]) => rcode === '3')).toBe(true); // NXDOMAIN
    // One address per name, in the documentation ranges, and no address shared by two names.
    const nameByAddress = new Map<string, string>();
    for (const [, name, , , , , address] of answers) {
      if (address === '') continue;
      expect(address).toMatch(/^(198\.51\.100|203\.0\.113)\.\d+$/);
      expect(nameByAddress.get(address) ?? name).toBe(name);
      nameByAddress.set(address, name);
    }
    expect(nameByAddress.size).toBeGreaterThan(3);
  });

  it('carries answered ICMP echoes and padded ARP requests and replies', () => {
    const requests = count('icmp.type==8');
    expect(requests).toBeGreaterThan(0);
    expect(count('icmp.type==0 && icmp.resp_to')).toBeGreaterThanOrEqual(requests - 1);
    const arp = rows('arp', ['arp.opcode', 'eth.dst', 'frame.len', 'eth.padding']);
    expect(arp.some(([opcode, destination]) => opcode === '1' && destination === 'ff:ff:ff:ff:ff:ff')).toBe(true);
    expect(arp.some(([opcode, destination]) => opcode === '2' && destination !== 'ff:ff:ff:ff:ff:ff')).toBe(true);
    expect(arp.every(([, , length, padding]) => length === '60' && padding === '00'.repeat(18))).toBe(true);
  });
});
