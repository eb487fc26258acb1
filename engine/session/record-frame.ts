import type { FrameInfo } from '../../dissectors/index.js';
import type { PacketRecord } from '../formats/index.js';

/**
 * Refills a reused FrameInfo with what the file's record says about frame `number` (a pass over
 * the file allocates no frame object per packet). The relative and delta times are the caller's:
 * how it tracks earlier frames differs (the store, or two running times).
 */
export function fillFrameFromRecord(frame: FrameInfo, number: number, record: PacketRecord): void {
  frame.number = number;
  frame.seconds = record.seconds;
  frame.nanoseconds = record.nanoseconds;
  frame.capturedLength = record.capturedLength;
  frame.originalLength = record.originalLength;
  frame.linkType = record.linkType;
  frame.interfaceId = record.interfaceId;
  frame.noTimestamp = !record.hasTimestamp;
  frame.customBlock = record.customBlock ?? undefined;
}
