/**
 * Hands on the latest of a stream of values at most once per `intervalMs` (the status bar's
 * ≤ 10 updates per second): a value arriving sooner waits, replaced by newer ones, until the
 * interval has passed. `final` values (a capture's last status) go at once.
 */
export class LatestThrottle<T> {
  private lastAppliedAt = -Infinity;
  private pending: { value: T } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly apply: (value: T) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(value: T, final = false): void {
    const waited = this.now() - this.lastAppliedAt;
    if (final || waited >= this.intervalMs) {
      this.cancel();
      this.applyNow(value);
      return;
    }
    this.pending = { value };
    this.timer ??= setTimeout(() => {
      this.timer = null;
      const pending = this.pending;
      this.pending = null;
      if (pending) this.applyNow(pending.value);
    }, this.intervalMs - waited);
  }

  /** Forgets a value still waiting. */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }

  private applyNow(value: T): void {
    this.lastAppliedAt = this.now();
    this.apply(value);
  }
}
