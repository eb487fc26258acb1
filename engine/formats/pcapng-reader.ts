import { FormatProblem } from './errors';
import { maxPacketSize } from './max-packet-size';
import type { RecordParser, ScanRecord } from './packet-record';
import { OPT_COMMENT, forEachOption, optionString, readComments } from './pcapng-options';
import { TimestampConverter } from './timestamp';
import type { CaptureInfo, InterfaceInfo, PacketRecord } from './types';

export const BLOCK_SECTION_HEADER = 0x0a0d0d0a;
export const BLOCK_INTERFACE_DESCRIPTION = 0x00000001;
export const BLOCK_PACKET_OBSOLETE = 0x00000002;
export const BLOCK_SIMPLE_PACKET = 0x00000003;
export const BLOCK_ENHANCED_PACKET = 0x00000006;
export const BLOCK_CUSTOM_COPIABLE = 0x00000bad;
export const BLOCK_CUSTOM_NOT_COPIABLE = 0x40000bad;
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
/**
 * Link type given to records made from pcapng Custom Blocks (which wiretap 4.0 turns into
 * frames whose bytes are the custom data). Not a real LINKTYPE_* value.
 */
export const CUSTOM_BLOCK_LINK_TYPE = 0xffff;

/** Smallest block (type, length, trailing length) and the fixed parts of each block type. */
const MIN_BLOCK = 12;
const MIN_SECTION_HEADER = 28;
const MIN_INTERFACE_DESCRIPTION = 20;
const MIN_ENHANCED_PACKET = 32;
const MIN_SIMPLE_PACKET = 16;
const MIN_PACKET_OBSOLETE = 32;
const MIN_CUSTOM = 16;
/** Blocks we skip and that are larger than this are not read, only their trailing length. */
const SKIP_WITHOUT_READING = 1 << 20;

/** Reads `length` bytes at a file offset; returns fewer at the end of the file. */
export type ReadAt = (fileOffset: number, length: number) => Uint8Array;
/** wiretap's MAX_BLOCK_SIZE: the largest packet limit plus room for headers and options. */
const MAX_BLOCK = 32 + 128 * 1024 * 1024 + 131072;

/** An interface as packets of its section refer to it. */
interface SectionInterface {
  globalId: number;
  linkType: number;
  snapLength: number;
  maxCapturedLength: number;
  timestamps: TimestampConverter;
}

export function emptyPcapngInfo(fileSize: number, compressed: boolean): CaptureInfo {
  return {
    format: 'pcapng',
    byteOrder: 'little-endian',
    resolution: 'microsecond',
    snapLength: 0,
    version: '',
    interfaces: [],
    sectionComments: [],
    hardware: null,
    os: null,
    application: null,
    compressed,
    fileSize,
  };
}

/**
 * Parses pcapng blocks in place (see `RecordParser`), keeping the section state (byte order,
 * the section's interfaces) across chunks and calls, and adding interfaces and section
 * comments to `info` as it meets them. Interface ids in records are global: the index in
 * `info.interfaces` (a new section appends its own interfaces, as wiretap numbers them).
 */
export class PcapngBlockParser implements RecordParser {
  packets = 0;
  neededBytes = 0;
  consumedBeforeProblem = 0;
  /** Sections seen so far (0 before the first SHB). */
  sections = 0;
  private littleEndian = true;
  private sectionInterfaces: SectionInterface[] = [];

  constructor(readonly info: CaptureInfo, private readonly readAt: ReadAt) {}

  parse(bytes: Uint8Array, view: DataView, start: number, end: number, fileOffset: number,
    record: ScanRecord, onPacket: (record: PacketRecord) => void): number {
    let position = start;
    try {
      while (true) {
        const length = this.parseBlock(bytes, view, position, end, fileOffset + position - start, record, onPacket);
        if (length === 0) break;
        position += length;
      }
    } catch (error) {
      this.consumedBeforeProblem = position - start;
      throw error;
    }
    return position - start;
  }

  /** Type of the block at `position` in the current byte order (the SHB type reads the same in both). */
  blockType(view: DataView, position: number): number {
    return view.getUint32(position, this.littleEndian);
  }

  /**
   * Handles one whole block at `position`; returns its length, or 0 when it is incomplete
   * (then `neededBytes` is its size when known).
   */
  parseBlock(bytes: Uint8Array, view: DataView, position: number, end: number, fileOffset: number,
    record: ScanRecord, onPacket: (record: PacketRecord) => void): number {
    if (position + MIN_BLOCK > end) {
      this.neededBytes = MIN_BLOCK;
      return 0;
    }
    let type = view.getUint32(position, this.littleEndian);
    if (type === BLOCK_SECTION_HEADER) this.littleEndian = sectionByteOrder(view, position);
    const littleEndian = this.littleEndian;
    type = view.getUint32(position, littleEndian);
    // Like wiretap 4.0: the length is rounded up to 4 (a bad one then fails the trailer check),
    // and each block type's own minimum is checked before anything else.
    const length = (view.getUint32(position + 4, littleEndian) + 3) & ~3;
    const minimum = type === BLOCK_ENHANCED_PACKET ? ENHANCED_PACKET_MINIMUM : minimumLength(type);
    if (length < minimum.size) {
      throw new FormatProblem('corrupt', `pcapng: total block length ${length} of ${minimum.article} ${minimum.name} is less than the minimum ${minimum.name} size ${minimum.size}`);
    }
    if (length > MAX_BLOCK) throw new FormatProblem('corrupt', `pcapng: total block length ${length} is too large (> ${MAX_BLOCK})`);
    if (position + length > end) {
      if (length > SKIP_WITHOUT_READING && isSkippedBlock(type)) return this.skipUnread(fileOffset, length);
      this.neededBytes = length;
      return 0;
    }
    const bodyEnd = position + length - 4;
    switch (type) {
      case BLOCK_ENHANCED_PACKET:
        this.enhancedPacket(bytes, view, position, length, bodyEnd, fileOffset, record, onPacket);
        break;
      case BLOCK_SIMPLE_PACKET:
        this.simplePacket(bytes, view, position, length, bodyEnd, fileOffset, record, onPacket);
        break;
      case BLOCK_PACKET_OBSOLETE:
        this.obsoletePacket(bytes, view, position, length, bodyEnd, fileOffset, record, onPacket);
        break;
      case BLOCK_SECTION_HEADER:
        this.sectionHeader(bytes, view, position, length, bodyEnd);
        break;
      case BLOCK_INTERFACE_DESCRIPTION:
        this.interfaceDescription(bytes, view, position, length, bodyEnd);
        break;
      case BLOCK_CUSTOM_COPIABLE:
      case BLOCK_CUSTOM_NOT_COPIABLE:
        this.customBlock(bytes, view, position, length, bodyEnd, fileOffset, type === BLOCK_CUSTOM_COPIABLE, record, onPacket);
        break;
      default:
        // NRB, ISB, DSB, journal and unknown blocks carry no packets here: skip them.
        this.checkTrailer(view, position, length);
        break;
    }
    return length;
  }

  /** Skips a large ignored block by checking only its trailing length (0 if it is incomplete). */
  private skipUnread(fileOffset: number, length: number): number {
    const trailer = this.readAt(fileOffset + length - 4, 4);
    if (trailer.length < 4) {
      this.neededBytes = length;
      return 0;
    }
    this.checkTrailer(new DataView(trailer.buffer, trailer.byteOffset, 4), 4 - length, length);
    return length;
  }

  /**
   * wiretap reads a block's body before its trailing length, so body damage is reported
   * first; every handler calls this after its own checks and before delivering a packet.
   */
  private checkTrailer(view: DataView, position: number, length: number): void {
    // wiretap rounds the trailing length up to 4 as well before comparing.
    const trailing = (view.getUint32(position + length - 4, this.littleEndian) + 3) & ~3;
    if (trailing !== length) {
      throw new FormatProblem('corrupt', `pcapng: total block lengths (first ${length} and second ${trailing}) don't match`);
    }
  }

  /** A Custom Block becomes a record without timestamp or interface, as in tshark 4.0. */
  private customBlock(bytes: Uint8Array, view: DataView, position: number, length: number, bodyEnd: number,
    fileOffset: number, copyAllowed: boolean, record: ScanRecord, onPacket: (record: PacketRecord) => void): void {
    this.checkTrailer(view, position, length);
    const dataLength = bodyEnd - (position + 12);
    record.seconds = 0;
    record.nanoseconds = 0;
    record.hasTimestamp = false;
    record.originalLength = dataLength;
    record.linkType = CUSTOM_BLOCK_LINK_TYPE;
    record.interfaceId = -1;
    record.comments = null;
    record.customBlock = { privateEnterpriseNumber: view.getUint32(position + 8, this.littleEndian), copyAllowed };
    record.setData(bytes, position + 12, dataLength, fileOffset + 12);
    this.packets++;
    onPacket(record);
  }

  private sectionHeader(bytes: Uint8Array, view: DataView, position: number, length: number, bodyEnd: number): void {
    const littleEndian = this.littleEndian;
    const major = view.getUint16(position + 12, littleEndian);
    const minor = view.getUint16(position + 14, littleEndian);
    // Like wiretap: versions 1.0 and 1.2 (1.2 is written by some tools and means the same).
    if (!(major === 1 && (minor === 0 || minor === 2))) {
      throw new FormatProblem('unsupported', `pcapng: unknown SHB version ${major}.${minor}`);
    }
    const info = this.info;
    const first = this.sections === 0;
    const comments: string[] = [];
    forEachOption(view, position + 24, bodyEnd, littleEndian, (code, start, valueLength) => {
      if (code === OPT_COMMENT) comments.push(optionString(bytes, start, valueLength));
      else if (first && code === 2) info.hardware = optionString(bytes, start, valueLength);
      else if (first && code === 3) info.os = optionString(bytes, start, valueLength);
      else if (first && code === 4) info.application = optionString(bytes, start, valueLength);
    });
    this.checkTrailer(view, position, length);
    info.sectionComments.push(...comments);
    if (first) {
      info.byteOrder = littleEndian ? 'little-endian' : 'big-endian';
      info.version = `${major}.${minor}`;
    }
    this.sections++;
    this.sectionInterfaces = [];
  }

  private interfaceDescription(bytes: Uint8Array, view: DataView, position: number, length: number, bodyEnd: number): void {
    const littleEndian = this.littleEndian;
    const described: InterfaceInfo = {
      linkType: view.getUint16(position + 8, littleEndian),
      name: null,
      description: null,
      snapLength: view.getUint32(position + 12, littleEndian),
      tsresol: 1e6,
      tsoffset: 0,
      os: null,
      filter: null,
      fcsLength: null,
      comments: [],
      section: this.sections - 1,
    };
    let tsresolCode = 6;
    forEachOption(view, position + 16, bodyEnd, littleEndian, (code, start, valueLength) => {
      switch (code) {
        case OPT_COMMENT: described.comments.push(optionString(bytes, start, valueLength)); break;
        case 2: described.name = optionString(bytes, start, valueLength); break;
        case 3: described.description = optionString(bytes, start, valueLength); break;
        case 9: if (valueLength === 1) tsresolCode = bytes[start]; break;
        case 11: if (valueLength >= 1 && bytes[start] === 0) described.filter = optionString(bytes, start + 1, valueLength - 1); break;
        case 12: described.os = optionString(bytes, start, valueLength); break;
        case 13: if (valueLength === 1) described.fcsLength = bytes[start]; break;
        case 14:
          if (valueLength === 8) {
            const low = view.getUint32(start + (littleEndian ? 0 : 4), littleEndian);
            const high = view.getInt32(start + (littleEndian ? 4 : 0), littleEndian);
            described.tsoffset = high * 4294967296 + low;
          }
          break;
      }
    });
    this.checkTrailer(view, position, length);
    const timestamps = new TimestampConverter(tsresolCode, described.tsoffset);
    described.tsresol = timestamps.unitsPerSecond;
    const info = this.info;
    if (info.interfaces.length === 0) {
      info.snapLength = described.snapLength;
      info.resolution = described.tsresol === 1e6 ? 'microsecond' : described.tsresol === 1e9 ? 'nanosecond' : 'other';
    }
    this.sectionInterfaces.push({
      globalId: info.interfaces.length,
      linkType: described.linkType,
      snapLength: described.snapLength,
      maxCapturedLength: maxPacketSize(described.linkType),
      timestamps,
    });
    info.interfaces.push(described);
  }

  private sectionInterface(interfaceId: number): SectionInterface {
    const found = this.sectionInterfaces[interfaceId];
    if (found === undefined) {
      throw new FormatProblem('corrupt', `pcapng: interface index ${interfaceId} is not less than section interface count ${this.sectionInterfaces.length}`);
    }
    return found;
  }

  private enhancedPacket(bytes: Uint8Array, view: DataView, position: number, length: number, bodyEnd: number,
    fileOffset: number, record: ScanRecord, onPacket: (record: PacketRecord) => void): void {
    const littleEndian = this.littleEndian;
    const described = this.sectionInterface(view.getUint32(position + 8, littleEndian));
    this.deliverPacket(bytes, view, position, length, bodyEnd, fileOffset, described, 'an EPB', record, onPacket);
  }

  private obsoletePacket(bytes: Uint8Array, view: DataView, position: number, length: number, bodyEnd: number,
    fileOffset: number, record: ScanRecord, onPacket: (record: PacketRecord) => void): void {
    const described = this.sectionInterface(view.getUint16(position + 8, this.littleEndian));
    this.deliverPacket(bytes, view, position, length, bodyEnd, fileOffset, described, 'a PB', record, onPacket);
  }

  /** EPB and the obsolete PB share the layout from the timestamp on. */
  private deliverPacket(bytes: Uint8Array, view: DataView, position: number, length: number, bodyEnd: number,
    fileOffset: number, described: SectionInterface, block: string, record: ScanRecord, onPacket: (record: PacketRecord) => void): void {
    const littleEndian = this.littleEndian;
    const capturedLength = view.getUint32(position + 20, littleEndian);
    const dataStart = position + 28;
    const paddedEnd = dataStart + ((capturedLength + 3) & ~3);
    if (paddedEnd > bodyEnd) {
      throw new FormatProblem('corrupt', `pcapng: total block length ${length} of ${block} is too small for ${capturedLength} bytes of packet data`);
    }
    if (capturedLength > described.maxCapturedLength) {
      throw new FormatProblem('corrupt', `pcapng: cap_len ${capturedLength} is larger than ${described.maxCapturedLength}`);
    }
    const timestamps = described.timestamps;
    timestamps.convert(view.getUint32(position + 12, littleEndian), view.getUint32(position + 16, littleEndian));
    record.seconds = timestamps.seconds;
    record.nanoseconds = timestamps.nanoseconds;
    record.hasTimestamp = true;
    record.originalLength = view.getUint32(position + 24, littleEndian);
    record.linkType = described.linkType;
    record.interfaceId = described.globalId;
    record.comments = paddedEnd < bodyEnd ? readComments(bytes, view, paddedEnd, bodyEnd, littleEndian) : null;
    this.checkTrailer(view, position, length);
    record.customBlock = null;
    record.setData(bytes, dataStart, capturedLength, fileOffset + 28);
    this.packets++;
    onPacket(record);
  }

  private simplePacket(bytes: Uint8Array, view: DataView, position: number, length: number, bodyEnd: number,
    fileOffset: number, record: ScanRecord, onPacket: (record: PacketRecord) => void): void {
    if (this.sectionInterfaces.length === 0) throw new FormatProblem('corrupt', 'pcapng: SPB appeared before any IDB');
    const described = this.sectionInterfaces[0];
    const originalLength = view.getUint32(position + 8, this.littleEndian);
    // No captured length in an SPB: it is the packet length cut to interface 0's snap length.
    let capturedLength = originalLength;
    if (described.snapLength !== 0 && capturedLength > described.snapLength) capturedLength = described.snapLength;
    if (capturedLength > described.maxCapturedLength) {
      throw new FormatProblem('corrupt', `pcapng: cap_len ${capturedLength} is larger than ${described.maxCapturedLength}`);
    }
    const dataStart = position + 12;
    if (dataStart + capturedLength > bodyEnd) {
      throw new FormatProblem('corrupt', `pcapng: total block length ${length} of an SPB is too small for ${capturedLength} bytes of packet data`);
    }
    this.checkTrailer(view, position, length);
    record.seconds = 0;
    record.nanoseconds = 0;
    record.hasTimestamp = false;
    record.customBlock = null;
    record.originalLength = originalLength;
    record.linkType = described.linkType;
    record.interfaceId = described.globalId;
    record.comments = null;
    record.setData(bytes, dataStart, capturedLength, fileOffset + 12);
    this.packets++;
    onPacket(record);
  }
}

const MINIMUM_LENGTHS: ReadonlyMap<number, { name: string; article: string; size: number }> = new Map([
  [BLOCK_SECTION_HEADER, { name: 'SHB', article: 'an', size: MIN_SECTION_HEADER }],
  [BLOCK_INTERFACE_DESCRIPTION, { name: 'IDB', article: 'an', size: MIN_INTERFACE_DESCRIPTION }],
  [BLOCK_ENHANCED_PACKET, { name: 'EPB', article: 'an', size: MIN_ENHANCED_PACKET }],
  [BLOCK_SIMPLE_PACKET, { name: 'SPB', article: 'an', size: MIN_SIMPLE_PACKET }],
  [BLOCK_PACKET_OBSOLETE, { name: 'PB', article: 'a', size: MIN_PACKET_OBSOLETE }],
  [BLOCK_CUSTOM_COPIABLE, { name: 'CB', article: 'a', size: MIN_CUSTOM }],
  [BLOCK_CUSTOM_NOT_COPIABLE, { name: 'CB', article: 'a', size: MIN_CUSTOM }],
]);
const ENHANCED_PACKET_MINIMUM = MINIMUM_LENGTHS.get(BLOCK_ENHANCED_PACKET)!;
const OTHER_BLOCK = { name: 'block', article: 'a', size: MIN_BLOCK };

function minimumLength(type: number): { name: string; article: string; size: number } {
  return MINIMUM_LENGTHS.get(type) ?? OTHER_BLOCK;
}

/** Blocks that carry neither packets nor section/interface state. */
function isSkippedBlock(type: number): boolean {
  return type !== BLOCK_SECTION_HEADER && type !== BLOCK_INTERFACE_DESCRIPTION && type !== BLOCK_ENHANCED_PACKET
    && type !== BLOCK_SIMPLE_PACKET && type !== BLOCK_PACKET_OBSOLETE && type !== BLOCK_CUSTOM_COPIABLE
    && type !== BLOCK_CUSTOM_NOT_COPIABLE;
}

/** Byte order of the section whose SHB starts at `position`, from its byte-order magic. */
function sectionByteOrder(view: DataView, position: number): boolean {
  const magic = view.getUint32(position + 8, true);
  if (magic === BYTE_ORDER_MAGIC) return true;
  if (magic === 0x4d3c2b1a) return false;
  throw new FormatProblem('corrupt', 'pcapng: unknown byte-order magic number');
}
