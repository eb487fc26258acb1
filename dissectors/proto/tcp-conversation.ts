import { stateKey, type Dissector, type PacketContext } from '../core/index.js';
import { AnalysisRecords, ConversationAnalysis, FlowAnalysis, FlowTable, analyzeSegment, trackConversation, type AnalyzedSegment } from './tcp-analysis.js';
import { ConnectionStates, advanceStates } from './tcp-states.js';
import { EndpointPairTable, FrameColumn } from './transport-conversation.js';

/**
 * TCP conversation tracking, done once per frame in the first pass (Wireshark's
 * get_tcp_conversation_data and the base-sequence part of tcp_analyze_seq), with the results
 * recorded per frame so any later dissection reads the same stream index, relative-sequence
 * bases and window scaling whatever order frames are opened in.
 *
 * Sequence analysis (retransmissions, duplicate ACKs, window updates, …) runs here too, on the
 * same per-flow state (tcp-analysis.ts), and records its results per frame.
 */

/** Window scale codes, as Wireshark's tcp.window_size_scalefactor reports them. */
export const WindowScale = {
  /** The handshake was not seen: the window may or may not be scaled. */
  unknown: -1,
  /** The handshake was seen and one side did not offer window scaling. */
  none: -2,
  /** A SYN segment: its window is never scaled and no factor is shown. */
  notApplicable: -3,
} as const;

const flagSyn = 0x002;
const flagAck = 0x010;

/** The header values tracking needs. One reusable object, filled by the dissector per segment. */
export interface SegmentHeader {
  sourcePort: number;
  destinationPort: number;
  sequence: number;
  acknowledgment: number;
  flags: number;
  /** The shift of a window scale option in this segment, or -1 when there is none. */
  windowScaleShift: number;
  /** Payload length, when the header fits in the reported length (else no sequence analysis). */
  segmentLength: number;
  hasLength: boolean;
  /** The raw window field. */
  window: number;
  /** SACK blocks of this segment (raw edges, left/right pairs). */
  sackCount: number;
  readonly sackEdges: Uint32Array;
}

/** What a frame's TCP header means in its conversation. One reusable object per capture. */
export interface SegmentContext {
  stream: number;
  sequenceBase: number;
  /** Base for the acknowledgment number and SACK edges (the other flow's), or -1 when unknown. */
  acknowledgmentBase: number;
  /** The shift applied to this segment's window, or a `WindowScale` code. */
  windowScale: number;
}

class Flow {
  baseSequence = 0;
  baseSet = false;
  /** The frame that set `baseSequence`: frames before it show absolute acknowledgment numbers. */
  baseSetFrame = 0;
  windowScale: number = WindowScale.unknown;
  readonly analysis: FlowAnalysis;
  constructor(table: FlowTable) {
    this.analysis = new FlowAnalysis(table);
  }
}

export class TcpConversation {
  readonly flows: readonly [Flow, Flow];
  readonly analysis = new ConversationAnalysis();
  readonly states = new ConnectionStates();
  firstFrame = 0;
  lastFrame = 0;
  /** The port the SYN went to (or the SYN-ACK came from); 0 until a handshake segment is seen. */
  serverPort = 0;
  /** A dissector that claimed this conversation (an HTTP heuristic), from frame `claimedFrom` on. */
  claimedBy: Dissector | undefined = undefined;
  claimedFrom = 0;
  constructor(readonly stream: number, flowTable: FlowTable) {
    this.flows = [new Flow(flowTable), new Flow(flowTable)];
  }
}

class TcpCaptureState {
  readonly endpoints = new EndpointPairTable();
  readonly conversations: TcpConversation[] = [];
  readonly analysis = new AnalysisRecords();
  readonly flowTable = new FlowTable();
  readonly segment: AnalyzedSegment = {
    frame: 0, seconds: 0, nanoseconds: 0, seq: 0, ack: 0, length: 0, flags: 0, window: 0, baseSeq: 0, reverseWindowScale: -1,
    reusedPorts: false, conversationIsNew: false, sackCount: 0, sackEdges: new Uint32Array(8),
  };
  /**
   * stream + 1 per frame; 0 = no TCP tracked in that frame. The sending flow is in the analysis
   * records, the flows' sequence bases in the conversation (set once, see `baseSetFrame`).
   */
  readonly frameStream = new FrameColumn((length) => new Int32Array(length));
  readonly frameWindowScale = new FrameColumn((length) => new Int8Array(length));
  readonly scratch: SegmentContext = { stream: -1, sequenceBase: 0, acknowledgmentBase: -1, windowScale: WindowScale.unknown };
}

export const tcpState = stateKey('tcp.conversations', () => new TcpCaptureState());
export type { TcpCaptureState };

/**
 * Tracks the segment when this is the first pass and the frame is not recorded yet, then returns
 * the frame's recorded context (a shared object: read it before the next call). Returns null
 * when there is nothing recorded: a datagram quoted inside an ICMP error, or a frame dissected
 * before the first pass reached it.
 */
export function segmentContext(ctx: PacketContext, header: SegmentHeader): SegmentContext | null {
  if (ctx.quotedDepth > 0) return null;
  const state = ctx.state.get(tcpState);
  const frame = ctx.frame.number;
  if (state.frameStream.get(frame) === 0) {
    if (!ctx.firstPass) return null;
    trackSegment(ctx, state, header);
  }
  const result = state.scratch;
  result.stream = state.frameStream.get(frame) - 1;
  const flows = state.conversations[result.stream].flows;
  const forwardIndex = state.analysis.flow[frame] - 1;
  result.sequenceBase = flows[forwardIndex].baseSequence;
  result.acknowledgmentBase = acknowledgmentBaseAt(flows[1 - forwardIndex], frame);
  result.windowScale = state.frameWindowScale.get(frame);
  return result;
}

/** The base for acknowledgment numbers that acknowledge `flow`, as known at `frame` (-1: not yet). */
function acknowledgmentBaseAt(flow: Flow, frame: number): number {
  return flow.baseSet && flow.baseSetFrame <= frame ? flow.baseSequence : -1;
}

function trackSegment(ctx: PacketContext, state: TcpCaptureState, header: SegmentHeader): void {
  const { endpoints, conversations } = state;
  const { sourcePort, destinationPort, sequence, flags } = header;
  let index = endpoints.find(ctx.network, sourcePort, destinationPort);
  const forwardIndex = endpoints.senderIsFirst ? 0 : 1;
  let conversation = index < 0 ? undefined : conversations[index];
  // A SYN whose sequence number differs from the flow's base starts a new connection on reused
  // ports (a repeated SYN with the same number is a retransmission of the same connection).
  const reused = conversation !== undefined && (flags & (flagSyn | flagAck)) === flagSyn
    && conversation.flows[forwardIndex].baseSet && conversation.flows[forwardIndex].baseSequence !== sequence;
  const isNew = conversation === undefined || reused;
  if (conversation === undefined || reused) {
    index = conversations.length;
    conversation = new TcpConversation(index, state.flowTable);
    conversations.push(conversation);
    endpoints.set(ctx.network, sourcePort, destinationPort, index);
  }
  const forward = conversation.flows[forwardIndex];
  const reverse = conversation.flows[1 - forwardIndex];

  // Relative numbers start at 0 from a SYN, and at 1 when the capture starts mid-connection.
  const frame = ctx.frame.number;
  if (!forward.baseSet) {
    forward.baseSequence = (flags & flagSyn) ? sequence : (sequence - 1) >>> 0;
    forward.baseSet = true;
    forward.baseSetFrame = frame;
  }
  if (!reverse.baseSet && (flags & flagAck)) {
    reverse.baseSequence = (header.acknowledgment - 1) >>> 0;
    reverse.baseSet = true;
    reverse.baseSetFrame = frame;
  }

  const segment = state.segment;
  segment.frame = frame;
  segment.seconds = ctx.frame.seconds;
  segment.nanoseconds = ctx.frame.nanoseconds;
  segment.seq = sequence;
  segment.ack = header.acknowledgment;
  segment.length = header.segmentLength;
  segment.flags = flags;
  segment.window = header.window;
  segment.baseSeq = forward.baseSequence;
  segment.reverseWindowScale = reverse.windowScale;
  segment.reusedPorts = reused;
  segment.conversationIsNew = isNew;
  segment.sackCount = header.sackCount;
  segment.sackEdges.set(header.sackEdges);
  trackConversation(state.analysis, conversation.analysis, segment);
  if (header.hasLength) analyzeSegment(state.analysis, conversation.analysis, forward.analysis, reverse.analysis, segment);

  let windowScale: number = forward.windowScale;
  if (flags & flagSyn) {
    conversation.serverPort = (flags & flagAck) ? sourcePort : destinationPort;
    if (header.windowScaleShift >= 0) forward.windowScale = Math.min(header.windowScaleShift, 14);
    verifyWindowScaling(forward, reverse, (flags & flagAck) !== 0);
    windowScale = WindowScale.notApplicable;
  }

  const records = state.analysis;
  if (conversation.firstFrame === 0) conversation.firstFrame = frame;
  conversation.lastFrame = frame;
  records.step[frame] = advanceStates(conversation.states, forwardIndex, flags, sequence, header.acknowledgment, header.segmentLength, sourcePort > destinationPort) + 1;
  state.frameStream.set(frame, index + 1);
  records.flow[frame] = forwardIndex + 1;
  state.frameWindowScale.set(frame, windowScale);
}

/** A segment's header values as the frame's bytes give them (for `segmentNumbers`). */
export interface RawSegment {
  sequence: number;
  acknowledgment: number;
  flags: number;
  /** The raw window field. */
  window: number;
}

/** What a tracked frame's header values mean in its connection: relative numbers and the window in bytes. */
export interface SegmentNumbers {
  relativeSequence: number;
  /** 0 when the ACK flag is not set. */
  relativeAcknowledgment: number;
  window: number;
}

/**
 * The relative sequence and acknowledgment numbers and the scaled window of a tracked frame,
 * from its raw header values: the same numbers the first pass showed for it.
 */
export function segmentNumbers(state: TcpCaptureState, frame: number, raw: RawSegment): SegmentNumbers {
  const flows = state.conversations[state.frameStream.get(frame) - 1].flows;
  const forwardIndex = state.analysis.flow[frame] - 1;
  const acknowledgmentBase = acknowledgmentBaseAt(flows[1 - forwardIndex], frame);
  const windowScale = state.frameWindowScale.get(frame);
  return {
    relativeSequence: (raw.sequence - flows[forwardIndex].baseSequence) >>> 0,
    relativeAcknowledgment: (raw.flags & flagAck) && acknowledgmentBase >= 0 ? (raw.acknowledgment - acknowledgmentBase) >>> 0 : 0,
    window: windowScale >= 0 ? raw.window * 2 ** windowScale : raw.window,
  };
}

/** Wireshark's verify_tcp_window_scaling: a handshake segment without the option turns scaling off. */
function verifyWindowScaling(forward: Flow, reverse: Flow, isSynAck: boolean): void {
  if (forward.windowScale === WindowScale.unknown) {
    forward.windowScale = WindowScale.none;
    reverse.windowScale = WindowScale.none;
  } else if (isSynAck && reverse.windowScale === WindowScale.none) {
    forward.windowScale = WindowScale.none;
  }
}

/** The server port recorded from the handshake of this frame's stream, or 0. */
export function serverPort(ctx: PacketContext, stream: number): number {
  return stream < 0 ? 0 : ctx.state.get(tcpState).conversations[stream]?.serverPort ?? 0;
}

/** The TCP stream of the current frame, or -1 (for protocols that match requests per stream). */
export function currentTcpStream(ctx: PacketContext): number {
  if (ctx.quotedDepth > 0) return -1;
  return ctx.state.get(tcpState).frameStream.get(ctx.frame.number) - 1;
}

/**
 * Lets a heuristic that recognised its protocol claim the rest of the stream, as Wireshark's
 * conversation_set_dissector does: later segments go to it before the port table.
 */
export function claimTcpStream(ctx: PacketContext, dissector: Dissector): void {
  const stream = currentTcpStream(ctx);
  const conversation = stream < 0 ? undefined : ctx.state.get(tcpState).conversations[stream];
  if (conversation === undefined || conversation.claimedBy !== undefined) return;
  conversation.claimedBy = dissector;
  conversation.claimedFrom = ctx.frame.number;
}

/** The dissector that claimed this frame's stream, if it claimed it at or before this frame. */
export function streamDissector(ctx: PacketContext, stream: number): Dissector | undefined {
  const conversation = stream < 0 ? undefined : ctx.state.get(tcpState).conversations[stream];
  if (conversation?.claimedBy === undefined || ctx.frame.number < conversation.claimedFrom) return undefined;
  return conversation.claimedBy;
}

/** A frame's analysis records and its conversation's analysis state. */
export interface AnalysisState {
  records: AnalysisRecords;
  conversation: ConversationAnalysis;
}

const analysisScratch: AnalysisState = { records: new AnalysisRecords(), conversation: new ConversationAnalysis() };

/** The analysis state of `stream` (a shared object: read it before the next call), or null. */
export function analysisState(ctx: PacketContext, stream: number): AnalysisState | null {
  if (stream < 0 || ctx.quotedDepth > 0) return null;
  const state = ctx.state.get(tcpState);
  const conversation = state.conversations[stream];
  if (conversation === undefined) return null;
  analysisScratch.records = state.analysis;
  analysisScratch.conversation = conversation.analysis;
  return analysisScratch;
}
