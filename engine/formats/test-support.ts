// Helpers shared by the engine/formats tests (not part of the public surface).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CaptureFile, PacketRecord, ScanOptions, ScanResult } from './types';

export function temporaryDirectory(): { path: string; file(name: string): string; remove(): void } {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'packetlens-formats-test-'));
  return {
    path: directory,
    file: (name) => path.join(directory, name),
    remove: () => fs.rmSync(directory, { recursive: true, force: true }),
  };
}

export const tsharkAvailable = spawnSync('tshark', ['-v'], { stdio: 'ignore' }).status === 0;

/** tshark's frames (tab-separated `fields`) and complaint for a file. */
export function tshark(filePath: string, fields: string[]): { rows: string[][]; stderr: string } {
  const args = ['-n', '-r', filePath, '-T', 'fields', ...fields.flatMap((field) => ['-e', field])];
  const run = spawnSync('tshark', args, { encoding: 'utf8', env: { ...process.env, TZ: 'UTC', LC_ALL: 'C.UTF-8' } });
  const rows = run.stdout.split('\n').filter((line) => line !== '').map((line) => line.split('\t'));
  const stderr = run.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('Running as user')).join('\n');
  return { rows, stderr };
}

export function hasCommand(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A copy of one scanned record (the scanner reuses its record object and buffer). */
export interface ScannedPacket {
  fileOffset: number;
  capturedLength: number;
  originalLength: number;
  hasTimestamp: boolean;
  seconds: number;
  nanoseconds: number;
  linkType: number;
  interfaceId: number;
  comments: string[] | null;
  data: Uint8Array;
}

export function copyRecord(record: PacketRecord): ScannedPacket {
  return {
    fileOffset: record.fileOffset,
    capturedLength: record.capturedLength,
    originalLength: record.originalLength,
    hasTimestamp: record.hasTimestamp,
    seconds: record.seconds,
    nanoseconds: record.nanoseconds,
    linkType: record.linkType,
    interfaceId: record.interfaceId,
    comments: record.comments === null ? null : [...record.comments],
    data: record.data.slice(),
  };
}

export async function scanAll(capture: CaptureFile, options?: ScanOptions): Promise<{ packets: ScannedPacket[]; result: ScanResult }> {
  const packets: ScannedPacket[] = [];
  const result = await capture.scan((record) => packets.push(copyRecord(record)), options);
  return { packets, result };
}

/** Deterministic packet bytes: `length` bytes starting at `seed`, counting up mod 256. */
export function patternBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let index = 0; index < length; index++) bytes[index] = (seed + index) & 0xff;
  return bytes;
}
