import { extname } from 'node:path';
import { writeCaptureFile, type PacketToWrite } from '../formats/index.js';
import type { CaptureSession } from './capture-session.js';

export type ExportFormat = 'pcap' | 'pcapng';

/** The format a path asks for by its extension: `.pcap`/`.cap` pcap, anything else pcapng (tshark's default). */
export function formatForPath(path: string): ExportFormat {
  const extension = extname(path).toLowerCase();
  return extension === '.pcap' || extension === '.cap' || extension === '.dmp' ? 'pcap' : 'pcapng';
}

/**
 * Writes the given frames (1-based, any iterable in the order wanted) of a session to a new
 * capture file, with the source file's interfaces, and returns how many were written. Bytes are
 * read back from the source file one frame at a time, so exports of any size use little memory.
 */
export function exportFrames(session: CaptureSession, frames: Iterable<number>, path: string, format: ExportFormat): number {
  const interfaces = session.file.info.interfaces.map((described) => ({
    linkType: described.linkType,
    snapLength: described.snapLength || undefined,
    name: described.name ?? undefined,
    description: described.description ?? undefined,
  }));
  if (interfaces.length === 0) interfaces.push({ linkType: session.store.linkType[0] ?? 1, snapLength: undefined, name: undefined, description: undefined });
  const store = session.store;
  function* packets(): Generator<PacketToWrite> {
    for (const frame of frames) {
      const index = frame - 1;
      yield {
        seconds: store.seconds[index],
        nanoseconds: store.nanoseconds[index],
        data: session.bytes(frame),
        originalLength: store.originalLength[index],
        interfaceId: Math.min(store.interfaceId[index], interfaces.length - 1),
      };
    }
  }
  return writeCaptureFile(path, format, interfaces, packets());
}
