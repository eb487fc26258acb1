import { CaptureState, dissectInto, type ColumnInfo, type Field, type FrameInfo } from '../../dissectors/index.js';
import { FilterFieldSink, type CompiledFilter } from '../../dissectors/filter/index.js';
import { openCaptureFile, type CaptureFile, type CaptureInfo, type PacketRecord, type ScanResult } from '../formats/index.js';
import { addressColumnFields, addressColumns } from './address-columns.js';
import { frameBytesReader } from '../../dissectors/proto/tcp-reassembly.js';
import { FieldTextSink } from './field-text-sink.js';
import { TeeSink } from './tee-sink.js';

/** What the in-order pass hands over for each frame; valid only during the callback. */
export interface PassedFrame {
  frame: FrameInfo;
  record: PacketRecord;
  /** Protocol and Info, when asked for. */
  columns: ColumnInfo | null;
  /** Texts of the requested fields: `fieldTexts[i]` are the occurrences of `fields[i]`. */
  fieldTexts: readonly string[][];
  source: string;
  destination: string;
}

export interface InOrderPassOptions {
  fields: readonly Field[];
  columns: boolean;
  /** Only frames that match are handed over (tshark's -Y); `limit` counts matching frames. */
  filter?: CompiledFilter;
  limit?: number;
  onFile?: (info: CaptureInfo) => void;
  /** The file is a live capture's, still being written: follow it (see `followGrowingFile`). */
  follow?: FollowGrowing;
}

export interface FollowGrowing {
  /** Settles when the writer has stopped and closed the file; then the rest is read once. */
  until: Promise<unknown>;
  /** How often to look for appended packets meanwhile; default 50 ms. */
  pollMs?: number;
  /** Called after each scan that reached what the file holds so far (flush output here). */
  caughtUp?: () => void;
}

/**
 * Reads a capture once, in file order, dissecting each frame as tshark's single pass does
 * (conversation numbering and analysis happen on the way), and hands each frame's requested
 * field texts and columns to `onFrame`. For the CLI and for differential tests.
 */
export async function dissectInOrder(path: string, options: InOrderPassOptions, onFrame: (frame: PassedFrame) => void): Promise<{ frames: number; warning: string | null }> {
  const texts = new FieldTextSink([...options.fields, ...(options.columns ? addressColumnFields() : [])]);
  const filterSink = options.filter ? new FilterFieldSink(options.filter.fields) : null;
  const sink = filterSink ? new TeeSink(texts, filterSink) : texts;
  const state = new CaptureState();
  // A single pass never dissects a frame twice, so reassembly need not keep completed messages'
  // bytes for later views (it would hold every reassembled HTTP body of the file otherwise).
  state.get(frameBytesReader).read = (frame) => {
    throw new Error(`the in-order pass does not revisit frame ${frame}`);
  };
  const file = await openCaptureFile(path);
  options.onFile?.(file.info);
  const limit = options.limit ?? Infinity;
  const stop = new AbortController();
  let count = 0;
  let frameNumber = 0;
  let first: PacketTime | null = null;
  let previous: PacketTime | null = null;
  const fieldCount = options.fields.length;
  try {
    const onRecord = (record: PacketRecord): void => {
      if (count >= limit) return;
      frameNumber++;
      texts.reset(record.data);
      filterSink?.reset(record.data);
      const time: PacketTime = { seconds: record.seconds, nanoseconds: record.nanoseconds };
      first ??= time;
      const frame: FrameInfo = {
        number: frameNumber, seconds: record.seconds, nanoseconds: record.nanoseconds, capturedLength: record.capturedLength, originalLength: record.originalLength,
        linkType: record.linkType, interfaceId: record.interfaceId, noTimestamp: !record.hasTimestamp, customBlock: record.customBlock ?? undefined,
        relativeSeconds: secondsBetween(first, time), deltaSeconds: previous ? secondsBetween(previous, time) : 0,
      };
      previous = time;
      const columns = dissectInto(sink, frame, record.data, state, { columns: options.columns, firstPass: true });
      if (filterSink && !options.filter!.evaluate(filterSink)) return;
      count++;
      const addresses = options.columns ? addressColumns(texts) : { source: '', destination: '' };
      onFrame({ frame, record, columns, fieldTexts: texts.texts.slice(0, fieldCount), ...addresses });
      if (count >= limit) stop.abort();
    };
    const result = options.follow ? await followGrowingFile(file, onRecord, stop.signal, options.follow) : await file.scan(onRecord, { signal: stop.signal });
    return { frames: frameNumber, warning: result.warning ?? null };
  } finally {
    await file.close();
  }
}

/**
 * Reads a file that another writer is still appending to, as tshark prints a live capture:
 * each scan resumes where the previous one stopped (a partial record at the end waits for the
 * next scan); between scans it sleeps `pollMs` or until `until` settles. After that a last scan
 * reads the rest as an ordinary file (now a partial record is a cut-short file).
 */
async function followGrowingFile(file: CaptureFile, onRecord: (record: PacketRecord) => void, signal: AbortSignal, follow: FollowGrowing): Promise<ScanResult> {
  let ended = false;
  let wake: (() => void) | null = null;
  const settle = (): void => {
    ended = true;
    wake?.();
  };
  follow.until.then(settle, settle);
  while (true) {
    const last = ended;
    const result = await file.scan(onRecord, { signal, growing: !last });
    if (last || signal.aborted || result.warning !== undefined) return result;
    follow.caughtUp?.();
    await new Promise<void>((resume) => {
      const timer = setTimeout(() => { wake = null; resume(); }, follow.pollMs ?? 50);
      wake = () => { clearTimeout(timer); wake = null; resume(); };
    });
  }
}

export interface PacketTime {
  seconds: number;
  nanoseconds: number;
}

/** Seconds from `from` to `to` (frame.time_relative, frame.time_delta). */
export function secondsBetween(from: PacketTime, to: PacketTime): number {
  return (to.seconds - from.seconds) + (to.nanoseconds - from.nanoseconds) / 1e9;
}
