import { declareField, ipv6ToString, stateKey, type DissectorTables, type Explanation, type PacketContext } from '../core/index.js';
import { dissectIpPayload, setIpv4FragmentHandler, type Ipv4Fragment } from './ip.js';
import { setIpv6FragmentHandler, type Ipv6Fragment } from './ipv6.js';
import { addFragmentsTree, type FragmentFields, type ReassembledParts } from './reassembly-tree.js';

/**
 * IPv4 and IPv6 fragment reassembly, as tshark 4.0 does with its defaults (ip.defragment,
 * ipv6.defragment on): fragments of one datagram (same addresses, identification and protocol)
 * are collected in the first pass; the fragment that completes the datagram shows the
 * fragments tree and dissects the whole datagram as a "Reassembled IPv4/IPv6" data source. The
 * other fragments stay "Fragmented IP protocol" / "IPv6 fragment" and, on later dissections,
 * point to the completing frame (`ip.reassembled_in`). Overlapping fragments (teardrop) and
 * fragments cut short by the snap length are not reassembled.
 */

const e = (en: string, zh: string): Explanation => ({ en, zh });

function fragmentFields(prefix: 'ip' | 'ipv6', version: string): FragmentFields & { reassembledIn: ReturnType<typeof declareField> } {
  return {
    tree: declareField(`${prefix}.fragments`, `${version} Fragments`, 'none', {
      explain: e(`The fragments whose data were joined to rebuild the original ${version} datagram.`, `其数据被拼接起来、重建出原始 ${version} 数据报的那些分片。`),
    }),
    fragment: declareField(`${prefix}.fragment`, `${version} Fragment`, 'framenum', {
      explain: e('One frame that carried part of the datagram.', '携带了数据报一部分的一个帧。'),
    }),
    count: declareField(`${prefix}.fragment.count`, 'Fragment count', 'uint32', {
      explain: e('How many fragments the datagram was split into.', '数据报被拆分成的分片数量。'),
    }),
    length: declareField(`${prefix}.reassembled.length`, `Reassembled ${version} length`, 'uint32', {
      explain: e('Size of the rebuilt payload in bytes.', '重建后载荷的字节数。'),
    }),
    data: declareField(`${prefix}.reassembled.data`, `Reassembled ${version} data`, 'bytes', {
      explain: e('The rebuilt payload, dissected as one datagram.', '重建后的载荷，作为一个完整数据报解析。'),
    }),
    reassembledIn: declareField(`${prefix}.reassembled_in`, 'Reassembled in', 'framenum', {
      explain: e('The frame whose fragment completed this datagram; the whole datagram is dissected there.', '补齐该数据报的分片所在的帧；完整数据报在那里解析。'),
    }),
  };
}

const ipv4Fields = fragmentFields('ip', 'IPv4');
const ipv6Fields = fragmentFields('ipv6', 'IPv6');

interface Part {
  frame: number;
  offset: number;
  bytes: Uint8Array;
}

interface Datagram {
  readonly parts: Part[];
  /** Total payload length once the last fragment (MF clear) is seen, else -1. */
  total: number;
  completedIn: { frame: number };
}

type FrameRecord =
  | { role: 'part'; completedIn: { frame: number } }
  | { role: 'complete'; protocol: number; parts: ReassembledParts };

class IpReassemblyState {
  readonly pending = new Map<string, Datagram>();
  readonly frames = new Map<number, FrameRecord>();
}

const ipReassemblyState = stateKey('ip.reassembly', () => new IpReassemblyState());

interface Fragment {
  readonly offset: number;
  readonly moreFragments: boolean;
  readonly payloadStart: number;
  readonly payloadEnd: number;
}

/**
 * Handles one fragment: true when it completed (or, replayed, completes) a datagram and that
 * datagram was dissected; false to let the IP dissector show the fragment as data.
 */
function handleFragment(ctx: PacketContext, fragment: Fragment, data: Uint8Array, key: string, protocol: number, fields: typeof ipv4Fields, version: string): boolean {
  if (ctx.quotedDepth > 0) return false;
  const state = ctx.state.get(ipReassemblyState);
  const frame = ctx.frame.number;
  let record = state.frames.get(frame);
  if (record === undefined && ctx.firstPass) record = collect(state, fragment, data, key, protocol, frame);
  if (record === undefined) return false;
  if (record.role === 'part') {
    const completedIn = record.completedIn.frame;
    if (completedIn !== 0 && !ctx.firstPass) ctx.sink.add(fields.reassembledIn, fragment.payloadStart, 0, completedIn, ctx.sink.detailed ? `[Reassembled in #${completedIn}]` : undefined);
    return false;
  }
  addFragmentsTree(ctx.sink, fields, `${version} Fragments`, 'Fragment count', `Reassembled ${version} length`, `Reassembled ${version}`, record.parts);
  ctx.sink.beginSource(`Reassembled ${version}`, record.parts.bytes);
  try {
    dissectIpPayload(ctx, record.protocol, record.parts.bytes, 0, record.parts.bytes.length);
  } finally {
    ctx.sink.endSource();
  }
  return true;
}

/** First pass: adds the fragment to its datagram and records the frame's role. */
function collect(state: IpReassemblyState, fragment: Fragment, data: Uint8Array, key: string, protocol: number, frame: number): FrameRecord | undefined {
  if (fragment.payloadEnd > data.length || fragment.payloadEnd < fragment.payloadStart) return undefined;
  let datagram = state.pending.get(key);
  if (datagram === undefined) {
    datagram = { parts: [], total: -1, completedIn: { frame: 0 } };
    state.pending.set(key, datagram);
  }
  const length = fragment.payloadEnd - fragment.payloadStart;
  const end = fragment.offset + length;
  if (datagram.parts.some((part) => fragment.offset < part.offset + part.bytes.length && part.offset < end)) {
    // Overlapping fragments (a teardrop attack or a resend): leave the datagram alone.
    state.pending.delete(key);
    return undefined;
  }
  datagram.parts.push({ frame, offset: fragment.offset, bytes: data.slice(fragment.payloadStart, fragment.payloadEnd) });
  if (!fragment.moreFragments) datagram.total = end;
  const parts = complete(datagram);
  if (parts === null) {
    const record: FrameRecord = { role: 'part', completedIn: datagram.completedIn };
    state.frames.set(frame, record);
    return record;
  }
  state.pending.delete(key);
  datagram.completedIn.frame = frame;
  const record: FrameRecord = { role: 'complete', protocol, parts };
  state.frames.set(frame, record);
  return record;
}

/** The reassembled payload when the parts cover 0..total without a gap, else null. */
function complete(datagram: Datagram): ReassembledParts | null {
  if (datagram.total < 0) return null;
  const parts = [...datagram.parts].sort((a, b) => a.offset - b.offset);
  let covered = 0;
  for (const part of parts) {
    if (part.offset !== covered) return null;
    covered += part.bytes.length;
  }
  if (covered !== datagram.total) return null;
  const bytes = new Uint8Array(covered);
  for (const part of parts) bytes.set(part.bytes, part.offset);
  return { bytes, frames: parts.map((part) => part.frame), offsets: parts.map((part) => part.offset), lengths: parts.map((part) => part.bytes.length) };
}

function handleIpv4(ctx: PacketContext, fragment: Ipv4Fragment, data: Uint8Array): boolean {
  const key = `4:${fragment.source}:${fragment.destination}:${fragment.identification}:${fragment.protocol}`;
  return handleFragment(ctx, fragment, data, key, fragment.protocol, ipv4Fields, 'IPv4');
}

function handleIpv6(ctx: PacketContext, fragment: Ipv6Fragment, data: Uint8Array): boolean {
  const { source6, destination6 } = ctx.network;
  if (source6 === null || destination6 === null) return false;
  const key = `6:${ipv6ToString(source6)}:${ipv6ToString(destination6)}:${fragment.identification}`;
  return handleFragment(ctx, fragment, data, key, fragment.nextHeader, ipv6Fields, 'IPv6');
}

export function handoff(_tables: DissectorTables): void {
  setIpv4FragmentHandler(handleIpv4);
  setIpv6FragmentHandler(handleIpv6);
}
