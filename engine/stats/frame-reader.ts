import { registry } from '../../dissectors/index.js';
import { openCaptureFile } from '../formats/index.js';
import type { CaptureSession } from '../session/capture-session.js';

/** When more than this share of frames is wanted, one sequential read beats seeking. */
const sequentialShare = 0.05;

/**
 * Calls `visit` with the bytes of every frame slot whose `wanted` entry is non-zero, in frame
 * order. Few frames are read by seeking; many by one sequential read of the file (the OS reads
 * ahead). The bytes are valid only during the call.
 */
export async function readWantedFrames(session: CaptureSession, wanted: Uint8Array, visit: (index: number, bytes: Uint8Array) => void): Promise<void> {
  const count = Math.min(session.frameCount, wanted.length);
  let total = 0;
  for (let index = 0; index < count; index++) if (wanted[index]) total++;
  if (total === 0) return;
  if (total <= count * sequentialShare) {
    for (let index = 0; index < count; index++) if (wanted[index]) visit(index, session.bytes(index + 1));
    return;
  }
  const file = await openCaptureFile(session.path);
  let index = 0;
  try {
    await file.scan((record) => {
      if (index < count && wanted[index]) visit(index, record.data);
      index++;
    });
  } finally {
    await file.close();
  }
}

/** Per stack id: 1 when `test` holds for the stack's protocol abbrevs ("frame", "eth", "ip", …). */
export function stacksWhere(session: CaptureSession, test: (protocols: readonly string[], repeated: boolean) => boolean): Uint8Array {
  const stacks = session.store.stacks;
  const result = new Uint8Array(stacks.size);
  for (let id = 0; id < stacks.size; id++) {
    const stack = stacks.get(id);
    result[id] = test(stack.protocols.map((protocol) => registry.byId(protocol).abbrev), stack.repeated) ? 1 : 0;
  }
  return result;
}

/** Bytes read at once by `readFramePrefixes`. */
const prefixChunkBytes = 4 << 20;
/** A gap between wanted frames wider than this starts a new read instead of reading through it. */
const prefixGapBytes = 64 << 10;

/**
 * Calls `visit` for every wanted frame slot, in frame order, with a buffer holding the frame's
 * first `length` bytes (fewer when the frame is shorter) at `offset`. Frames are read in large
 * positional reads spanning many frames (a frame longer than a read is read alone): no record
 * parsing, and only the wanted frames' bytes when they are far apart. The buffer is valid only
 * during the call.
 */
export function readFramePrefixes(session: CaptureSession, wanted: Uint8Array, length: number, visit: (index: number, bytes: Uint8Array, offset: number, available: number) => void): void {
  const store = session.store;
  const count = Math.min(store.count, wanted.length);
  let index = 0;
  while (index < count) {
    if (!wanted[index]) {
      index++;
      continue;
    }
    // One read from this frame up to the last wanted frame that fits in the chunk.
    const start = store.fileOffset[index];
    let end = start + Math.min(length, store.capturedLength[index]);
    let last = index;
    for (let next = index + 1; next < count; next++) {
      if (!wanted[next]) continue;
      const offset = store.fileOffset[next];
      const nextEnd = offset + Math.min(length, store.capturedLength[next]);
      if (offset < end || nextEnd - start > prefixChunkBytes || offset - end > prefixGapBytes) break;
      end = nextEnd;
      last = next;
    }
    const bytes = session.file.readPacket(start, end - start);
    for (let slot = index; slot <= last; slot++) {
      if (wanted[slot]) visit(slot, bytes, store.fileOffset[slot] - start, Math.min(length, store.capturedLength[slot]));
    }
    index = last + 1;
  }
}
