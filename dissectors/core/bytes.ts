/**
 * Big-endian reads over a Uint8Array, plus the bounds rule every dissector follows.
 *
 * A dissector receives `(ctx, data, offset, end)`: `end` is where this layer's bytes end as the
 * packet reports it (an IP total length, say). It may lie past `data.length` when the capture
 * was cut by the snap length. Reading past `data.length` is truncation; reading past `end` is a
 * malformed packet. Both are signalled by throwing `PacketBoundsError`, which the frame
 * dissector catches and turns into an expert item, so a dissector never needs its own guards
 * for bad input and the caller never sees an exception.
 */

export class PacketBoundsError extends Error {
  constructor(
    /** The protocol that read past the end (for "[Malformed Packet: TCP]"). */
    readonly protocol: string,
    /** True when the bytes exist in the original packet but were not captured. */
    readonly snapTruncated: boolean,
  ) {
    super(snapTruncated ? `${protocol} truncated by the snap length` : `malformed ${protocol}`);
  }
}

/** Throws unless `length` bytes from `offset` are inside both the layer and the capture. */
export function need(data: Uint8Array, offset: number, length: number, end: number, protocol: string): void {
  const last = offset + length;
  if (last > end || offset < 0) throw new PacketBoundsError(protocol, false);
  if (last > data.length) throw new PacketBoundsError(protocol, true);
}

export function u8(data: Uint8Array, offset: number): number {
  return data[offset];
}

export function u16(data: Uint8Array, offset: number): number {
  return (data[offset] << 8) | data[offset + 1];
}

export function u24(data: Uint8Array, offset: number): number {
  return (data[offset] << 16) | (data[offset + 1] << 8) | data[offset + 2];
}

export function u32(data: Uint8Array, offset: number): number {
  return ((data[offset] << 24) | (data[offset + 1] << 16) | (data[offset + 2] << 8) | data[offset + 3]) >>> 0;
}

export function u16le(data: Uint8Array, offset: number): number {
  return data[offset] | (data[offset + 1] << 8);
}

export function u32le(data: Uint8Array, offset: number): number {
  return (data[offset] | (data[offset + 1] << 8) | (data[offset + 2] << 16) | (data[offset + 3] << 24)) >>> 0;
}

export function u64(data: Uint8Array, offset: number): bigint {
  return (BigInt(u32(data, offset)) << 32n) | BigInt(u32(data, offset + 4));
}

/** Latin-1 decode without allocating intermediate arrays; for protocol text such as HTTP lines. */
/** Arguments per String.fromCharCode call, well under engines' argument-count limits. */
const latin1Chunk = 8192;

export function latin1(data: Uint8Array, offset: number, length: number): string {
  // Byte values are Latin-1 code points. TextDecoder('latin1') is really windows-1252 (0x80–0x9f
  // differ), so convert in chunks: one call per chunk instead of one string per character.
  if (length <= 0) return '';
  if (length <= latin1Chunk) return String.fromCharCode.apply(null, data.subarray(offset, offset + length) as unknown as number[]);
  const parts: string[] = [];
  for (let start = offset; start < offset + length; start += latin1Chunk) {
    parts.push(String.fromCharCode.apply(null, data.subarray(start, Math.min(offset + length, start + latin1Chunk)) as unknown as number[]));
  }
  return parts.join('');
}

/** Index of `byte` in data[from, to), or -1. */
export function indexOfByte(data: Uint8Array, byte: number, from: number, to: number): number {
  // The built-in search is several times faster over long ranges, but it runs to the end of
  // the array: use it only when the bytes after `to` are no more than the range itself.
  if (to - from >= 64 && data.length - to <= to - from) {
    const index = data.indexOf(byte, from);
    return index >= 0 && index < to ? index : -1;
  }
  for (let index = from; index < to; index++) if (data[index] === byte) return index;
  return -1;
}
