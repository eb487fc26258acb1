import { readFileSync } from 'node:fs';

/** One interface's counters from /proc/net/dev (readable without privileges). */
export interface InterfaceCounters {
  receivedBytes: number;
  receivedPackets: number;
  receivedDropped: number;
  sentBytes: number;
  sentPackets: number;
}

/**
 * Parses /proc/net/dev: two header lines, then `name: rx bytes packets errs drop fifo frame
 * compressed multicast tx bytes packets errs drop fifo colls carrier compressed`.
 */
export function parseNetDev(text: string): Map<string, InterfaceCounters> {
  const counters = new Map<string, InterfaceCounters>();
  for (const line of text.split('\n').slice(2)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const values = line.slice(colon + 1).trim().split(/\s+/).map(Number);
    if (values.length < 16 || values.some((value) => !Number.isFinite(value))) continue;
    counters.set(line.slice(0, colon).trim(), {
      receivedBytes: values[0], receivedPackets: values[1], receivedDropped: values[3], sentBytes: values[8], sentPackets: values[9],
    });
  }
  return counters;
}

/** Current counters of every interface; empty where /proc/net/dev does not exist (not Linux). */
export function readInterfaceCounters(path = '/proc/net/dev'): Map<string, InterfaceCounters> {
  try {
    return parseNetDev(readFileSync(path, 'utf8'));
  } catch {
    return new Map();
  }
}

/**
 * Per-interface packet rates for the interface list's sparklines: each `sample()` returns the
 * packets per second (received + sent; loopback: once) since the previous sample, or null on the first.
 */
export class InterfaceRateMeter {
  private previous: { at: number; counters: Map<string, InterfaceCounters> } | null = null;

  constructor(
    /** Loopback interfaces count each packet as both received and sent: count it once. */
    private readonly isLoopback: (name: string) => boolean,
    private readonly read: () => Map<string, InterfaceCounters> = () => readInterfaceCounters(),
  ) {}

  sample(now = performance.now()): Map<string, number | null> {
    const counters = this.read();
    const rates = new Map<string, number | null>();
    const previous = this.previous;
    for (const [name, current] of counters) {
      const before = previous?.counters.get(name);
      const seconds = previous ? (now - previous.at) / 1000 : 0;
      if (!before || seconds <= 0) {
        rates.set(name, null);
        continue;
      }
      const received = current.receivedPackets - before.receivedPackets;
      const packets = this.isLoopback(name) ? received : received + current.sentPackets - before.sentPackets;
      rates.set(name, Math.max(0, packets) / seconds);
    }
    this.previous = { at: now, counters };
    return rates;
  }
}
