import { spawn, type ChildProcess } from 'node:child_process';
import { capLinkType, capModulePath } from './cap-binding';
import { CaptureError, classifyOpenError, unavailableError } from './capture-errors';
import type { CaptureSource, PacketSink, SourceOptions, SourceStatistics } from './capture-types';
import { PacketClock, capTimestampNote } from './packet-clock';
import { StreamBuffer } from './stream-buffer';

/** cap 0.2.1 opens every handle with this snap length (and always in promiscuous mode). */
export const CAP_SNAP_LENGTH = 65535;

/** How long the capture process may take to open the interface before we give up. */
const START_TIMEOUT_MS = 10_000;

/** Bytes before each packet in the capture process's stream: length u32, time u64 (LE). */
const FRAME_HEADER = 12;

/** The capture process's one line about opening: the link type name, or libpcap's error. */
interface ControlMessage {
  linkType?: string;
  error?: string;
  /** The error is about loading cap, not opening the interface. */
  load?: boolean;
}

/**
 * The capture process: loads cap, opens the interface, and streams every packet as
 * [captured length u32][process.hrtime.bigint() u64][bytes] on fd 3, batched once per turn of
 * its event loop and written asynchronously (a pipe write never blocks it, so it keeps draining
 * the kernel ring while the engine is busy). One JSON line on stdout says how the open went.
 * It stops when its stdin closes (the engine stopped it, or exited).
 */
const captureProcessSource = `
const net = require('net');
const [capPath, device, filter, bufferBytes] = process.argv.slice(1);
const control = (message) => process.stdout.write(JSON.stringify(message) + '\\n');
let Cap;
try {
  Cap = require(capPath).Cap;
} catch (error) {
  control({ error: String(error && error.message || error).split('\\n')[0], load: true });
  process.exit(0);
}
const out = new net.Socket({ fd: 3, readable: false, writable: true });
const handle = new Cap();
const packet = Buffer.alloc(${CAP_SNAP_LENGTH});
const batch = Buffer.allocUnsafe(1 << 20);
let used = 0;
let seen = 0;
let scheduled = false;
const flush = () => {
  scheduled = false;
  if (used === 0) return;
  out.write(Buffer.from(batch.subarray(0, used)));
  used = 0;
};
handle.on('packet', (length) => {
  const time = process.hrtime.bigint();
  seen++;
  if (used + ${FRAME_HEADER} + length > batch.length) flush();
  batch.writeUInt32LE(length, used);
  batch.writeBigUInt64LE(time, used + 4);
  packet.copy(batch, used + ${FRAME_HEADER}, 0, length);
  used += ${FRAME_HEADER} + length;
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
});
// Warm the packet path up (JIT) so that a burst right after the open meets compiled code
// (8,000 × 112 bytes stay within the batch: nothing is sent).
for (let index = 0; index < 8000; index++) handle.emit('packet', 100);
used = 0;
seen = 0;
let linkType;
try {
  linkType = handle.open(device, filter, Number(bufferBytes), packet);
} catch (error) {
  control({ error: String(error && error.message || error) });
  process.exit(0);
}
control({ linkType });
// On stop, packets already in the kernel ring are still taken: close once a turn of the loop
// (timer, then poll, then check) brings none (at most 1 s).
process.stdin.on('end', () => {
  const stopAsked = Date.now();
  let before = -1;
  const closeWhenQuiet = () => {
    if (seen !== before && Date.now() - stopAsked < 1000) {
      before = seen;
      setTimeout(() => setImmediate(closeWhenQuiet), 20);
      return;
    }
    handle.close();
    flush();
    out.end(() => process.exit(0));
  };
  closeWhenQuiet();
});
process.stdin.resume();
`;

/**
 * libpcap through the `cap` binding, in a child process of the engine (the same Node or
 * Electron binary, so it has the same capture rights): the engine's event loop also indexes
 * the growing file and answers the UI, and while it is busy (tens of milliseconds for an index
 * step) the kernel ring would overflow. The child does nothing but drain the ring, stamp each
 * packet and stream it here. (cap itself cannot run in a worker thread: it polls on the main
 * event loop.)
 *
 * cap passes neither libpcap's timestamp (see `PacketClock`: the child stamps each packet when
 * its callback runs) nor the original length (a packet longer than 65535 bytes is recorded cut,
 * with 65535 as its length), and exposes no `pcap_stats`, so drops are unknown (null); the
 * capture-rate benchmark counts them against the sender.
 *
 * RING LIMIT: with immediate mode (which cap sets) libpcap uses TPACKET_V2, whose ring has one
 * fixed slot per packet sized for cap's snap length: 65535 bytes plus headers, in a 128 KiB
 * block each. `bufferBytes` / ~66 KB slots: 32 MiB queues ~500 packets, 64 MiB ~1,000 (and
 * takes ~128 MB of kernel memory). dumpcap's TPACKET_V3 ring packs packets, so a small buffer
 * holds hundreds of thousands of small packets.
 */
export class CapSource implements CaptureSource {
  readonly kind = 'cap';
  readonly timestampNote = capTimestampNote;
  readonly notes: string[] = [];
  readonly ended: Promise<{ error: Error | null }>;
  private linkTypeValue = 1;
  private readonly child: ChildProcess;
  private readonly stream = new StreamBuffer();
  private readonly clock = new PacketClock();
  private received = 0;
  private stopped = false;
  private stderr = '';
  private control = '';
  private onControl: ((message: ControlMessage) => void) | null = null;

  private constructor(private readonly options: SourceOptions, private readonly sink: PacketSink) {
    this.child = spawn(process.execPath, ['-e', captureProcessSource, capModulePath(), options.interfaceName, options.filter, String(options.bufferBytes)], {
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      // Electron's binary runs as plain Node with this (a no-op under Node).
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (text: string) => { this.stderr += text; });
    this.child.stdout!.setEncoding('utf8');
    this.child.stdout!.on('data', (text: string) => this.receiveControl(text));
    const packets = this.child.stdio[3] as NodeJS.ReadableStream;
    packets.on('data', (chunk: Buffer) => this.receive(chunk));
    const streamEnded = new Promise<void>((resolve) => {
      packets.on('end', resolve);
      packets.on('close', resolve);
    });
    this.ended = new Promise((resolve) => {
      this.child.on('error', (error) => resolve({ error }));
      this.child.on('close', (code, signal) => {
        void streamEnded.then(() => {
          if (this.stopped || code === 0) resolve({ error: null });
          else resolve({ error: new CaptureError('failed', `The capture process stopped (${signal ?? `exit code ${code}`}).`, this.stderr.trim() || null) });
        });
      });
    });
  }

  /** Starts the capture process; resolves once the interface is open, or throws why not. */
  static async start(options: SourceOptions, sink: PacketSink): Promise<CapSource> {
    const source = new CapSource(options, sink);
    const opened = new Promise<ControlMessage>((resolve) => { source.onControl = resolve; });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), START_TIMEOUT_MS); });
    const first = await Promise.race([opened, source.ended.then(() => 'ended' as const), timeout]);
    clearTimeout(timer);
    if (typeof first === 'object' && first.linkType !== undefined) {
      source.linkTypeValue = capLinkType(first.linkType);
      if (!options.promiscuous) source.notes.push('The libpcap binding always opens interfaces in promiscuous mode; use dumpcap to capture without it.');
      return source;
    }
    source.stopped = true;
    source.child.kill('SIGKILL');
    if (first === 'timeout') throw new CaptureError('failed', `The capture process did not open "${options.interfaceName}" within ${START_TIMEOUT_MS / 1000} s.`);
    if (first === 'ended') throw new CaptureError('failed', `The capture process stopped before opening "${options.interfaceName}".`, source.stderr.trim() || null);
    const text = first.error ?? 'unknown error';
    if (first.load) throw unavailableError(`the capture process could not load the libpcap binding "cap" (${text}).`);
    throw classifyOpenError(options.interfaceName, text);
  }

  get linkType(): number {
    return this.linkTypeValue;
  }

  statistics(): SourceStatistics {
    return { received: this.received, dropped: null, interfaceDropped: null };
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      // The child closes the handle, sends what it has and exits.
      this.child.stdin!.end();
    }
    await this.ended;
  }

  private receiveControl(text: string): void {
    this.control += text;
    const newline = this.control.indexOf('\n');
    if (newline < 0 || !this.onControl) return;
    const line = this.control.slice(0, newline);
    this.control = this.control.slice(newline + 1);
    this.onControl(JSON.parse(line) as ControlMessage);
    this.onControl = null;
  }

  private receive(chunk: Buffer): void {
    const stream = this.stream;
    stream.append(chunk);
    const bytes = stream.bytes;
    const view = stream.view;
    let position = 0;
    while (position + FRAME_HEADER <= stream.length) {
      const length = view.getUint32(position, true);
      const end = position + FRAME_HEADER + length;
      if (end > stream.length) break;
      this.clock.set(view.getBigUint64(position + 4, true));
      this.received++;
      this.sink.packet(this.clock.seconds, this.clock.nanoseconds, bytes.subarray(position + FRAME_HEADER, end), length);
      position = end;
    }
    stream.consume(position);
  }
}
