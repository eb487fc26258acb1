import { registry, type Field } from '../../dissectors/index.js';
import { stateExplanations } from '../../dissectors/proto/tcp-states.js';
import { tcpConversationSteps, type ConversationStep, type SegmentReader } from '../../dissectors/proto/tcp-steps.js';
import type { CaptureSession } from '../session/capture-session.js';
import { OccurrenceSink, occurrenceNumber } from '../stats/occurrence-sink.js';
import { frameTransportLayers, transportLayerSink } from '../stats/transport-layers.js';
import type { FollowEndpoint, TcpConversation, TcpConversationStep, TcpPhaseName, TcpStateName } from './contract.js';

type Why = TcpConversationStep['why'];

/**
 * What the stepper says when hindsight decides what the in-order pass could not (see
 * `withHindsight`); the other sentences are the state machine's own (tcp-states.ts).
 */
const hindsightExplanations = {
  synAnswered: {
    en: 'Step 1 of the handshake: the client asks to connect and sends its initial sequence number (CLOSED → SYN_SENT). The server receives it in LISTEN and moves to SYN_RCVD (RFC 9293, Figure 6); its SYN-ACK follows.',
    zh: '握手第 1 步：客户端请求连接并发送其初始序号（CLOSED → SYN_SENT）。服务器在 LISTEN 状态收到它，进入 SYN_RCVD（RFC 9293 图 6），随后发出 SYN-ACK。',
  },
  synUnanswered: {
    en: 'A SYN the server never answered (it was lost, or its answer was): the server is still in LISTEN as far as the capture can tell.',
    zh: '服务器没有回应的 SYN（它或者它的应答丢失了）：就抓包所见，服务器仍处于 LISTEN。',
  },
  synToClosedPort: {
    en: 'The client asks to connect (CLOSED → SYN_SENT), but nothing listens on that port: the server side is CLOSED and will answer with RST.',
    zh: '客户端请求连接（CLOSED → SYN_SENT），但该端口没有程序监听：服务器一侧处于 CLOSED，将以 RST 回应。',
  },
  synAck: {
    en: 'Step 2: the server, already SYN_RCVD, acknowledges the client\'s SYN and sends its own; the client receives it and is ESTABLISHED (SYN_SENT → ESTABLISHED).',
    zh: '第 2 步：已处于 SYN_RCVD 的服务器确认客户端的 SYN 并发送自己的 SYN；客户端收到后进入 ESTABLISHED（SYN_SENT → ESTABLISHED）。',
  },
} as const satisfies Record<string, Why>;

const isSynOnly = (step: ConversationStep) => (step.flags & 0x012) === 0x002;
const isSynAck = (step: ConversationStep) => (step.flags & 0x012) === 0x012;
const isReset = (step: ConversationStep) => (step.flags & 0x004) !== 0;

/**
 * The state machine decides on each segment as it arrives, so a SYN leaves the server in LISTEN
 * (the capture cannot yet tell whether anyone listens). The stepper sees the whole connection
 * and settles it as RFC 9293 Figure 6 draws it: the SYN the server answers with a SYN-ACK is
 * the one it received (server SYN_RCVD from then on); a SYN answered with RST went to a port
 * where nothing listens (server CLOSED throughout). Earlier unanswered SYNs were lost.
 */
export function withHindsight(steps: readonly ConversationStep[]): Array<ConversationStep & { why: Why }> {
  const result = steps.map((step) => ({ ...step, why: stateExplanations[step.explanation] as Why }));
  const firstServer = result.findIndex((step) => step.direction === 'server-to-client');
  if (firstServer <= 0 || result.slice(0, firstServer).some((step) => !isSynOnly(step)) || result[0].inferred) return result;
  const answer = result[firstServer];
  if (isSynAck(answer)) {
    const received = firstServer - 1;
    for (let index = 0; index < received; index++) result[index].why = hindsightExplanations.synUnanswered;
    result[received].serverAfter = 'SYN_RCVD';
    result[received].why = hindsightExplanations.synAnswered;
    answer.serverBefore = 'SYN_RCVD';
    if (answer.explanation === 'syn-ack') answer.why = hindsightExplanations.synAck;
  } else if (isReset(answer)) {
    for (let index = 0; index < firstServer; index++) {
      result[index].serverBefore = 'CLOSED';
      result[index].serverAfter = 'CLOSED';
      result[index].why = hindsightExplanations.synToClosedPort;
    }
    answer.serverBefore = 'CLOSED';
  }
  return result;
}

/** The two endpoints of the connection, from its first segment. */
async function endpointsOf(session: CaptureSession, first: ConversationStep | undefined): Promise<{ client: FollowEndpoint | null; server: FollowEndpoint | null }> {
  if (!first) return { client: null, server: null };
  const layer = frameTransportLayers(session, transportLayerSink(), first.frame - 1, session.bytes(first.frame)).find((candidate) => candidate.protocol === 'tcp');
  if (!layer) return { client: null, server: null };
  const source = { address: layer.source, port: layer.sourcePort };
  const destination = { address: layer.destination, port: layer.destinationPort };
  return first.direction === 'client-to-server' ? { client: source, server: destination } : { client: destination, server: source };
}

const segmentFieldNames = ['tcp.stream', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.flags', 'tcp.len', 'tcp.window_size_value'] as const;

/**
 * Reads a frame's TCP header values back from its bytes (the first pass keeps only what the
 * header cannot tell): the first TCP header of the frame that is not quoted in an ICMP error.
 */
export function segmentReader(session: CaptureSession, stream: number): SegmentReader {
  const fields = segmentFieldNames.map((abbrev) => registry.find(abbrev)).filter((field): field is Field => field !== undefined);
  const sink = new OccurrenceSink(fields, registry.size);
  const values = new Map<string, number>();
  return (frame) => {
    const bytes = session.bytes(frame);
    sink.reset(bytes);
    session.dissectBytes(frame, bytes, sink);
    values.clear();
    for (const occurrence of sink.occurrences) {
      if (!occurrence.quoted && !values.has(occurrence.field.abbrev)) values.set(occurrence.field.abbrev, occurrenceNumber(occurrence));
    }
    if (values.get('tcp.stream') !== stream || segmentFieldNames.some((abbrev) => !values.has(abbrev))) return null;
    return {
      sequence: values.get('tcp.seq_raw')!,
      acknowledgment: values.get('tcp.ack_raw')!,
      flags: values.get('tcp.flags')!,
      segmentLength: values.get('tcp.len')!,
      window: values.get('tcp.window_size_value')!,
    };
  };
}

/** The stepper's view of TCP stream `stream`: every segment with both endpoints' states. */
export async function tcpConversation(session: CaptureSession, stream: number): Promise<TcpConversation> {
  const steps = withHindsight(tcpConversationSteps(session.state, stream, segmentReader(session, stream)));
  const { client, server } = await endpointsOf(session, steps[0]);
  const secondsOf = (frame: number) => {
    const info = session.frameInfo(frame);
    return info.seconds + info.nanoseconds / 1e9;
  };
  const start = steps.length > 0 ? secondsOf(steps[0].frame) : 0;
  return {
    stream,
    client,
    server,
    steps: steps.map((step): TcpConversationStep => ({
      frame: step.frame,
      time: secondsOf(step.frame) - start,
      fromClient: step.direction === 'client-to-server',
      flags: step.flags,
      flagsText: step.flagsText,
      relSeq: step.relSeq,
      relAck: step.relAck,
      len: step.len,
      window: step.window,
      clientBefore: step.clientBefore as TcpStateName,
      clientAfter: step.clientAfter as TcpStateName,
      serverBefore: step.serverBefore as TcpStateName,
      serverAfter: step.serverAfter as TcpStateName,
      phase: step.phase as TcpPhaseName,
      inferred: step.inferred,
      why: step.why,
    })),
  };
}
