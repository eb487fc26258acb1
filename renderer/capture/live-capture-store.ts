import { create } from 'zustand';
import type { CaptureOptions, CaptureStatus } from '../../engine/api/contract';
import { readStored, writeStored } from '../state/persisted';
import { LatestThrottle } from './throttle';

/** What the Capture Options dialog edits; remembered across sessions. */
export interface CaptureForm {
  interfaceName: string;
  filter: string;
  promiscuous: boolean;
  snapLength: number;
  stopAfterPackets: number | null;
  stopAfterSeconds: number | null;
  stopAfterMegabytes: number | null;
  /** Ring buffer: a new file every this many MB (null: one file), keeping the newest `ringFiles`. */
  ringMegabytes: number | null;
  ringFiles: number | null;
}

/** dumpcap's defaults: promiscuous, 262144-byte snapshots, no stop condition. */
export const defaultForm: CaptureForm = {
  interfaceName: '', filter: '', promiscuous: true, snapLength: 262144, stopAfterPackets: null, stopAfterSeconds: null, stopAfterMegabytes: null, ringMegabytes: null, ringFiles: null,
};

/** Files a ring keeps when only its size is given (dumpcap keeps all; a live view needs a bound). */
export const DEFAULT_RING_FILES = 2;

const formKey = 'packetlens.captureOptions';
/** Counters reach the status bar at most 10 times per second. */
export const STATUS_INTERVAL_MS = 100;

export function optionsFromForm(form: CaptureForm): CaptureOptions {
  return {
    interfaceName: form.interfaceName,
    filter: form.filter.trim(),
    promiscuous: form.promiscuous,
    snapLength: form.snapLength,
    stopAfterPackets: form.stopAfterPackets,
    stopAfterSeconds: form.stopAfterSeconds,
    stopAfterMegabytes: form.stopAfterMegabytes,
    ringBuffer: form.ringMegabytes === null ? null : { megabytes: form.ringMegabytes, files: form.ringFiles ?? DEFAULT_RING_FILES },
  };
}

/** A stored form, field by field: anything missing or of the wrong type falls back to the default. */
export function readForm(stored: unknown): CaptureForm {
  const form = { ...defaultForm };
  if (stored === null || typeof stored !== 'object') return form;
  const value = stored as Record<string, unknown>;
  const positive = (candidate: unknown): number | null => (typeof candidate === 'number' && Number.isInteger(candidate) && candidate > 0 ? candidate : null);
  if (typeof value.interfaceName === 'string') form.interfaceName = value.interfaceName;
  if (typeof value.filter === 'string') form.filter = value.filter;
  if (typeof value.promiscuous === 'boolean') form.promiscuous = value.promiscuous;
  form.snapLength = positive(value.snapLength) ?? defaultForm.snapLength;
  form.stopAfterPackets = positive(value.stopAfterPackets);
  form.stopAfterSeconds = positive(value.stopAfterSeconds);
  form.stopAfterMegabytes = positive(value.stopAfterMegabytes);
  form.ringMegabytes = positive(value.ringMegabytes);
  form.ringFiles = positive(value.ringFiles);
  return form;
}

interface LiveCaptureState {
  /** The latest counters of the running or last capture (throttled); null when none. */
  status: CaptureStatus | null;
  /** A start or stop request is on its way. */
  busy: boolean;
  /** The options of the last capture started: Ctrl+E, Restart and Retry use them. */
  lastOptions: CaptureOptions | null;
  /** When the last capture started (for the Save file name). */
  startedAt: Date | null;
  /** The open capture's name while it is our capture's file; null once another file is opened. */
  captureName: string | null;
  form: CaptureForm;
  /** The packet list follows new packets; false once the user scrolled up (true again at the bottom). */
  following: boolean;
  /** Counts the captures started, so the list starts following again at each one. */
  generation: number;
  /** The stopped capture's packets live only in the temporary file: offer Save. */
  unsaved: boolean;
  setForm(patch: Partial<CaptureForm>): void;
  setFollowing(following: boolean): void;
  /** A status from the engine (event or answer); `final` skips the throttle. */
  receiveStatus(status: CaptureStatus, final?: boolean): void;
  /** `startCapture` answered: our capture is the open one, shown as `captureName`. */
  started(options: CaptureOptions, status: CaptureStatus, captureName: string | null): void;
  /** Another file became the open capture: forget the counters and the Save offer. */
  forget(): void;
}

export const useLiveCapture = create<LiveCaptureState>((set, get) => {
  const apply = (status: CaptureStatus) => {
    // The running → stopped edge (the final status may come twice: event and stopCapture's answer).
    const stoppedNow = !status.running && get().status?.running === true;
    set({ status, unsaved: stoppedNow ? status.packets > 0 : get().unsaved });
  };
  const throttle = new LatestThrottle<CaptureStatus>(STATUS_INTERVAL_MS, apply);

  return {
    status: null,
    busy: false,
    lastOptions: null,
    startedAt: null,
    captureName: null,
    form: readForm(readStored(formKey)),
    following: true,
    generation: 0,
    unsaved: false,
    setForm(patch) {
      const form = { ...get().form, ...patch };
      writeStored(formKey, form);
      set({ form });
    },
    setFollowing: (following) => {
      if (get().following !== following) set({ following });
    },
    receiveStatus(status, final = false) {
      // The last status of a capture (and the first) must never be lost to the throttle.
      throttle.push(status, final || !status.running || get().status?.running !== true);
    },
    started(options, status, captureName) {
      throttle.cancel();
      set({ lastOptions: options, startedAt: new Date(), captureName, status, following: true, generation: get().generation + 1, unsaved: false });
    },
    forget() {
      throttle.cancel();
      set({ status: null, captureName: null, unsaved: false });
    },
  };
});
