import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCap } from './cap-binding';
import { CapSource } from './cap-source';
import { CaptureError, unavailableError } from './capture-errors';
import { CaptureOutput } from './capture-output';
import type { CaptureSource, PacketSink, SourceKind, SourceOptions } from './capture-types';
import { DumpcapSource, findDumpcap } from './dumpcap-source';
import { RingFiles, type RingBufferOptions } from './ring-files';

export interface LiveCaptureOptions {
  interfaceName: string;
  /** BPF capture filter; '' or absent captures everything. */
  filter?: string;
  /** Default 262144 (as dumpcap). */
  snapLength?: number;
  /** Default true. */
  promiscuous?: boolean;
  stopAfterPackets?: number | null;
  stopAfterSeconds?: number | null;
  /** Stop once the file (the current one, with a ring buffer) reaches this many bytes. */
  stopAfterBytes?: number | null;
  /**
   * Write a ring of files instead of one: `path` (or the temporary file) is the name template
   * (`out.pcapng` → `out_00001_<time>.pcapng`, …), a new file starts before a packet would
   * take the current one past `bytesPerFile`, and only the newest `files` are kept.
   */
  ringBuffer?: RingBufferOptions | null;
  /** Where to write; default a new temporary file (removed by `discard()`). */
  path?: string | null;
  /** 'auto' tries the libpcap binding, then dumpcap when the binding is missing or not permitted. */
  source?: 'auto' | SourceKind;
  /** Kernel buffer; default per source (see `defaultBufferBytes`). */
  bufferBytes?: number;
  /** Flush to the file at least this often (ms) and every this many packets. */
  flushIntervalMs?: number;
  flushEveryPackets?: number;
}

export type StopReason = 'packets' | 'duration' | 'filesize' | 'stopped' | 'error';

export interface LiveCaptureStatistics {
  source: SourceKind;
  interfaceName: string;
  path: string;
  /** Packets written (to every file of a ring buffer). */
  packets: number;
  /** Size of the file in bytes (with a ring buffer, of the current file). */
  bytes: number;
  /** Packets libpcap/the kernel dropped; null when the source cannot tell (cap). */
  dropped: number | null;
  interfaceDropped: number | null;
  elapsedSeconds: number;
  running: boolean;
  stopReason: StopReason | null;
  /** Set when the capture stopped because of an error. */
  error: string | null;
}

export const DEFAULT_SNAP_LENGTH = 262144;
/**
 * Kernel buffer per source. cap's ring has one ~66 KB slot per packet (see CapSource): 64 MiB
 * queues ~1,000 packets (10 ms at 100,000 packets/s) and costs ~128 MB of kernel memory.
 * dumpcap's ring packs packets: 32 MiB queues ~250,000 small ones.
 */
export const defaultBufferBytes: Record<SourceKind, number> = { cap: 64 << 20, dumpcap: 32 << 20 };
const DEFAULT_FLUSH_INTERVAL_MS = 100;
const DEFAULT_FLUSH_EVERY_PACKETS = 1000;

/**
 * One running capture: a source (libpcap through cap, or dumpcap) feeding a pcapng file that
 * is flushed at least every `flushIntervalMs` and every `flushEveryPackets`, so the summary
 * path can index the growing file as it would any file, and a crash loses nothing before the
 * last flush. Stops on the packet/duration/size conditions or `stop()`.
 */
export class LiveCapture {
  private output: CaptureOutput | null = null;
  private packetsWritten = 0;
  private readonly ring: RingFiles | null;
  private currentPath: string;
  private source: CaptureSource | null = null;
  private readonly pending: Array<{ seconds: number; nanoseconds: number; data: Uint8Array; originalLength: number }> = [];
  private readonly startedAt = performance.now();
  private stoppedAt: number | null = null;
  /**
   * Stopping by time or by the user: packets the kernel queued before the stop, which the
   * source still hands over while it closes, belong to the capture. (After a packet-count or
   * size condition nothing more is written.)
   */
  private acceptingQueued = false;
  private flushTimer: NodeJS.Timeout | null = null;
  private durationTimer: NodeJS.Timeout | null = null;
  private reason: StopReason | null = null;
  private failure: string | null = null;
  private resolveDone!: () => void;
  /** Resolves when the capture has stopped and the file is closed. */
  readonly done: Promise<void> = new Promise((resolve) => { this.resolveDone = resolve; });
  /** Called after each flush that wrote packets (the indexer's cue). */
  onFlush: (() => void) | null = null;
  /** Called when a ring buffer moves on to the new file `path` (the previous one is complete). */
  onNewFile: ((path: string) => void) | null = null;

  private constructor(
    readonly options: LiveCaptureOptions,
    template: string,
    /** The temporary directory holding the file(s), when we made it. */
    private readonly temporaryDirectory: string | null,
  ) {
    this.ring = options.ringBuffer ? new RingFiles(template, options.ringBuffer.files) : null;
    this.currentPath = this.ring ? this.ring.next() : template;
  }

  /** The file being written (with a ring buffer, the newest). */
  get path(): string {
    return this.currentPath;
  }

  /** Every file of this capture still on disk, oldest first. */
  get paths(): readonly string[] {
    return this.ring ? this.ring.paths : [this.currentPath];
  }

  /** Opens the interface and starts writing; throws a CaptureError the user can read. */
  static async start(options: LiveCaptureOptions): Promise<LiveCapture> {
    const temporaryDirectory = options.path ? null : mkdtempSync(join(tmpdir(), 'packetlens-capture-'));
    const path = options.path ?? join(temporaryDirectory!, `${safeFileName(options.interfaceName)}.pcapng`);
    const capture = new LiveCapture(options, path, temporaryDirectory);
    try {
      await capture.open();
    } catch (error) {
      if (temporaryDirectory) rmSync(temporaryDirectory, { recursive: true, force: true });
      throw error;
    }
    return capture;
  }

  get sourceKind(): SourceKind {
    return this.source!.kind;
  }

  /** Notes for the user about this source (timestamps, options it could not honour). */
  get notes(): string[] {
    return [this.source!.timestampNote, ...this.source!.notes];
  }

  get running(): boolean {
    return this.stoppedAt === null;
  }

  statistics(): LiveCaptureStatistics {
    const sourceStatistics = this.source!.statistics();
    return {
      source: this.source!.kind,
      interfaceName: this.options.interfaceName,
      path: this.path,
      packets: this.packetsWritten,
      bytes: this.output?.bytes ?? 0,
      dropped: sourceStatistics.dropped,
      interfaceDropped: sourceStatistics.interfaceDropped,
      elapsedSeconds: ((this.stoppedAt ?? performance.now()) - this.startedAt) / 1000,
      running: this.running,
      stopReason: this.reason,
      error: this.failure,
    };
  }

  /** Stops capturing, flushes and closes the file. Idempotent; resolves when done. */
  async stop(reason: StopReason = 'stopped'): Promise<void> {
    if (this.stoppedAt === null) {
      this.stoppedAt = performance.now();
      this.acceptingQueued = reason === 'stopped' || reason === 'duration';
      this.reason = reason;
      if (this.flushTimer) clearInterval(this.flushTimer);
      if (this.durationTimer) clearTimeout(this.durationTimer);
      try {
        await this.source?.stop();
      } finally {
        this.acceptingQueued = false;
        this.output?.close();
        this.onFlush?.();
        this.resolveDone();
      }
    }
    await this.done;
  }

  /** The temporary directory holding the file, or null for a user-chosen path. */
  get temporaryPath(): string | null {
    return this.temporaryDirectory;
  }

  /** Removes the temporary file (after `stop()`); a user-chosen path is kept. */
  discard(): void {
    if (this.temporaryDirectory) rmSync(this.temporaryDirectory, { recursive: true, force: true });
  }

  private async open(): Promise<void> {
    const options = this.options;
    const snapLength = options.snapLength ?? DEFAULT_SNAP_LENGTH;
    const sourceOptions: OpenOptions = {
      interfaceName: options.interfaceName,
      filter: options.filter ?? '',
      snapLength,
      promiscuous: options.promiscuous ?? true,
      bufferBytes: options.bufferBytes ?? null,
    };
    const sink: PacketSink = { packet: (seconds, nanoseconds, data, originalLength) => this.packet(seconds, nanoseconds, data, originalLength) };
    this.source = await openSource(options.source ?? 'auto', sourceOptions, sink);
    this.output = this.createOutput();
    for (const early of this.pending.splice(0)) this.packet(early.seconds, early.nanoseconds, early.data, early.originalLength);
    this.flushTimer = setInterval(() => this.flush(), options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS);
    if (options.stopAfterSeconds) this.durationTimer = setTimeout(() => void this.stop('duration'), options.stopAfterSeconds * 1000);
    void this.source.ended.then(({ error }) => {
      if (error && this.running) {
        this.failure = error.message;
        void this.stop('error');
      }
    });
  }

  private packet(seconds: number, nanoseconds: number, data: Uint8Array, originalLength: number): void {
    if (this.stoppedAt !== null && !this.acceptingQueued) return;
    const output = this.output;
    if (output === null) {
      // dumpcap's first chunk may hold packets before the file exists: keep copies.
      this.pending.push({ seconds, nanoseconds, data: data.slice(), originalLength });
      return;
    }
    const ring = this.options.ringBuffer;
    let current = output;
    if (ring && output.packets > 0 && output.bytes + output.recordBytes(data.length) > ring.bytesPerFile) current = this.nextFile(output);
    current.write(seconds, nanoseconds, data, originalLength);
    this.packetsWritten++;
    const options = this.options;
    const reached = options.stopAfterPackets && this.packetsWritten >= options.stopAfterPackets ? 'packets'
      : options.stopAfterBytes && current.bytes >= options.stopAfterBytes ? 'filesize' : null;
    if (reached) {
      this.acceptingQueued = false;
      void this.stop(reached);
    }
  }

  private createOutput(): CaptureOutput {
    const snapLength = this.options.snapLength ?? DEFAULT_SNAP_LENGTH;
    return new CaptureOutput(this.currentPath, { linkType: this.source!.linkType, snapLength, name: this.options.interfaceName }, this.options.flushEveryPackets ?? DEFAULT_FLUSH_EVERY_PACKETS);
  }

  /** Closes the full ring file and opens the next (deleting the oldest when the ring is full). */
  private nextFile(full: CaptureOutput): CaptureOutput {
    full.close();
    this.onFlush?.();
    this.currentPath = this.ring!.next();
    this.output = this.createOutput();
    this.onNewFile?.(this.currentPath);
    return this.output;
  }

  private flush(): void {
    if (this.output?.flush()) this.onFlush?.();
  }
}

/** Source options before the source is chosen: null `bufferBytes` takes the source's default. */
type OpenOptions = Omit<SourceOptions, 'bufferBytes'> & { bufferBytes: number | null };

/**
 * Opens the requested source; 'auto' falls back to dumpcap when cap is missing or not permitted.
 * (dumpcap would drop less: a packed kernel ring, kernel timestamps, libpcap's drop counts; see
 * capture-rate.ts. It is not the default because it outlives an engine that dies until it next
 * writes a packet, where cap's capture process exits when the engine's pipe closes.)
 */
async function openSource(kind: 'auto' | SourceKind, openOptions: OpenOptions, sink: PacketSink): Promise<CaptureSource> {
  const optionsFor = (source: SourceKind): SourceOptions => ({ ...openOptions, bufferBytes: openOptions.bufferBytes ?? defaultBufferBytes[source] });
  let capProblem: CaptureError | null = null;
  if (kind !== 'dumpcap') {
    const cap = loadCap();
    if ('module' in cap) {
      try {
        return await CapSource.start(optionsFor('cap'), sink);
      } catch (error) {
        if (!(error instanceof CaptureError) || error.kind !== 'permission' || kind === 'cap') throw error;
        capProblem = error;
      }
    } else {
      capProblem = unavailableError(cap.reason);
      if (kind === 'cap') throw capProblem;
    }
  }
  const dumpcap = findDumpcap();
  if (dumpcap === null) {
    throw capProblem ?? unavailableError('Wireshark\'s dumpcap is not installed.');
  }
  try {
    return await DumpcapSource.start(dumpcap, optionsFor('dumpcap'), sink);
  } catch (error) {
    // Both failed for lack of rights: the libpcap binding's message names the fixes.
    if (capProblem && error instanceof CaptureError && error.kind === 'permission') throw capProblem.kind === 'permission' ? capProblem : error;
    throw error;
  }
}

function safeFileName(name: string): string {
  return name.replace(/[^\w.-]/g, '_') || 'capture';
}
