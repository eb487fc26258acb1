/**
 * The capture operations of the engine API (`CaptureApi` in engine/api/contract.ts): list
 * interfaces with live packet rates, check a capture filter, start and stop a capture whose
 * temporary pcapng file becomes the open capture and is indexed as it grows.
 *
 * The engine API owns "the open capture"; it lends this module a `CaptureHost` to install the
 * growing file as the open capture and to send events.
 */
import { rmSync } from 'node:fs';
import type { CaptureApi, CaptureFilterCheck, CapturePermissionSetup, CaptureInterfaceInfo, CaptureOptions, CaptureStatus } from '../api/contract.js';
import { InvalidArgumentError, requireInteger, requireString } from '../api/validate.js';
import { CaptureSession } from '../session/capture-session.js';
import { CaptureError } from './capture-errors.js';
import { checkCaptureFilter } from './capture-filter.js';
import { InterfaceRateMeter } from './interface-counters.js';
import { listInterfaces } from './interfaces.js';
import { LiveCapture } from './live-capture.js';
import { setUpCapturePermissions, type CommandRunner } from './permission-setup.js';
import type { RingBufferOptions } from './ring-files.js';

/** Status events: at most 10 per second (DESIGN.md). */
const statusIntervalMs = 100;
const maxSnapLength = 262144;

export type CaptureEvent =
  | { type: 'captureStatus'; payload: CaptureStatus }
  | { type: 'problem'; payload: { message: string; detail?: string } };

export interface CaptureHost {
  emit(event: CaptureEvent): void;
  /**
   * Makes `session` (the capture's growing file, indexed by this module) the open capture,
   * closing the previous one, shown as `name` and marked loading. `temporaryDirectory` holds
   * the file: remove it when the capture is closed (unless the user saved it elsewhere). Null
   * for the files of a ring buffer, whose directory this module removes (they come and go).
   */
  adopt(session: CaptureSession, name: string, temporaryDirectory: string | null): Promise<void>;
  /** Frames were added to `session` (emit a summary/progress), or the capture ended (`done`). */
  changed(session: CaptureSession, done: boolean): void;
}

export interface CaptureController extends CaptureApi {
  /** Stops any running capture (engine shutdown, or before opening another file). */
  dispose(): Promise<void>;
}

interface Running {
  live: LiveCapture;
  session: CaptureSession;
  indexing: Promise<void> | null;
  indexAgain: boolean;
  statusTimer: NodeJS.Timeout;
  finishing: Promise<CaptureStatus> | null;
  /** A ring buffer's switch to its newest file, while it runs. */
  following: Promise<void> | null;
}

/** `runCommand`: how "Set up capture permissions" runs pkexec (tests inject a fake). */
export function createCaptureApi(host: CaptureHost, runCommand?: CommandRunner): CaptureController {
  const loopbacks = new Set<string>();
  const meter = new InterfaceRateMeter((name) => loopbacks.has(name));
  let running: Running | null = null;
  let lastStatus: CaptureStatus | null = null;
  let lastEmittedAt = -Infinity;
  /** The directory of the last ring buffer capture: kept while its newest file may be open. */
  let ringDirectory: string | null = null;
  const removeRingDirectory = (): void => {
    if (ringDirectory) rmSync(ringDirectory, { recursive: true, force: true });
    ringDirectory = null;
  };

  /** Sends a status event unless one went out less than 100 ms ago (the final one always goes). */
  const emitStatus = (status: CaptureStatus, final = false): void => {
    const now = performance.now();
    if (!final && now - lastEmittedAt < statusIntervalMs) return;
    lastEmittedAt = now;
    host.emit({ type: 'captureStatus', payload: status });
  };

  const statusOf = (live: LiveCapture): CaptureStatus => {
    const statistics = live.statistics();
    return {
      interfaceName: statistics.interfaceName,
      source: statistics.source,
      running: statistics.running,
      packets: statistics.packets,
      bytes: statistics.bytes,
      dropped: statistics.dropped,
      elapsedSeconds: statistics.elapsedSeconds,
      stopReason: statistics.stopReason,
      error: statistics.error,
      notes: live.notes,
    };
  };

  /** Indexes what the file holds now; coalesces requests that arrive while it runs. */
  const index = (capture: Running): Promise<void> => {
    if (capture.indexing) {
      capture.indexAgain = true;
      return capture.indexing;
    }
    capture.indexing = (async () => {
      do {
        capture.indexAgain = false;
        await capture.session.index();
        host.changed(capture.session, false);
      } while (capture.indexAgain);
      capture.indexing = null;
    })();
    return capture.indexing;
  };

  /** Ends a capture once, whoever asks first (stopCapture, a stop condition, an error). */
  const finish = (capture: Running): Promise<CaptureStatus> => {
    capture.finishing ??= finishOnce(capture);
    return capture.finishing;
  };

  const finishOnce = async (capture: Running): Promise<CaptureStatus> => {
    await capture.live.stop();
    clearInterval(capture.statusTimer);
    await capture.following;
    await index(capture);
    if (running === capture) running = null;
    const status = statusOf(capture.live);
    lastStatus = status;
    emitStatus(status, true);
    if (status.error) host.emit({ type: 'problem', payload: { message: status.error } });
    host.changed(capture.session, true);
    return status;
  };

  /** A ring buffer moved on: the open capture becomes its newest file (older ones may be deleted). */
  const followNewFile = async (capture: Running, path: string, name: string): Promise<void> => {
    await capture.indexing;
    let session: CaptureSession;
    try {
      session = await CaptureSession.open(path);
    } catch {
      return; // Already deleted by a fast ring of one file: the view stays on the file it shows.
    }
    capture.session = session;
    await host.adopt(session, name, null);
    void index(capture);
  };

  return {
    async interfaces(): Promise<CaptureInterfaceInfo[]> {
      const interfaces = listInterfaces();
      for (const described of interfaces) if (described.loopback) loopbacks.add(described.name);
      const rates = meter.sample();
      return interfaces.map((described) => ({ ...described, packetsPerSecond: rates.get(described.name) ?? null }));
    },

    async checkCaptureFilter(filter, interfaceName): Promise<CaptureFilterCheck> {
      const text = requireString(filter, 'filter');
      const name = requireString(interfaceName, 'interfaceName', 256);
      const described = listInterfaces().find((candidate) => candidate.name === name);
      return checkCaptureFilter(text, name, described?.linkType ?? null);
    },

    async startCapture(options: CaptureOptions): Promise<CaptureStatus> {
      if (running) throw new InvalidArgumentError('a capture is already running: stop it first');
      const checked = checkOptions(options);
      const filterCheck = checkCaptureFilter(checked.filter, checked.interfaceName, listInterfaces().find((candidate) => candidate.name === checked.interfaceName)?.linkType ?? null);
      if (!filterCheck.valid) throw new CaptureError('filter', `Invalid capture filter "${checked.filter}": ${filterCheck.message}.`, filterCheck.message);
      let live: LiveCapture;
      try {
        live = await LiveCapture.start({
          interfaceName: checked.interfaceName,
          filter: checked.filter,
          snapLength: checked.snapLength,
          promiscuous: checked.promiscuous,
          stopAfterPackets: checked.stopAfterPackets,
          stopAfterSeconds: checked.stopAfterSeconds,
          stopAfterBytes: checked.stopAfterMegabytes === null ? null : checked.stopAfterMegabytes * 1_000_000,
          ringBuffer: checked.ringBuffer,
        });
      } catch (error) {
        if (error instanceof CaptureError) host.emit({ type: 'problem', payload: { message: error.message, detail: error.detail ?? undefined } });
        throw error;
      }
      const name = `Capturing from ${checked.interfaceName}`;
      let session: CaptureSession;
      try {
        session = await CaptureSession.open(live.path);
        await host.adopt(session, name, checked.ringBuffer ? null : live.temporaryPath!);
      } catch (error) {
        await live.stop('error');
        live.discard();
        throw error;
      }
      // The previous ring's newest file was the open capture until now.
      removeRingDirectory();
      if (checked.ringBuffer) ringDirectory = live.temporaryPath;
      const capture: Running = {
        live,
        session,
        indexing: null,
        indexAgain: false,
        statusTimer: setInterval(() => emitStatus(statusOf(live)), statusIntervalMs / 2),
        finishing: null,
        following: null,
      };
      running = capture;
      live.onFlush = () => { void index(capture); };
      if (checked.ringBuffer) {
        live.onNewFile = (path) => {
          const previous = capture.following;
          capture.following = (async () => {
            await previous;
            await followNewFile(capture, path, name);
          })();
        };
      }
      // Stop conditions and source errors end the capture without a stopCapture() call.
      void live.done.then(() => (running === capture ? finish(capture) : undefined));
      const status = statusOf(live);
      emitStatus(status, true);
      return status;
    },

    async stopCapture(): Promise<CaptureStatus | null> {
      if (!running) return lastStatus;
      return finish(running);
    },

    setUpCapturePermissions(): Promise<CapturePermissionSetup> {
      return setUpCapturePermissions(runCommand);
    },

    async dispose(): Promise<void> {
      if (running) await finish(running);
      removeRingDirectory();
    },
  };
}

interface CheckedOptions {
  interfaceName: string;
  filter: string;
  snapLength: number;
  promiscuous: boolean;
  stopAfterPackets: number | null;
  stopAfterSeconds: number | null;
  stopAfterMegabytes: number | null;
  ringBuffer: RingBufferOptions | null;
}

/** Validates what a renderer sent (it is not trusted). */
function checkOptions(options: CaptureOptions): CheckedOptions {
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('options must be an object');
  const optional = (value: unknown, name: string, max: number): number | null =>
    value === undefined || value === null ? null : requireInteger(value, name, 1, max);
  if (options.promiscuous !== undefined && typeof options.promiscuous !== 'boolean') throw new InvalidArgumentError('promiscuous must be true or false');
  return {
    interfaceName: requireString(options.interfaceName, 'interfaceName', 256),
    filter: options.filter === undefined ? '' : requireString(options.filter, 'filter'),
    snapLength: optional(options.snapLength, 'snapLength', maxSnapLength) ?? maxSnapLength,
    promiscuous: options.promiscuous ?? true,
    stopAfterPackets: optional(options.stopAfterPackets, 'stopAfterPackets', Number.MAX_SAFE_INTEGER),
    stopAfterSeconds: optional(options.stopAfterSeconds, 'stopAfterSeconds', 365 * 86400),
    stopAfterMegabytes: optional(options.stopAfterMegabytes, 'stopAfterMegabytes', 1 << 30),
    ringBuffer: checkRingBuffer(options.ringBuffer),
  };
}

function checkRingBuffer(ring: CaptureOptions['ringBuffer']): RingBufferOptions | null {
  if (ring === undefined || ring === null) return null;
  if (typeof ring !== 'object') throw new InvalidArgumentError('ringBuffer must be { files, megabytes }');
  return {
    files: requireInteger(ring.files, 'ringBuffer.files', 1, 100_000),
    bytesPerFile: requireInteger(ring.megabytes, 'ringBuffer.megabytes', 1, 1 << 20) * 1_000_000,
  };
}
