import { openCaptureFile } from '../../engine/formats/index.js';

/** One frame as the engine's reader delivers it, its bytes copied out of the read buffer. */
export interface CapturedPacket {
  /** 1-based, in file order (pcapng Custom Blocks count as frames, as in tshark). */
  number: number;
  linkType: number;
  data: Uint8Array;
}

/** Every frame of a capture file, read with the engine's own reader (`engine/formats`). */
export async function readCapturePackets(path: string): Promise<CapturedPacket[]> {
  const file = await openCaptureFile(path);
  const packets: CapturedPacket[] = [];
  try {
    await file.scan((record) => {
      packets.push({ number: packets.length + 1, linkType: record.linkType, data: record.data.slice() });
    });
  } finally {
    await file.close();
  }
  return packets;
}
