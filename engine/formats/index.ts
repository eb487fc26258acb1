/**
 * Capture files: streaming readers for pcap and pcapng (optionally gzip-compressed) and
 * synchronous buffered writers. See `types.ts` for the record aliasing contract.
 */
export { openCaptureFile } from './open';
export { CaptureFileError, type CaptureFileErrorKind } from './errors';
export { CUSTOM_BLOCK_LINK_TYPE } from './pcapng-reader';
export type { CustomBlockInfo, CaptureFile, CaptureFormat, CaptureInfo, InterfaceInfo, PacketRecord, ScanOptions, ScanResult } from './types';
export { formatEpochTime } from './time-format';
export { PcapWriter, type PcapWriterOptions } from './pcap-writer';
export { PcapngWriter, type PcapngInterfaceOptions, type PcapngWriterOptions } from './pcapng-writer';
export { writeCaptureFile, type PacketToWrite } from './write-capture-file';
