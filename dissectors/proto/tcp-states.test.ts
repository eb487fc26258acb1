/**
 * Endpoint states pinned for each TCP situation, on our own captures (test/fixtures, real
 * traffic between network namespaces). The expected sequences come from RFC 9293's state
 * diagram (§3.3.2) applied to the segments tshark lists for each file, with the capture-side
 * conventions documented in tcp-states.ts (a server that got a SYN shows LISTEN until its
 * SYN-ACK; a FIN counts as received on arrival).
 */
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { segmentReader } from '../../engine/api/tcp-conversation.js';
import { CaptureSession } from '../../engine/session/capture-session.js';
import { dissectFrames } from '../../test/support/packets.js';
import { findNode } from '../../test/support/tree.js';
import { tcpConversationSteps, type ConversationStep } from './tcp-steps.js';

const fixtures = resolve(import.meta.dirname, '../../test/fixtures');
const sessions: CaptureSession[] = [];

async function steps(file: string, stream = 0): Promise<ConversationStep[]> {
  const session = await CaptureSession.open(resolve(fixtures, file));
  sessions.push(session);
  await session.index();
  return tcpConversationSteps(session.state, stream, segmentReader(session, stream));
}

afterAll(async () => {
  for (const session of sessions) await session.dispose();
});

/** "client after / server after / phase" per segment, the compact form the tables below use. */
const row = (step: ConversationStep) => `${step.clientAfter}/${step.serverAfter}/${step.phase}`;

const handshake = ['SYN_SENT/LISTEN/handshake', 'ESTABLISHED/SYN_RCVD/handshake', 'ESTABLISHED/ESTABLISHED/handshake'];
/** Request, its ACK, the response, its ACK. */
const exchange = Array(4).fill('ESTABLISHED/ESTABLISHED/data');

describe('TCP endpoint states', () => {
  it('opens with the three-way handshake and closes with four segments', async () => {
    const list = await steps('tcp-handshake-teardown.pcapng');
    expect(list.map(row)).toEqual([
      ...handshake, ...exchange,
      'FIN_WAIT_1/CLOSE_WAIT/teardown', // client FIN
      'FIN_WAIT_2/CLOSE_WAIT/teardown', // server ACKs it
      'TIME_WAIT/LAST_ACK/teardown', // server FIN
      'TIME_WAIT/CLOSED/teardown', // last ACK
    ]);
    expect(list[0]).toMatchObject({ direction: 'client-to-server', clientBefore: 'CLOSED', serverBefore: 'LISTEN', flagsText: 'SYN', relSeq: 0, explanation: 'syn' });
    expect(list[1]).toMatchObject({ direction: 'server-to-client', flagsText: 'SYN, ACK', relAck: 1, explanation: 'syn-ack' });
    expect(list[3]).toMatchObject({ len: 13, relSeq: 1, relAck: 1 });
    expect(list[10]).toMatchObject({ clientBefore: 'TIME_WAIT', serverBefore: 'LAST_ACK', explanation: 'ack-of-last-fin', inferred: false });
  });

  it('closes in three segments when the server\'s FIN carries the ACK of the client\'s FIN', async () => {
    const list = await steps('tcp-teardown-three-packets.pcapng');
    expect(list.slice(7).map(row)).toEqual(['FIN_WAIT_1/CLOSE_WAIT/teardown', 'TIME_WAIT/LAST_ACK/teardown', 'TIME_WAIT/CLOSED/teardown']);
    expect(list[8].explanation).toBe('fin-with-ack');
  });

  it('shows a refused connection: SYN answered by RST+ACK closes both ends', async () => {
    const list = await steps('tcp-refused.pcapng');
    expect(list.map(row)).toEqual(['SYN_SENT/LISTEN/handshake', 'CLOSED/CLOSED/reset']);
    expect(list[1]).toMatchObject({ direction: 'server-to-client', explanation: 'reset-refused' });
  });

  it('keeps SYN_SENT through a retransmitted SYN', async () => {
    const list = await steps('tcp-syn-retransmit.pcapng');
    expect(list.slice(0, 4).map(row)).toEqual(['SYN_SENT/LISTEN/handshake', 'SYN_SENT/LISTEN/handshake', 'ESTABLISHED/SYN_RCVD/handshake', 'ESTABLISHED/ESTABLISHED/handshake']);
    expect(list[1].explanation).toBe('syn-retransmit');
    expect(list.at(-1)!.clientAfter).toBe('TIME_WAIT');
    expect(list.at(-1)!.serverAfter).toBe('CLOSED');
  });

  it('passes both ends through CLOSING when the FINs cross', async () => {
    const list = await steps('tcp-simultaneous-close.pcapng');
    expect(list.slice(7).map(row)).toEqual([
      'FIN_WAIT_1/CLOSE_WAIT/teardown', // client FIN (the server has not seen it when it sends its own)
      'CLOSING/CLOSING/teardown', // server FIN, not acknowledging the client's: they crossed
      'TIME_WAIT/CLOSING/teardown', // server ACKs the client's FIN
      'TIME_WAIT/TIME_WAIT/teardown', // client ACKs the server's FIN
    ]);
    expect(list[8].explanation).toBe('fin-simultaneous');
  });

  it('lets the server keep sending after the client half-closes', async () => {
    const list = await steps('tcp-half-close.pcapng');
    expect(list.slice(5).map(row)).toEqual([
      'FIN_WAIT_1/CLOSE_WAIT/teardown', // client FIN right after its request
      ...Array(6).fill('FIN_WAIT_2/CLOSE_WAIT/teardown'), // server data (acking the FIN) and the client's ACKs
      'TIME_WAIT/LAST_ACK/teardown', // server FIN
      'TIME_WAIT/CLOSED/teardown',
    ]);
    expect(list[6]).toMatchObject({ direction: 'server-to-client', len: 41, explanation: 'ack-of-fin' });
  });

  it('lets the server close first (the client is the passive closer)', async () => {
    const list = await steps('http.pcapng');
    expect(list.slice(-3).map(row)).toEqual(['CLOSE_WAIT/FIN_WAIT_1/teardown', 'LAST_ACK/TIME_WAIT/teardown', 'CLOSED/TIME_WAIT/teardown']);
    expect(list[3]).toMatchObject({ len: 43, phase: 'data' });
  });

  it('marks states inferred when the capture starts mid-connection', async () => {
    const session = await CaptureSession.open(resolve(fixtures, 'http.pcapng'));
    sessions.push(session);
    await session.index();
    // Frames 5-14 of the file: the connection after its handshake and first request.
    const results = dissectFrames(Array.from({ length: 10 }, (_, index) => session.bytes(index + 5)));
    const client = findNode(results[0].tree.roots, 'tcp.state.client');
    expect(client?.label).toBe('[Client state: ESTABLISHED]');
    expect(findNode(results[0].tree.roots, 'tcp.state.inferred')).toBeDefined();
    expect(findNode(results[0].tree.roots, 'tcp.state.from_client')?.value).toBe(false);
    const labels = results.slice(-3).map((result) => `${findNode(result.tree.roots, 'tcp.state.client')?.label} ${findNode(result.tree.roots, 'tcp.state.server')?.label}`);
    expect(labels).toEqual([
      '[Client state: CLOSE_WAIT] [Server state: FIN_WAIT_1]',
      '[Client state: LAST_ACK] [Server state: TIME_WAIT]',
      '[Client state: CLOSED] [Server state: TIME_WAIT]',
    ]);
  });
});
