import type { CaptureState } from '../core/index.js';
import { segmentNumbers, tcpState, type RawSegment } from './tcp-conversation.js';
import { TcpState, tcpPhaseNames, tcpStateNames, unpackStep, type StepExplanationKey } from './tcp-states.js';
import { tcpFlagsText } from './tcp.js';

/** One segment of a connection as the state stepper shows it. */
export interface ConversationStep {
  frame: number;
  direction: 'client-to-server' | 'server-to-client';
  /** The 12 TCP flag bits, and as Wireshark lists them ("SYN, ACK"). */
  flags: number;
  flagsText: string;
  /** Relative sequence and acknowledgment numbers (ack 0 when the ACK flag is not set). */
  relSeq: number;
  relAck: number;
  len: number;
  /** The window in bytes (scaled when the handshake gave the factor). */
  window: number;
  clientBefore: string;
  clientAfter: string;
  serverBefore: string;
  serverAfter: string;
  phase: string;
  /** True when the capture missed the connection's start and the states are guesses. */
  inferred: boolean;
  /** Key into `stateExplanations` (tcp-states.ts): why the states changed on this segment. */
  explanation: StepExplanationKey;
}

/** A tracked frame's raw TCP header values and segment length, read back from its bytes (null: unreadable). */
export type SegmentReader = (frame: number) => (RawSegment & { segmentLength: number }) | null;

/**
 * Every segment of TCP stream `stream` with each endpoint's RFC 9293 state before and after
 * it, from what the in-order pass recorded and the segments' own headers (`readSegment`).
 * Pure: reads the capture state, changes nothing. An unknown stream gives an empty list.
 */
export function tcpConversationSteps(state: CaptureState, stream: number, readSegment: SegmentReader): ConversationStep[] {
  const tcp = state.get(tcpState);
  const conversation = tcp.conversations[stream];
  if (conversation === undefined || conversation.firstFrame === 0) return [];
  const records = tcp.analysis;
  const steps: ConversationStep[] = [];
  let client = -1;
  let server = -1;
  for (let frame = conversation.firstFrame; frame <= conversation.lastFrame; frame++) {
    if (tcp.frameStream.get(frame) !== stream + 1 || !records.has(frame) || records.step[frame] === 0) continue;
    const segment = readSegment(frame);
    if (segment === null) continue;
    const step = unpackStep(records.step[frame] - 1);
    const flags = segment.flags;
    const numbers = segmentNumbers(tcp, frame, segment);
    if (client < 0) [client, server] = initialStates(step.inferred, flags);
    steps.push({
      frame,
      direction: step.fromClient ? 'client-to-server' : 'server-to-client',
      flags,
      flagsText: tcpFlagsText(flags),
      relSeq: numbers.relativeSequence,
      relAck: numbers.relativeAcknowledgment,
      len: segment.segmentLength,
      window: numbers.window,
      clientBefore: tcpStateNames[client],
      clientAfter: tcpStateNames[step.clientAfter],
      serverBefore: tcpStateNames[server],
      serverAfter: tcpStateNames[step.serverAfter],
      phase: tcpPhaseNames[step.phase],
      inferred: step.inferred,
      explanation: step.explanation,
    });
    client = step.clientAfter;
    server = step.serverAfter;
  }
  return steps;
}

/** The states before the first captured segment (see tcp-states.ts for the assumptions). */
function initialStates(inferred: boolean, flags: number): [client: number, server: number] {
  if (inferred && !(flags & 0x002)) return [TcpState.established, TcpState.established];
  // A capture that starts with the SYN-ACK missed the SYN: the client was already SYN_SENT.
  if ((flags & 0x012) === 0x012) return [TcpState.synSent, TcpState.listen];
  return [TcpState.closed, TcpState.listen];
}
