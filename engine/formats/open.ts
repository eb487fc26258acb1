import * as fs from 'node:fs';
import { OpenCaptureFile } from './capture-file';
import { CaptureFileError, FormatProblem, captureFileError } from './errors';
import { decompressToTemporaryFile, isGzipMagic } from './gzip';
import { ScanRecord } from './packet-record';
import { PCAP_FILE_HEADER_LENGTH, PcapRecordParser, isPcapMagic, parsePcapHeader, pcapInfo } from './pcap-reader';
import { BLOCK_INTERFACE_DESCRIPTION, BLOCK_SECTION_HEADER, PcapngBlockParser, emptyPcapngInfo } from './pcapng-reader';
import type { CaptureFile } from './types';
import { readFully } from './chunked-scan';

/**
 * Opens a capture file, detecting the format by its magic: pcap (microsecond or nanosecond,
 * either byte order), pcapng (either byte order), or either of them gzip-compressed (then
 * decompressed to a temporary file that `close()` deletes). Reads only the headers; packets
 * come from `scan`. Rejects with a `CaptureFileError` when the file is not a capture, uses an
 * unsupported version, or its headers are damaged or cut short.
 */
export async function openCaptureFile(filePath: string): Promise<CaptureFile> {
  const first = readStart(filePath, 4);
  if (!isGzipMagic(first)) return openUncompressed(filePath, filePath, false, () => {});
  let decompressed;
  try {
    decompressed = await decompressToTemporaryFile(filePath);
  } catch (error) {
    throw captureFileError('corrupt', filePath, `gzip: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return openUncompressed(decompressed.path, filePath, true, decompressed.remove);
  } catch (error) {
    decompressed.remove();
    throw error;
  }
}

function readStart(filePath: string, length: number): Uint8Array {
  let fileDescriptor: number;
  try {
    fileDescriptor = fs.openSync(filePath, 'r');
  } catch (error) {
    throw captureFileError('io', filePath, error instanceof Error ? error.message : String(error));
  }
  try {
    const bytes = new Uint8Array(length);
    return bytes.subarray(0, readFully(fileDescriptor, bytes, length, 0));
  } finally {
    fs.closeSync(fileDescriptor);
  }
}

/** `readPath` is the file to read (maybe a decompressed copy); messages name `shownPath`. */
function openUncompressed(readPath: string, shownPath: string, compressed: boolean, onClose: () => void): CaptureFile {
  const fileDescriptor = fs.openSync(readPath, 'r');
  try {
    const fileSize = fs.fstatSync(fileDescriptor).size;
    if (fileSize === 0) throw new CaptureFileError('not-capture', `The file "${shownPath}" is empty.`);
    const magicBytes = new Uint8Array(4);
    const magicLength = readFully(fileDescriptor, magicBytes, 4, 0);
    const magic = magicLength === 4 ? new DataView(magicBytes.buffer).getUint32(0, true) : -1;
    let opened: CaptureFile;
    if (isPcapMagic(magic)) opened = openPcap(fileDescriptor, shownPath, fileSize, compressed, onClose);
    else if (magic === BLOCK_SECTION_HEADER) opened = openPcapng(fileDescriptor, shownPath, fileSize, compressed, onClose);
    else throw captureFileError('not-capture', shownPath);
    return opened;
  } catch (error) {
    fs.closeSync(fileDescriptor);
    if (error instanceof FormatProblem) throw captureFileError(error.kind, shownPath, error.detail);
    throw error;
  }
}

function openPcap(fileDescriptor: number, shownPath: string, fileSize: number,
  compressed: boolean, onClose: () => void): CaptureFile {
  const header = new Uint8Array(PCAP_FILE_HEADER_LENGTH);
  if (readFully(fileDescriptor, header, header.length, 0) < header.length) throw captureFileError('cut-short', shownPath);
  const parsed = parsePcapHeader(header);
  const info = pcapInfo(parsed, fileSize, compressed);
  return new OpenCaptureFile(shownPath, info, fileDescriptor, new PcapRecordParser(parsed), PCAP_FILE_HEADER_LENGTH, onClose);
}

/**
 * Reads the first Section Header Block and the Interface Description Blocks right after it
 * (as wiretap does when opening), so `info` describes the interfaces before the first packet.
 */
function openPcapng(fileDescriptor: number, shownPath: string, fileSize: number,
  compressed: boolean, onClose: () => void): CaptureFile {
  const info = emptyPcapngInfo(fileSize, compressed);
  const parser = new PcapngBlockParser(info, (fileOffset, length) => {
    const bytes = new Uint8Array(length);
    return bytes.subarray(0, readFully(fileDescriptor, bytes, length, fileOffset));
  });
  const record = new ScanRecord();
  let offset = 0;
  while (true) {
    const head = new Uint8Array(12);
    if (readFully(fileDescriptor, head, head.length, offset) < head.length) {
      if (offset === 0) throw captureFileError('cut-short', shownPath);
      break;
    }
    const headView = new DataView(head.buffer);
    if (offset > 0 && parser.blockType(headView, 0) !== BLOCK_INTERFACE_DESCRIPTION) break;
    parser.neededBytes = 0;
    let consumed = parseFirstBlocks(parser, head, offset, record, shownPath);
    if (consumed === 0) {
      const block = new Uint8Array(parser.neededBytes);
      if (readFully(fileDescriptor, block, block.length, offset) < block.length) {
        if (offset === 0) throw captureFileError('cut-short', shownPath);
        break; // a growing file: the scan waits for the rest
      }
      consumed = parseFirstBlocks(parser, block, offset, record, shownPath);
    }
    offset += consumed;
  }
  return new OpenCaptureFile(shownPath, info, fileDescriptor, parser, offset, onClose);
}

/** A bad byte-order magic in the very first block means "not pcapng at all", as for wiretap. */
function parseFirstBlocks(parser: PcapngBlockParser, block: Uint8Array, offset: number, record: ScanRecord, shownPath: string): number {
  try {
    return parser.parseBlock(block, new DataView(block.buffer), 0, block.length, offset, record, () => {});
  } catch (error) {
    if (offset === 0 && error instanceof FormatProblem && error.detail.includes('byte-order magic')) throw captureFileError('not-capture', shownPath);
    throw error;
  }
}
