import { declareField, declareProtocol, u16, u32, type PacketContext } from '../core/index.js';

/**
 * TCP options (RFC 9293 §3.1 and the RFCs of each kind): the option list in the tree, the
 * Info-column summary ("MSS=1460 SACK_PERM TSval=… TSecr=… WS=128") and a fast scan for the
 * window scale shift, which conversation tracking needs on the summary path too.
 */

const kindNames: Readonly<Record<number, string>> = {
  0: 'End of Option List', 1: 'No-Operation', 2: 'Maximum Segment Size', 3: 'Window Scale',
  4: 'SACK Permitted', 5: 'SACK', 6: 'Echo', 7: 'Echo Reply', 8: 'Time Stamp Option',
  9: 'Partial Order Connection Permitted', 10: 'Partial Order Service Profile', 11: 'CC', 12: 'CC.NEW',
  13: 'CC.ECHO', 14: 'TCP Alternate Checksum Request', 15: 'TCP Alternate Checksum Data', 16: 'Skeeter',
  17: 'Bubba', 18: 'Trailer Checksum Option', 19: 'MD5 Signature Option', 20: 'SCPS Capabilities',
  21: 'Selective Negative Acknowledgements', 22: 'Record Boundaries', 23: 'Corruption experienced',
  24: 'SNAP', 26: 'TCP Compression Filter', 27: 'Quick-Start Response', 28: 'User Timeout Option',
  29: 'The TCP Authentication Option', 30: 'Multipath TCP', 34: 'TCP Fast Open Cookie',
  76: 'Riverbed Probe', 78: 'Riverbed Transparency', 172: 'Accurate ECN Order 0', 174: 'Accurate ECN Order 1',
  253: 'RFC3692-style Experiment 1', 254: 'RFC3692-style Experiment 2',
};

const option = (abbrev: string, name: string, en: string, zh: string) => declareProtocol(abbrev, `TCP Option - ${name}`, name, { en, zh });

const protocols = {
  eol: option('tcp.options.eol', 'End of Option List (EOL)', 'Marks the end of the option list; the rest of the header is padding.', '标记选项列表结束；头部其余部分为填充。'),
  nop: option('tcp.options.nop', 'No-Operation (NOP)', 'A one-byte filler that aligns the next option on a 4-byte boundary.', '单字节填充，使下一个选项按 4 字节对齐。'),
  mss: option('tcp.options.mss', 'Maximum segment size', 'The largest payload the sender is willing to receive in one segment (sent only in SYNs).', '发送方愿意在单个报文段中接收的最大载荷（只在 SYN 中发送）。'),
  wscale: option('tcp.options.wscale', 'Window scale', 'Lets the window field count in units of 2^shift bytes, for windows larger than 64 KiB (RFC 7323).', '让窗口字段以 2^shift 字节为单位计数，以支持大于 64 KiB 的窗口（RFC 7323）。'),
  sackPerm: option('tcp.options.sack_perm', 'SACK permitted', 'The sender can receive selective acknowledgments (RFC 2018); sent in SYNs.', '发送方可以接收选择性确认（RFC 2018）；在 SYN 中发送。'),
  sack: option('tcp.options.sack', 'SACK', 'Selective acknowledgment: blocks of data received beyond a gap, so only the gap is resent.', '选择性确认：列出缺口之后已收到的数据块，只需重传缺口部分。'),
  timestamp: option('tcp.options.timestamp', 'Timestamps', 'The sender\'s clock value and the last one it received, for round-trip timing and wrapped-sequence protection (RFC 7323).', '发送方的时钟值及其最近收到的对方时钟值，用于往返时间测量和序号回绕保护（RFC 7323）。'),
  tfo: option('tcp.options.tfo', 'TCP Fast Open', 'Lets a client send data in its SYN using a cookie from an earlier connection (RFC 7413).', '让客户端凭之前连接获得的 cookie 在 SYN 中携带数据（RFC 7413）。'),
  experimental: option('tcp.options.experimental', 'Experimental', 'An option kind reserved for experiments (253, 254); the experiment identifier says which.', '为实验保留的选项类型（253、254）；由实验标识符区分。'),
  unknown: option('tcp.options.unknown', 'Unknown', 'An option kind PacketLens does not decode.', 'PacketLens 不解码的选项类型。'),
};

const hf = {
  options: declareField('tcp.options', 'TCP Options', 'bytes', {
    explain: { en: 'Optional header extensions between the fixed 20 bytes and the payload; the header length covers them.', zh: '位于固定 20 字节头部与载荷之间的可选扩展；头部长度包含它们。' },
  }),
  kind: declareField('tcp.option_kind', 'Kind', 'uint8', {
    values: kindNames,
    explain: { en: 'Which option this is (2 MSS, 3 window scale, 4 SACK permitted, 8 timestamps, …).', zh: '选项类型（2 为 MSS，3 为窗口缩放，4 为允许 SACK，8 为时间戳等）。' },
  }),
  length: declareField('tcp.option_len', 'Length', 'uint8', {
    explain: { en: 'Length of this option in bytes, counting the kind and length bytes.', zh: '本选项的字节长度，包括类型和长度字节。' },
  }),
  mssValue: declareField('tcp.options.mss_val', 'MSS Value', 'uint16', {
    explain: { en: 'Maximum segment size in bytes: typically the link MTU minus 40 (1460 on Ethernet).', zh: '最大报文段长度（字节）：通常为链路 MTU 减 40（以太网为 1460）。' },
  }),
  wscaleShift: declareField('tcp.options.wscale.shift', 'Shift count', 'uint8', {
    explain: { en: 'How many bits this side\'s later window values are shifted left (at most 14).', zh: '此方向之后的窗口值需左移的位数（最大 14）。' },
  }),
  wscaleMultiplier: declareField('tcp.options.wscale.multiplier', 'Multiplier', 'uint16', {
    explain: { en: '2 to the shift count: multiply the window field by this to get bytes.', zh: '2 的移位次方：窗口字段乘以该值即为字节数。' },
  }),
  sackLeft: declareField('tcp.options.sack_le', 'TCP SACK Left Edge', 'uint32', {
    explain: { en: 'First sequence number of a block received out of order (relative, like the ACK number).', zh: '乱序收到的数据块的首个序号（相对值，与确认号相同）。' },
  }),
  sackRight: declareField('tcp.options.sack_re', 'TCP SACK Right Edge', 'uint32', {
    explain: { en: 'Sequence number just after that block.', zh: '该数据块之后的下一个序号。' },
  }),
  sackCount: declareField('tcp.options.sack.count', 'TCP SACK Count', 'uint8', {
    explain: { en: 'How many SACK blocks the option carries.', zh: '该选项携带的 SACK 块数量。' },
  }),
  tsval: declareField('tcp.options.timestamp.tsval', 'Timestamp value', 'uint32', {
    explain: { en: 'The sender\'s timestamp clock when it sent the segment (units are the sender\'s choice).', zh: '发送方发出该报文段时的时间戳时钟值（单位由发送方决定）。' },
  }),
  tsecr: declareField('tcp.options.timestamp.tsecr', 'Timestamp echo reply', 'uint32', {
    explain: { en: 'The latest timestamp value received from the other side, echoed back (0 in a first SYN).', zh: '回显对方最近发来的时间戳值（首个 SYN 中为 0）。' },
  }),
  tfoRequest: declareField('tcp.options.tfo.request', 'Fast Open Cookie Request', 'none', {
    explain: { en: 'The client asks the server for a Fast Open cookie.', zh: '客户端向服务器请求 Fast Open cookie。' },
  }),
  tfoCookie: declareField('tcp.options.tfo.cookie', 'Fast Open Cookie', 'bytes', {
    explain: { en: 'The cookie that lets the client send data in a later SYN.', zh: '允许客户端在之后的 SYN 中携带数据的 cookie。' },
  }),
  experimentId: declareField('tcp.options.experimental.exid', 'Experiment Identifier', 'uint16', {
    base: 'hex', values: { 0xf989: 'Fast Open' },
    explain: { en: 'Which experiment this option belongs to (RFC 6994); 0xf989 is TCP Fast Open.', zh: '该选项所属的实验（RFC 6994）；0xf989 为 TCP Fast Open。' },
  }),
  experimentData: declareField('tcp.options.experimental.data', 'Data', 'bytes', {
    explain: { en: 'The experiment\'s own bytes.', zh: '实验自身的数据字节。' },
  }),
  unknownPayload: declareField('tcp.options.unknown.payload', 'Payload', 'bytes', {
    explain: { en: 'The bytes of an option PacketLens does not decode.', zh: 'PacketLens 不解码的选项字节。' },
  }),
  lengthInvalid: declareField('tcp.option.len.invalid', 'Invalid length for option', 'none', {
    expert: { severity: 'error', group: 'protocol' },
    explain: { en: 'The option\'s length byte is impossible for its kind or runs past the header.', zh: '选项的长度字节对该类型不合法，或超出了头部。' },
  }),
  wscaleInvalid: declareField('tcp.options.wscale.shift.invalid', 'Window scale shift exceeds 14', 'none', {
    expert: { severity: 'warn', group: 'protocol' },
    explain: { en: 'RFC 7323 caps the shift at 14; receivers use 14 instead.', zh: 'RFC 7323 规定移位最大为 14；接收方按 14 处理。' },
  }),
};

const kindEol = 0;
const kindNop = 1;
const kindWindowScale = 3;

/** Fixed option lengths Wireshark checks (kind → length). */
const fixedLengths: Readonly<Record<number, number>> = { 2: 4, 3: 3, 4: 2, 8: 10 };

const summaryNames: Readonly<Record<number, string>> = {
  0: 'End of Option List (EOL)', 1: 'No-Operation (NOP)', 2: 'Maximum segment size', 3: 'Window scale',
  4: 'SACK permitted', 5: 'SACK', 8: 'Timestamps', 34: 'TCP Fast Open', 253: 'Experimental', 254: 'Experimental',
};

/** The shift of the first window scale option in `data[offset, end)`, or -1. */
export function findWindowScaleShift(data: Uint8Array, offset: number, end: number): number {
  const last = Math.min(end, data.length);
  for (let index = offset; index < last; ) {
    const kind = data[index];
    if (kind === kindEol) return -1;
    if (kind === kindNop) { index++; continue; }
    if (index + 1 >= last) return -1;
    const length = data[index + 1];
    if (length < 2 || index + length > last) return -1;
    if (kind === kindWindowScale && length === 3) return data[index + 2];
    index += length;
  }
  return -1;
}

/**
 * Dissects the options in `data[offset, end)` (the caller checked they were captured). SACK
 * edges are shown relative to `acknowledgmentBase` when it is known (≥ 0).
 */
export function dissectTcpOptions(ctx: PacketContext, data: Uint8Array, offset: number, end: number, acknowledgmentBase: number): void {
  const sink = ctx.sink;
  const label = sink.detailed ? optionsLabel(data, offset, end) : undefined;
  sink.open(hf.options, offset, end - offset, undefined, label);
  for (let index = offset; index < end; ) {
    const kind = data[index];
    if (kind === kindEol || kind === kindNop) {
      const protocol = kind === kindEol ? protocols.eol : protocols.nop;
      sink.open(protocol, index, 1);
      sink.add(hf.kind, index, 1, kind);
      sink.close();
      index++;
      if (kind === kindEol) break;
      continue;
    }
    const length = index + 1 < end ? data[index + 1] : 0;
    const expected = fixedLengths[kind];
    if (length < 2 || index + length > end || (expected !== undefined && length !== expected)) {
      const why = length < 2 || index + length > end
        ? `option length = ${length} bytes says option goes past end of options`
        : `with option length = ${length} bytes; should be ${expected}`;
      sink.add(hf.lengthInvalid, index, Math.max(1, Math.min(2, end - index)), undefined, `${summaryNames[kind] ?? kindNames[kind] ?? 'Unknown'} (${why})`);
      break;
    }
    dissectOption(ctx, kind, data, index, length, acknowledgmentBase);
    index += length;
  }
  sink.close();
}

function dissectOption(ctx: PacketContext, kind: number, data: Uint8Array, offset: number, length: number, acknowledgmentBase: number): void {
  const { sink, columns } = ctx;
  const detailed = sink.detailed;
  const value = offset + 2;
  switch (kind) {
    case 2: {
      const mss = u16(data, value);
      sink.open(protocols.mss, offset, length, undefined, detailed ? `TCP Option - Maximum segment size: ${mss} bytes` : undefined);
      kindAndLength(ctx, data, offset);
      sink.add(hf.mssValue, value, 2, mss);
      columns?.appendInfo(`MSS=${mss}`);
      break;
    }
    case 3: {
      const shift = data[value];
      const multiplier = 2 ** Math.min(shift, 14);
      sink.open(protocols.wscale, offset, length, undefined, detailed ? `TCP Option - Window scale: ${shift} (multiply by ${multiplier})` : undefined);
      kindAndLength(ctx, data, offset);
      sink.add(hf.wscaleShift, value, 1, shift);
      if (shift > 14) sink.add(hf.wscaleInvalid, value, 1, undefined, `Window scale shift exceeds 14`);
      sink.add(hf.wscaleMultiplier, value, 1, multiplier);
      columns?.appendInfo(`WS=${multiplier}`);
      break;
    }
    case 4:
      sink.open(protocols.sackPerm, offset, length);
      kindAndLength(ctx, data, offset);
      columns?.appendInfo('SACK_PERM');
      break;
    case 5:
      dissectSack(ctx, data, offset, length, acknowledgmentBase);
      return;
    case 8: {
      const tsval = u32(data, value);
      const tsecr = u32(data, value + 4);
      sink.open(protocols.timestamp, offset, length, undefined, detailed ? `TCP Option - Timestamps: TSval ${tsval}, TSecr ${tsecr}` : undefined);
      kindAndLength(ctx, data, offset);
      sink.add(hf.tsval, value, 4, tsval);
      sink.add(hf.tsecr, value + 4, 4, tsecr);
      columns?.appendInfo(`TSval=${tsval} TSecr=${tsecr}`);
      break;
    }
    case 34:
      sink.open(protocols.tfo, offset, length, undefined, detailed ? `TCP Option - TCP Fast Open` : undefined);
      kindAndLength(ctx, data, offset);
      fastOpenCookie(ctx, value, offset + length);
      break;
    case 253:
    case 254: {
      const fastOpen = length >= 4 && u16(data, value) === 0xf989;
      sink.open(protocols.experimental, offset, length, undefined, detailed ? `TCP Option - Experimental${fastOpen ? ': Fast Open' : ''}` : undefined);
      kindAndLength(ctx, data, offset);
      if (length >= 4) sink.add(hf.experimentId, value, 2, u16(data, value));
      if (fastOpen) fastOpenCookie(ctx, value + 2, offset + length);
      else if (length > 4) sink.add(hf.experimentData, value + 2, length - 4);
      break;
    }
    default:
      sink.open(protocols.unknown, offset, length, undefined, detailed ? `TCP Option - Unknown (${kind})` : undefined);
      kindAndLength(ctx, data, offset);
      if (length > 2) sink.add(hf.unknownPayload, value, length - 2);
  }
  sink.close();
}

function kindAndLength(ctx: PacketContext, data: Uint8Array, offset: number): void {
  ctx.sink.add(hf.kind, offset, 1, data[offset]);
  ctx.sink.add(hf.length, offset + 1, 1, data[offset + 1]);
}

function fastOpenCookie(ctx: PacketContext, offset: number, end: number): void {
  if (end === offset) {
    ctx.sink.add(hf.tfoRequest, offset - 2, 2);
    ctx.columns?.appendInfo('TFO=R');
  } else {
    ctx.sink.add(hf.tfoCookie, offset, end - offset);
    ctx.columns?.appendInfo('TFO=C');
  }
}

function dissectSack(ctx: PacketContext, data: Uint8Array, offset: number, length: number, acknowledgmentBase: number): void {
  const { sink, columns } = ctx;
  const blocks = Math.floor((length - 2) / 8);
  const relative = (edge: number) => (acknowledgmentBase >= 0 ? (edge - acknowledgmentBase) >>> 0 : edge);
  let label: string | undefined;
  if (sink.detailed) {
    label = 'TCP Option - SACK';
    for (let block = 0; block < blocks; block++) {
      const at = offset + 2 + block * 8;
      label += ` ${relative(u32(data, at))}-${relative(u32(data, at + 4))}`;
    }
  }
  sink.open(protocols.sack, offset, length, undefined, label);
  kindAndLength(ctx, data, offset);
  const suffix = acknowledgmentBase >= 0 ? ' (relative)' : '';
  for (let block = 0; block < blocks; block++) {
    const at = offset + 2 + block * 8;
    const left = relative(u32(data, at));
    const right = relative(u32(data, at + 4));
    sink.add(hf.sackLeft, at, 4, left, sink.detailed ? `left edge = ${left}${suffix}` : undefined);
    sink.add(hf.sackRight, at + 4, 4, right, sink.detailed ? `right edge = ${right}${suffix}` : undefined);
    columns?.appendInfo(`SLE=${left} SRE=${right}`);
  }
  sink.add(hf.sackCount, offset, 0, blocks);
  sink.close();
}

/** "(12 bytes), Maximum segment size, No-Operation (NOP), …" as Wireshark heads the options subtree. */
function optionsLabel(data: Uint8Array, offset: number, end: number): string {
  let label = `Options: (${end - offset} bytes)`;
  for (let index = offset; index < end; ) {
    const kind = data[index];
    label += `, ${summaryNames[kind] ?? kindNames[kind] ?? 'Unknown'}`;
    if (kind === kindEol) break;
    if (kind === kindNop) { index++; continue; }
    const length = index + 1 < end ? data[index + 1] : 0;
    if (length < 2) break;
    index += length;
  }
  return label;
}

/**
 * The SACK blocks of an option list, as raw left/right edge pairs into `edges` (room for four
 * blocks); returns how many blocks. For sequence analysis, which runs before the options are
 * dissected.
 */
export function findSackBlocks(data: Uint8Array, offset: number, end: number, edges: Uint32Array): number {
  for (let index = offset; index < end; ) {
    const kind = data[index];
    if (kind === kindEol) return 0;
    if (kind === kindNop) { index++; continue; }
    if (index + 1 >= end) return 0;
    const length = data[index + 1];
    if (length < 2 || index + length > end) return 0;
    if (kind === 5) {
      const blocks = Math.min(4, Math.floor((length - 2) / 8));
      for (let block = 0; block < blocks; block++) {
        edges[block * 2] = u32(data, index + 2 + block * 8);
        edges[block * 2 + 1] = u32(data, index + 6 + block * 8);
      }
      return blocks;
    }
    index += length;
  }
  return 0;
}
