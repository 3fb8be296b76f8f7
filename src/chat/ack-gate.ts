/**
 * Acknowledge first, then work — across interactions, not only within one.
 *
 * A platform fails an interaction that is not acknowledged in time (Discord: 3 s); a late report
 * costs nothing. Nothing here is a platform's: the Discord adapter is the one that uses it.
 * In a burst, reports that are ready (cache hits) would otherwise spend the event loop on charts
 * and embeds while later interactions still wait to be deferred. The gate counts acknowledgements
 * in flight; report work waits until there are none, or at most `maxWaitMs`, so a steady stream
 * of commands cannot starve the work.
 *
 * Waiting work is let through one unit per turn of the event loop, not all at once. "Nothing in
 * flight" only means every interaction read so far is acknowledged: more may already sit unread in
 * the gateway socket. Released together, cached reports ran their chart and embed code back to back
 * (about 1.2 ms each, 250 ms for 200), and the interactions behind them were not even read until it
 * ended. One at a time, each release is followed by a poll for I/O, so a new interaction is read
 * (and its acknowledgement closes the gate again) within one report's synchronous work.
 */
export class AckGate {
  private pending = 0;
  private waiters: Array<() => void> = [];
  private releaseScheduled = false;

  constructor(private readonly maxWaitMs = 500) {}

  /** Runs an acknowledgement (defer or ephemeral reply) and counts it while it is in flight. */
  async ack<T>(send: () => Promise<T>): Promise<T> {
    this.pending += 1;
    try {
      return await send();
    } finally {
      this.pending -= 1;
      this.scheduleRelease();
    }
  }

  /** Resolves when no acknowledgement is in flight and the work queued before this has had its turn (or after maxWaitMs). */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== release);
        resolve();
      }, this.maxWaitMs);
      timer.unref();
      this.waiters.push(release);
      this.scheduleRelease();
    });
  }

  /** Acknowledgements in flight (logs, tests). */
  inFlight(): number {
    return this.pending;
  }

  /**
   * Releases the oldest waiter on the next turn of the event loop if nothing is in flight then.
   * setImmediate callbacks queued from one run after the next I/O poll, so each release sees the
   * interactions that arrived meanwhile; an acknowledgement in flight reschedules on settling.
   */
  private scheduleRelease(): void {
    if (this.releaseScheduled || this.waiters.length === 0) return;
    this.releaseScheduled = true;
    setImmediate(() => {
      this.releaseScheduled = false;
      if (this.pending > 0) return;
      this.waiters.shift()?.();
      this.scheduleRelease();
    });
  }
}
