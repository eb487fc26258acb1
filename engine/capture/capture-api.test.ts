import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaptureSession } from '../session/capture-session.js';
import { createCaptureApi, type CaptureEvent, type CaptureHost } from './capture-api.js';
import { captureUnavailableReason, delay, sendUdp, udpReceiver } from './capture-test-support.js';

const unavailable = captureUnavailableReason();

/** A stand-in for the engine API: records what the capture module asks of it. */
function fakeHost() {
  const events: Array<{ at: number; event: CaptureEvent }> = [];
  const framesSeenWhileRunning: number[] = [];
  let adopted: { session: CaptureSession; name: string; directory: string | null } | null = null;
  const adoptedPaths: string[] = [];
  let done = false;
  const host: CaptureHost = {
    emit: (event) => { events.push({ at: performance.now(), event }); },
    adopt: async (session, name, directory) => {
      adopted = { session, name, directory };
      adoptedPaths.push(session.path);
    },
    changed: (session, finished) => {
      if (!finished) framesSeenWhileRunning.push(session.frameCount);
      else done = true;
    },
  };
  return { host, events, framesSeenWhileRunning, adoptedPaths, adopted: () => adopted, done: () => done };
}

describe('capture API', () => {
  it('lists interfaces with a packet rate from the second call on', async () => {
    const api = createCaptureApi(fakeHost().host);
    const first = await api.interfaces();
    expect(first.find((described) => described.name === 'lo')).toMatchObject({ loopback: true, packetsPerSecond: null });
    await delay(50);
    const second = await api.interfaces();
    expect(second.find((described) => described.name === 'lo')!.packetsPerSecond).toBeGreaterThanOrEqual(0);
  });

  it('rejects options a renderer should not send', async () => {
    const api = createCaptureApi(fakeHost().host);
    await expect(api.startCapture({ interfaceName: 'lo', snapLength: -1 })).rejects.toThrow('snapLength must be a whole number');
    await expect(api.startCapture({ interfaceName: 42 as unknown as string })).rejects.toThrow('interfaceName must be a string');
    await expect(api.startCapture({ interfaceName: 'lo', ringBuffer: { files: 0, megabytes: 1 } })).rejects.toThrow('ringBuffer.files must be a whole number');
    await expect(api.startCapture({ interfaceName: 'lo', ringBuffer: { files: 2, megabytes: 0.5 } })).rejects.toThrow('ringBuffer.megabytes must be a whole number');
    await expect(api.startCapture({ interfaceName: 'lo', ringBuffer: 'big' as unknown as { files: number; megabytes: number } })).rejects.toThrow('ringBuffer must be { files, megabytes }');
  });

  it.skipIf(unavailable !== null)(`captures into the open capture, indexed while it grows, with ≤ 10 status events per second${unavailable ? ` (skipped: ${unavailable})` : ''}`, async () => {
    const fake = fakeHost();
    const api = createCaptureApi(fake.host);
    const receiver = await udpReceiver();
    const started = await api.startCapture({ interfaceName: 'lo', filter: `udp dst port ${receiver.port}` });
    expect(started).toMatchObject({ interfaceName: 'lo', running: true, source: 'cap' });
    expect(fake.adopted()?.name).toBe('Capturing from lo');
    await sendUdp(receiver.port, 300, 16);
    await delay(400);
    const midway = fake.adopted()!.session.frameCount;
    await sendUdp(receiver.port, 200, 16);
    await delay(600);
    const stopped = await api.stopCapture();
    receiver.close();
    expect(stopped).toMatchObject({ running: false, packets: 500, stopReason: 'stopped' });
    // Indexed while capturing, then all of it.
    expect(midway).toBe(300);
    expect(fake.framesSeenWhileRunning.some((frames) => frames > 0 && frames < 500)).toBe(true);
    expect(fake.adopted()!.session.frameCount).toBe(500);
    expect(fake.done()).toBe(true);
    // Status events: no two within 100 ms (≤ 10 per second), except the final one.
    const statusTimes = fake.events.filter(({ event }) => event.type === 'captureStatus').map(({ at }) => at);
    expect(statusTimes.length).toBeGreaterThan(3);
    for (let index = 1; index < statusTimes.length - 1; index++) expect(statusTimes[index] - statusTimes[index - 1]).toBeGreaterThanOrEqual(100);
    await fake.adopted()!.session.dispose();
    rmSync(fake.adopted()!.directory!, { recursive: true, force: true });
  });

  it.skipIf(unavailable !== null)('with a ring buffer, the open capture follows the newest file; 2 files of at most 1 MB stay', async () => {
    const fake = fakeHost();
    const api = createCaptureApi(fake.host);
    const receiver = await udpReceiver();
    await api.startCapture({ interfaceName: 'lo', filter: `udp dst port ${receiver.port}`, ringBuffer: { files: 2, megabytes: 1 } });
    // 3000 packet blocks of 32 + 1044 bytes (14 + 20 + 8 + 1000, padded) ≈ 3.2 MB: four files.
    await sendUdp(receiver.port, 3000, 1000);
    await delay(400);
    const stopped = await api.stopCapture();
    receiver.close();
    expect(stopped).toMatchObject({ stopReason: 'stopped' });
    // About 929 blocks fit in 1 MB: all 3000 make four files (a busy machine may drop a few).
    const files = Math.ceil(stopped!.packets / Math.floor((1_000_000 - 200) / 1076));
    expect(stopped!.packets).toBeGreaterThan(2000);
    expect(fake.adopted()!.directory).toBeNull();
    expect(fake.adoptedPaths.map((path) => basename(path))).toEqual(Array.from({ length: files }, (_, index) => expect.stringMatching(new RegExp(`^lo_0000${index + 1}_\\d{14}\\.pcapng$`))));
    const directory = dirname(fake.adoptedPaths[0]);
    const kept = readdirSync(directory).sort();
    expect(kept).toEqual(fake.adoptedPaths.slice(-2).map((path) => basename(path)));
    for (const name of kept) expect(statSync(join(directory, name)).size).toBeLessThanOrEqual(1_000_000);
    // The open capture is the newest file, indexed to the end: tshark counts the same frames.
    const newest = fake.adoptedPaths[files - 1];
    const counted = spawnSync('tshark', ['-n', '-r', newest, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8' });
    const newestFrames = counted.stdout.split('\n').filter(Boolean).length;
    expect(newestFrames).toBeGreaterThan(0);
    expect(fake.adopted()!.session.frameCount).toBe(newestFrames);
    expect(fake.done()).toBe(true);
    await fake.adopted()!.session.dispose();
    await api.dispose();
    expect(existsSync(directory)).toBe(false);
  });

  it.skipIf(unavailable !== null)('reports a bad capture filter with libpcap\'s text', async () => {
    const api = createCaptureApi(fakeHost().host);
    expect(await api.checkCaptureFilter('tcp prt 1', 'lo')).toMatchObject({ valid: false, message: 'can\'t parse filter expression: syntax error', checkedBy: 'interface' });
    await expect(api.startCapture({ interfaceName: 'lo', filter: 'tcp prt 1' })).rejects.toThrow('can\'t parse filter expression: syntax error');
  });
});
