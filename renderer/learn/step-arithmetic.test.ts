import { describe, expect, it } from 'vitest';
import type { TcpConversationStep } from '../../engine/api/contract';
import { sequenceSpace, stepArithmetic } from './step-arithmetic';

/** The handshake sample as tshark prints it (flags, relative Seq/Ack, Len), states irrelevant here. */
function step(frame: number, fromClient: boolean, flags: number, relSeq: number, relAck: number, len: number): TcpConversationStep {
  return {
    frame, time: 0, fromClient, flags, flagsText: '', relSeq, relAck, len, window: 0, clientBefore: 'CLOSED', clientAfter: 'CLOSED',
    serverBefore: 'CLOSED', serverAfter: 'CLOSED', phase: 'data', inferred: false, why: { en: '', zh: '' },
  };
}

const handshake = [
  step(1, true, 0x002, 0, 0, 0),
  step(2, false, 0x012, 0, 1, 0),
  step(3, true, 0x010, 1, 1, 0),
  step(4, true, 0x018, 1, 1, 13),
  step(5, false, 0x010, 1, 14, 0),
  step(6, false, 0x018, 1, 14, 31),
  step(7, true, 0x010, 14, 32, 0),
  step(8, true, 0x011, 14, 32, 0),
  step(9, false, 0x010, 32, 15, 0),
  step(10, false, 0x011, 32, 15, 0),
  step(11, true, 0x010, 15, 33, 0),
];

describe('stepArithmetic', () => {
  it('counts one sequence number for SYN and FIN, and the payload bytes', () => {
    expect(handshake.map(sequenceSpace)).toEqual([1, 1, 0, 13, 0, 31, 0, 1, 0, 1, 0]);
  });

  it('explains that SYN consumes one sequence number, so the peer acknowledges x+1', () => {
    expect(stepArithmetic(handshake, 0).en).toContain('SYN consumes one sequence number');
    expect(stepArithmetic(handshake, 0).en).toContain('server will acknowledge 0 + 1 = 1');
    expect(stepArithmetic(handshake, 1).en).toContain('Ack=1 = 0 + 1: the server acknowledges the client\'s SYN in packet 1');
    expect(stepArithmetic(handshake, 2).en).toContain('Ack=1 = 0 + 1: the client acknowledges the server\'s SYN in packet 2');
  });

  it('adds the payload length for data and one more for a FIN', () => {
    expect(stepArithmetic(handshake, 3).en).toContain('carries 13 bytes from Seq=1: the server will acknowledge 1 + 13 = 14');
    expect(stepArithmetic(handshake, 4).en).toContain('Ack=14 = 1 + 13');
    expect(stepArithmetic(handshake, 7).en).toContain('the server will acknowledge 14 + 1 = 15');
    expect(stepArithmetic(handshake, 8).en).toContain('Ack=15 = 14 + 1: the server acknowledges the client\'s FIN in packet 8');
    expect(stepArithmetic(handshake, 10).en).toContain('Ack=33 = 32 + 1');
    expect(stepArithmetic(handshake, 10).zh).toContain('Ack=33 = 32 + 1');
  });

  it('says a pure ACK consumes nothing and a repeated Ack brings nothing new', () => {
    expect(stepArithmetic(handshake, 2).en).toContain('next segment again starts at Seq=1');
    // Frame 8 (FIN) repeats the client's Ack=32 of frame 7.
    expect(stepArithmetic(handshake, 7).en).toContain('Ack=32 repeats');
  });

  it('never acknowledges a reset', () => {
    const refused = [step(1, true, 0x002, 0, 0, 0), step(2, false, 0x014, 1, 1, 0)];
    expect(stepArithmetic(refused, 1).en).toMatch(/^RST \(Seq=1\).*never acknowledged/);
  });
});
