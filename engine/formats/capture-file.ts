import * as fs from 'node:fs';
import { CaptureFileError } from './errors';
import { ScanBuffer, readFully, scanChunks } from './chunked-scan';
import type { RecordParser } from './packet-record';
import type { CaptureFile, CaptureInfo, PacketRecord, ScanOptions, ScanResult } from './types';

/**
 * An open capture file: one file descriptor, the format's record parser, and where the next
 * scan starts. Scans must not overlap (each continues where the previous one stopped).
 */
export class OpenCaptureFile implements CaptureFile {
  private readonly buffer = new ScanBuffer();
  private nextOffset: number;
  private finalWarning: string | undefined;
  private scanning = false;
  private fileDescriptor: number | null;

  constructor(
    readonly path: string,
    readonly info: CaptureInfo,
    fileDescriptor: number,
    private readonly parser: RecordParser,
    firstRecordOffset: number,
    /** Runs once on close (removes a decompressed temporary file). */
    private readonly onClose: () => void = () => {},
  ) {
    this.fileDescriptor = fileDescriptor;
    this.nextOffset = firstRecordOffset;
  }

  readPacket(fileOffset: number, capturedLength: number): Uint8Array {
    const target = new Uint8Array(capturedLength);
    const count = readFully(this.descriptor(), target, capturedLength, fileOffset);
    if (count !== capturedLength) {
      throw new CaptureFileError('cut-short', `The file "${this.path}" ends before the packet at offset ${fileOffset}.`);
    }
    return target;
  }

  async scan(onPacket: (record: PacketRecord) => void, options?: ScanOptions): Promise<ScanResult> {
    if (this.scanning) throw new Error('CaptureFile.scan: a scan is already running on this file');
    if (this.finalWarning !== undefined) {
      // Damage stopped an earlier scan for good: report it again, deliver nothing.
      return { packets: 0, nextOffset: this.nextOffset, complete: true, warning: this.finalWarning };
    }
    this.scanning = true;
    try {
      const result = await scanChunks(this.descriptor(), this.path, this.nextOffset, this.parser, this.buffer, onPacket, options);
      this.nextOffset = result.nextOffset;
      this.finalWarning = result.warning;
      return result;
    } finally {
      this.scanning = false;
    }
  }

  close(): void {
    if (this.fileDescriptor === null) return;
    const descriptor = this.fileDescriptor;
    this.fileDescriptor = null;
    try {
      fs.closeSync(descriptor);
    } finally {
      this.onClose();
    }
  }

  private descriptor(): number {
    if (this.fileDescriptor === null) throw new Error(`CaptureFile "${this.path}" is closed`);
    return this.fileDescriptor;
  }
}
