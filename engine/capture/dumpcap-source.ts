import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { emptyPcapngInfo, PcapngBlockParser } from '../formats/pcapng-reader';
import { ScanRecord } from '../formats/packet-record';
import { forEachOption } from '../formats/pcapng-options';
import { classifyOpenError, CaptureError } from './capture-errors';
import type { CaptureSource, PacketSink, SourceOptions, SourceStatistics } from './capture-types';
import { StreamBuffer } from './stream-buffer';

const BLOCK_INTERFACE_STATISTICS = 5;
const ISB_IFDROP = 5;
const ISB_OSDROP = 7;
/** How long dumpcap may take to open the interface before we give up. */
const START_TIMEOUT_MS = 10_000;

/** Path of Wireshark's dumpcap, or null when it is not installed. */
export function findDumpcap(): string | null {
  for (const candidate of ['/usr/bin/dumpcap', '/usr/sbin/dumpcap', '/usr/local/bin/dumpcap', '/Applications/Wireshark.app/Contents/MacOS/dumpcap', 'C:\\Program Files\\Wireshark\\dumpcap.exe']) {
    if (existsSync(candidate)) return candidate;
  }
  const found = spawnSync(process.platform === 'win32' ? 'where' : 'which', ['dumpcap'], { encoding: 'utf8' });
  const line = found.status === 0 ? found.stdout.split(/\r?\n/)[0].trim() : '';
  return line === '' ? null : line;
}

/**
 * Wireshark's dumpcap as a child process writing pcapng to its stdout (`-w -`): used when the
 * libpcap binding is missing or lacks privileges and dumpcap is permitted (setcap'd, or the
 * `wireshark` group), or when asked for.
 * Timestamps are the kernel's; drops come from the Interface Statistics Block dumpcap writes
 * when it stops (libpcap's pcap_stats; null while it runs: dumpcap 4.0 reports them only then).
 */
export class DumpcapSource implements CaptureSource {
  readonly kind = 'dumpcap';
  readonly timestampNote = 'Timestamps are the kernel\'s (through dumpcap).';
  readonly notes: string[] = [];
  readonly ended: Promise<{ error: Error | null }>;
  private readonly child: ChildProcess;
  private readonly stream = new StreamBuffer();
  private readonly info = emptyPcapngInfo(0, false);
  private readonly parser = new PcapngBlockParser(this.info, () => new Uint8Array(0));
  private readonly record = new ScanRecord();
  private received = 0;
  private dropped: number | null = null;
  private interfaceDropped: number | null = null;
  private streamOffset = 0;
  private stderr = '';
  private stopping = false;
  private onInterface: (() => void) | null = null;

  private constructor(dumpcap: string, private readonly options: SourceOptions, private readonly sink: PacketSink) {
    const args = ['-i', options.interfaceName, '-w', '-', '-q', '-s', String(options.snapLength), '-B', String(Math.max(1, Math.round(options.bufferBytes / (1 << 20))))];
    if (!options.promiscuous) args.push('-p');
    if (options.filter !== '') args.push('-f', options.filter);
    this.child = spawn(dumpcap, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (text: string) => { this.stderr += text; });
    this.ended = new Promise((resolve) => {
      this.child.on('error', (error) => resolve({ error }));
      this.child.on('close', (code, signal) => {
        if (this.stopping || code === 0) resolve({ error: null });
        else resolve({ error: this.failure(code, signal) });
      });
    });
  }

  /** Starts dumpcap; resolves once it captures (its pcapng header arrived), or throws its error. */
  static async start(dumpcap: string, options: SourceOptions, sink: PacketSink): Promise<DumpcapSource> {
    const source = new DumpcapSource(dumpcap, options, sink);
    const stdout = source.child.stdout!;
    const started = new Promise<void>((resolve) => { source.onInterface = resolve; });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), START_TIMEOUT_MS); });
    stdout.on('data', (chunk: Buffer) => source.receive(chunk));
    const first = await Promise.race([started.then(() => 'started' as const), source.ended, timeout]);
    clearTimeout(timer);
    if (first === 'started') return source;
    source.child.kill('SIGKILL');
    if (first === 'timeout') throw new CaptureError('failed', `dumpcap did not start capturing on "${options.interfaceName}" within ${START_TIMEOUT_MS / 1000} s.`);
    throw first.error ?? source.failure(0, null);
  }

  /** The link type of dumpcap's interface (known once started). */
  get linkType(): number {
    return this.info.interfaces[0]?.linkType ?? 1;
  }

  statistics(): SourceStatistics {
    // dumpcap puts libpcap's ps_drop + ps_ifdrop into isb_ifdrop and writes no isb_osdrop.
    return { received: this.received, dropped: this.dropped ?? this.interfaceDropped, interfaceDropped: this.interfaceDropped };
  }

  async stop(): Promise<void> {
    if (!this.stopping && this.child.exitCode === null && this.child.signalCode === null) {
      this.stopping = true;
      // SIGINT: dumpcap flushes, writes its statistics block and exits 0.
      this.child.kill('SIGINT');
    }
    this.stopping = true;
    await this.ended;
  }

  /** dumpcap's error text as a CaptureError (permission, no such device, bad filter). */
  private failure(code: number | null, signal: NodeJS.Signals | null): CaptureError {
    const lines = this.stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('Capturing on'));
    const text = lines.join('\n').replace(/^dumpcap: /, '');
    if (/Invalid capture filter/i.test(text)) return new CaptureError('filter', text.split('\n')[0], text);
    if (text === '') return new CaptureError('failed', `dumpcap stopped (${signal ?? `exit code ${code}`}).`);
    // Only dumpcap's first sentence and libpcap's reason: its Debian advice is replaced by ours.
    const reason = lines.slice(0, 2).join(' ').replace(/^dumpcap: /, '');
    return classifyOpenError(this.options.interfaceName, reason);
  }

  private receive(chunk: Buffer): void {
    const stream = this.stream;
    stream.append(chunk);
    const consumed = this.parser.parse(stream.bytes, stream.view, 0, stream.length, this.streamOffset, this.record, (record) => {
      this.received++;
      this.sink.packet(record.seconds, record.nanoseconds, record.data, record.originalLength);
    });
    this.readStatistics(consumed);
    this.streamOffset += consumed;
    stream.consume(consumed);
    if (this.onInterface && this.info.interfaces.length > 0) {
      this.onInterface();
      this.onInterface = null;
    }
  }

  /** Reads drop counters from any Interface Statistics Block among the consumed blocks. */
  private readStatistics(consumed: number): void {
    const view = this.stream.view;
    const littleEndian = this.info.byteOrder === 'little-endian';
    let position = 0;
    while (position + 12 <= consumed) {
      const type = view.getUint32(position, littleEndian);
      const length = view.getUint32(position + 4, littleEndian);
      if (length < 12) break;
      if (type === BLOCK_INTERFACE_STATISTICS && length >= 24) {
        forEachOption(view, position + 20, position + length - 4, littleEndian, (code, start, valueLength) => {
          if (valueLength !== 8) return;
          const value = view.getUint32(start + (littleEndian ? 4 : 0), littleEndian) * 4294967296 + view.getUint32(start + (littleEndian ? 0 : 4), littleEndian);
          if (code === ISB_OSDROP) this.dropped = value;
          else if (code === ISB_IFDROP) this.interfaceDropped = value;
        });
      }
      position += length;
    }
  }
}
