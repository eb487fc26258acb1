import * as fs from 'node:fs';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { CaptureFileError, FormatProblem, captureFileError, cutShortMessage } from './errors';
import { ScanRecord, type RecordParser } from './packet-record';
import type { PacketRecord, ScanOptions, ScanResult } from './types';

/** Read size per `fs.readSync`: big enough to amortise the syscall and the event-loop yield. */
export const CHUNK_SIZE = 8 << 20;
/** Largest record we grow the buffer for (wiretap's largest per-packet limit, plus headers). */
export const MAX_RECORD_SIZE = (128 << 20) + (1 << 20);

/** The reusable state of one file's scans: the buffer and the record object. */
export class ScanBuffer {
  bytes = new Uint8Array(CHUNK_SIZE);
  view = new DataView(this.bytes.buffer);
  readonly record = new ScanRecord();

  grow(size: number): void {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }
}

export function readFully(fileDescriptor: number, target: Uint8Array, length: number, position: number): number {
  let done = 0;
  while (done < length) {
    const count = fs.readSync(fileDescriptor, target, done, length - done, position + done);
    if (count === 0) break;
    done += count;
  }
  return done;
}

/**
 * Streams records from `startOffset` to the end of the file: reads a chunk, lets `parser`
 * consume whole records in place, re-reads from the first incomplete record, and yields to the
 * event loop between chunks. See `ScanOptions`/`ScanResult` for growing files and aborts.
 */
export async function scanChunks(
  fileDescriptor: number,
  path: string,
  startOffset: number,
  parser: RecordParser,
  buffer: ScanBuffer,
  onPacket: (record: PacketRecord) => void,
  options: ScanOptions = {},
): Promise<ScanResult> {
  const { signal, onProgress, growing = false } = options;
  const packetsBefore = parser.packets;
  let offset = startOffset;
  const finish = (complete: boolean, warning?: string): ScanResult => {
    onProgress?.(offset, fs.fstatSync(fileDescriptor).size);
    const result: ScanResult = { packets: parser.packets - packetsBefore, nextOffset: offset, complete };
    if (warning !== undefined) result.warning = warning;
    return result;
  };

  while (true) {
    if (signal?.aborted) return finish(false);
    const length = readFully(fileDescriptor, buffer.bytes, buffer.bytes.length, offset);
    let consumed: number;
    parser.neededBytes = 0;
    try {
      consumed = parser.parse(buffer.bytes, buffer.view, 0, length, offset, buffer.record, onPacket);
    } catch (error) {
      if (!(error instanceof FormatProblem)) throw error;
      // Damage after the header: keep what was delivered and report, as tshark does.
      offset += parser.consumedBeforeProblem;
      return finish(true, captureFileError(error.kind, path, error.detail).message);
    }
    offset += consumed;
    if (consumed > length) {
      // The parser skipped a block larger than the chunk without reading its body.
      onProgress?.(offset, fs.fstatSync(fileDescriptor).size);
      await yieldToEventLoop();
      continue;
    }
    const atEndOfFile = length < buffer.bytes.length;
    if (atEndOfFile) {
      if (consumed === length) return finish(true);
      if (growing) return finish(false);
      return finish(true, cutShortMessage(path));
    }
    if (consumed === 0) {
      // One record is larger than the buffer: grow it (the parser bounded the size).
      if (parser.neededBytes <= buffer.bytes.length || parser.neededBytes > MAX_RECORD_SIZE) {
        throw new CaptureFileError('corrupt', `internal: record of ${parser.neededBytes} bytes cannot be buffered`);
      }
      buffer.grow(parser.neededBytes);
    }
    onProgress?.(offset, fs.fstatSync(fileDescriptor).size);
    await yieldToEventLoop();
  }
}
