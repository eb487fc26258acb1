import { declareField, stateKey, type PacketContext } from '../core/index.js';
import { Int32List, SparseFrameValues } from './frame-records.js';
import { addFragmentsTree, type FragmentFields, type ReassembledParts } from './reassembly-tree.js';

/**
 * TCP reassembly ("desegmentation") as tshark 4.0 does it with its default preferences, for
 * application dissectors that ask for it: when a message does not end in the segment, the
 * dissector calls `requestMoreBytes` and returns; TCP keeps the bytes and hands the whole
 * message over once, in the frame that completes it, as a "Reassembled TCP" data source.
 *
 * The first pass decides and records per frame what happened (the segment started a message,
 * continued one, or completed one, with the reassembled bytes kept for the completing frame);
 * later dissections replay the records in any order. Only in-order segments are reassembled:
 * a gap (lost segment) abandons the pending message, as the bytes can never complete.
 */

const e = (en: string, zh: string) => ({ en, zh });

export const reassemblyFields = {
  segments: declareField('tcp.segments', 'Reassembled TCP Segments', 'none', {
    explain: e('The segments whose payloads were joined to rebuild one application message.', '其载荷被拼接起来、重建出一条应用消息的那些报文段。'),
  }),
  segment: declareField('tcp.segment', 'TCP Segment', 'framenum', {
    explain: e('One frame that contributed bytes to the reassembled message.', '为重组消息贡献了字节的一个帧。'),
  }),
  count: declareField('tcp.segment.count', 'Segment count', 'uint32', {
    explain: e('How many segments the message was split over.', '该消息被拆分成的报文段数量。'),
  }),
  length: declareField('tcp.reassembled.length', 'Reassembled TCP length', 'uint32', {
    explain: e('Size of the rebuilt message in bytes.', '重建后消息的字节数。'),
  }),
  data: declareField('tcp.reassembled.data', 'Reassembled TCP Data', 'bytes', {
    explain: e('The rebuilt message: TCP is a byte stream, so message boundaries need not match segment boundaries.', '重建后的消息：TCP 是字节流，消息边界不必与报文段边界一致。'),
  }),
  reassembledIn: declareField('tcp.reassembled_in', 'Reassembled PDU in frame', 'framenum', {
    explain: e('This segment\'s payload is part of a message dissected in that later frame.', '本报文段的载荷属于在后面那个帧中才被解析的消息。'),
  }),
  segmentData: declareField('tcp.segment_data', 'TCP segment data', 'bytes', {
    explain: e('Payload not handed to the application protocol here: a retransmission, or part of a message completed in a later frame.', '未在此处交给应用层协议的载荷：重传，或在后续帧中才完整的消息的一部分。'),
  }),
};

const segmentsTreeFields: FragmentFields = {
  tree: reassemblyFields.segments, fragment: reassemblyFields.segment, count: reassemblyFields.count,
  length: reassemblyFields.length, data: reassemblyFields.data,
};

/** A message still waiting for bytes, in one direction of one connection. */
interface PendingMessage {
  /** Raw sequence number just after the bytes held so far. */
  nextSeq: number;
  /** Bytes still wanted, or -1 for "at least one more segment". */
  wanted: number;
  /** The bytes held so far: `buffer[0, length)` (grown by doubling, copied once per segment). */
  buffer: Uint8Array;
  length: number;
  /** Where each part came from: frame, offset in that frame's bytes, length. */
  readonly frames: number[];
  readonly frameOffsets: number[];
  readonly lengths: number[];
  /** Every part lies in its frame's own bytes (not in a reassembled IP datagram): rebuildable from frames. */
  fromFrames: boolean;
  /** A detailed sink saw the buffer (its tree may point into it): never reused. */
  exposed: boolean;
  /** The message's number in `MessageRecords` (where its completing frame is recorded). */
  readonly message: number;
}

/** What the first pass decided for one frame's payload (see MessageRecords for how it is kept). */
const Role = { first: 1, middle: 2, last: 3 } as const;

/**
 * A completed message's parts, as the frame that completed it replays them. Its bytes are kept
 * only when no frame reader is available (see `frameBytesReader`); otherwise later dissections
 * rebuild them from the frames.
 */
interface LastRecord extends Omit<ReassembledParts, 'bytes'> {
  readonly bytes: Uint8Array | null;
  readonly used: number;
}

/**
 * The first pass's decisions, in typed arrays: per frame (sparse, only frames with payload in a
 * reassembled message) the role and the message; per message where it completed, where it
 * started in its first frame, how much of the completing frame it used, and its parts.
 */
class MessageRecords {
  /** Per frame: message × 4 + role. */
  private readonly frames = new SparseFrameValues();
  /** Per message: the frame that completed it (0 until then), `from` in its first frame, bytes used of the last. */
  private readonly completedIn = new Int32List();
  private readonly firstFrom = new Int32List();
  private readonly used = new Int32List();
  /** Per completed message: its first part in the part lists, and how many parts. */
  private readonly partsStart = new Int32List();
  private readonly partsCount = new Int32List();
  private readonly partFrames = new Int32List();
  private readonly partOffsets = new Int32List();
  private readonly partLengths = new Int32List();
  /** Messages whose bytes cannot be rebuilt from their frames (rare: parts from reassembled IP). */
  private readonly keptBytes = new Map<number, Uint8Array>();

  /** A new message starting at `from` (relative to the payload) in the current frame. */
  addMessage(from: number): number {
    this.completedIn.push(0);
    this.used.push(0);
    this.partsStart.push(0);
    this.partsCount.push(0);
    return this.firstFrom.push(from);
  }

  setRole(frame: number, message: number, role: number): void {
    this.frames.set(frame, message * 4 + role);
  }

  /** The frame's record as message × 4 + role, or -1 (`lastFrame` lets the first pass skip the search). */
  recordOf(frame: number): number {
    if (frame > this.frames.lastFrame) return -1;
    return this.frames.get(frame) ?? -1;
  }

  complete(message: number, frame: number, used: number, pending: PendingMessage, bytes: Uint8Array | null): void {
    this.completedIn.set(message, frame);
    this.used.set(message, used);
    this.partsStart.set(message, this.partFrames.length);
    this.partsCount.set(message, pending.frames.length);
    for (let index = 0; index < pending.frames.length; index++) {
      this.partFrames.push(pending.frames[index]);
      this.partOffsets.push(pending.frameOffsets[index]);
      this.partLengths.push(pending.lengths[index]);
    }
    if (bytes !== null) this.keptBytes.set(message, bytes);
  }

  completedFrame(message: number): number {
    return this.completedIn.get(message);
  }

  from(message: number): number {
    return this.firstFrom.get(message);
  }

  lastRecord(message: number): LastRecord {
    const start = this.partsStart.get(message);
    const count = this.partsCount.get(message);
    const frames: number[] = [];
    const offsets: number[] = [];
    const lengths: number[] = [];
    for (let index = start; index < start + count; index++) {
      frames.push(this.partFrames.get(index));
      offsets.push(this.partOffsets.get(index));
      lengths.push(this.partLengths.get(index));
    }
    return { bytes: this.keptBytes.get(message) ?? null, frames, offsets, lengths, used: this.used.get(message) };
  }
}

/**
 * Reads a frame's bytes again (set by the engine's capture session). With it, reassembled
 * messages are not held in memory: they are rebuilt from their frames when shown.
 */
export const frameBytesReader = stateKey<{ read: ((frame: number) => Uint8Array) | null }>('frame.bytes', () => ({ read: null }));

/** An application dissector's request, read back by TCP after the call. */
interface Request {
  offered: boolean;
  from: number;
  wanted: number;
}

/**
 * Buffers of completed messages, reused for the next ones: a message's buffer usually lives
 * across a few segments, long enough to outlive the young generation, so without reuse every
 * message would leave garbage until the next full collection (tens of MB on a big capture).
 */
class BufferPool {
  private readonly free = new Map<number, Uint8Array[]>();

  take(size: number): Uint8Array {
    const capacity = size <= 1024 ? 1024 : 2 ** Math.ceil(Math.log2(size));
    return this.free.get(capacity)?.pop() ?? new Uint8Array(capacity);
  }

  give(buffer: Uint8Array): void {
    if (buffer.length > 1 << 20) return;
    let list = this.free.get(buffer.length);
    if (list === undefined) {
      list = [];
      this.free.set(buffer.length, list);
    }
    if (list.length < 16) list.push(buffer);
  }
}

class ReassemblyState {
  readonly pending = new Map<number, PendingMessage>();
  readonly buffers = new BufferPool();
  readonly records = new MessageRecords();
  readonly request: Request = { offered: false, from: -1, wanted: 0 };
}

const reassemblyState = stateKey('tcp.reassembly', () => new ReassemblyState());

/** Wireshark's DESEGMENT_ONE_MORE_SEGMENT. */
export const oneMoreSegment = -1;

/**
 * For application dissectors over TCP: the message starting at `from` (an offset in the data
 * the dissector was given) needs `wanted` more bytes beyond the end of that data, or
 * `oneMoreSegment`. Returns false when TCP cannot reassemble here (truncated capture, datagram
 * quoted in ICMP, no connection): the dissector should then dissect what it has.
 */
export function requestMoreBytes(ctx: PacketContext, from: number, wanted: number): boolean {
  const request = ctx.state.get(reassemblyState).request;
  if (!request.offered) return false;
  if (request.from < 0) {
    request.from = from;
    request.wanted = wanted;
  }
  return true;
}

export type PayloadDissector = (ctx: PacketContext, data: Uint8Array, offset: number, end: number) => void;

const tag = '[TCP segment of a reassembled PDU]';

/**
 * Dissects a segment's payload through `dissect` (the port/heuristic dispatch), reassembling
 * messages split over segments. `flowKey` names the direction (stream × 2 + flow); `seq` is
 * the raw sequence number of the payload's first byte; `reassemble` is false where Wireshark
 * would not (truncated frame, reset, no conversation).
 */
export function dissectReassembling(ctx: PacketContext, data: Uint8Array, offset: number, end: number, flowKey: number, seq: number, reassemble: boolean, dissect: PayloadDissector): void {
  const state = ctx.state.get(reassemblyState);
  const frame = ctx.frame.number;
  if (!reassemble) return dissect(ctx, data, offset, end);
  const record = state.records.recordOf(frame);
  if (record >= 0) return replay(ctx, state, record, data, offset, end, dissect);
  if (!ctx.firstPass) return dissect(ctx, data, offset, end);

  const pending = state.pending.get(flowKey);
  if (pending !== undefined) {
    if (pending.nextSeq !== seq) {
      // A gap or an overlap: the held bytes cannot be completed in order; give them up.
      state.pending.delete(flowKey);
    } else {
      continueMessage(ctx, state, pending, flowKey, data, offset, end, seq, dissect);
      return;
    }
  }
  startMessages(ctx, state, flowKey, data, offset, end, seq, dissect);
}

/** Dissects from `offset`; if the dissector wants more, keeps the rest as a pending message. */
function startMessages(ctx: PacketContext, state: ReassemblyState, flowKey: number, data: Uint8Array, offset: number, end: number, seq: number, dissect: PayloadDissector): void {
  const request = offerTo(state, dissect, ctx, data, offset, end);
  if (request.from < 0) return;
  const message = state.records.addMessage(request.from - offset);
  const pending: PendingMessage = {
    nextSeq: (seq + (end - offset)) >>> 0,
    wanted: request.wanted,
    buffer: state.buffers.take(Math.max(end - request.from, request.wanted > 0 ? end - request.from + request.wanted : 0)),
    length: 0,
    frames: [],
    frameOffsets: [],
    lengths: [],
    fromFrames: true,
    exposed: false,
    message,
  };
  append(ctx, state, pending, data, request.from, end - request.from);
  state.pending.set(flowKey, pending);
  state.records.setRole(ctx.frame.number, message, Role.first);
  addSegmentData(ctx, request.from, end - request.from);
  markSegment(ctx, request.from === offset);
}

function continueMessage(ctx: PacketContext, state: ReassemblyState, pending: PendingMessage, flowKey: number, data: Uint8Array, offset: number, end: number, seq: number, dissect: PayloadDissector): void {
  const frame = ctx.frame.number;
  const length = end - offset;
  const take = pending.wanted >= 0 ? Math.min(length, pending.wanted) : length;
  append(ctx, state, pending, data, offset, take);
  pending.nextSeq = (seq + length) >>> 0;
  if (pending.wanted > 0 && take < pending.wanted) {
    pending.wanted -= take;
    state.records.setRole(frame, pending.message, Role.middle);
    markMiddle(ctx, state.records.completedFrame(pending.message), data, offset, end);
    return;
  }
  // Enough bytes (or one more segment arrived): let the dissector look at the whole message.
  const bytes = pending.buffer.subarray(0, pending.length);
  ctx.sink.beginSource('Reassembled TCP', bytes);
  const request = offerTo(state, dissect, ctx, bytes, 0, bytes.length);
  ctx.sink.endSource();
  if (request.from >= 0) {
    // Still not complete: wait again (a message starting later than the held bytes is given up).
    pending.wanted = request.wanted;
    if (request.from > 0) state.pending.delete(flowKey);
    state.records.setRole(frame, pending.message, Role.middle);
    ctx.columns?.setProtocol('TCP');
    ctx.columns?.appendInfo(tag);
    return;
  }
  state.pending.delete(flowKey);
  const keepBytes = ctx.state.get(frameBytesReader).read === null || !pending.fromFrames;
  state.records.complete(pending.message, frame, take, pending, keepBytes ? bytes.slice() : null);
  state.records.setRole(frame, pending.message, Role.last);
  addSegmentData(ctx, offset, take);
  addSegmentsTree(ctx, pending, bytes);
  if (!pending.exposed) state.buffers.give(pending.buffer);
  if (take < length) startMessages(ctx, state, flowKey, data, offset + take, end, (seq + take) >>> 0, dissect);
}

/** Later dissections of a frame the first pass recorded. */
function replay(ctx: PacketContext, state: ReassemblyState, packed: number, data: Uint8Array, offset: number, end: number, dissect: PayloadDissector): void {
  const message = packed >> 2;
  const role = packed & 3;
  if (role === Role.middle) return markMiddle(ctx, state.records.completedFrame(message), data, offset, end);
  if (role === Role.first) {
    const from = state.records.from(message);
    const request = state.request;
    request.offered = true;
    request.from = -1;
    try {
      // The dissector asks again (ignored) and only sets the columns for the message's start.
      dissect(ctx, data, offset, end);
    } finally {
      request.offered = false;
    }
    addReassembledIn(ctx, state.records.completedFrame(message));
    addSegmentData(ctx, offset + from, end - offset - from);
    markSegment(ctx, from === 0);
    return;
  }
  const record = state.records.lastRecord(message);
  const bytes = messageBytes(ctx, record, data);
  addSegmentData(ctx, offset, record.used);
  addSegmentsTree(ctx, record, bytes);
  ctx.sink.beginSource('Reassembled TCP', bytes);
  dissect(ctx, bytes, 0, bytes.length);
  ctx.sink.endSource();
  if (record.used < end - offset) {
    // Bytes after the message: the next message starts here (and may wait for more itself).
    const request = offerTo(state, dissect, ctx, data, offset + record.used, end);
    if (request.from >= 0) markSegment(ctx, false);
  }
}

/** Calls the dissector with reassembly offered and returns its request (from < 0: none). */
function offerTo(state: ReassemblyState, dissect: PayloadDissector, ctx: PacketContext, data: Uint8Array, offset: number, end: number): Request {
  const request = state.request;
  const outer = request.offered;
  request.offered = true;
  request.from = -1;
  try {
    dissect(ctx, data, offset, end);
  } finally {
    request.offered = outer;
  }
  return request;
}

/** The segment that starts a message: Protocol back to TCP and the tag appended, as tshark shows it. */
function markSegment(ctx: PacketContext, wholePayload: boolean): void {
  if (!wholePayload) return ctx.columns?.appendInfo(tag);
  ctx.columns?.setProtocol('TCP');
  ctx.columns?.appendInfo(tag);
}

/** A segment in the middle of a message: its bytes are only data here. */
function markMiddle(ctx: PacketContext, completedIn: number, data: Uint8Array, offset: number, end: number): void {
  addReassembledIn(ctx, completedIn);
  addSegmentData(ctx, offset, Math.min(end, data.length) - offset);
  ctx.columns?.setProtocol('TCP');
  ctx.columns?.appendInfo(tag);
}

/** The part of the frame's payload that belongs to a reassembled message. */
function addSegmentData(ctx: PacketContext, offset: number, length: number): void {
  ctx.sink.add(reassemblyFields.segmentData, offset, length, undefined, ctx.sink.detailed ? `TCP segment data (${length} byte${length === 1 ? '' : 's'})` : undefined);
}

function addReassembledIn(ctx: PacketContext, frame: number): void {
  // Only known once the message completed: tshark's single pass cannot show it either.
  if (frame !== 0 && frame !== ctx.frame.number && !ctx.firstPass) {
    ctx.sink.add(reassemblyFields.reassembledIn, 0, 0, frame, ctx.sink.detailed ? `[Reassembled PDU in frame: ${frame}]` : undefined);
  }
}

/** "[2 Reassembled TCP Segments (119 bytes): #4(43), #6(76)]" and its items, in the reassembled source. */
function addSegmentsTree(ctx: PacketContext, record: { readonly frames: readonly number[]; readonly lengths: readonly number[] }, bytes: Uint8Array): void {
  const offsets: number[] = [];
  let at = 0;
  for (const length of record.lengths) {
    offsets.push(at);
    at += length;
  }
  addFragmentsTree(ctx.sink, segmentsTreeFields, 'Reassembled TCP Segments', 'Segment count', 'Reassembled TCP length', 'Reassembled TCP',
    { bytes, frames: record.frames, offsets, lengths: record.lengths });
}

/** Copies a part into the pending message's buffer, growing it by doubling. */
function append(ctx: PacketContext, state: ReassemblyState, pending: PendingMessage, data: Uint8Array, offset: number, length: number): void {
  if (ctx.sink.detailed) pending.exposed = true;
  const needed = pending.length + length;
  if (needed > pending.buffer.length) {
    const grown = state.buffers.take(Math.max(needed, pending.buffer.length * 2));
    grown.set(pending.buffer.subarray(0, pending.length));
    if (!pending.exposed) state.buffers.give(pending.buffer);
    pending.buffer = grown;
  }
  pending.buffer.set(data.subarray(offset, offset + length), pending.length);
  pending.length = needed;
  pending.frames.push(ctx.frame.number);
  pending.frameOffsets.push(offset);
  if (data.length !== ctx.frame.capturedLength) pending.fromFrames = false;
  pending.lengths.push(length);
}

/** The completed message's bytes: kept, or rebuilt from its frames (this one is `data`). */
function messageBytes(ctx: PacketContext, record: LastRecord, data: Uint8Array): Uint8Array {
  if (record.bytes !== null) return record.bytes;
  const read = ctx.state.get(frameBytesReader).read!;
  let total = 0;
  for (const length of record.lengths) total += length;
  const bytes = new Uint8Array(total);
  let at = 0;
  record.frames.forEach((frame, index) => {
    const source = frame === ctx.frame.number ? data : read(frame);
    bytes.set(source.subarray(record.offsets[index], record.offsets[index] + record.lengths[index]), at);
    at += record.lengths[index];
  });
  return bytes;
}
