import { FilterFieldSink, type CompiledFilter } from '../../dissectors/filter/index.js';
import type { CaptureSession } from '../../engine/session/capture-session.js';

/**
 * The frames a filter matches when every frame is dissected in full and tested: the slow,
 * obvious evaluation that the engine's fast paths (columns, candidate windows, early stops)
 * must agree with.
 */
export function framesMatchingByDissection(session: CaptureSession, filter: CompiledFilter): number[] {
  const sink = new FilterFieldSink(filter.fields);
  const frames: number[] = [];
  for (let frame = 1; frame <= session.frameCount; frame++) {
    const bytes = session.bytes(frame);
    sink.reset(bytes);
    session.dissectBytes(frame, bytes, sink);
    if (filter.evaluate(sink)) frames.push(frame);
  }
  return frames;
}
