import * as fs from 'node:fs';

/**
 * A minimal pcap/pcapng reader for tests that compare dissection with tshark's reference
 * output on real captures. Reads the whole file; understands classic pcap (both byte orders,
 * micro- and nanosecond) and pcapng enhanced/simple packet blocks with per-interface link
 * types. Not the engine's reader: tests of dissectors must not depend on it.
 */
export interface TestPacket {
  number: number;
  linkType: number;
  seconds: number;
  nanoseconds: number;
  originalLength: number;
  data: Uint8Array;
}

export function readCapture(path: string): TestPacket[] {
  const file = new Uint8Array(fs.readFileSync(path));
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const magic = view.getUint32(0, false);
  if (magic === 0x0a0d0d0a) return readPcapng(file, view);
  return readPcap(file, view);
}

function readPcap(file: Uint8Array, view: DataView): TestPacket[] {
  const magicLe = view.getUint32(0, true);
  const little = magicLe === 0xa1b2c3d4 || magicLe === 0xa1b23c4d;
  const nano = (little ? magicLe : view.getUint32(0, false)) === 0xa1b23c4d;
  const linkType = view.getUint32(20, little) & 0x0fffffff;
  const packets: TestPacket[] = [];
  for (let offset = 24; offset + 16 <= file.length;) {
    const seconds = view.getUint32(offset, little);
    const fraction = view.getUint32(offset + 4, little);
    const captured = view.getUint32(offset + 8, little);
    const original = view.getUint32(offset + 12, little);
    if (offset + 16 + captured > file.length) break;
    packets.push({ number: packets.length + 1, linkType, seconds, nanoseconds: nano ? fraction : fraction * 1000, originalLength: original, data: file.subarray(offset + 16, offset + 16 + captured) });
    offset += 16 + captured;
  }
  return packets;
}

function readPcapng(file: Uint8Array, view: DataView): TestPacket[] {
  const packets: TestPacket[] = [];
  let little = true;
  let interfaces: { linkType: number; unitsPerSecond: number }[] = [];
  for (let offset = 0; offset + 12 <= file.length;) {
    if (view.getUint32(offset, false) === 0x0a0d0d0a) {
      little = view.getUint32(offset + 8, true) === 0x1a2b3c4d;
      interfaces = [];
    }
    const type = view.getUint32(offset, little);
    const length = view.getUint32(offset + 4, little);
    if (length < 12 || offset + length > file.length) break;
    if (type === 1) {
      let unitsPerSecond = 1e6;
      for (let option = offset + 16; option + 4 <= offset + length - 4;) {
        const code = view.getUint16(option, little);
        const size = view.getUint16(option + 2, little);
        if (code === 0) break;
        if (code === 9) {
          const resolution = file[option + 4];
          unitsPerSecond = resolution & 0x80 ? 2 ** (resolution & 0x7f) : 10 ** resolution;
        }
        option += 4 + ((size + 3) & ~3);
      }
      interfaces.push({ linkType: view.getUint16(offset + 8, little), unitsPerSecond });
    } else if (type === 6) {
      const iface = interfaces[view.getUint32(offset + 8, little)];
      const units = view.getUint32(offset + 12, little) * 2 ** 32 + view.getUint32(offset + 16, little);
      const captured = view.getUint32(offset + 20, little);
      const seconds = Math.floor(units / iface.unitsPerSecond);
      const nanoseconds = Math.round(((units - seconds * iface.unitsPerSecond) / iface.unitsPerSecond) * 1e9);
      packets.push({ number: packets.length + 1, linkType: iface.linkType, seconds, nanoseconds, originalLength: view.getUint32(offset + 24, little), data: file.subarray(offset + 28, offset + 28 + captured) });
    } else if (type === 3) {
      const original = view.getUint32(offset + 8, little);
      packets.push({ number: packets.length + 1, linkType: interfaces[0].linkType, seconds: 0, nanoseconds: 0, originalLength: original, data: file.subarray(offset + 12, offset + 12 + Math.min(original, length - 16)) });
    }
    offset += length;
  }
  return packets;
}

/** Writes frames as a classic little-endian microsecond pcap (for running tshark on crafted packets). */
export function pcapBytes(frames: Uint8Array[], linkType: number): Uint8Array {
  const size = 24 + frames.reduce((total, frame) => total + 16 + frame.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, 65535, true);
  view.setUint32(20, linkType, true);
  let offset = 24;
  frames.forEach((frame, index) => {
    view.setUint32(offset, 1000 + index, true);
    view.setUint32(offset + 8, frame.length, true);
    view.setUint32(offset + 12, frame.length, true);
    out.set(frame, offset + 16);
    offset += 16 + frame.length;
  });
  return out;
}
