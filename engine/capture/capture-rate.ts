/**
 * Capture throughput on `lo` for the benchmark: a fast sender (see rate-sender.ts) sends small
 * UDP datagrams to 127.0.0.1 at fixed rates, and each capture tool records them:
 *
 *   - 'cap' and 'dumpcap': the app's path, LiveCapture with that source → temporary pcapng
 *     (flushed) → CaptureSession.index, everything in this process as the engine runs it;
 *   - 'tcpdump': tcpdump writing a pcap file, for comparison.
 *
 * "lost" is datagrams sent minus datagrams captured and indexed (an independent count: the
 * sender reports what the kernel accepted). "kernel dropped" is what the tool's libpcap
 * statistics say (pcap_stats through dumpcap's statistics block or tcpdump's report; the
 * libpcap binding cannot read them: null). Needs root (or capture rights).
 *
 *   for (const line of await captureRateReport()) console.log(line);   // from engine/bench
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCaptureFile } from '../formats/index.js';
import { CaptureSession } from '../session/capture-session.js';
import { loadCap } from './cap-binding.js';
import { LiveCapture } from './live-capture.js';
import { lastSender, sendDatagrams } from './rate-sender.js';

export type RateTool = 'cap' | 'dumpcap' | 'tcpdump';

export interface RateStep {
  tool: RateTool;
  /** Packets per second asked of the sender, and what it achieved. */
  targetRate: number;
  sentRate: number;
  sent: number;
  captured: number;
  /** Packets indexed by the summary path when the capture stopped (null for tcpdump). */
  indexed: number | null;
  lost: number;
  /** Drops libpcap reported (null when the tool cannot tell). */
  kernelDropped: number | null;
  /** How long after the sender finished the capture caught up (the backlog it had). */
  lagMs: number;
}

export interface CaptureRateResult {
  /** 'c' (sendmmsg) or 'node' (limited to a few ten thousand datagrams/s). */
  sender: string;
  steps: RateStep[];
  /** Per tool: the highest achieved rate with every packet captured (and indexed); 0 if none. */
  highestLossless: Partial<Record<RateTool, number>>;
}

export interface CaptureRateOptions {
  rates?: number[];
  seconds?: number;
  payloadBytes?: number;
  port?: number;
  tools?: RateTool[];
  /** Kernel buffer (default LiveCapture's). */
  bufferBytes?: number;
}

export const defaultRates = [10_000, 25_000, 50_000, 100_000, 150_000, 200_000];

const settle = (milliseconds: number): Promise<void> => new Promise((done) => setTimeout(done, milliseconds));

/**
 * Waits until `count()` reaches `target` or stops growing for `quietMs` (at most 20 s): packets
 * still queued in the kernel ring when a capture closes are discarded, not counted as drops,
 * so stopping right after the sender would measure the lag, not the loss.
 */
async function drained(count: () => number, target: number, quietMs = 500): Promise<number> {
  const started = performance.now();
  let last = -1;
  let stableSince = performance.now();
  while (performance.now() - started < 20_000) {
    const now = count();
    if (now >= target) break;
    if (now !== last) {
      last = now;
      stableSince = performance.now();
    } else if (performance.now() - stableSince > quietMs) break;
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
async function appStep(tool: 'cap' | 'dumpcap', port: number, rate: number, seconds: number, size: number, bufferBytes: number | undefined): Promise<RateStep> {
  const live = await LiveCapture.start({ interfaceName: 'lo', filter: `udp dst port ${port}`, source: tool, bufferBytes });
  const session = await CaptureSession.open(live.path);
  let indexing: Promise<unknown> = Promise.resolve();
  live.onFlush = () => { indexing = indexing.then(() => session.index()); };
  try {
    const { sent, seconds: took } = await sendDatagrams(port, rate, Math.round(rate * seconds), size);
    const lagMs = await drained(() => live.statistics().packets, sent);
    await live.stop();
    await indexing;
    await session.index();
    const statistics = live.statistics();
    const captured = statistics.packets;
    return {
      tool, targetRate: rate, sentRate: Math.round(sent / took), sent, captured, indexed: session.frameCount,
      lost: sent - Math.min(captured, session.frameCount), kernelDropped: statistics.dropped, lagMs: Math.round(lagMs),
    };
  } finally {
    await session.dispose();
    live.discard();
  }
}

async function tcpdumpStep(port: number, rate: number, seconds: number, size: number, bufferBytes: number): Promise<RateStep> {
  const directory = mkdtempSync(join(tmpdir(), 'packetlens-rate-'));
  const path = join(directory, 'tcpdump.pcap');
  try {
    // Same kernel buffer as the app's capture, packets written as they come (-U).
    const child = spawn('tcpdump', ['-i', 'lo', '-B', String(Math.round(bufferBytes / 1024)), '-U', '-w', path, `udp dst port ${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    while (!stderr.includes('listening on')) await settle(20);
    const { sent, seconds: took } = await sendDatagrams(port, rate, Math.round(rate * seconds), size);
    // tcpdump -U writes each packet as it gets it: the file's size is its progress. Without
    // immediate mode libpcap hands over a ring block when it fills or after tcpdump's 1 s
    // timeout, so a quiet second does not mean done: wait 1.5 s (the lag includes them).
    const lagMs = await drained(() => { try { return statSync(path).size; } catch { return 0; } }, Infinity, 1500);
    child.kill('SIGINT');
    await new Promise<void>((done) => child.on('close', () => done()));
    const dropped = /(\d+) packets? dropped by kernel/.exec(stderr);
    const captured = await countPackets(path);
    return {
      tool: 'tcpdump', targetRate: rate, sentRate: Math.round(sent / took), sent, captured, indexed: null,
      lost: sent - captured, kernelDropped: dropped ? Number(dropped[1]) : null, lagMs: Math.round(lagMs),
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function available(tool: RateTool): boolean {
  if (tool === 'cap') return 'module' in loadCap();
  return spawnSync('which', [tool]).status === 0;
}

/** Sweeps the rates for each tool; a tool stops after two lossy steps in a row. */
export async function measureCaptureRate(options: CaptureRateOptions = {}): Promise<CaptureRateResult> {
  const { rates = defaultRates, seconds = 2, payloadBytes = 64, port = 47_123, tools = ['cap', 'dumpcap', 'tcpdump'], bufferBytes = 32 << 20 } = options;
  const steps: RateStep[] = [];
  const highestLossless: CaptureRateResult['highestLossless'] = {};
  for (const tool of tools) {
    if (!available(tool)) continue;
    highestLossless[tool] = 0;
    let lossyInARow = 0;
    for (const rate of rates) {
      const step = tool === 'tcpdump'
        ? await tcpdumpStep(port, rate, seconds, payloadBytes, bufferBytes)
        : await appStep(tool, port, rate, seconds, payloadBytes, options.bufferBytes);
      steps.push(step);
      if (step.lost === 0) highestLossless[tool] = Math.max(highestLossless[tool] ?? 0, step.sentRate);
      lossyInARow = step.lost === 0 ? 0 : lossyInARow + 1;
      if (lossyInARow === 2) break;
    }
  }
  return { sender: lastSender(), steps, highestLossless };
}

/** The sweep as printable lines (a table), or why it could not run. */
export async function captureRateReport(options: CaptureRateOptions = {}): Promise<string[]> {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return ['capture rate on lo: skipped (needs root on Linux)'];
  let result: CaptureRateResult;
  try {
    result = await measureCaptureRate(options);
  } catch (error) {
    return [`capture rate on lo: failed (${error instanceof Error ? error.message : String(error)})`];
  }
  const widths = [10, 10, 10, 10, 10, 10, 8, 10, 8];
  const line = (cells: Array<string | number | null>): string => cells.map((cell, index) => String(cell ?? '–').padEnd(widths[index])).join(' ');
  const lines = [`capture rate on lo (${options.payloadBytes ?? 64}-byte UDP payloads, ${options.seconds ?? 2} s per step, ${result.sender} sender; lost = sent − captured and indexed)`];
  lines.push(line(['tool', 'target/s', 'sent/s', 'sent', 'captured', 'indexed', 'lost', 'kernel', 'lag ms']));
  for (const step of result.steps) lines.push(line([step.tool, step.targetRate, step.sentRate, step.sent, step.captured, step.indexed, step.lost, step.kernelDropped, step.lagMs]));
  for (const [tool, rate] of Object.entries(result.highestLossless)) lines.push(`highest rate with 0 lost, ${tool}: ${rate.toLocaleString('en')} packets/s`);
  // A sender short of its target means the machine, not the capture, set the limit.
  const short = result.steps.filter((step) => step.sentRate < step.targetRate * 0.9);
  if (short.length > 0) lines.push(`note: the sender reached only ${Math.max(...short.map((step) => step.sentRate)).toLocaleString('en')} packets/s at most where more was asked: higher rates were not measured`);
  return lines;
}
