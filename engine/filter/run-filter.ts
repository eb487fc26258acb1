import { FilterFieldSink, type CompiledFilter } from '../../dissectors/filter/index.js';
import { frameBytesReader } from '../../dissectors/proto/tcp-reassembly.js';
import type { CaptureSession } from '../session/capture-session.js';
import { ColumnEvaluator, FALSE, TRUE, UNKNOWN } from './column-filter.js';
import { countVerdicts, slotsWith } from './column-kernels.js';
import { monotoneTriggers, stopDissection } from './early-stop.js';
import { FilterRunSink, usesLayers } from './filter-run-sink.js';
import { FrameWindows, openRangeReader } from './frame-windows.js';

export interface FilterRunOptions {
  signal?: AbortSignal;
  /** Fraction done, 0..1, at most every few thousand frames. */
  onProgress?: (fraction: number) => void;
  /** Dissect every undecided frame to its end, without early stops (tests compare both ways). */
  noEarlyStop?: boolean;
}

export interface FilterRun {
  /** Frame numbers that match, in file order. */
  frames: Uint32Array;
  /** How many frames needed the tree path (the rest were decided from columns). */
  dissected: number;
  /** False when the run was cancelled (a newer filter); `frames` is then incomplete. */
  complete: boolean;
}

const framesBetweenYields = 4096;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Applies a compiled display filter to every frame of a session: the columns decide what they
 * can (ColumnEvaluator), and only the undecided frames are dissected, read in file order with
 * large reads (FrameWindows), each into a sink that keeps just the fields the filter reads and,
 * for monotone filters, stops the dissection once the frame matches (early-stop.ts).
 */
export async function runFilter(session: CaptureSession, filter: CompiledFilter, options: FilterRunOptions = {}): Promise<FilterRun> {
  const verdicts = new ColumnEvaluator(session.store).evaluate(filter.describe());
  const [, columnMatches, undecided] = countVerdicts(verdicts);
  let matches = columnMatches;
  let complete = true;
  if (undecided > 0) {
    complete = await decideByDissecting(session, filter, verdicts, slotsWith(verdicts, UNKNOWN, undecided, 0), options);
    [, matches] = countVerdicts(verdicts);
  }
  const frames = slotsWith(verdicts, TRUE, matches, 1);
  options.onProgress?.(1);
  return { frames, dissected: undecided, complete };
}

/** Dissects the undecided frames (slots, increasing) and writes their verdicts; false when cancelled. */
async function decideByDissecting(session: CaptureSession, filter: CompiledFilter, verdicts: Uint8Array, undecided: Uint32Array, options: FilterRunOptions): Promise<boolean> {
  const root = filter.describe();
  const sink = usesLayers(root) ? new FilterFieldSink(filter.fields) : new FilterRunSink(filter, options.noEarlyStop ? null : monotoneTriggers(root));
  const ranges = openRangeReader(session);
  const windows = new FrameWindows(session, ranges.read);
  const detach = attachToReassembly(session, windows);
  try {
    for (let at = 0; at < undecided.length; at++) {
      const index = undecided[at];
      const bytes = windows.bytes(undecided, at);
      sink.reset(bytes);
      try {
        session.dissectBytes(index + 1, bytes, sink);
        verdicts[index] = filter.evaluate(sink) ? TRUE : FALSE;
      } catch (error) {
        if (error !== stopDissection) throw error;
        verdicts[index] = TRUE;
      }
      if ((at + 1) % framesBetweenYields === 0) {
        options.onProgress?.(at / undecided.length);
        await yieldToEventLoop();
        if (options.signal?.aborted) return false;
      }
    }
    return true;
  } finally {
    detach();
    ranges.close();
  }
}

/** Per session state: the windows of the filter runs under way, which reassembly reads first. */
const activeWindows = new WeakMap<object, Set<FrameWindows>>();

/**
 * Lets TCP reassembly, rebuilding a message from its earlier segments, take them from the
 * windows already read instead of reading each segment from the file again. The session's
 * reader is wrapped once; runs add and remove their windows.
 */
function attachToReassembly(session: CaptureSession, windows: FrameWindows): () => void {
  let active = activeWindows.get(session.state);
  if (!active) {
    const reader = session.state.get(frameBytesReader);
    const fileReader = reader.read;
    if (fileReader === null) return () => {};
    const runs = new Set<FrameWindows>();
    reader.read = (frame) => {
      for (const run of runs) {
        const bytes = run.cached(frame - 1);
        if (bytes !== null) return bytes;
      }
      return fileReader(frame);
    };
    activeWindows.set(session.state, (active = runs));
  }
  const runs = active;
  runs.add(windows);
  return () => runs.delete(windows);
}
