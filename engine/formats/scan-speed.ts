// Measures raw scan speed (no dissection): writes a 1,000,000-packet, ~540 MB pcap and the
// same packets as pcapng to a temporary folder, then opens and scans each.
// Run: npx esbuild engine/formats/scan-speed.ts --bundle --platform=node --format=esm \
//        --outfile=/tmp/scan-speed.mjs && node /tmp/scan-speed.mjs [packets]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PcapWriter, PcapngWriter, openCaptureFile } from './index';

const packetCount = Number(process.argv[2] ?? 1_000_000);
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'packetlens-scan-speed-'));

/** Frame sizes cycling 60…1514 bytes; the mean is ~524, so 1M records make ~540 MB of pcap. */
function frameLength(index: number): number {
  return 60 + ((index * 7919) % 929);
}

function writeFiles(): { pcap: string; pcapng: string } {
  const pcap = path.join(directory, 'bench.pcap');
  const pcapng = path.join(directory, 'bench.pcapng');
  const frame = new Uint8Array(1514).map((_, index) => index & 0xff);
  let started = performance.now();
  const pcapWriter = new PcapWriter(pcap, { linkType: 1 });
  for (let index = 0; index < packetCount; index++) {
    pcapWriter.write(1_700_000_000 + (index >> 12), (index & 4095) * 244_140, frame.subarray(0, frameLength(index)));
  }
  pcapWriter.close();
  report('write pcap', performance.now() - started, fs.statSync(pcap).size);
  started = performance.now();
  const pcapngWriter = new PcapngWriter(pcapng, { interfaces: [{ linkType: 1 }] });
  for (let index = 0; index < packetCount; index++) {
    pcapngWriter.write(1_700_000_000 + (index >> 12), (index & 4095) * 244_140, frame.subarray(0, frameLength(index)));
  }
  pcapngWriter.close();
  report('write pcapng', performance.now() - started, fs.statSync(pcapng).size);
  return { pcap, pcapng };
}

function report(what: string, milliseconds: number, bytes: number): void {
  const perSecond = (packetCount / milliseconds) * 1000;
  console.log(`${what.padEnd(28)} ${milliseconds.toFixed(0).padStart(6)} ms  ${(perSecond / 1e6).toFixed(2)} M packets/s  ${((bytes / milliseconds) * 1000 / 1e6).toFixed(0)} MB/s`);
}

async function measureScan(label: string, file: string, touchData: boolean): Promise<void> {
  const started = performance.now();
  const capture = await openCaptureFile(file);
  let lengths = 0;
  const result = await capture.scan(touchData
    ? (record) => { lengths += record.data[12]; }
    : (record) => { lengths += record.capturedLength; });
  capture.close();
  if (result.packets !== packetCount) throw new Error(`${label}: expected ${packetCount} packets, got ${result.packets}`);
  report(label, performance.now() - started, fs.statSync(file).size);
  if (lengths < 0) console.log(lengths); // keep the work observable
}

async function main(): Promise<void> {
  try {
    const { pcap, pcapng } = writeFiles();
    for (let round = 0; round < 2; round++) {
      await measureScan(`scan pcap (round ${round + 1})`, pcap, false);
      await measureScan(`scan pcapng (round ${round + 1})`, pcapng, false);
    }
    await measureScan('scan pcap + record.data', pcap, true);
    await measureScan('scan pcapng + record.data', pcapng, true);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

await main();
