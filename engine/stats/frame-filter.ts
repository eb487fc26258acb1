import { compileFilter } from '../../dissectors/filter/index.js';
import { runFilter } from '../filter/run-filter.js';
import type { CaptureSession } from '../session/capture-session.js';

/**
 * Per frame slot, 1 when the frame passes `filter` (every frame when null): the optional
 * filter of a statistic (`-z conv,tcp,FILTER`). Column-backed where the filter allows.
 */
export async function framesPassing(session: CaptureSession, filter: string | null): Promise<Uint8Array> {
  const mask = new Uint8Array(session.frameCount);
  if (filter === null || filter.trim() === '') return mask.fill(1);
  const run = await runFilter(session, compileFilter(filter));
  for (const frame of run.frames) mask[frame - 1] = 1;
  return mask;
}
