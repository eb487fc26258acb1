/**
 * Lazy access to the optional `cap` native module (libpcap). It is loaded on first use, only
 * on a process's main thread (its packet callbacks run on the main event loop; it must never
 * be loaded in a worker thread), and a machine without it still runs everything but capture.
 */
import { createRequire } from 'node:module';
import { isMainThread } from 'node:worker_threads';

/** One device as `pcap_findalldevs` reports it through cap. */
export interface CapDevice {
  name: string;
  description?: string;
  addresses: Array<{ addr: string; netmask?: string; broadaddr?: string; dstaddr?: string }>;
  /** cap 0.2.1 reports only 'PCAP_IF_LOOPBACK'. */
  flags?: string;
}

/** A cap handle. `open` returns the link type name; packets arrive as 'packet' events. */
export interface CapHandle {
  open(device: string, filter: string, bufferSize: number, buffer: Buffer): string;
  close(): void;
  on(event: 'packet', listener: (bytes: number, truncated: boolean) => void): this;
  removeAllListeners(event?: string): this;
}

export interface CapModule {
  Cap: { new (): CapHandle; deviceList(): CapDevice[] };
}

let loaded: { module: CapModule } | { reason: string } | undefined;

/** The cap module, or why it cannot be used here (never throws). */
export function loadCap(): { module: CapModule } | { reason: string } {
  if (loaded) return loaded;
  if (!isMainThread) return { reason: 'the capture module can only run on a main thread, not in a worker thread' };
  try {
    const require = createRequire(import.meta.url);
    loaded = { module: require('cap') as CapModule };
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    loaded = { reason: `the libpcap binding "cap" could not be loaded (${detail}).` };
  }
  return loaded;
}

/** Where `require('cap')` finds the module (for a child process to load the same one). */
export function capModulePath(): string {
  return createRequire(import.meta.url).resolve('cap');
}

/** Link type names cap's `open` returns, as LINKTYPE_* values. */
const linkTypeByName: Record<string, number> = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  IEEE802_11_RADIO: 127,
  LINKTYPE_LINUX_SLL: 113,
};

/** DLT_* values that differ from their LINKTYPE_* (pcap-common.c); others are equal. */
const linkTypeByDlt: Record<number, number> = { 12: 101, 14: 101 };

/**
 * cap 0.2.1 handles must live as long as the process: a handle never `uv_close`s its poll
 * handle, so collecting an opened one leaves a dangling entry in the event loop (a crash at
 * exit), and destroying one whose `open` failed after `pcap_create` stops an uninitialised
 * poll handle (an assertion). They are also single-use (`closing` is never reset on re-open).
 * So every handle comes from here and is kept.
 */
const retainedHandles: CapHandle[] = [];

export function createCapHandle(cap: CapModule): CapHandle {
  const handle = new cap.Cap();
  retainedHandles.push(handle);
  return handle;
}

/** LINKTYPE_* for cap's link type text ("ETHERNET", or "Unknown linktype 276"). */
export function capLinkType(name: string): number {
  const known = linkTypeByName[name];
  if (known !== undefined) return known;
  const match = /Unknown linktype (\d+)/.exec(name);
  if (!match) return 1;
  const dlt = Number(match[1]);
  return linkTypeByDlt[dlt] ?? dlt;
}
