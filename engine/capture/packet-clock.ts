/**
 * The best clock available when `cap` hands over a packet: cap (0.2.1) drops libpcap's
 * timestamps, so the time is taken in the JavaScript callback from the monotonic
 * high-resolution clock anchored once to the wall clock.
 *
 * LIMIT: the time is when the packet reached JavaScript, not when the kernel received it.
 * It is late by the queueing delay (microseconds when idle, up to the length of a burst when
 * the packets were waiting in the kernel ring), so gaps inside a burst shrink. Packets keep
 * their order and times never go backwards. Sources with kernel timestamps (dumpcap) are exact.
 */
export class PacketClock {
  /** Wall-clock seconds and nanoseconds at the anchor. */
  private readonly anchorSeconds: number;
  private readonly anchorNanoseconds: number;
  private readonly anchorMonotonic: bigint;
  seconds = 0;
  nanoseconds = 0;

  constructor() {
    const wallMilliseconds = Date.now();
    this.anchorMonotonic = process.hrtime.bigint();
    this.anchorSeconds = Math.floor(wallMilliseconds / 1000);
    this.anchorNanoseconds = (wallMilliseconds % 1000) * 1e6;
  }

  /** Sets `seconds` and `nanoseconds` to now. */
  read(): void {
    this.set(process.hrtime.bigint());
  }

  /**
   * Sets `seconds` and `nanoseconds` to the time of `monotonic`, a `process.hrtime.bigint()`
   * reading taken in this or another process (CLOCK_MONOTONIC is one clock machine-wide).
   */
  set(monotonic: bigint): void {
    // < 2^53 ns (104 days) since the anchor: exact as a double.
    const elapsed = Number(monotonic - this.anchorMonotonic) + this.anchorNanoseconds;
    const wholeSeconds = Math.floor(elapsed / 1e9);
    this.seconds = this.anchorSeconds + wholeSeconds;
    this.nanoseconds = elapsed - wholeSeconds * 1e9;
  }
}

export const capTimestampNote = 'Timestamps are taken when the packet reaches the capture callback (cap does not pass libpcap\'s), so they are late by the queueing delay.';
