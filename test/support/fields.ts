import { dissectCapture, type TestFrame } from './field-collector.js';

/**
 * Dissects hand-made frames in order, as one capture's first pass, and returns each frame's
 * fields as tshark `-T fields` text (hidden fields included) plus its Protocol and Info.
 */
export function dissectFrames(frames: Uint8Array[], linkType = 1, startSeconds = 1000) {
  const packets: TestFrame[] = frames.map((data, index) => ({
    number: index + 1, linkType, seconds: startSeconds + index, nanoseconds: 0, originalLength: data.length, data,
  }));
  return dissectCapture(packets).map((result) => ({ get: (abbrev: string) => result.sink.get(abbrev), protocol: result.protocol, info: result.info }));
}
