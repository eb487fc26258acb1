import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArguments, UsageError } from '../cli/arguments.js';
import { buildCli, captureUnavailableReason, cli, delay, hasCommand, sendUdp, udpReceiver } from './capture-test-support.js';
import { LiveCapture } from './live-capture.js';

const unavailable = captureUnavailableReason();
const canCheckWithTshark = hasCommand('tshark');

/** Packets in `path` per tshark (independent reader); fails the test when tshark reports an error. */
function tsharkUdpLengths(path: string): number[] {
  const result = spawnSync('tshark', ['-n', '-r', path, '-T', 'fields', '-e', 'udp.length'], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  // Nothing but tshark's running-as-root notice (a cut-short or corrupt file is reported here).
  expect(result.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('Running as user'))).toEqual([]);
  return result.stdout.split('\n').filter(Boolean).map(Number);
}

describe('-b ring buffer arguments', () => {
  it('reads -b filesize:KB -b files:N as tshark', () => {
    expect(parseArguments(['-i', 'lo', '-w', 'out.pcapng', '-b', 'filesize:100', '-b', 'files:3']).ringBuffer).toEqual({ filesize: 100, files: 3 });
  });

  it('refuses a ring without -w, files without filesize, and unknown conditions', () => {
    expect(() => parseArguments(['-i', 'lo', '-b', 'filesize:100'])).toThrow(UsageError);
    expect(() => parseArguments(['-i', 'lo', '-w', 'x', '-b', 'files:3'])).toThrow('-b files:N needs -b filesize:KB');
    expect(() => parseArguments(['-i', 'lo', '-w', 'x', '-b', 'interval:3'])).toThrow('use filesize:KB or files:N');
    expect(() => parseArguments(['-i', 'lo', '-w', 'x', '-b', 'filesize:0'])).toThrow('positive whole number');
  });
});

describe.skipIf(unavailable !== null || !canCheckWithTshark)('ring buffer capture on lo (traffic to 127.0.0.1 only)', () => {
  let directory = '';
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'packetlens-ring-'));
    buildCli();
  }, 120_000);
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('switches files before they pass the size, keeps the newest N, each readable by tshark', async () => {
    const receiver = await udpReceiver();
    const bytesPerFile = 3000;
    const capture = await LiveCapture.start({
      interfaceName: 'lo', filter: `udp dst port ${receiver.port}`, source: 'cap',
      path: join(directory, 'ring.pcapng'), ringBuffer: { files: 3, bytesPerFile },
    });
    const newFiles: string[] = [];
    capture.onNewFile = (path) => newFiles.push(path);
    // 40 datagrams of 200 payload bytes: each packet block is 32 + 244 = 276 bytes (RFC pcapng
    // EPB: 28 fixed + 14 Ethernet + 20 IP + 8 UDP + 200 data, padded to 4, + 4 trailing length).
    await sendUdp(receiver.port, 40, 200);
    await delay(300);
    await capture.stop();
    receiver.close();

    const kept = capture.paths;
    expect(kept).toHaveLength(3);
    expect(kept.map((path) => basename(path))).toEqual(kept.map((_, index) => expect.stringMatching(new RegExp(`^ring_0000${newFiles.length - 1 + index}_\\d{14}\\.pcapng$`))));
    expect(readdirSync(directory).filter((name) => name.startsWith('ring_')).sort()).toEqual(kept.map((path) => basename(path)).sort());
    const sizes = kept.map((path) => statSync(path).size);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(bytesPerFile);
    // Full files are full: one more 276-byte block would have passed the limit.
    for (const size of sizes.slice(0, -1)) expect(size + 276).toBeGreaterThan(bytesPerFile);
    const lengths = kept.map(tsharkUdpLengths);
    for (const fileLengths of lengths) for (const length of fileLengths) expect(length).toBe(208);
    const keptPackets = lengths.reduce((sum, fileLengths) => sum + fileLengths.length, 0);
    // The deleted files held the rest; every file but the newest holds the same count.
    expect(lengths[0].length).toBe(lengths[1].length);
    expect(keptPackets + (newFiles.length + 1 - 3) * lengths[0].length).toBe(40);
    expect(capture.statistics().packets).toBe(40);
  });

  it('dissect -i lo -w OUT -b filesize:KB -b files:N leaves N tshark-readable files of at most KB kB', async () => {
    const receiver = await udpReceiver();
    const out = join(directory, 'cli');
    mkdirSync(out);
    const child = spawn(process.execPath, [cli, '-i', 'lo', '-f', `udp dst port ${receiver.port}`, '-c', '30', '-w', join(out, 'out.pcapng'), '-b', 'filesize:2', '-b', 'files:2'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const exited = new Promise<number | null>((done) => child.on('close', done));
    await new Promise<void>((done) => child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('Capturing on')) done();
    }));
    await sendUdp(receiver.port, 30, 100);
    expect(await exited).toBe(0);
    receiver.close();
    expect(stderr).toContain('30 packets captured');
    const names = readdirSync(out).sort();
    expect(names).toEqual([expect.stringMatching(/^out_\d{5}_\d{14}\.pcapng$/), expect.stringMatching(/^out_\d{5}_\d{14}\.pcapng$/)]);
    // 30 blocks of 32 + 144 bytes make 3 files of 2000 bytes: the first was deleted.
    expect(names.map((name) => name.slice(4, 9))).toEqual(['00002', '00003']);
    for (const name of names) {
      expect(statSync(join(out, name)).size).toBeLessThanOrEqual(2000);
      for (const length of tsharkUdpLengths(join(out, name))) expect(length).toBe(108);
    }
  }, 30_000);
});
