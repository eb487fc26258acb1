import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';

export function isGzipMagic(first: Uint8Array): boolean {
  return first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b;
}

export interface Decompressed {
  path: string;
  /** Set when the compressed stream was damaged or cut short; the output holds what came out before. */
  problem: string | null;
  remove(): void;
}

/**
 * Decompresses a gzip file (all members) to a fresh temporary file with zlib streaming, so
 * the capture can be read with random access without holding it in memory.
 */
export async function decompressToTemporaryFile(sourcePath: string): Promise<Decompressed> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'packetlens-gunzip-'));
  const target = path.join(directory, path.basename(sourcePath).replace(/\.gz$/i, '') || 'capture');
  const remove = (): void => fs.rmSync(directory, { recursive: true, force: true });
  let problem: string | null = null;
  try {
    await pipeline(
      fs.createReadStream(sourcePath, { highWaterMark: 1 << 20 }),
      zlib.createGunzip({ chunkSize: 1 << 20 }),
      fs.createWriteStream(target, { highWaterMark: 1 << 20 }),
    );
  } catch (error) {
    if (!fs.existsSync(target)) {
      remove();
      throw error;
    }
    problem = error instanceof Error ? error.message : String(error);
  }
  return { path: target, problem, remove };
}
