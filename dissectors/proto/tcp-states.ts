import { declareField, type Explanation, type Field, type FieldSink } from '../core/index.js';
import { sinkWantsAny } from './tcp-analysis.js';

/**
 * The RFC 9293 state of each endpoint of a TCP connection after every segment, as far as a
 * capture can tell, for teaching the handshake and the teardown. PacketLens's own analysis
 * (Wireshark has no equivalent); the fields are `tcp.state.*`.
 *
 * Model: the capture sees each segment at one moment, and both endpoints are assumed to act on
 * it then: the sender's state changes because it sent the segment, the receiver's because it
 * received it (RFC 9293 §3.10 event processing). Two things a capture cannot show are decided
 * by what the endpoint sends next:
 *  - a server that receives a SYN stays LISTEN until its SYN-ACK is seen (then SYN_RCVD); if it
 *    answers with RST instead, nothing was listening and it is CLOSED;
 *  - a FIN is taken as received on arrival (the receiver goes to CLOSE_WAIT); if the receiver
 *    then sends its own FIN without acknowledging the first one, the FINs crossed (simultaneous
 *    close) and both ends are in CLOSING.
 * A connection whose SYN was not captured starts with both ends ESTABLISHED and every state of
 * it is marked inferred. The client is the endpoint that sent the first SYN; without one, the
 * endpoint with the higher port.
 */

export const TcpState = {
  closed: 0, listen: 1, synSent: 2, synReceived: 3, established: 4, finWait1: 5, finWait2: 6,
  closeWait: 7, closing: 8, lastAck: 9, timeWait: 10,
} as const;

export const tcpStateNames: Readonly<Record<number, string>> = {
  0: 'CLOSED', 1: 'LISTEN', 2: 'SYN_SENT', 3: 'SYN_RCVD', 4: 'ESTABLISHED', 5: 'FIN_WAIT_1', 6: 'FIN_WAIT_2',
  7: 'CLOSE_WAIT', 8: 'CLOSING', 9: 'LAST_ACK', 10: 'TIME_WAIT',
};

export const TcpPhase = { handshake: 0, data: 1, teardown: 2, reset: 3 } as const;
export const tcpPhaseNames: Readonly<Record<number, string>> = { 0: 'handshake', 1: 'data', 2: 'teardown', 3: 'reset' };

const e = (en: string, zh: string): Explanation => ({ en, zh });

export const stateFields = {
  client: declareField('tcp.state.client', 'Client state', 'uint8', {
    values: tcpStateNames,
    explain: e('PacketLens: the RFC 9293 state of the client (the side that sent the SYN) after this segment.', 'PacketLens：本报文段之后客户端（发送 SYN 的一方）的 RFC 9293 状态。'),
  }),
  server: declareField('tcp.state.server', 'Server state', 'uint8', {
    values: tcpStateNames,
    explain: e('PacketLens: the RFC 9293 state of the server after this segment.', 'PacketLens：本报文段之后服务器的 RFC 9293 状态。'),
  }),
  phase: declareField('tcp.state.phase', 'Connection phase', 'uint8', {
    values: tcpPhaseNames,
    explain: e('PacketLens: which part of the connection\'s life this segment belongs to: 0 handshake, 1 data, 2 teardown, 3 reset.', 'PacketLens：本报文段处于连接生命周期的哪个阶段：0 握手，1 数据传输，2 关闭，3 重置。'),
  }),
  inferred: declareField('tcp.state.inferred', 'States inferred', 'bool', {
    explain: e('PacketLens: the capture missed the start of this connection, so its states are guessed (both ends assumed ESTABLISHED).', 'PacketLens：抓包错过了该连接的开始，状态为推测值（假定两端都处于 ESTABLISHED）。'),
  }),
  fromClient: declareField('tcp.state.from_client', 'Sent by the client', 'bool', {
    explain: e('PacketLens: true when the client sent this segment, false when the server did.', 'PacketLens：客户端发送本报文段时为真，服务器发送时为假。'),
  }),
};

const stateFieldList: readonly Field[] = Object.values(stateFields);

/** Why the states changed (or not) on a segment: keys into `stateExplanations`. */
export const stepExplanationKeys = [
  'syn', 'syn-retransmit', 'syn-simultaneous', 'syn-ack', 'handshake-ack', 'handshake-ack-data', 'data', 'ack',
  'fin-first', 'fin-second', 'fin-with-ack', 'fin-simultaneous', 'ack-of-fin', 'ack-of-last-fin', 'reset-refused', 'reset',
  'mid-connection',
] as const;
export type StepExplanationKey = typeof stepExplanationKeys[number];

export const stateExplanations: Readonly<Record<StepExplanationKey, Explanation>> = {
  'syn': e('Step 1 of the handshake: the client asks to connect and sends its initial sequence number (client CLOSED → SYN_SENT; the server is LISTENing).', '握手第 1 步：客户端请求连接并发送其初始序号（客户端 CLOSED → SYN_SENT；服务器处于 LISTEN）。'),
  'syn-retransmit': e('The SYN again, with the same sequence number: no answer came, so the client retransmitted after its timeout. States do not change.', '再次发送相同序号的 SYN：没有收到应答，客户端在超时后重传。状态不变。'),
  'syn-simultaneous': e('Simultaneous open: this end sent its own SYN and receives the other\'s SYN (SYN_SENT → SYN_RCVD).', '同时打开：本端已发出自己的 SYN，又收到对方的 SYN（SYN_SENT → SYN_RCVD）。'),
  'syn-ack': e('Step 2: the server accepts, acknowledges the client\'s SYN and sends its own (server LISTEN → SYN_RCVD, client SYN_SENT → ESTABLISHED on receipt).', '第 2 步：服务器接受连接，确认客户端的 SYN 并发送自己的 SYN（服务器 LISTEN → SYN_RCVD，客户端收到后 SYN_SENT → ESTABLISHED）。'),
  'handshake-ack': e('Step 3: the client acknowledges the server\'s SYN; the server is now ESTABLISHED too.', '第 3 步：客户端确认服务器的 SYN；服务器也进入 ESTABLISHED。'),
  'handshake-ack-data': e('Step 3 carrying data: the ACK that completes the handshake already holds the first request bytes.', '携带数据的第 3 步：完成握手的 ACK 已经带有第一批请求数据。'),
  'data': e('Data on an established connection: the sequence number counts bytes, the acknowledgment says what arrived.', '已建立连接上的数据：序号计算字节数，确认号说明已收到哪些数据。'),
  'ack': e('An acknowledgment without data: no state changes.', '不带数据的确认：状态不变。'),
  'fin-first': e('Active close: this side has no more data to send (ESTABLISHED → FIN_WAIT_1); the receiver moves to CLOSE_WAIT and may still send.', '主动关闭：本方没有更多数据要发送（ESTABLISHED → FIN_WAIT_1）；接收方进入 CLOSE_WAIT，仍可继续发送。'),
  'fin-second': e('The passive side closes its direction too (CLOSE_WAIT → LAST_ACK); the active side, already FIN_WAIT_2, moves to TIME_WAIT.', '被动方也关闭自己的方向（CLOSE_WAIT → LAST_ACK）；已处于 FIN_WAIT_2 的主动方进入 TIME_WAIT。'),
  'fin-with-ack': e('FIN and ACK in one segment: the passive side acknowledges the first FIN and closes at once (teardown in three segments); the active side goes straight to TIME_WAIT.', 'FIN 与 ACK 合在一个报文段：被动方确认第一个 FIN 并立即关闭（三次挥手）；主动方直接进入 TIME_WAIT。'),
  'fin-simultaneous': e('Simultaneous close: both FINs crossed on the wire, neither acknowledging the other yet, so both ends are in CLOSING.', '同时关闭：两个 FIN 在线路上交错，都还未确认对方，因此两端都处于 CLOSING。'),
  'ack-of-fin': e('This acknowledges the other side\'s FIN: FIN_WAIT_1 → FIN_WAIT_2 (or CLOSING → TIME_WAIT).', '确认了对方的 FIN：FIN_WAIT_1 → FIN_WAIT_2（或 CLOSING → TIME_WAIT）。'),
  'ack-of-last-fin': e('The last ACK: the passive side\'s FIN is acknowledged, it is CLOSED; the active side waits in TIME_WAIT (2×MSL) before closing.', '最后一个 ACK：被动方的 FIN 已被确认，进入 CLOSED；主动方在 TIME_WAIT 中等待 2×MSL 后关闭。'),
  'reset-refused': e('Connection refused: nothing listens on that port, so the host answers the SYN with RST and both ends are CLOSED.', '连接被拒绝：该端口没有程序监听，主机以 RST 回应 SYN，两端都是 CLOSED。'),
  'reset': e('RST aborts the connection at once: no teardown, both ends CLOSED and unsent data is lost.', 'RST 立即中止连接：没有挥手过程，两端都为 CLOSED，未发送的数据丢失。'),
  'mid-connection': e('The capture starts in the middle of this connection: both ends are assumed ESTABLISHED.', '抓包开始时该连接已在进行中：假定两端都处于 ESTABLISHED。'),
};

const flagFin = 0x001;
const flagSyn = 0x002;
const flagReset = 0x004;
const flagAck = 0x010;

/** One endpoint as the state machine sees it. */
class Endpoint {
  state: number = TcpState.closed;
  /** Raw sequence number just after this endpoint's FIN, once it sent one. */
  finEnd = -1;
  synSeq = -1;
}

/** The state machine of one connection. Endpoint 0 is the conversation's flow 0. */
export class ConnectionStates {
  readonly endpoints = [new Endpoint(), new Endpoint()];
  /** Which flow is the client, -1 until known. */
  clientFlow = -1;
  inferred = false;
  started = false;
}

/** The per-frame result, packed: client state, server state, phase, flags (see `packStep`). */
export interface StepRecord {
  clientAfter: number;
  serverAfter: number;
  phase: number;
  inferred: boolean;
  fromClient: boolean;
  explanation: StepExplanationKey;
}

const explanationCodes: ReadonlyMap<StepExplanationKey, number> = new Map(stepExplanationKeys.map((key, index) => [key, index]));

/** client 4 bits | server 4 bits | phase 2 bits | inferred | fromClient | explanation 5 bits. */
export function packStep(step: StepRecord): number {
  return step.clientAfter | (step.serverAfter << 4) | (step.phase << 8) | (step.inferred ? 0x400 : 0) | (step.fromClient ? 0x800 : 0)
    | (explanationCodes.get(step.explanation)! << 12);
}

export function unpackStep(packed: number): StepRecord {
  return {
    clientAfter: packed & 0xf,
    serverAfter: (packed >> 4) & 0xf,
    phase: (packed >> 8) & 3,
    inferred: (packed & 0x400) !== 0,
    fromClient: (packed & 0x800) !== 0,
    explanation: stepExplanationKeys[(packed >> 12) & 0x1f],
  };
}

function covers(ack: number, end: number): boolean {
  return end >= 0 && ((ack - end) | 0) >= 0;
}

/**
 * Advances the connection by one segment sent by flow `sender` (first pass, capture order) and
 * returns the packed step. `serverPortIsSender` helps pick the client when no SYN was seen.
 */
export function advanceStates(connection: ConnectionStates, sender: number, flags: number, seq: number, ack: number, length: number, senderPortHigher: boolean): number {
  const receiver = 1 - sender;
  const from = connection.endpoints[sender];
  const to = connection.endpoints[receiver];
  const syn = (flags & flagSyn) !== 0;
  const hasAck = (flags & flagAck) !== 0;
  let explanation: StepExplanationKey = length > 0 ? 'data' : 'ack';

  if (!connection.started) {
    connection.started = true;
    if (syn && !hasAck) {
      connection.clientFlow = sender;
      to.state = TcpState.listen;
    } else if (syn) {
      connection.clientFlow = receiver;
      connection.inferred = true;
      to.state = TcpState.synSent;
      from.state = TcpState.listen;
    } else {
      connection.clientFlow = senderPortHigher ? sender : receiver;
      connection.inferred = true;
      from.state = TcpState.established;
      to.state = TcpState.established;
      explanation = 'mid-connection';
    }
  }
  const wasHandshake = isHandshakeState(from.state) || isHandshakeState(to.state);
  const receiverBefore = to.state;
  const acksTheirFin = hasAck && covers(ack, to.finEnd);

  if (flags & flagReset) {
    explanation = from.state === TcpState.listen || to.state === TcpState.synSent ? 'reset-refused' : 'reset';
    from.state = TcpState.closed;
    to.state = TcpState.closed;
    return pack(connection, sender, TcpPhase.reset, explanation);
  }

  if (syn && !hasAck) {
    if (from.state === TcpState.synSent && from.synSeq === seq) explanation = 'syn-retransmit';
    else explanation = 'syn';
    from.state = TcpState.synSent;
    from.synSeq = seq;
    if (to.state === TcpState.synSent) {
      to.state = TcpState.synReceived;
      explanation = 'syn-simultaneous';
    } else if (to.state === TcpState.closed) {
      to.state = TcpState.listen;
    }
  } else if (syn) {
    explanation = 'syn-ack';
    from.state = TcpState.synReceived;
    from.synSeq = seq;
    if (to.state === TcpState.synSent || to.state === TcpState.synReceived) to.state = TcpState.established;
  } else if (hasAck) {
    // The receiver acts on the acknowledgment: of its SYN, of its FIN.
    if (to.state === TcpState.synReceived) {
      to.state = TcpState.established;
      if (from.state === TcpState.synReceived || from.state === TcpState.synSent) from.state = TcpState.established;
      explanation = length > 0 ? 'handshake-ack-data' : 'handshake-ack';
    } else if (covers(ack, to.finEnd)) {
      if (to.state === TcpState.finWait1) { to.state = TcpState.finWait2; explanation = 'ack-of-fin'; }
      else if (to.state === TcpState.closing) { to.state = TcpState.timeWait; explanation = 'ack-of-fin'; }
      else if (to.state === TcpState.lastAck) { to.state = TcpState.closed; explanation = 'ack-of-last-fin'; }
    }
  }

  if (flags & flagFin) {
    from.finEnd = (seq + length + 1) >>> 0;
    if (from.state === TcpState.closeWait && to.finEnd >= 0 && !acksTheirFin) {
      // It sent its FIN before the other's arrived: the FINs crossed.
      from.state = TcpState.closing;
      if (to.state === TcpState.finWait1) to.state = TcpState.closing;
      explanation = 'fin-simultaneous';
    } else if (from.state === TcpState.closeWait) {
      from.state = TcpState.lastAck;
      explanation = receiverBefore === TcpState.finWait1 ? 'fin-with-ack' : 'fin-second';
      if (to.state === TcpState.finWait1 || to.state === TcpState.finWait2) to.state = TcpState.timeWait;
    } else if (from.state === TcpState.established || from.state === TcpState.synReceived) {
      from.state = TcpState.finWait1;
      explanation = 'fin-first';
      if (to.state === TcpState.established) to.state = TcpState.closeWait;
    }
  }

  const tearingDown = (flags & flagFin) !== 0 || isTeardownState(from.state) || isTeardownState(to.state);
  const phase = syn || wasHandshake ? TcpPhase.handshake : tearingDown ? TcpPhase.teardown : TcpPhase.data;
  return pack(connection, sender, phase, explanation);
}

function isHandshakeState(state: number): boolean {
  return state === TcpState.listen || state === TcpState.synSent || state === TcpState.synReceived;
}

function isTeardownState(state: number): boolean {
  return state >= TcpState.finWait1;
}

function pack(connection: ConnectionStates, sender: number, phase: number, explanation: StepExplanationKey): number {
  const client = connection.endpoints[connection.clientFlow];
  const server = connection.endpoints[1 - connection.clientFlow];
  return packStep({
    clientAfter: client.state, serverAfter: server.state, phase, inferred: connection.inferred,
    fromClient: sender === connection.clientFlow, explanation,
  });
}

/** The `tcp.state.*` items for a frame (packed step + 1, 0 when none). */
export function addStateTree(sink: FieldSink, stored: number, offset: number): void {
  if (stored === 0 || !sinkWantsAny(sink, stateFieldList)) return;
  const step = unpackStep(stored - 1);
  const detailed = sink.detailed;
  sink.openText('[Connection state (PacketLens)]', offset, 0);
  sink.add(stateFields.client, offset, 0, step.clientAfter, detailed ? `[Client state: ${tcpStateNames[step.clientAfter]}]` : undefined);
  sink.add(stateFields.server, offset, 0, step.serverAfter, detailed ? `[Server state: ${tcpStateNames[step.serverAfter]}]` : undefined);
  sink.add(stateFields.phase, offset, 0, step.phase, detailed ? `[Connection phase: ${tcpPhaseNames[step.phase]}]` : undefined);
  sink.add(stateFields.fromClient, offset, 0, step.fromClient, detailed ? `[Sent by the ${step.fromClient ? 'client' : 'server'}]` : undefined);
  if (step.inferred) sink.add(stateFields.inferred, offset, 0, true, detailed ? '[States inferred: the capture missed the connection\'s start]' : undefined);
  sink.close();
}
