/**
 * Encodes a message as one binary frame so Uint8Array values stay binary over a WebSocket:
 *   u32 LE  length of the JSON text
 *   bytes   JSON (UTF-8), where each Uint8Array was replaced by {"$bytes": n}
 *   then, for every attachment n = 0, 1, …: u32 LE length, bytes.
 * Decoding returns Uint8Array views into the received frame (no copy); the frame is not reused.
 */
const PLACEHOLDER = '$bytes';

export function encodeFrame(message: unknown): Uint8Array {
  const attachments: Uint8Array[] = [];
  const json = new TextEncoder().encode(JSON.stringify(extractAttachments(message, attachments)));
  let total = 4 + json.length;
  for (const attachment of attachments) total += 4 + attachment.length;
  const frame = new Uint8Array(total);
  const view = new DataView(frame.buffer);
  view.setUint32(0, json.length, true);
  frame.set(json, 4);
  let at = 4 + json.length;
  for (const attachment of attachments) {
    view.setUint32(at, attachment.length, true);
    frame.set(attachment, at + 4);
    at += 4 + attachment.length;
  }
  return frame;
}

export function decodeFrame(frame: Uint8Array): unknown {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  if (frame.length < 4) throw new Error('frame too short');
  const jsonLength = view.getUint32(0, true);
  if (4 + jsonLength > frame.length) throw new Error('frame JSON length exceeds the frame');
  const attachments: Uint8Array[] = [];
  let at = 4 + jsonLength;
  while (at < frame.length) {
    if (at + 4 > frame.length) throw new Error('truncated attachment header');
    const length = view.getUint32(at, true);
    if (at + 4 + length > frame.length) throw new Error('truncated attachment');
    attachments.push(frame.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  const text = new TextDecoder().decode(frame.subarray(4, 4 + jsonLength));
  return JSON.parse(text, (_key, value: unknown) => {
    if (isPlaceholder(value)) {
      const attachment = attachments[value[PLACEHOLDER]];
      if (attachment === undefined) throw new Error('frame refers to a missing attachment');
      return attachment;
    }
    return value;
  });
}

/** A copy of `value` with every Uint8Array (Node Buffers included) replaced by a placeholder. */
function extractAttachments(value: unknown, attachments: Uint8Array[]): unknown {
  if (value instanceof Uint8Array) {
    attachments.push(value);
    return { [PLACEHOLDER]: attachments.length - 1 };
  }
  if (Array.isArray(value)) return value.map((item) => extractAttachments(item, attachments));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = extractAttachments(item, attachments);
    return copy;
  }
  return value;
}

function isPlaceholder(value: unknown): value is { [PLACEHOLDER]: number } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === PLACEHOLDER && Number.isInteger((value as Record<string, unknown>)[PLACEHOLDER]);
}
