import { compileFilter, FilterError, FilterFieldSink } from '../../dissectors/filter/index.js';
import type { TreeNode } from '../../dissectors/index.js';
import type { CaptureSession } from '../session/capture-session.js';
import type { FindRequest, FindResult, PacketRow } from './contract.js';

export interface FindOptions {
  signal?: AbortSignal;
  /** The row text of a frame (packet-list search). */
  rowOf(frame: number): PacketRow;
}

const framesBetweenYields = 1024;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A test of one frame, or why the request cannot be searched for. */
type FrameTest = (frame: number) => boolean;

/** Hex bytes as Wireshark's Find accepts them: "00 50", "00:50", "0050", "00-50". */
export function parseHexBytes(text: string): Uint8Array | null {
  const digits = text.replace(/[\s:.-]/g, '');
  if (digits.length === 0 || digits.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(digits)) return null;
  const bytes = new Uint8Array(digits.length / 2);
  for (let index = 0; index < bytes.length; index++) bytes[index] = parseInt(digits.slice(index * 2, index * 2 + 2), 16);
  return bytes;
}

export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let start = 0; start + needle.length <= haystack.length; start++) {
    for (let offset = 0; offset < needle.length; offset++) if (haystack[start + offset] !== needle[offset]) continue outer;
    return start;
  }
  return -1;
}

/** One byte, one character: regexes and strings match the bytes as Latin-1 text (ASCII as itself). */
function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) text += String.fromCharCode(...bytes.subarray(start, start + 8192));
  return text;
}

function treeLabels(items: readonly TreeNode[], into: string[]): string[] {
  for (const item of items) {
    into.push(item.label);
    if (item.children) treeLabels(item.children, into);
  }
  return into;
}

function frameTest(session: CaptureSession, request: FindRequest, options: FindOptions): FrameTest | string {
  if (request.kind === 'filter') {
    let filter;
    try {
      filter = compileFilter(request.text);
    } catch (error) {
      if (error instanceof FilterError) return error.message;
      throw error;
    }
    const sink = new FilterFieldSink(filter.fields);
    return (frame) => {
      const bytes = session.bytes(frame);
      sink.reset(bytes);
      session.dissectBytes(frame, bytes, sink);
      return filter.evaluate(sink);
    };
  }
  if (request.kind === 'hex') {
    const needle = parseHexBytes(request.text);
    if (!needle) return 'Hex bytes must be pairs of hex digits, like "00 50 56" or "00:50:56".';
    return (frame) => indexOfBytes(session.bytes(frame), needle) >= 0;
  }
  let matches: (text: string) => boolean;
  if (request.kind === 'regex') {
    let pattern: RegExp;
    try {
      pattern = new RegExp(request.text, request.caseSensitive ? 'u' : 'iu');
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    matches = (text) => pattern.test(text);
  } else {
    if (request.text === '') return 'Enter a string to find.';
    const needle = request.caseSensitive ? request.text : request.text.toLowerCase();
    matches = (text) => (request.caseSensitive ? text : text.toLowerCase()).includes(needle);
  }
  switch (request.target) {
    case 'list':
      return (frame) => {
        const row = options.rowOf(frame);
        return [row.source, row.destination, row.protocol, row.info, ...row.custom].some(matches);
      };
    case 'details':
      return (frame) => treeLabels(session.tree(frame).tree.roots, []).some(matches);
    case 'bytes':
      return (frame) => matches(latin1(session.bytes(frame)));
  }
}

/**
 * Wireshark's Edit › Find Packet: the next displayed packet (or previous, `backward`) after
 * `request.from` that matches a display filter, hex bytes, a string or a regex, wrapping around
 * the end of the view as Wireshark does. The selected packet itself is searched last.
 */
export async function findPacket(
  session: CaptureSession, displayedCount: number, frameAt: (index: number) => number, request: FindRequest, options: FindOptions,
): Promise<FindResult> {
  const test = frameTest(session, request, options);
  if (typeof test === 'string') return { error: test, displayedIndex: -1, frame: -1, wrapped: false };
  const step = request.backward ? -1 : 1;
  const start = request.from === null ? (request.backward ? displayedCount : -1) : request.from;
  for (let tried = 1; tried <= displayedCount; tried++) {
    const index = (((start + step * tried) % displayedCount) + displayedCount) % displayedCount;
    const frame = frameAt(index);
    if (test(frame)) {
      const wrapped = request.from !== null && (request.backward ? index >= request.from : index <= request.from);
      return { error: null, displayedIndex: index, frame, wrapped };
    }
    if (tried % framesBetweenYields === 0) {
      await yieldToEventLoop();
      if (options.signal?.aborted) break;
    }
  }
  return { error: null, displayedIndex: -1, frame: -1, wrapped: false };
}
