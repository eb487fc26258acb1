import { describe, expect, it } from 'vitest';
import { CaptureState } from '../core/index.js';
import { ethernetIpv4, dissectFrames, dissectOne, tcpFlags as F, tcpSegment, type TcpOptions } from '../../test/support/packets.js';
import { findNode } from '../../test/support/tree.js';

// Expectations come from tshark 4.0.17 (`tshark -n -r X -T fields -e …`) run on pcaps holding
// exactly these frames; the comments give the tshark Info column.
const A = '10.0.0.1';
const B = '10.0.0.2';
const fromA = (segment: TcpOptions) => ethernetIpv4(A, B, 6, tcpSegment(segment));
const fromB = (segment: TcpOptions) => ethernetIpv4(B, A, 6, tcpSegment(segment));
const windowScale = (shift: number) => [1, 3, 3, shift];
const value = (result: ReturnType<typeof dissectFrames>[number], abbrev: string) => findNode(result.tree.roots, abbrev)?.value;

describe('TCP', () => {
  it('numbers sequences from the ISN of a SYN and scales later windows by the SYN\'s shift', () => {
    const results = dissectFrames([
      fromA({ sourcePort: 1000, destinationPort: 80, sequence: 5000, flags: F.syn, window: 100, options: windowScale(3) }),
      fromA({ sourcePort: 1000, destinationPort: 80, sequence: 5001, acknowledgment: 7001, flags: F.ack, window: 100 }),
      fromB({ sourcePort: 80, destinationPort: 1000, sequence: 7001, acknowledgment: 5001, flags: F.ack, window: 100 }),
    ]);
    expect(results.map((r) => r.columns.info)).toEqual([
      '1000 → 80 [SYN] Seq=0 Win=100 Len=0 WS=8',
      '1000 → 80 [ACK] Seq=1 Ack=1 Win=800 Len=0',
      '80 → 1000 [ACK] Seq=1 Ack=1 Win=100 Len=0',
    ]);
    expect(results.map((r) => value(r, 'tcp.window_size_scalefactor'))).toEqual([undefined, 8, -1]);
    expect(results.map((r) => value(r, 'tcp.seq_raw'))).toEqual([5000, 5001, 7001]);
    expect(results.map((r) => value(r, 'tcp.stream'))).toEqual([0, 0, 0]);
    expect(results[0].columns.protocol).toBe('TCP');
  });

  it('starts relative numbers at 1 when the capture begins mid-connection', () => {
    const results = dissectFrames([
      fromA({ sourcePort: 1000, destinationPort: 4444, sequence: 5000, acknowledgment: 7000, flags: F.ack, window: 100 }),
      fromB({ sourcePort: 4444, destinationPort: 1000, sequence: 7000, acknowledgment: 5000, flags: F.ack, window: 200 }),
      fromA({ sourcePort: 1000, destinationPort: 4444, sequence: 5000, acknowledgment: 7000, flags: F.ack | F.psh, window: 100, payload: 'abc' }),
    ]);
    expect(results.map((r) => [value(r, 'tcp.seq'), value(r, 'tcp.ack'), value(r, 'tcp.nxtseq')])).toEqual([[1, 1, 1], [1, 1, 1], [1, 1, 4]]);
    expect(results[2].columns.info).toBe('1000 → 4444 [PSH, ACK] Seq=1 Ack=1 Win=100 Len=3');
    expect(findNode(results[2].tree.roots, 'tcp.payload')).toMatchObject({ length: 3, label: 'TCP payload (3 bytes)' });
    expect(findNode(results[2].tree.roots, 'data.data')).toMatchObject({ length: 3 });
  });

  it('turns window scaling off when either handshake segment lacks the option (factor -2)', () => {
    const results = dissectFrames([
      fromA({ sourcePort: 1000, destinationPort: 80, sequence: 5000, flags: F.syn, window: 100 }),
      fromB({ sourcePort: 80, destinationPort: 1000, sequence: 7000, acknowledgment: 5001, flags: F.syn | F.ack, window: 200, options: windowScale(3) }),
      fromA({ sourcePort: 1000, destinationPort: 80, sequence: 5001, acknowledgment: 7001, flags: F.ack, window: 100 }),
    ]);
    expect(results[1].columns.info).toBe('80 → 1000 [SYN, ACK] Seq=0 Ack=1 Win=200 Len=0 WS=8');
    expect(value(results[2], 'tcp.window_size_scalefactor')).toBe(-2);
    expect(value(results[2], 'tcp.window_size')).toBe(100);
  });

  it('keeps a retransmitted SYN in its stream and opens a new stream for a SYN with a new ISN', () => {
    const results = dissectFrames([
      fromA({ sourcePort: 1000, destinationPort: 80, sequence: 5000, acknowledgment: 1234, flags: F.syn, window: 100 }),
      fromA({ sourcePort: 1000, destinationPort: 80, sequence: 5000, acknowledgment: 1234, flags: F.syn, window: 100 }),
      fromA({ sourcePort: 1000, destinationPort: 80, sequence: 9000, flags: F.syn, window: 100 }),
      fromB({ sourcePort: 80, destinationPort: 1000, sequence: 100, acknowledgment: 9001, flags: F.syn | F.ack }),
      fromA({ sourcePort: 1000, destinationPort: 80, sequence: 9001, acknowledgment: 101, flags: F.ack | F.fin }),
    ]);
    expect(results.map((r) => value(r, 'tcp.stream'))).toEqual([0, 0, 1, 1, 1]);
    // Without the ACK flag the acknowledgment field is shown as sent.
    expect(value(results[0], 'tcp.ack')).toBe(1234);
    expect(findNode(results[0].tree.roots, 'tcp.ack.nonzero')).toBeDefined();
    expect(results[4].columns.info).toBe('1000 → 80 [FIN, ACK] Seq=1 Ack=1 Win=1000 Len=0');
    expect(value(results[4], 'tcp.nxtseq')).toBe(2);
  });

  it('gives the same relative numbers when a frame is dissected again later, out of order', () => {
    const state = new CaptureState();
    const frames = [
      fromA({ sourcePort: 1000, destinationPort: 80, sequence: 4000000000, flags: F.syn }),
      fromB({ sourcePort: 80, destinationPort: 1000, sequence: 17, acknowledgment: 4000000001, flags: F.syn | F.ack }),
      fromA({ sourcePort: 1000, destinationPort: 80, sequence: 4000000001, acknowledgment: 18, flags: F.ack | F.psh, payload: 'xyz' }),
    ];
    const first = dissectFrames(frames, state);
    const again = dissectOne(frames[2], 3, state, false);
    expect(again.columns.info).toBe(first[2].columns.info);
    expect(value(again, 'tcp.seq')).toBe(1);
    expect(value(again, 'tcp.ack')).toBe(1);
    expect(value(again, 'tcp.stream')).toBe(0);
  });

  it('lists flags in Wireshark\'s order, as letters, and <None> when no flag is set', () => {
    const results = dissectFrames([
      fromA({ sourcePort: 6260, destinationPort: 80, sequence: 1, acknowledgment: 2, flags: 0xff, window: 512 }),
      fromA({ sourcePort: 1000, destinationPort: 81, sequence: 1, acknowledgment: 5, flags: 0 }),
      fromA({ sourcePort: 1000, destinationPort: 82, sequence: 1, acknowledgment: 5, flags: 0xe00 | F.ack }),
      fromA({ sourcePort: 1000, destinationPort: 83, sequence: 1, acknowledgment: 5, flags: F.urg | F.ack, urgentPointer: 7 }),
    ]);
    expect(results[0].columns.info).toBe('6260 → 80 [FIN, SYN, RST, PSH, ACK, URG, ECE, CWR] Seq=0 Ack=1 Win=512 Urg=0 Len=0');
    expect(value(results[0], 'tcp.flags.str')).toBe('····CEUAPRSF');
    expect(findNode(results[0].tree.roots, 'tcp.flags')?.label).toBe('Flags: 0x0ff (FIN, SYN, RST, PSH, ACK, URG, ECE, CWR)');
    expect(findNode(results[0].tree.roots, 'tcp.flags.syn')?.label).toBe('.... .... ..1. = Syn: Set');
    expect(results[1].columns.info).toBe('1000 → 81 [<None>] Seq=1 Win=1000 Len=0');
    expect(results[2].columns.info).toBe('1000 → 82 [ACK, Reserved] Seq=1 Ack=1 Win=1000 Len=0');
    expect(results[3].columns.info).toBe('1000 → 83 [ACK, URG] Seq=1 Ack=1 Win=1000 Urg=7 Len=0');
  });

  it('decodes MSS, SACK permitted, timestamps and relative SACK edges into the tree and Info', () => {
    const results = dissectFrames([
      fromA({ sourcePort: 1000, destinationPort: 81, sequence: 1, flags: F.syn, options: [2, 4, 5, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7] }),
      fromB({ sourcePort: 81, destinationPort: 1000, sequence: 50, acknowledgment: 2, flags: F.syn | F.ack }),
      fromB({ sourcePort: 81, destinationPort: 1000, sequence: 51, acknowledgment: 2, flags: F.ack, options: [1, 1, 5, 10, 0, 0, 0, 11, 0, 0, 0, 21] }),
    ]);
    expect(results[0].columns.info).toBe('1000 → 81 [SYN] Seq=0 Win=1000 Len=0 MSS=1460 SACK_PERM TSval=1 TSecr=0 WS=128');
    expect(findNode(results[0].tree.roots, 'tcp.options')?.label).toBe('Options: (20 bytes), Maximum segment size, SACK permitted, Timestamps, No-Operation (NOP), Window scale');
    expect(findNode(results[0].tree.roots, 'tcp.options.wscale')?.label).toBe('TCP Option - Window scale: 7 (multiply by 128)');
    expect(value(results[0], 'tcp.options.mss_val')).toBe(1460);
    // The ACK repeats the SYN-ACK's ack and window: tshark 4.0 calls it a duplicate ACK too.
    expect(results[2].columns.info).toBe('[TCP Dup ACK 2#1] 81 → 1000 [ACK] Seq=1 Ack=1 Win=1000 Len=0 SLE=10 SRE=20');
    expect(findNode(results[2].tree.roots, 'tcp.options.sack_le')?.label).toBe('left edge = 10 (relative)');
  });

  it('reports an option whose length runs past the options and leaves it out of Info', () => {
    const [result] = dissectFrames([fromA({ sourcePort: 1000, destinationPort: 81, sequence: 1, flags: F.syn, options: [2, 9, 5, 0xb4] })]);
    expect(result.columns.info).toBe('1000 → 81 [SYN] Seq=0 Win=1000 Len=0');
    expect(findNode(result.tree.roots, 'tcp.option.len.invalid')?.label).toBe('Maximum segment size (option length = 9 bytes says option goes past end of options)');
  });

  it('stops at a header length below 20 with Wireshark\'s bogus-length note', () => {
    const [result] = dissectFrames([fromA({ sourcePort: 1000, destinationPort: 81, sequence: 1, flags: F.syn, headerLength: 16 })]);
    expect(result.columns.info).toBe('1000 → 81 [SYN] Seq=0 Win=1000, bogus TCP header length (16, must be at least 20)');
    expect(findNode(result.tree.roots, 'tcp.bogus_header_length')).toBeDefined();
  });

  it('marks a header cut short by the IP length as malformed without throwing', () => {
    const header = tcpSegment({ sourcePort: 1000, destinationPort: 81, sequence: 1, flags: F.syn }).subarray(0, 10);
    const [result] = dissectFrames([ethernetIpv4(A, B, 6, header)]);
    expect(result.columns.protocol).toBe('TCP');
    expect(result.columns.info.startsWith('1000 → 81')).toBe(true);
    expect(result.columns.info).toContain('[Malformed Packet]');
    expect(findNode(result.tree.roots, '_ws.malformed')?.label).toBe('[Malformed Packet: TCP]');
  });
});
