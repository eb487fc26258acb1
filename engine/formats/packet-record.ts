import type { CustomBlockInfo, PacketRecord } from './types';

/**
 * The one mutable record a scan hands to every callback (see the aliasing contract on
 * `PacketRecord`). Parsers fill the fields and call `reset()`-free: `setData` drops the cached
 * view so `data` is built lazily, only for consumers that ask for it.
 */
export class ScanRecord implements PacketRecord {
  fileOffset = 0;
  capturedLength = 0;
  originalLength = 0;
  hasTimestamp = true;
  seconds = 0;
  nanoseconds = 0;
  linkType = 0;
  interfaceId = 0;
  comments: string[] | null = null;
  customBlock: CustomBlockInfo | null = null;
  bytes: Uint8Array = new Uint8Array(0);
  dataOffset = 0;
  private view: Uint8Array | null = null;

  setData(bytes: Uint8Array, dataOffset: number, capturedLength: number, fileOffset: number): void {
    this.bytes = bytes;
    this.dataOffset = dataOffset;
    this.capturedLength = capturedLength;
    this.fileOffset = fileOffset;
    this.view = null;
  }

  get data(): Uint8Array {
    if (this.view === null) this.view = this.bytes.subarray(this.dataOffset, this.dataOffset + this.capturedLength);
    return this.view;
  }
}

/**
 * A format's record parser, driven by the chunked scanner. `parse` consumes whole records
 * from `bytes[start, end)` (whose first byte is at file offset `fileOffset`), calling
 * `onPacket` for each packet, and returns the number of bytes consumed (more than `end - start` when it skipped a large block
 * it did not need to read). When the next record
 * is incomplete it stops and sets `neededBytes` to that record's full size (so the scanner can
 * grow its buffer). Damage throws `FormatProblem`; `packets` counts deliveries so far, also
 * across a throw.
 */
export interface RecordParser {
  packets: number;
  neededBytes: number;
  /** Set before throwing: bytes of the current `parse` call consumed by complete records. */
  consumedBeforeProblem: number;
  parse(bytes: Uint8Array, view: DataView, start: number, end: number, fileOffset: number,
    record: ScanRecord, onPacket: (record: PacketRecord) => void): number;
}
