import { indexOfByte, latin1, type PacketContext } from '../core/index.js';
import { oneMoreSegment, requestMoreBytes } from './tcp-reassembly.js';

/**
 * HTTP's part of TCP reassembly, as Wireshark 4.0's req_resp_hdrs_do_reassembly does it with
 * the default preferences (reassemble headers and bodies): a message whose header block has no
 * blank line yet, or whose Content-Length body or chunked body does not end in the data, asks
 * TCP for more. The message's first line still goes to Info ("GET / HTTP/1.1 "), as tshark
 * shows it on the segment that starts the message.
 *
 * Returns true when the message was deferred (the caller stops); false when it is complete or
 * TCP cannot reassemble here.
 */
export function deferIncompleteHttpMessage(ctx: PacketContext, data: Uint8Array, offset: number, available: number, firstLineEnd: number): boolean {
  const wanted = bytesStillWanted(data, offset, available);
  if (wanted === 0 || !requestMoreBytes(ctx, offset, wanted)) return false;
  if (ctx.columns) {
    ctx.columns.setProtocol('HTTP');
    ctx.columns.setInfo(`${latin1(data, offset, firstLineEnd - offset)} `);
  }
  return true;
}

/** 0 when the message is complete, else the bytes still wanted or `oneMoreSegment`. */
function bytesStillWanted(data: Uint8Array, offset: number, available: number): number {
  const headersEnd = endOfHeaders(data, offset, available);
  if (headersEnd < 0) return oneMoreSegment;
  let contentLength = -1;
  // Header names compared on the bytes: this runs for every message on the summary path.
  for (let line = indexOfByte(data, 10, offset, headersEnd) + 1; line > 0 && line < headersEnd; line = indexOfByte(data, 10, line, headersEnd) + 1) {
    if (startsWithName(data, line, headersEnd, transferEncoding)) {
      const lineEnd = indexOfByte(data, 10, line, headersEnd);
      if (latin1(data, line, lineEnd - line).toLowerCase().includes('chunked')) return chunkedComplete(data, headersEnd, available) ? 0 : oneMoreSegment;
    } else if (startsWithName(data, line, headersEnd, contentLengthName)) {
      contentLength = decimalAfterColon(data, line + contentLengthName.length, headersEnd);
    }
  }
  if (contentLength < 0) return 0;
  const missing = headersEnd + contentLength - available;
  return missing > 0 ? missing : 0;
}

const asBytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const transferEncoding = asBytes('transfer-encoding:');
const contentLengthName = asBytes('content-length:');

/** Whether the line at `offset` starts with `name` (lower case), ignoring the case of letters. */
function startsWithName(data: Uint8Array, offset: number, end: number, name: Uint8Array): boolean {
  if (offset + name.length > end) return false;
  for (let index = 0; index < name.length; index++) if ((data[offset + index] | 0x20) !== name[index] && data[offset + index] !== name[index]) return false;
  return true;
}

/** The decimal number after optional blanks at `offset`, or -1. */
function decimalAfterColon(data: Uint8Array, offset: number, end: number): number {
  let at = offset;
  while (at < end && (data[at] === 0x20 || data[at] === 0x09)) at++;
  let value = -1;
  while (at < end && data[at] >= 0x30 && data[at] <= 0x39) value = (value < 0 ? 0 : value * 10) + data[at++] - 0x30;
  return value;
}

/** The offset just after the blank line ending the header block, or -1. */
function endOfHeaders(data: Uint8Array, offset: number, available: number): number {
  for (let newline = indexOfByte(data, 10, offset, available); newline >= 0; newline = indexOfByte(data, 10, newline + 1, available)) {
    const next = newline + 1;
    if (next < available && data[next] === 10) return next + 1;
    if (next + 1 < available && data[next] === 13 && data[next + 1] === 10) return next + 2;
  }
  return -1;
}

/** Whether the chunked body starting at `offset` ends (with its last, empty chunk) in the data. */
function chunkedComplete(data: Uint8Array, offset: number, available: number): boolean {
  let at = offset;
  while (at < available) {
    const lineEnd = indexOfByte(data, 10, at, available);
    if (lineEnd < 0) return false;
    const size = parseInt(latin1(data, at, lineEnd - at).trim().split(';')[0], 16);
    if (Number.isNaN(size)) return true;
    if (size === 0) return endOfHeaders(data, lineEnd - 1, available) >= 0 || lineEnd + 2 <= available;
    at = lineEnd + 1 + size + 2;
  }
  return false;
}
