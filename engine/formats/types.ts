/** Container format of a capture file, after decompression. */
export type CaptureFormat = 'pcap' | 'pcapng';

/** One capture interface: the whole pcap file, or one pcapng Interface Description Block. */
export interface InterfaceInfo {
  /** LINKTYPE_* value (1 = Ethernet). */
  linkType: number;
  /** `if_name`, or null. */
  name: string | null;
  /** `if_description`, or null. */
  description: string | null;
  /** Snap length; 0 means "no limit" in pcapng. */
  snapLength: number;
  /** Timestamp units per second (1e6 for microseconds, 1e9 for nanoseconds, 2^n for binary). */
  tsresol: number;
  /** `if_tsoffset`: seconds added to every timestamp of this interface. */
  tsoffset: number;
  /** `if_os`, `if_filter` (string form), `if_fcslen`, or null when absent. */
  os: string | null;
  filter: string | null;
  fcsLength: number | null;
  comments: string[];
  /** pcapng section (0-based) the interface belongs to; always 0 for pcap. */
  section: number;
}

export interface CaptureInfo {
  format: CaptureFormat;
  /** Byte order of the file (of the first section for pcapng). */
  byteOrder: 'little-endian' | 'big-endian';
  /** Timestamp resolution of the file (of interface 0 for pcapng). */
  resolution: 'microsecond' | 'nanosecond' | 'other';
  /** pcap: the file header's snap length; pcapng: interface 0's (0 if none). */
  snapLength: number;
  /** pcap: major.minor of the header; pcapng: of the first section. */
  version: string;
  /**
   * Every interface seen so far, indexed by `PacketRecord.interfaceId`. For pcapng this list
   * grows while scanning (IDBs may follow packets, and each new section adds its own).
   */
  interfaces: InterfaceInfo[];
  /** `opt_comment`s of every Section Header Block seen so far. */
  sectionComments: string[];
  /** pcapng SHB `shb_hardware`, `shb_os`, `shb_userappl` of the first section. */
  hardware: string | null;
  os: string | null;
  application: string | null;
  /** The file was gzip-compressed and has been decompressed to a temporary file. */
  compressed: boolean;
  /** Size in bytes of the (decompressed) file at open; scans re-read the size. */
  fileSize: number;
}

/**
 * One packet as the scanner delivers it.
 *
 * ALIASING CONTRACT: the scanner passes the SAME object for every packet and overwrites it
 * before the next callback. `bytes` is the scanner's read buffer, reused for the next chunk,
 * and `data` is a view into it: both are valid only during the callback. Copy what you keep
 * (`record.data.slice()`), or keep `fileOffset`/`capturedLength` and call
 * `CaptureFile.readPacket` later. `data` is a getter (made on first access, so consumers that
 * read `bytes` at `dataOffset` allocate nothing); spreading the record does not copy it.
 */
export interface PacketRecord {
  /** Offset in the (decompressed) file of the first packet byte. May exceed 2^32. */
  fileOffset: number;
  capturedLength: number;
  originalLength: number;
  /** False for pcapng Simple Packet Blocks, which carry no timestamp (seconds/nanoseconds are 0). */
  hasTimestamp: boolean;
  /** Seconds since 1970 (if_tsoffset applied). */
  seconds: number;
  /**
   * Fraction in nanoseconds, 0 … 999,999,999 for well-formed files. For malformed pcap
   * timestamps it is what wiretap computes (a 32-bit signed value: may be ≥ 1e9 or negative),
   * so `formatEpochTime` prints what tshark prints.
   */
  nanoseconds: number;
  linkType: number;
  /** Index into `CaptureInfo.interfaces` (0 for pcap). */
  interfaceId: number;
  /** Packet `opt_comment`s (pcapng), or null when there are none. */
  comments: string[] | null;
  /**
   * Set for a record made from a pcapng Custom Block (tshark 4.0 lists those as frames):
   * then `linkType` is `CUSTOM_BLOCK_LINK_TYPE`, `interfaceId` is -1, there is no timestamp
   * and `data` is the custom data (with any options), without the PEN.
   */
  customBlock: CustomBlockInfo | null;
  /** The read buffer and where this packet's bytes start in it (see the aliasing contract). */
  bytes: Uint8Array;
  dataOffset: number;
  /** `bytes.subarray(dataOffset, dataOffset + capturedLength)`. */
  readonly data: Uint8Array;
}

export interface CustomBlockInfo {
  privateEnterpriseNumber: number;
  copyAllowed: boolean;
}

export interface ScanOptions {
  /** Checked between chunks; when aborted the scan resolves with `complete: false`. */
  signal?: AbortSignal;
  /** Called after each chunk with the bytes consumed so far and the current file size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /**
   * The file is still being written (live capture): a partial record at the end is not an
   * error; the scan stops before it and the next `scan` resumes there.
   */
  growing?: boolean;
}

export interface ScanResult {
  /** Packets delivered by this call. */
  packets: number;
  /** Where the next `scan` call continues. */
  nextOffset: number;
  /**
   * True when the scan reached the end of the file, or stopped for good at damage. False when
   * aborted, or (growing files) when it stopped before a partial record.
   */
  complete: boolean;
  /**
   * Set when packets were delivered but the file then ended in the middle of a packet
   * (tshark's "appears to have been cut short" sentence) or was damaged after them. Not set
   * for growing files, whose partial last record is expected.
   */
  warning?: string;
}

/** An open capture file. Call `close()` when done (it also removes a decompressed temp file). */
export interface CaptureFile {
  readonly path: string;
  readonly info: CaptureInfo;
  /**
   * Reads one packet's bytes (synchronously, positional) into a fresh buffer: used for the
   * on-demand tree path. `fileOffset` and `capturedLength` come from a `PacketRecord`.
   */
  readPacket(fileOffset: number, capturedLength: number): Uint8Array;
  /** Streams packets from where the previous scan stopped (the first packet, initially). */
  scan(onPacket: (record: PacketRecord) => void, options?: ScanOptions): Promise<ScanResult>;
  close(): void;
}
