import { FilterFieldSink, type CompiledFilter } from '../../dissectors/filter/index.js';
import { openCaptureFile } from '../formats/index.js';
import type { CaptureSession } from '../session/capture-session.js';
import { ColumnEvaluator, TRUE, UNKNOWN } from './column-filter.js';

export interface FilterRunOptions {
  signal?: AbortSignal;
  /** Fraction done, 0..1, at most every few thousand frames. */
  onProgress?: (fraction: number) => void;
}

export interface FilterRun {
  /** Frame numbers that match, in file order. */
  frames: Uint32Array;
  /** How many frames needed the tree path (the rest were decided from columns). */
  dissected: number;
  /** False when the run was cancelled (a newer filter); `frames` is then incomplete. */
  complete: boolean;
}

/** When more than this share of frames must be dissected, one sequential read beats seeking. */
const sequentialShare = 0.05;
const framesBetweenYields = 4096;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Applies a compiled display filter to every frame of a session: the columns decide what they
 * can (ColumnEvaluator), and only the undecided frames are dissected, each into a sink that
 * keeps just the fields the filter reads.
 */
export async function runFilter(session: CaptureSession, filter: CompiledFilter, options: FilterRunOptions = {}): Promise<FilterRun> {
  const count = session.frameCount;
  const verdicts = new ColumnEvaluator(session.store).evaluate(filter.describe());
  let undecided = 0;
  for (let index = 0; index < count; index++) if (verdicts[index] === UNKNOWN) undecided++;

  const sink = new FilterFieldSink(filter.fields);
  const decide = (index: number, bytes: Uint8Array): void => {
    sink.reset(bytes);
    session.dissectBytes(index + 1, bytes, sink);
    verdicts[index] = filter.evaluate(sink) ? TRUE : 0;
  };

  let complete = true;
  if (undecided > 0 && undecided > count * sequentialShare) complete = await decideSequentially(session, verdicts, decide, options);
  else if (undecided > 0) complete = await decideBySeeking(session, verdicts, decide, options, undecided);

  // Collect in one pass into a frame-sized buffer, then keep just the matches.
  const all = new Uint32Array(count);
  let matches = 0;
  for (let index = 0; index < count; index++) if (verdicts[index] === TRUE) all[matches++] = index + 1;
  const frames = all.slice(0, matches);
  options.onProgress?.(1);
  return { frames, dissected: undecided, complete };
}

async function decideBySeeking(session: CaptureSession, verdicts: Uint8Array, decide: (index: number, bytes: Uint8Array) => void, options: FilterRunOptions, undecided: number): Promise<boolean> {
  let done = 0;
  for (let index = 0; index < verdicts.length; index++) {
    if (verdicts[index] !== UNKNOWN) continue;
    decide(index, session.bytes(index + 1));
    if (++done % framesBetweenYields === 0) {
      options.onProgress?.(done / undecided);
      await yieldToEventLoop();
      if (options.signal?.aborted) return false;
    }
  }
  return true;
}

/** Reads the file front to back once (the OS reads ahead) and dissects the undecided frames. */
async function decideSequentially(session: CaptureSession, verdicts: Uint8Array, decide: (index: number, bytes: Uint8Array) => void, options: FilterRunOptions): Promise<boolean> {
  const file = await openCaptureFile(session.path);
  let index = 0;
  try {
    const result = await file.scan(
      (record) => {
        if (index < verdicts.length && verdicts[index] === UNKNOWN) decide(index, record.data);
        index++;
      },
      { signal: options.signal, onProgress: (bytesRead, totalBytes) => options.onProgress?.(totalBytes > 0 ? bytesRead / totalBytes : 0) },
    );
    return result.complete || index >= verdicts.length;
  } finally {
    await file.close();
  }
}
