import { FormatProblem } from './errors';
import { maxPacketSize } from './max-packet-size';
import type { RecordParser, ScanRecord } from './packet-record';
import type { CaptureInfo, PacketRecord } from './types';

export const PCAP_FILE_HEADER_LENGTH = 24;
const RECORD_HEADER_LENGTH = 16;

/** What the pcap file header says; `littleEndian` is the byte order of every field. */
export interface PcapHeader {
  littleEndian: boolean;
  nanosecond: boolean;
  versionMajor: number;
  versionMinor: number;
  snapLength: number;
  linkType: number;
}

/** pcap magics as read little-endian from the first 4 bytes. */
const MAGICS: ReadonlyMap<number, { littleEndian: boolean; nanosecond: boolean }> = new Map([
  [0xa1b2c3d4, { littleEndian: true, nanosecond: false }],
  [0xd4c3b2a1, { littleEndian: false, nanosecond: false }],
  [0xa1b23c4d, { littleEndian: true, nanosecond: true }],
  [0x4d3cb2a1, { littleEndian: false, nanosecond: true }],
]);

export function isPcapMagic(magicLittleEndian: number): boolean {
  return MAGICS.has(magicLittleEndian);
}

/** Parses the 24-byte file header, with wiretap's checks (version, reserved link-type bits). */
export function parsePcapHeader(header: Uint8Array): PcapHeader {
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const kind = MAGICS.get(view.getUint32(0, true));
  if (!kind) throw new FormatProblem('corrupt', 'pcap: bad magic number');
  const littleEndian = kind.littleEndian;
  const versionMajor = view.getUint16(4, littleEndian);
  const versionMinor = view.getUint16(6, littleEndian);
  if (versionMajor < 2) throw new FormatProblem('unsupported', `pcap: major version ${versionMajor} unsupported`);
  const snapLength = view.getUint32(16, littleEndian);
  const network = view.getUint32(20, littleEndian);
  // libpcap: bits 16-25 are reserved; bits 26-31 describe the FCS; the link type is the low 16.
  if ((network & 0x03ff0000) !== 0) {
    throw new FormatProblem('unsupported', `pcap: network type reserved field not zero (0x${hex8(network & 0x03ff0000)})`);
  }
  return { littleEndian, nanosecond: kind.nanosecond, versionMajor, versionMinor, snapLength, linkType: network & 0xffff };
}

export function pcapInfo(header: PcapHeader, fileSize: number, compressed: boolean): CaptureInfo {
  return {
    format: 'pcap',
    byteOrder: header.littleEndian ? 'little-endian' : 'big-endian',
    resolution: header.nanosecond ? 'nanosecond' : 'microsecond',
    snapLength: header.snapLength,
    version: `${header.versionMajor}.${header.versionMinor}`,
    interfaces: [{
      linkType: header.linkType,
      name: null,
      description: null,
      snapLength: header.snapLength,
      tsresol: header.nanosecond ? 1e9 : 1e6,
      tsoffset: 0,
      os: null,
      filter: null,
      fcsLength: null,
      comments: [],
      section: 0,
    }],
    sectionComments: [],
    hardware: null,
    os: null,
    application: null,
    compressed,
    fileSize,
  };
}

/** Parses pcap records in place (see `RecordParser`). */
export class PcapRecordParser implements RecordParser {
  packets = 0;
  neededBytes = 0;
  consumedBeforeProblem = 0;
  private readonly littleEndian: boolean;
  private readonly nanosecond: boolean;
  private readonly linkType: number;
  private readonly maxCapturedLength: number;
  /** pcap before 2.3 may have the two length fields swapped (wiretap swaps when caplen > len). */
  private readonly mayHaveSwappedLengths: boolean;

  constructor(header: PcapHeader) {
    this.littleEndian = header.littleEndian;
    this.nanosecond = header.nanosecond;
    this.linkType = header.linkType;
    this.maxCapturedLength = maxPacketSize(header.linkType);
    this.mayHaveSwappedLengths = header.versionMajor === 2 && header.versionMinor < 3;
  }

  parse(bytes: Uint8Array, view: DataView, start: number, end: number, fileOffset: number,
    record: ScanRecord, onPacket: (record: PacketRecord) => void): number {
    const littleEndian = this.littleEndian;
    const nanosecond = this.nanosecond;
    const maxCapturedLength = this.maxCapturedLength;
    record.linkType = this.linkType;
    record.interfaceId = 0;
    record.comments = null;
    record.customBlock = null;
    record.hasTimestamp = true;
    let position = start;
    while (position + RECORD_HEADER_LENGTH <= end) {
      let capturedLength = view.getUint32(position + 8, littleEndian);
      let originalLength = view.getUint32(position + 12, littleEndian);
      if (this.mayHaveSwappedLengths && capturedLength > originalLength) {
        const swap = capturedLength;
        capturedLength = originalLength;
        originalLength = swap;
      }
      if (capturedLength > maxCapturedLength) {
        this.consumedBeforeProblem = position - start;
        throw new FormatProblem('corrupt', `pcap: File has ${capturedLength}-byte packet, bigger than maximum of ${maxCapturedLength}`);
      }
      const recordEnd = position + RECORD_HEADER_LENGTH + capturedLength;
      if (recordEnd > end) {
        this.neededBytes = RECORD_HEADER_LENGTH + capturedLength;
        break;
      }
      const fraction = view.getUint32(position + 4, littleEndian);
      record.seconds = view.getUint32(position, littleEndian);
      // wiretap stores the fraction in a 32-bit int: usec * 1000 wraps, as tshark shows.
      record.nanoseconds = nanosecond ? fraction | 0 : Math.imul(fraction, 1000);
      record.originalLength = originalLength;
      record.setData(bytes, position + RECORD_HEADER_LENGTH, capturedLength, fileOffset + position - start + RECORD_HEADER_LENGTH);
      this.packets++;
      onPacket(record);
      position = recordEnd;
    }
    return position - start;
  }
}

function hex8(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}
