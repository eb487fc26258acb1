/**
 * Capture throughput on `lo` for the benchmark: sends UDP datagrams at fixed rates from a
 * child process and finds the highest rate at which the capture (libpcap binding → temporary
 * pcapng → incremental index, the app's path) keeps every packet, then runs tcpdump at that
 * rate for comparison. Needs root (or capture rights) and the libpcap binding.
 *
 *   const result = await measureCaptureRate();   // from engine/bench
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCaptureFile } from '../formats/index.js';
import { CaptureSession } from '../session/capture-session.js';
import { LiveCapture } from './live-capture.js';

export interface RateStep {
  /** Packets per second asked of the sender, and what it achieved. */
  targetRate: number;
  sentRate: number;
  sent: number;
  captured: number;
  /** Packets indexed by the summary path when the capture stopped. */
  indexed: number;
  lost: number;
  /** How long after the sender finished the capture caught up (the backlog it had). */
  lagMs: number;
}

export interface CaptureRateResult {
  steps: RateStep[];
  /** Highest achieved rate with every packet captured and indexed (0 if none). */
  highestLosslessRate: number;
  /** tcpdump at that target rate (null when tcpdump is missing). */
  tcpdump: { targetRate: number; sentRate: number; sent: number; captured: number; droppedByKernel: number | null } | null;
}

export interface CaptureRateOptions {
  rates?: number[];
  seconds?: number;
  payloadBytes?: number;
  port?: number;
  /** Which capture source to measure (default the libpcap binding). */
  source?: 'cap' | 'dumpcap';
  /** Kernel buffer (default LiveCapture's, 32 MiB; see CapSource on ring slots). */
  bufferBytes?: number;
}

/** The sender: `rate` datagrams per second for `count` datagrams, paced per millisecond. */
const senderSource = `
const dgram = require('dgram');
const [port, rate, count, size] = process.argv.slice(1).map(Number);
const socket = dgram.createSocket('udp4');
const payload = Buffer.alloc(size, 0x61);
let sent = 0;
let confirmed = 0;
let answered = 0;
const start = process.hrtime.bigint();
// Unconnected: a connected socket would fail sends on the ICMP port-unreachable replies.
socket.bind(0, '127.0.0.1', () => {
  const tick = () => {
    const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    const due = Math.min(count, Math.floor(elapsed * rate));
    for (; sent < due; sent++) socket.send(payload, port, '127.0.0.1', (error) => { if (!error) confirmed++; if (++answered === count) finish(); });
    if (sent < count) setImmediate(tick);
  };
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    // Only datagrams the kernel accepted count as sent.
    socket.close(() => process.stdout.write(JSON.stringify({ sent: confirmed, seconds })));
  };
  tick();
});`;

async function send(port: number, rate: number, count: number, size: number): Promise<{ sent: number; seconds: number }> {
  const child = spawn(process.execPath, ['-e', senderSource, String(port), String(rate), String(count), String(size)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  await new Promise<void>((done) => child.on('close', () => done()));
  return JSON.parse(output) as { sent: number; seconds: number };
}

const settle = (milliseconds: number): Promise<void> => new Promise((done) => setTimeout(done, milliseconds));

/**
 * Waits until `count()` reaches `target` or stops growing for 500 ms (at most 20 s): packets
 * still queued in the kernel ring when a capture closes are discarded, not counted as drops,
 * so stopping right after the sender would measure the lag, not the loss.
 */
async function drained(count: () => number, target: number): Promise<number> {
  const started = performance.now();
  let last = -1;
  let stableSince = performance.now();
  while (performance.now() - started < 20_000) {
    const now = count();
    if (now >= target) break;
    if (now !== last) {
      last = now;
      stableSince = performance.now();
    } else if (performance.now() - stableSince > 500) break;
    await settle(50);
  }
  return performance.now() - started;
}

async function countPackets(path: string): Promise<number> {
  const file = await openCaptureFile(path);
  try {
    return (await file.scan(() => {})).packets;
  } finally {
    file.close();
  }
}

/** One step through the app's path: capture → temp pcapng (flushed) → CaptureSession.index. */
async function captureStep(port: number, rate: number, seconds: number, size: number, source: 'cap' | 'dumpcap', bufferBytes: number | undefined): Promise<RateStep> {
  const live = await LiveCapture.start({ interfaceName: 'lo', filter: `udp dst port ${port}`, source, bufferBytes });
  const session = await CaptureSession.open(live.path);
  let indexing: Promise<unknown> = Promise.resolve();
  live.onFlush = () => { indexing = indexing.then(() => session.index()); };
  try {
    const { sent, seconds: took } = await send(port, rate, Math.round(rate * seconds), size);
    const lagMs = await drained(() => live.statistics().packets, sent);
    await live.stop();
    await indexing;
    await session.index();
    const captured = live.statistics().packets;
    return { targetRate: rate, sentRate: Math.round(sent / took), sent, captured, indexed: session.frameCount, lost: sent - Math.min(captured, session.frameCount), lagMs: Math.round(lagMs) };
  } finally {
    await session.dispose();
    live.discard();
  }
}

async function tcpdumpStep(port: number, rate: number, seconds: number, size: number): Promise<CaptureRateResult['tcpdump']> {
  if (spawnSync('which', ['tcpdump']).status !== 0) return null;
  const directory = mkdtempSync(join(tmpdir(), 'packetlens-rate-'));
  const path = join(directory, 'tcpdump.pcap');
  try {
    // Same kernel buffer as the capture (32 MiB), packets written as they come (-U).
    const child = spawn('tcpdump', ['-i', 'lo', '-B', '32768', '-U', '-w', path, `udp dst port ${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    while (!stderr.includes('listening on')) await settle(20);
    const { sent, seconds: took } = await send(port, rate, Math.round(rate * seconds), size);
    // tcpdump -U writes each packet as it goes: the file's packet count is its progress.
    await drained(() => { try { return statSync(path).size; } catch { return 0; } }, Infinity);
    child.kill('SIGINT');
    await new Promise<void>((done) => child.on('close', () => done()));
    const dropped = /(\d+) packets? dropped by kernel/.exec(stderr);
    return { targetRate: rate, sentRate: Math.round(sent / took), sent, captured: await countPackets(path), droppedByKernel: dropped ? Number(dropped[1]) : null };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export async function measureCaptureRate(options: CaptureRateOptions = {}): Promise<CaptureRateResult> {
  const { rates = [10_000, 25_000, 50_000, 100_000, 150_000, 200_000, 300_000], seconds = 2, payloadBytes = 64, port = 47_123, source = 'cap', bufferBytes } = options;
  const steps: RateStep[] = [];
  for (const rate of rates) {
    const step = await captureStep(port, rate, seconds, payloadBytes, source, bufferBytes);
    steps.push(step);
    if (step.lost > 0) break;
  }
  const lossless = steps.filter((step) => step.lost === 0);
  const best = lossless[lossless.length - 1];
  const highestLosslessRate = best ? best.sentRate : 0;
  const tcpdump = await tcpdumpStep(port, best?.targetRate ?? rates[0], seconds, payloadBytes);
  return { steps, highestLosslessRate, tcpdump };
}
