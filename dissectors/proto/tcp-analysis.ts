import { declareField, type Field, type FieldSink } from '../core/index.js';
import { SparseFrameValues } from './frame-records.js';

/**
 * TCP sequence analysis, as Wireshark 4.0's tcp_analyze_sequence_number computes it in its
 * single in-order pass: retransmissions, lost and out-of-order segments, duplicate ACKs,
 * window conditions, keep-alives, bytes in flight, ACK round-trip times. The analysis runs once
 * per frame in the first pass and records what it found per frame (typed arrays indexed by
 * frame number); `addAnalysisTree` and `analysisInfoTags` read the records back, so later
 * dissections in any order show the same results without recomputing anything.
 */

/** Wireshark's TCP_A_* flags (their values, so the bitmask reads the same). */
export const AnalysisFlag = {
  retransmission: 0x0001,
  lostPacket: 0x0002,
  ackLostPacket: 0x0004,
  keepAlive: 0x0008,
  duplicateAck: 0x0010,
  zeroWindow: 0x0020,
  zeroWindowProbe: 0x0040,
  zeroWindowProbeAck: 0x0080,
  keepAliveAck: 0x0100,
  outOfOrder: 0x0200,
  fastRetransmission: 0x0400,
  windowUpdate: 0x0800,
  windowFull: 0x1000,
  reusedPorts: 0x2000,
  spuriousRetransmission: 0x4000,
} as const;

/** The analysis flags proper (bits 0-14); bit 15 is bookkeeping, not shown as a flag. */
export const analysisFlagMask = 0x7fff;
/** Wireshark created its per-frame analysis record (`ta`) for this frame: the subtree is shown. */
const recordExists = 0x8000;
/** This FIN is the first of the connection (tcp.connection.fin_active) or answers one (fin_passive); kept apart (FINs are rare). */
const finActive = 0x10000;
const finPassive = 0x20000;

const flagSyn = 0x002;
const flagFin = 0x001;
const flagReset = 0x004;
const flagPush = 0x008;
const flagAck = 0x010;

const e = (en: string, zh: string) => ({ en, zh });

export const analysisFields = {
  analysis: declareField('tcp.analysis', 'SEQ/ACK analysis', 'none', {
    explain: e('What PacketLens (like Wireshark) concluded from the sequence and acknowledgment numbers of this connection so far.', '根据该连接到目前为止的序号和确认号得出的分析结论（与 Wireshark 相同）。'),
  }),
  flags: declareField('tcp.analysis.flags', 'TCP Analysis Flags', 'none', {
    explain: e('Present when the segment looks unusual: a retransmission, a lost or out-of-order segment, a duplicate ACK, a window problem.', '报文段异常时出现：重传、丢失或乱序的报文段、重复确认、窗口问题等。'),
  }),
  bytesInFlight: declareField('tcp.analysis.bytes_in_flight', 'Bytes in flight', 'uint32', {
    explain: e('Data this side has sent that the other side has not acknowledged yet (minus SACKed blocks).', '本方已发送但对方尚未确认的数据量（减去已 SACK 的块）。'),
  }),
  pushBytesSent: declareField('tcp.analysis.push_bytes_sent', 'Bytes sent since last PSH flag', 'uint32', {
    explain: e('Payload bytes sent in this direction since the last segment with PSH: roughly the size of the current application message.', '自上一个带 PSH 的报文段以来本方向发送的载荷字节数：大致是当前应用消息的大小。'),
  }),
  acksFrame: declareField('tcp.analysis.acks_frame', 'This is an ACK to the segment in frame', 'framenum', {
    explain: e('The frame whose data (or SYN/FIN) this acknowledgment number covers exactly.', '本确认号恰好确认的那个帧（其数据或 SYN/FIN）。'),
  }),
  ackRtt: declareField('tcp.analysis.ack_rtt', 'The RTT to ACK the segment was', 'rel_time', {
    explain: e('Time between that segment and this ACK, as seen where the capture was taken: one round-trip sample.', '从那个报文段到本确认之间的时间（在抓包点观察）：一次往返时间样本。'),
  }),
  initialRtt: declareField('tcp.analysis.initial_rtt', 'iRTT', 'rel_time', {
    explain: e('Initial round-trip time: from the SYN to the ACK that completes the handshake.', '初始往返时间：从 SYN 到完成握手的 ACK 之间的时间。'),
  }),
  rto: declareField('tcp.analysis.rto', 'The RTO for this segment was', 'rel_time', {
    explain: e('How long the sender waited before retransmitting: time since the original segment.', '发送方重传前等待的时间：距原始报文段的时间。'),
  }),
  rtoFrame: declareField('tcp.analysis.rto_frame', 'RTO based on delta from frame', 'framenum', {
    explain: e('The frame holding the original transmission of this data.', '该数据原始发送所在的帧。'),
  }),
  duplicateAckNum: declareField('tcp.analysis.duplicate_ack_num', 'Duplicate ACK #', 'uint32', {
    explain: e('How many times in a row this same acknowledgment has been repeated: three duplicates trigger fast retransmit.', '同一确认号连续重复的次数：三次重复会触发快速重传。'),
  }),
  duplicateAckFrame: declareField('tcp.analysis.duplicate_ack_frame', 'Duplicate to the ACK in frame', 'framenum', {
    explain: e('The frame with the original acknowledgment that this one repeats.', '被本帧重复的原始确认所在的帧。'),
  }),
  retransmission: declareField('tcp.analysis.retransmission', 'This frame is a (suspected) retransmission', 'none', {
    expert: { severity: 'note', group: 'sequence' },
    explain: e('The segment carries data (or SYN/FIN) that was sent before: the sender thought it was lost.', '该报文段携带之前已发送过的数据（或 SYN/FIN）：发送方认为它丢失了。'),
  }),
  fastRetransmission: declareField('tcp.analysis.fast_retransmission', 'This frame is a (suspected) fast retransmission', 'none', {
    expert: { severity: 'note', group: 'sequence' },
    explain: e('A retransmission sent right after duplicate ACKs asked for it, without waiting for a timeout.', '在重复确认请求后立即进行的重传，无需等待超时。'),
  }),
  spuriousRetransmission: declareField('tcp.analysis.spurious_retransmission', 'This frame is a (suspected) spurious retransmission', 'none', {
    expert: { severity: 'note', group: 'sequence' },
    explain: e('A retransmission of data the receiver had already acknowledged: it was not needed.', '重传了接收方已经确认过的数据：这次重传其实没有必要。'),
  }),
  outOfOrder: declareField('tcp.analysis.out_of_order', 'This frame is a (suspected) out-of-order segment', 'none', {
    expert: { severity: 'warn', group: 'sequence' },
    explain: e('The segment arrived after a later one, shortly after it: reordered on the way rather than resent.', '该报文段在其后的报文段之后不久到达：是途中被重排，而非重传。'),
  }),
  reusedPorts: declareField('tcp.analysis.reused_ports', 'A new tcp session is started with the same ports as an earlier session in this trace', 'none', {
    expert: { severity: 'note', group: 'sequence' },
    explain: e('A SYN with a new initial sequence number on ports an earlier connection used: a new connection.', '在之前连接用过的端口上出现带新初始序号的 SYN：这是一个新连接。'),
  }),
  lostSegment: declareField('tcp.analysis.lost_segment', 'Previous segment(s) not captured (common at capture start)', 'none', {
    expert: { severity: 'warn', group: 'sequence' },
    explain: e('This segment starts beyond the data seen so far: something in between was lost or not captured.', '该报文段的起点超出了目前所见的数据：中间有数据丢失或未被抓到。'),
  }),
  ackLostSegment: declareField('tcp.analysis.ack_lost_segment', 'ACKed segment that wasn\'t captured (common at capture start)', 'none', {
    expert: { severity: 'warn', group: 'sequence' },
    explain: e('This acknowledges data the capture never saw: the capture missed it (often at the start).', '确认了抓包中从未出现的数据：抓包漏掉了它（常见于抓包开始时）。'),
  }),
  windowUpdate: declareField('tcp.analysis.window_update', 'TCP window update', 'none', {
    expert: { severity: 'chat', group: 'sequence' },
    explain: e('An empty segment that only changes the advertised receive window.', '只改变通告接收窗口的空报文段。'),
  }),
  windowFull: declareField('tcp.analysis.window_full', 'TCP window specified by the receiver is now completely full', 'none', {
    expert: { severity: 'warn', group: 'sequence' },
    explain: e('This segment fills the receiver\'s advertised window exactly: the sender must now wait.', '该报文段恰好填满接收方通告的窗口：发送方现在必须等待。'),
  }),
  keepAlive: declareField('tcp.analysis.keep_alive', 'TCP keep-alive segment', 'none', {
    expert: { severity: 'note', group: 'sequence' },
    explain: e('A probe one byte behind the next sequence number, sent to check the idle connection is still alive.', '序号比下一个序号小 1 的探测报文，用于检查空闲连接是否仍然存活。'),
  }),
  keepAliveAck: declareField('tcp.analysis.keep_alive_ack', 'ACK to a TCP keep-alive segment', 'none', {
    expert: { severity: 'note', group: 'sequence' },
    explain: e('The other side\'s answer to a keep-alive: it repeats its last acknowledgment.', '对方对保活探测的应答：重复其上一个确认。'),
  }),
  duplicateAck: declareField('tcp.analysis.duplicate_ack', 'Duplicate ACK', 'none', {
    expert: { severity: 'note', group: 'sequence' },
    explain: e('The same acknowledgment and window again with no data: the receiver is missing a segment and got a later one.', '无数据且确认号和窗口都与前一个相同：接收方缺少某个报文段而收到了后面的报文段。'),
  }),
  zeroWindowProbe: declareField('tcp.analysis.zero_window_probe', 'TCP Zero Window Probe', 'none', {
    expert: { severity: 'note', group: 'sequence' },
    explain: e('One byte sent into a zero window to learn when the receiver has room again.', '向零窗口发送 1 字节，以探知接收方何时重新有空间。'),
  }),
  zeroWindow: declareField('tcp.analysis.zero_window', 'TCP Zero Window segment', 'none', {
    expert: { severity: 'warn', group: 'sequence' },
    explain: e('The receiver advertises a window of 0: its buffer is full and the sender must stop.', '接收方通告窗口为 0：其缓冲区已满，发送方必须停止发送。'),
  }),
  zeroWindowProbeAck: declareField('tcp.analysis.zero_window_probe_ack', 'ACK to a TCP Zero Window Probe', 'none', {
    expert: { severity: 'note', group: 'sequence' },
    explain: e('The receiver answers a zero-window probe, still with a zero window.', '接收方应答零窗口探测，窗口仍为 0。'),
  }),
  finActive: declareField('tcp.connection.fin_active', 'This frame initiates the connection closing', 'none', {
    expert: { severity: 'note', group: 'sequence' },
    explain: e('The first FIN of the connection: this side closes first (active close, it will pass through TIME_WAIT).', '连接中的第一个 FIN：本方先关闭（主动关闭，之后会经过 TIME_WAIT）。'),
  }),
  finPassive: declareField('tcp.connection.fin_passive', 'This frame undergoes the connection closing', 'none', {
    expert: { severity: 'note', group: 'sequence' },
    explain: e('A FIN answering the other side\'s FIN (passive close).', '回应对方 FIN 的 FIN（被动关闭）。'),
  }),
  completeness: declareField('tcp.completeness', 'Conversation completeness', 'uint8', {
    values: completenessName,
    explain: e('Which parts of the connection the capture holds so far: 1 SYN, 2 SYN-ACK, 4 ACK, 8 data, 16 FIN, 32 RST added up; 31 is a complete connection with data.', '抓包中目前包含连接的哪些部分：1 SYN、2 SYN-ACK、4 ACK、8 数据、16 FIN、32 RST 相加；31 表示带数据的完整连接。'),
  }),
  timeRelative: declareField('tcp.time_relative', 'Time since first frame in this TCP stream', 'rel_time', {
    explain: e('Seconds since this connection\'s first captured segment.', '距该连接第一个被抓到的报文段的秒数。'),
  }),
  timeDelta: declareField('tcp.time_delta', 'Time since previous frame in this TCP stream', 'rel_time', {
    explain: e('Seconds since the previous segment of this connection, in either direction.', '距该连接上一个报文段（任一方向）的秒数。'),
  }),
};

/** Wireshark 4.0's completeness names. */
function completenessName(value: number): string | undefined {
  if ((value & 7) === 7 && (value & 0x30) !== 0) return value & 8 ? 'Complete, WITH_DATA' : 'Complete, NO_DATA';
  switch (value) {
    case 1: return 'Incomplete, SYN_SENT';
    case 3: return 'Incomplete, CLIENT_ESTABLISHED';
    case 7: return 'Incomplete, ESTABLISHED';
    case 15: return 'Incomplete, DATA';
    default: return 'Incomplete';
  }
}

/** Wireshark's TCP_COMPLETENESS_* bits. */
const Completeness = { synSent: 1, synAck: 2, ack: 4, data: 8, fin: 16, reset: 32 } as const;

/** The most unacknowledged segments remembered per direction (Wireshark's TCP_MAX_UNACKED_SEGMENTS). */
const maxUnackedSegments = 10000;
/** An out-of-order segment arrives within this of the highest one when no initial RTT is known. */
const defaultOutOfOrderNanoseconds = 3_000_000;
const fastRetransmissionNanoseconds = 20_000_000;

/** A sent segment not yet acknowledged. */
interface Unacked {
  frame: number;
  seq: number;
  nextseq: number;
  seconds: number;
  nanoseconds: number;
}

/**
 * The numbers of every flow's analysis state, one slot per flow in typed arrays: a capture has
 * tens of thousands of flows, and as object fields the sequence numbers and timestamps (beyond
 * small-integer range) would each be a separate heap number. FlowAnalysis reads and writes here.
 */
export class FlowTable {
  private capacity = 0;
  size = 0;
  nextseq = new Uint32Array(0);
  nextseqFrame = new Uint32Array(0);
  maxSeqToBeAcked = new Uint32Array(0);
  lastAck = new Uint32Array(0);
  lastNonDupAck = new Uint32Array(0);
  dupAckNum = new Uint32Array(0);
  window = new Uint32Array(0);
  lastSegmentFlags = new Uint32Array(0);
  pushBytesSent = new Uint32Array(0);
  /** Timestamps as the frames give them (doubles: whatever the file says, kept exactly). */
  nextseqSeconds = new Float64Array(0);
  nextseqNanoseconds = new Float64Array(0);
  lastAckSeconds = new Float64Array(0);
  lastAckNanoseconds = new Float64Array(0);
  /** Bit per boolean of FlowAnalysis (see `flowBits`). */
  bits = new Uint8Array(0);

  /** A new flow's slot, set to the initial state. */
  add(): number {
    if (this.size === this.capacity) this.grow(Math.max(256, Math.ceil(this.capacity * 1.5)));
    this.bits[this.size] = flowBits.validBytesInFlight | flowBits.ackLostArmed;
    return this.size++;
  }

  private grow(capacity: number): void {
    this.nextseq = widen(this.nextseq, new Uint32Array(capacity));
    this.nextseqFrame = widen(this.nextseqFrame, new Uint32Array(capacity));
    this.maxSeqToBeAcked = widen(this.maxSeqToBeAcked, new Uint32Array(capacity));
    this.lastAck = widen(this.lastAck, new Uint32Array(capacity));
    this.lastNonDupAck = widen(this.lastNonDupAck, new Uint32Array(capacity));
    this.dupAckNum = widen(this.dupAckNum, new Uint32Array(capacity));
    this.window = widen(this.window, new Uint32Array(capacity));
    this.lastSegmentFlags = widen(this.lastSegmentFlags, new Uint32Array(capacity));
    this.pushBytesSent = widen(this.pushBytesSent, new Uint32Array(capacity));
    this.nextseqSeconds = widen(this.nextseqSeconds, new Float64Array(capacity));
    this.nextseqNanoseconds = widen(this.nextseqNanoseconds, new Float64Array(capacity));
    this.lastAckSeconds = widen(this.lastAckSeconds, new Float64Array(capacity));
    this.lastAckNanoseconds = widen(this.lastAckNanoseconds, new Float64Array(capacity));
    this.bits = widen(this.bits, new Uint8Array(capacity));
    this.capacity = capacity;
  }
}

function widen<T extends Uint32Array | Float64Array | Uint8Array>(old: T, fresh: T): T {
  fresh.set(old as never);
  return fresh;
}

const flowBits = { validBytesInFlight: 1, pushSetLast: 2, closingInitiator: 4, ackLostArmed: 8 } as const;

/**
 * One direction's analysis state (Wireshark's tcp_flow_t analysis part and tcp_analyze_seq_info):
 * a view of the flow's slot in its FlowTable, plus the lists that stay objects.
 */
export class FlowAnalysis {
  private readonly id: number;

  constructor(private readonly table: FlowTable) {
    this.id = table.add();
  }

  get nextseq(): number { return this.table.nextseq[this.id]; }
  set nextseq(value: number) { this.table.nextseq[this.id] = value; }
  get nextseqFrame(): number { return this.table.nextseqFrame[this.id]; }
  set nextseqFrame(value: number) { this.table.nextseqFrame[this.id] = value; }
  get maxSeqToBeAcked(): number { return this.table.maxSeqToBeAcked[this.id]; }
  set maxSeqToBeAcked(value: number) { this.table.maxSeqToBeAcked[this.id] = value; }
  get lastAck(): number { return this.table.lastAck[this.id]; }
  set lastAck(value: number) { this.table.lastAck[this.id] = value; }
  get lastNonDupAck(): number { return this.table.lastNonDupAck[this.id]; }
  set lastNonDupAck(value: number) { this.table.lastNonDupAck[this.id] = value; }
  get dupAckNum(): number { return this.table.dupAckNum[this.id]; }
  set dupAckNum(value: number) { this.table.dupAckNum[this.id] = value; }
  get window(): number { return this.table.window[this.id]; }
  set window(value: number) { this.table.window[this.id] = value; }
  get lastSegmentFlags(): number { return this.table.lastSegmentFlags[this.id]; }
  set lastSegmentFlags(value: number) { this.table.lastSegmentFlags[this.id] = value; }
  get pushBytesSent(): number { return this.table.pushBytesSent[this.id]; }
  set pushBytesSent(value: number) { this.table.pushBytesSent[this.id] = value; }
  get nextseqSeconds(): number { return this.table.nextseqSeconds[this.id]; }
  set nextseqSeconds(value: number) { this.table.nextseqSeconds[this.id] = value; }
  get nextseqNanoseconds(): number { return this.table.nextseqNanoseconds[this.id]; }
  set nextseqNanoseconds(value: number) { this.table.nextseqNanoseconds[this.id] = value; }
  get lastAckSeconds(): number { return this.table.lastAckSeconds[this.id]; }
  set lastAckSeconds(value: number) { this.table.lastAckSeconds[this.id] = value; }
  get lastAckNanoseconds(): number { return this.table.lastAckNanoseconds[this.id]; }
  set lastAckNanoseconds(value: number) { this.table.lastAckNanoseconds[this.id] = value; }
  get validBytesInFlight(): boolean { return (this.table.bits[this.id] & flowBits.validBytesInFlight) !== 0; }
  set validBytesInFlight(value: boolean) { this.table.bits[this.id] = value ? this.table.bits[this.id] | flowBits.validBytesInFlight : this.table.bits[this.id] & ~flowBits.validBytesInFlight; }
  get pushSetLast(): boolean { return (this.table.bits[this.id] & flowBits.pushSetLast) !== 0; }
  set pushSetLast(value: boolean) { this.table.bits[this.id] = value ? this.table.bits[this.id] | flowBits.pushSetLast : this.table.bits[this.id] & ~flowBits.pushSetLast; }
  get closingInitiator(): boolean { return (this.table.bits[this.id] & flowBits.closingInitiator) !== 0; }
  set closingInitiator(value: boolean) { this.table.bits[this.id] = value ? this.table.bits[this.id] | flowBits.closingInitiator : this.table.bits[this.id] & ~flowBits.closingInitiator; }
  /**
   * Whether an ACK beyond this flow's data is still reported as "ACKed unseen segment". tshark
   * 4.0 reports it once, then again only after this flow sent a segment beyond a gap (observed
   * on the corpus and on crafted captures; see tcp-analysis.test.ts).
   */
  get ackLostArmed(): boolean { return (this.table.bits[this.id] & flowBits.ackLostArmed) !== 0; }
  set ackLostArmed(value: boolean) { this.table.bits[this.id] = value ? this.table.bits[this.id] | flowBits.ackLostArmed : this.table.bits[this.id] & ~flowBits.ackLostArmed; }
  /** Unacknowledged segments, oldest first (Wireshark keeps them newest first; see acknowledgeSegments). */
  readonly segments: Unacked[] = [];
  /** The SACK blocks of the last SACK option this side sent (raw edges); allocated at the first SACK. */
  sackCount = 0;
  sackEdges: Uint32Array | null = null;
}

/** Conversation-wide analysis state. */
export class ConversationAnalysis {
  completeness = 0;
  firstSeconds = 0;
  firstNanoseconds = 0;
  previousSeconds = 0;
  previousNanoseconds = 0;
  seen = false;
  /** Time of the most recent pure SYN, and the initial RTT once the handshake's ACK is seen. */
  synSeconds = -1;
  synNanoseconds = 0;
  initialRtt = -1;
  initialRttFrame = 0;
}

/** What the analysis of one segment needs besides the flows. One reusable object. */
export interface AnalyzedSegment {
  frame: number;
  seconds: number;
  nanoseconds: number;
  seq: number;
  ack: number;
  length: number;
  flags: number;
  /** The raw window field. */
  window: number;
  /** The forward flow's base sequence number, for bytes in flight. */
  baseSeq: number;
  /** The reverse flow's window scale shift, or a WindowScale code (-1 unknown, -2 none). */
  reverseWindowScale: number;
  reusedPorts: boolean;
  /** The conversation was created by this segment. */
  conversationIsNew: boolean;
  /** SACK blocks in this segment's options (raw edges), remembered for the other direction. */
  sackCount: number;
  readonly sackEdges: Uint32Array;
}

/**
 * Per-frame results, indexed by frame number; unset slots read 0. Plain typed arrays grown
 * together (`reserve` before writing a frame), each read and written at its own sites so the
 * first pass's accesses stay monomorphic (a shared generic column measured 3 s over 1M frames).
 * Kept small (every byte here is a megabyte per million frames): what a frame's own header
 * gives (flags, sequence numbers, window) is read back from its bytes, not stored.
 */
export class AnalysisRecords {
  private capacity = 0;
  /** Analysis flag bits and `recordExists`. */
  flags = new Uint16Array(0);
  acksFrame = new Uint32Array(0);
  /** The ACK's round-trip time, as `encodeInterval` packs it. */
  ackRtt = new Uint32Array(0);
  /** Bytes in flight + 1 where Wireshark printed it (0: not shown). */
  bytesInFlight = new Uint32Array(0);
  pushBytesSent = new Uint32Array(0);
  /** Completeness before this frame, + 1 (0: frame not analysed). */
  completeness = new Uint8Array(0);
  /** Time since the stream's previous frame, as `encodeInterval` packs it. */
  timeDelta = new Uint32Array(0);
  /** The flow (0 or 1 of the conversation) that sent the frame, + 1. */
  flow = new Uint8Array(0);
  /** Endpoint states after the frame (tcp-states.ts packStep) + 1. */
  step = new Uint32Array(0);
  /** Rare results, kept sparsely. */
  readonly duplicateAcks = new Map<number, { number: number; frame: number }>();
  readonly retransmissionTimeouts = new Map<number, { seconds: number; frame: number }>();
  /** finActive or finPassive, for FIN frames. */
  readonly finRoles = new SparseFrameValues();
  /** Intervals `encodeInterval` cannot pack (a second or more apart), by frame. */
  readonly longTimeDeltas = new Map<number, number>();
  readonly longAckRtts = new Map<number, number>();

  /** Makes room for `frame`; call before writing its slots. Grows by half: smaller copies at the end of a big capture. */
  reserve(frame: number): void {
    if (frame < this.capacity) return;
    let capacity = Math.max(1024, Math.ceil(this.capacity * 1.5));
    while (capacity <= frame) capacity = Math.ceil(capacity * 1.5);
    this.flags = grown(this.flags, new Uint16Array(capacity));
    this.acksFrame = grown(this.acksFrame, new Uint32Array(capacity));
    this.ackRtt = grown(this.ackRtt, new Uint32Array(capacity));
    this.bytesInFlight = grown(this.bytesInFlight, new Uint32Array(capacity));
    this.pushBytesSent = grown(this.pushBytesSent, new Uint32Array(capacity));
    this.completeness = grown(this.completeness, new Uint8Array(capacity));
    this.timeDelta = grown(this.timeDelta, new Uint32Array(capacity));
    this.flow = grown(this.flow, new Uint8Array(capacity));
    this.step = grown(this.step, new Uint32Array(capacity));
    this.capacity = capacity;
  }

  /** Whether the first pass analysed `frame`. */
  has(frame: number): boolean {
    return frame < this.capacity && this.completeness[frame] !== 0;
  }
}

function grown<T extends Uint32Array | Uint16Array | Uint8Array>(old: T, fresh: T): T {
  fresh.set(old as never);
  return fresh;
}

/** The packed interval that stands for "see the map" (two seconds or more, or odd timestamps). */
const intervalInMap = 0xffffffff;

/**
 * Packs the interval secondsBetween computes into 32 bits when the whole seconds differ by 0 or
 * 1 (nearly always between neighbouring segments): the two differences are kept, not their
 * sum, so `decodeInterval` gives back the very same double. Returns `intervalInMap` otherwise.
 */
export function encodeInterval(fromSeconds: number, fromNanoseconds: number, toSeconds: number, toNanoseconds: number): number {
  const seconds = toSeconds - fromSeconds;
  const nanoseconds = toNanoseconds - fromNanoseconds;
  if ((seconds !== 0 && seconds !== 1) || !(nanoseconds > -1e9 && nanoseconds < 1e9) || !Number.isInteger(nanoseconds)) return intervalInMap;
  return seconds * 2e9 + nanoseconds + 1e9;
}

export function decodeInterval(packed: number): number {
  const seconds = packed >= 2e9 ? 1 : 0;
  return seconds + (packed - seconds * 2e9 - 1e9) / 1e9;
}

function greater(a: number, b: number): boolean {
  return ((a - b) | 0) > 0;
}

function less(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

function lessOrEqual(a: number, b: number): boolean {
  return ((a - b) | 0) <= 0;
}

function nanosecondsBetween(fromSeconds: number, fromNanoseconds: number, toSeconds: number, toNanoseconds: number): number {
  return (toSeconds - fromSeconds) * 1e9 + (toNanoseconds - fromNanoseconds);
}

function secondsBetween(fromSeconds: number, fromNanoseconds: number, toSeconds: number, toNanoseconds: number): number {
  return (toSeconds - fromSeconds) + (toNanoseconds - fromNanoseconds) / 1e9;
}

/**
 * The conversation-level bookkeeping dissect_tcp does around the sequence analysis: stream
 * timestamps and completeness (recorded as they stand before this frame, as tshark prints them).
 */
export function trackConversation(records: AnalysisRecords, conversation: ConversationAnalysis, segment: AnalyzedSegment): void {
  const { frame, seconds, nanoseconds, flags, length } = segment;
  if (!conversation.seen) {
    conversation.seen = true;
    conversation.firstSeconds = seconds;
    conversation.firstNanoseconds = nanoseconds;
    conversation.previousSeconds = seconds;
    conversation.previousNanoseconds = nanoseconds;
  }
  records.reserve(frame);
  const delta = encodeInterval(conversation.previousSeconds, conversation.previousNanoseconds, seconds, nanoseconds);
  records.timeDelta[frame] = delta;
  if (delta === intervalInMap) records.longTimeDeltas.set(frame, secondsBetween(conversation.previousSeconds, conversation.previousNanoseconds, seconds, nanoseconds));
  conversation.previousSeconds = seconds;
  conversation.previousNanoseconds = nanoseconds;

  records.completeness[frame] = conversation.completeness + 1;
  let completeness = conversation.completeness;
  if (segment.conversationIsNew) {
    if ((flags & (flagSyn | flagAck)) === flagSyn) {
      completeness |= Completeness.synSent;
      if (length > 0) completeness |= Completeness.data;
    }
  } else {
    if ((flags & (flagSyn | flagAck)) === (flagSyn | flagAck)) completeness |= Completeness.synAck;
    if ((flags & (flagSyn | flagAck)) === flagAck) completeness |= length > 0 ? Completeness.data : Completeness.ack;
    if ((flags & (flagFin | flagAck)) === (flagFin | flagAck)) completeness |= Completeness.fin;
    if (flags & flagReset) completeness |= Completeness.reset;
  }
  conversation.completeness = completeness;
}

/**
 * Wireshark 4.0's tcp_analyze_sequence_number for one segment, in capture order, plus the
 * per-frame bits dissect_tcp adds around it (FIN initiator, initial RTT). Records the frame's
 * results; `forward` is the sender's flow, `reverse` the receiver's.
 */
export function analyzeSegment(records: AnalysisRecords, conversation: ConversationAnalysis, forward: FlowAnalysis, reverse: FlowAnalysis, segment: AnalyzedSegment): void {
  const { frame, seconds, nanoseconds, seq, ack, length, flags, window } = segment;
  let ta = segment.reusedPorts ? recordExists | AnalysisFlag.reusedPorts : 0;

  if (flags & flagAck) reverse.validBytesInFlight = true;

  checks: {
    // Zero window probe: one byte at the next expected sequence number into a closed window.
    if (length === 1 && seq === forward.nextseq && reverse.window === 0) {
      ta |= recordExists | AnalysisFlag.zeroWindowProbe;
      break checks;
    }
    if (window === 0 && (flags & (flagReset | flagFin | flagSyn)) === 0) ta |= recordExists | AnalysisFlag.zeroWindow;

    // Lost segment: this one starts beyond everything seen so far.
    if (forward.nextseq !== 0 && greater(seq, forward.nextseq) && (flags & flagReset) === 0) {
      ta |= recordExists | AnalysisFlag.lostPacket;
      forward.validBytesInFlight = false;
      forward.ackLostArmed = true;
    }

    // Keep-alive: 0 or 1 byte starting one before the next expected sequence number.
    if ((length === 0 || length === 1) && seq === ((forward.nextseq - 1) >>> 0) && (flags & (flagSyn | flagFin | flagReset)) === 0) {
      ta |= recordExists | AnalysisFlag.keepAlive;
    }

    const plain = (flags & (flagSyn | flagFin | flagReset)) === 0;
    const repeatsLast = length === 0 && seq === forward.nextseq && ack === forward.lastAck && plain;
    if (repeatsLast && window !== 0 && window !== forward.window) ta |= recordExists | AnalysisFlag.windowUpdate;

    // Window full: the data reaches exactly the edge of the receiver's advertised window.
    if (length > 0 && segment.reverseWindowScale !== -1 && plain) {
      const shift = segment.reverseWindowScale < 0 ? 0 : segment.reverseWindowScale;
      if (((seq + length) >>> 0) === ((reverse.lastAck + reverse.window * 2 ** shift) >>> 0)) ta |= recordExists | AnalysisFlag.windowFull;
    }

    if (repeatsLast && window !== 0 && window === forward.window && (reverse.lastSegmentFlags & AnalysisFlag.keepAlive)) {
      ta |= recordExists | AnalysisFlag.keepAliveAck;
      break checks;
    }
    if (repeatsLast && window === 0 && window === forward.window && (reverse.lastSegmentFlags & AnalysisFlag.zeroWindowProbe)) {
      ta |= recordExists | AnalysisFlag.zeroWindowProbeAck;
      break checks;
    }
    if (repeatsLast && window !== 0 && window === forward.window) {
      forward.dupAckNum++;
      ta |= recordExists | AnalysisFlag.duplicateAck;
      records.duplicateAcks.set(frame, { number: forward.dupAckNum, frame: forward.lastNonDupAck });
    }
  }

  if (ack !== forward.lastAck) {
    forward.lastNonDupAck = frame;
    forward.dupAckNum = 0;
  }

  // ACKed unseen segment: this acknowledges beyond anything the other side was seen sending.
  if (reverse.maxSeqToBeAcked !== 0 && greater(ack, reverse.maxSeqToBeAcked) && (flags & flagAck) && reverse.ackLostArmed) {
    ta |= recordExists | AnalysisFlag.ackLostPacket;
    reverse.maxSeqToBeAcked = reverse.nextseq;
    reverse.ackLostArmed = false;
  }

  if ((length > 0 || (flags & (flagSyn | flagFin))) && !(ta & AnalysisFlag.keepAlive)) ta = classifyRetransmission(records, conversation, forward, reverse, segment, ta);

  let nextseq = (seq + length) >>> 0;
  if ((length > 0 || (flags & (flagSyn | flagFin))) && forward.segments.length < maxUnackedSegments) {
    if (flags & (flagSyn | flagFin)) nextseq = (nextseq + 1) >>> 0;
    const unacked = unackedPool.pop() ?? { frame: 0, seq: 0, nextseq: 0, seconds: 0, nanoseconds: 0 };
    unacked.frame = frame;
    unacked.seq = seq;
    unacked.nextseq = nextseq;
    unacked.seconds = seconds;
    unacked.nanoseconds = nanoseconds;
    forward.segments.push(unacked);
  }

  const probe = (ta & AnalysisFlag.zeroWindowProbe) !== 0;
  if ((greater(nextseq, forward.nextseq) || forward.nextseq === 0) && !probe) {
    forward.nextseq = nextseq;
    forward.nextseqFrame = frame;
    forward.nextseqSeconds = seconds;
    forward.nextseqNanoseconds = nanoseconds;
  }
  if ((seq === forward.maxSeqToBeAcked || forward.maxSeqToBeAcked === 0) && !probe) forward.maxSeqToBeAcked = forward.nextseq;

  forward.window = window;
  forward.lastAck = ack;
  forward.lastAckSeconds = seconds;
  forward.lastAckNanoseconds = nanoseconds;
  forward.lastSegmentFlags = ta & analysisFlagMask;

  ta |= acknowledgeSegments(records, reverse, segment);
  ta |= bytesInFlight(records, forward, reverse, segment);

  // dissect_tcp's extras: who closes first, the handshake's round-trip time.
  if (flags & flagFin) {
    if (!reverse.closingInitiator) {
      forward.closingInitiator = true;
      ta |= finActive;
    } else {
      ta |= finPassive;
    }
  }
  if ((flags & (flagSyn | flagAck)) === flagSyn) {
    conversation.synSeconds = seconds;
    conversation.synNanoseconds = nanoseconds;
  } else if ((flags & (flagSyn | flagAck)) === flagAck && conversation.synSeconds >= 0 && conversation.initialRtt <= 0) {
    conversation.initialRtt = secondsBetween(conversation.synSeconds, conversation.synNanoseconds, seconds, nanoseconds);
    conversation.initialRttFrame = frame;
  }

  forward.sackCount = segment.sackCount;
  if (segment.sackCount > 0) (forward.sackEdges ??= new Uint32Array(8)).set(segment.sackEdges.subarray(0, segment.sackCount * 2));
  records.flags[frame] = ta;
  if (ta & (finActive | finPassive)) records.finRoles.set(frame, ta & (finActive | finPassive));
}

/** Retransmission, fast retransmission, out-of-order or spurious retransmission. */
function classifyRetransmission(records: AnalysisRecords, conversation: ConversationAnalysis, forward: FlowAnalysis, reverse: FlowAnalysis, segment: AnalyzedSegment, ta: number): number {
  const { frame, seconds, nanoseconds, seq, length } = segment;
  let notAdvanced = forward.nextseq !== 0 && less(seq, forward.nextseq);
  // More than one new byte starting one before nextseq follows a zero window probe: new data.
  if (length > 1 && ((forward.nextseq - 1) >>> 0) === seq) notAdvanced = false;

  const sinceDupAck = nanosecondsBetween(reverse.lastAckSeconds, reverse.lastAckNanoseconds, seconds, nanoseconds);
  if (notAdvanced && reverse.dupAckNum >= 2 && reverse.lastAck === seq && sinceDupAck < fastRetransmissionNanoseconds) {
    return ta | recordExists | AnalysisFlag.fastRetransmission;
  }

  const sinceHighest = nanosecondsBetween(forward.nextseqSeconds, forward.nextseqNanoseconds, seconds, nanoseconds);
  const threshold = conversation.initialRtt > 0 && frame >= conversation.initialRttFrame ? conversation.initialRtt * 1e9 : defaultOutOfOrderNanoseconds;
  const segmentEnd = (seq + length + (segment.flags & (flagSyn | flagFin) ? 1 : 0)) >>> 0;
  if (notAdvanced && sinceHighest < threshold && forward.nextseq !== segmentEnd) {
    return ta | recordExists | AnalysisFlag.outOfOrder;
  }

  if (length > 0 && reverse.lastAck !== 0 && lessOrEqual((seq + length) >>> 0, reverse.lastAck)) {
    return ta | recordExists | AnalysisFlag.spuriousRetransmission;
  }

  if (notAdvanced) {
    records.retransmissionTimeouts.set(frame, {
      seconds: secondsBetween(forward.nextseqSeconds, forward.nextseqNanoseconds, seconds, nanoseconds),
      frame: forward.nextseqFrame,
    });
    return ta | recordExists | AnalysisFlag.retransmission;
  }
  return ta;
}

/** Segments no longer needed, reused so the first pass allocates nothing per segment in the steady state. */
const unackedPool: Unacked[] = [];

/**
 * Drops the reverse direction's segments this ACK covers and notes the one it acknowledges
 * exactly. Wireshark walks its list newest first and keeps the last exact match; walking oldest
 * first, that is the first match.
 */
function acknowledgeSegments(records: AnalysisRecords, reverse: FlowAnalysis, segment: AnalyzedSegment): number {
  const { frame, seconds, nanoseconds, ack } = segment;
  let ta = 0;
  const segments = reverse.segments;
  let kept = 0;
  for (let index = 0; index < segments.length; index++) {
    const unacked = segments[index];
    // Partly acknowledged: what remains starts at the ACK.
    if (ack !== unacked.nextseq && greater(ack, unacked.seq) && lessOrEqual(ack, unacked.nextseq)) unacked.seq = ack;
    if (ack === unacked.nextseq) {
      if (ta === 0) {
        ta = recordExists;
        records.acksFrame[frame] = unacked.frame;
        const rtt = encodeInterval(unacked.seconds, unacked.nanoseconds, seconds, nanoseconds);
        records.ackRtt[frame] = rtt;
        if (rtt === intervalInMap) records.longAckRtts.set(frame, secondsBetween(unacked.seconds, unacked.nanoseconds, seconds, nanoseconds));
      }
      unackedPool.push(unacked);
    } else if (greater(unacked.nextseq, ack)) {
      segments[kept++] = unacked;
    } else {
      unackedPool.push(unacked);
    }
  }
  if (kept !== segments.length) segments.length = kept;
  return ta;
}

/** Bytes in flight after this segment, less what the receiver reported with SACK, and PSH accounting. */
function bytesInFlight(records: AnalysisRecords, forward: FlowAnalysis, reverse: FlowAnalysis, segment: AnalyzedSegment): number {
  const { frame, length, flags, baseSeq } = segment;
  const segments = forward.segments;
  if (length === 0 || segments.length === 0 || !forward.validBytesInFlight) return 0;
  const newest = segments[segments.length - 1];
  let first = (newest.seq - baseSeq) >>> 0;
  let last = (newest.nextseq - baseSeq) >>> 0;
  for (const unacked of segments) {
    const end = (unacked.nextseq - baseSeq) >>> 0;
    const start = (unacked.seq - baseSeq) >>> 0;
    if (end > last) last = end;
    if (start < first) first = start;
  }
  let inFlight = (last - first) >>> 0;
  if (reverse.sackCount > 0) inFlight = (inFlight - sackedBytes(reverse)) >>> 0;
  if (inFlight > 0 && inFlight < 2_000_000_000) {
    const shown = flags & (flagSyn | flagFin) ? inFlight - 1 : inFlight;
    if (shown > 0) records.bytesInFlight[frame] = shown + 1;
  }
  if (flags & flagPush) {
    forward.pushBytesSent = forward.pushSetLast ? length : forward.pushBytesSent + length;
    forward.pushSetLast = true;
  } else if (forward.pushSetLast) {
    forward.pushBytesSent = length;
    forward.pushSetLast = false;
  } else {
    forward.pushBytesSent += length;
  }
  records.pushBytesSent[frame] = forward.pushBytesSent;
  return recordExists;
}

/** Bytes covered by the SACK blocks, overlapping blocks counted once. */
function sackedBytes(flow: FlowAnalysis): number {
  let total = 0;
  const edges = flow.sackEdges!;
  for (let block = 0; block < flow.sackCount; block++) {
    let left = edges[block * 2];
    const right = edges[block * 2 + 1];
    for (let earlier = 0; earlier < block; earlier++) {
      const earlierLeft = edges[earlier * 2];
      const earlierRight = edges[earlier * 2 + 1];
      if (lessOrEqual(earlierLeft, left) && less(left, earlierRight)) left = earlierRight;
    }
    if (less(left, right)) total += (right - left) >>> 0;
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// Reading the records back.

/** The frame's recorded flags word (analysis bits and bookkeeping), 0 when not analysed. */
function recordedFlags(records: AnalysisRecords, frame: number): number {
  return records.has(frame) ? records.flags[frame] : 0;
}

/** The frame's analysis flag bits (AnalysisFlag), 0 when none or not analysed. */
export function frameAnalysisFlags(records: AnalysisRecords, frame: number): number {
  return recordedFlags(records, frame) & analysisFlagMask;
}

/** Info-column tags for the frame, in Wireshark's order ("[TCP Dup ACK 3#1] "), or ''. */
export function analysisInfoTags(records: AnalysisRecords, frame: number): string {
  const ta = recordedFlags(records, frame);
  if ((ta & analysisFlagMask) === 0) return '';
  // Wireshark prepends each tag in turn, so the last one printed comes first.
  const tags: string[] = [];
  const tag = (bit: number, text: string) => { if (ta & bit) tags.push(text); };
  tag(AnalysisFlag.reusedPorts, '[TCP Port numbers reused] ');
  tag(AnalysisFlag.retransmission, '[TCP Retransmission] ');
  tag(AnalysisFlag.fastRetransmission, '[TCP Fast Retransmission] ');
  tag(AnalysisFlag.spuriousRetransmission, '[TCP Spurious Retransmission] ');
  tag(AnalysisFlag.outOfOrder, '[TCP Out-Of-Order] ');
  tag(AnalysisFlag.lostPacket, '[TCP Previous segment not captured] ');
  tag(AnalysisFlag.ackLostPacket, '[TCP ACKed unseen segment] ');
  tag(AnalysisFlag.windowUpdate, '[TCP Window Update] ');
  tag(AnalysisFlag.windowFull, '[TCP Window Full] ');
  tag(AnalysisFlag.keepAlive, '[TCP Keep-Alive] ');
  tag(AnalysisFlag.keepAliveAck, '[TCP Keep-Alive ACK] ');
  const duplicate = records.duplicateAcks.get(frame);
  if (duplicate && (ta & AnalysisFlag.duplicateAck)) tags.push(`[TCP Dup ACK ${duplicate.frame}#${duplicate.number}] `);
  tag(AnalysisFlag.zeroWindowProbe, '[TCP ZeroWindowProbe] ');
  tag(AnalysisFlag.zeroWindow, '[TCP ZeroWindow] ');
  tag(AnalysisFlag.zeroWindowProbeAck, '[TCP ZeroWindowProbeAck] ');
  return tags.reverse().join('');
}

const wantsCache = new WeakMap<FieldSink, Map<readonly Field[], boolean>>();

/**
 * Whether the sink keeps any of `fields` (a constant list). The summary sink keeps none of the
 * analysis details (only the flags word, a store column), so the first pass skips building
 * them; a sink's wishes do not change over its life, so the answer is cached per sink.
 */
export function sinkWantsAny(sink: FieldSink, fields: readonly Field[]): boolean {
  if (sink.detailed) return true;
  let bySink = wantsCache.get(sink);
  if (bySink === undefined) {
    bySink = new Map();
    wantsCache.set(sink, bySink);
  }
  let wants = bySink.get(fields);
  if (wants === undefined) {
    wants = fields.some((field) => sink.wants(field));
    bySink.set(fields, wants);
  }
  return wants;
}

const detailFields: readonly Field[] = Object.values(analysisFields).filter((field) => field !== analysisFields.flags);

function wantsDetails(sink: FieldSink): boolean {
  return sinkWantsAny(sink, detailFields);
}

/** The stream-relative timestamps subtree (Wireshark's "[Timestamps]"). */
export function addTimestampsTree(sink: FieldSink, records: AnalysisRecords, conversation: ConversationAnalysis, frame: number, seconds: number, nanoseconds: number, offset: number): void {
  if (!records.has(frame) || !wantsDetails(sink)) return;
  const relative = secondsBetween(conversation.firstSeconds, conversation.firstNanoseconds, seconds, nanoseconds);
  const packed = records.timeDelta[frame];
  const delta = packed === intervalInMap ? records.longTimeDeltas.get(frame)! : decodeInterval(packed);
  sink.openText('[Timestamps]', offset, 0);
  sink.add(analysisFields.timeRelative, offset, 0, relative, sink.detailed ? `[Time since first frame in this TCP stream: ${relative.toFixed(9)} seconds]` : undefined);
  sink.add(analysisFields.timeDelta, offset, 0, delta, sink.detailed ? `[Time since previous frame in this TCP stream: ${delta.toFixed(9)} seconds]` : undefined);
  sink.close();
}

/** The completeness item, as it stood before this frame. */
export function addCompleteness(sink: FieldSink, records: AnalysisRecords, frame: number, offset: number): void {
  if (!records.has(frame) || !wantsDetails(sink)) return;
  const stored = records.completeness[frame];
  const value = stored - 1;
  sink.add(analysisFields.completeness, offset, 0, value, sink.detailed ? `[Conversation completeness: ${completenessName(value)} (${value})]` : undefined);
}

/** The "[SEQ/ACK analysis]" subtree, as tcp_print_sequence_number_analysis prints it. */
export function addAnalysisTree(sink: FieldSink, records: AnalysisRecords, conversation: ConversationAnalysis, frame: number, offset: number): void {
  const ta = recordedFlags(records, frame);
  if (!(ta & recordExists)) return;
  if (!wantsDetails(sink)) {
    if (ta & analysisFlagMask) sink.add(analysisFields.flags, offset, 0, ta & analysisFlagMask);
    return;
  }
  const detailed = sink.detailed;
  const fields = analysisFields;
  sink.open(fields.analysis, offset, 0, undefined, detailed ? '[SEQ/ACK analysis]' : undefined);
  const acksFrame = records.acksFrame[frame];
  if (acksFrame !== 0) {
    sink.add(fields.acksFrame, offset, 0, acksFrame, detailed ? `[This is an ACK to the segment in frame: ${acksFrame}]` : undefined);
    const packed = records.ackRtt[frame];
    const rtt = packed === intervalInMap ? records.longAckRtts.get(frame)! : decodeInterval(packed);
    if (rtt !== 0) sink.add(fields.ackRtt, offset, 0, rtt, detailed ? `[The RTT to ACK the segment was: ${rtt.toFixed(9)} seconds]` : undefined);
  }
  if (conversation.initialRtt > 0 && frame >= conversation.initialRttFrame) {
    sink.add(fields.initialRtt, offset, 0, conversation.initialRtt, detailed ? `[iRTT: ${conversation.initialRtt.toFixed(9)} seconds]` : undefined);
  }
  const inFlight = records.bytesInFlight[frame];
  if (inFlight !== 0) {
    sink.add(fields.bytesInFlight, offset, 0, inFlight - 1, detailed ? `[Bytes in flight: ${inFlight - 1}]` : undefined);
    const push = records.pushBytesSent[frame];
    sink.add(fields.pushBytesSent, offset, 0, push, detailed ? `[Bytes sent since last PSH flag: ${push}]` : undefined);
  }
  if (ta & analysisFlagMask) addFlagsTree(sink, records, frame, ta, offset);
  sink.close();
}

function addFlagsTree(sink: FieldSink, records: AnalysisRecords, frame: number, ta: number, offset: number): void {
  const fields = analysisFields;
  const expert = (bit: number, field: typeof fields.retransmission) => {
    if (ta & bit) sink.add(field, offset, 0, undefined, sink.detailed ? `[${field.name}]` : undefined);
  };
  sink.open(fields.flags, offset, 0, ta & analysisFlagMask, sink.detailed ? '[TCP Analysis Flags]' : undefined);
  expert(AnalysisFlag.reusedPorts, fields.reusedPorts);
  if (ta & AnalysisFlag.retransmission) {
    sink.add(fields.retransmission, offset, 0, undefined, sink.detailed ? `[${fields.retransmission.name}]` : undefined);
    const timeout = records.retransmissionTimeouts.get(frame);
    if (timeout && timeout.seconds !== 0) {
      sink.add(fields.rto, offset, 0, timeout.seconds, sink.detailed ? `[The RTO for this segment was: ${timeout.seconds.toFixed(9)} seconds]` : undefined);
      sink.add(fields.rtoFrame, offset, 0, timeout.frame, sink.detailed ? `[RTO based on delta from frame: ${timeout.frame}]` : undefined);
    }
  }
  if (ta & AnalysisFlag.fastRetransmission) {
    expert(AnalysisFlag.fastRetransmission, fields.fastRetransmission);
    sink.add(fields.retransmission, offset, 0, undefined, sink.detailed ? `[${fields.retransmission.name}]` : undefined);
  }
  if (ta & AnalysisFlag.spuriousRetransmission) {
    expert(AnalysisFlag.spuriousRetransmission, fields.spuriousRetransmission);
    sink.add(fields.retransmission, offset, 0, undefined, sink.detailed ? `[${fields.retransmission.name}]` : undefined);
  }
  expert(AnalysisFlag.outOfOrder, fields.outOfOrder);
  expert(AnalysisFlag.lostPacket, fields.lostSegment);
  expert(AnalysisFlag.ackLostPacket, fields.ackLostSegment);
  expert(AnalysisFlag.windowUpdate, fields.windowUpdate);
  expert(AnalysisFlag.windowFull, fields.windowFull);
  expert(AnalysisFlag.keepAlive, fields.keepAlive);
  expert(AnalysisFlag.keepAliveAck, fields.keepAliveAck);
  const duplicate = records.duplicateAcks.get(frame);
  if (duplicate) sink.add(fields.duplicateAck, offset, 0, undefined, sink.detailed ? '[This is a TCP duplicate ack]' : undefined);
  expert(AnalysisFlag.zeroWindowProbe, fields.zeroWindowProbe);
  expert(AnalysisFlag.zeroWindow, fields.zeroWindow);
  expert(AnalysisFlag.zeroWindowProbeAck, fields.zeroWindowProbeAck);
  sink.close();
  if (duplicate) {
    sink.add(fields.duplicateAckNum, offset, 0, duplicate.number, sink.detailed ? `[Duplicate ACK #: ${duplicate.number}]` : undefined);
    sink.add(fields.duplicateAckFrame, offset, 0, duplicate.frame, sink.detailed ? `[Duplicate to the ACK in frame: ${duplicate.frame}]` : undefined);
    // The expert item Wireshark attaches to the frame reference carries the same abbrev.
    sink.add(fields.duplicateAck, offset, 0, undefined, sink.detailed ? `[Duplicate ACK (#${duplicate.number})]` : undefined);
  }
}

/** tcp.connection.fin_active / fin_passive for a FIN frame. */
export function addFinInitiator(sink: FieldSink, records: AnalysisRecords, frame: number, offset: number): void {
  const ta = records.has(frame) ? records.finRoles.get(frame) ?? 0 : 0;
  if (ta & finActive) sink.add(analysisFields.finActive, offset, 2, undefined, 'This frame initiates the connection closing');
  else if (ta & finPassive) sink.add(analysisFields.finPassive, offset, 2, undefined, 'This frame undergoes the connection closing');
}

/** True when the frame was a keep-alive (its payload is not handed to the application). */
export function isKeepAlive(records: AnalysisRecords, frame: number): boolean {
  return (recordedFlags(records, frame) & AnalysisFlag.keepAlive) !== 0;
}

/** Filter fields backed by the analysis flags column, with the bits that make each present. */
export const analysisFilterMasks: Readonly<Record<string, number>> = {
  'tcp.analysis.flags': analysisFlagMask,
  'tcp.analysis.retransmission': AnalysisFlag.retransmission | AnalysisFlag.fastRetransmission | AnalysisFlag.spuriousRetransmission,
  'tcp.analysis.fast_retransmission': AnalysisFlag.fastRetransmission,
  'tcp.analysis.spurious_retransmission': AnalysisFlag.spuriousRetransmission,
  'tcp.analysis.out_of_order': AnalysisFlag.outOfOrder,
  'tcp.analysis.lost_segment': AnalysisFlag.lostPacket,
  'tcp.analysis.ack_lost_segment': AnalysisFlag.ackLostPacket,
  'tcp.analysis.duplicate_ack': AnalysisFlag.duplicateAck,
  'tcp.analysis.zero_window': AnalysisFlag.zeroWindow,
  'tcp.analysis.zero_window_probe': AnalysisFlag.zeroWindowProbe,
  'tcp.analysis.zero_window_probe_ack': AnalysisFlag.zeroWindowProbeAck,
  'tcp.analysis.window_update': AnalysisFlag.windowUpdate,
  'tcp.analysis.window_full': AnalysisFlag.windowFull,
  'tcp.analysis.keep_alive': AnalysisFlag.keepAlive,
  'tcp.analysis.keep_alive_ack': AnalysisFlag.keepAliveAck,
  'tcp.analysis.reused_ports': AnalysisFlag.reusedPorts,
};
