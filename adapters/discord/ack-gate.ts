/**
 * Acknowledge first, then work — across interactions, not only within one.
 *
 * Discord fails an interaction that is not acknowledged within 3 s; a late report costs nothing.
 * In a burst, reports that are ready (cache hits) would otherwise spend the event loop on charts
 * and embeds while later interactions still wait to be deferred. The gate counts acknowledgements
 * in flight; report work waits until there are none, or at most `maxWaitMs`, so a steady stream
 * of commands cannot starve the work.
 */
export class AckGate {
  private pending = 0;
  private waiters: Array<() => void> = [];

  constructor(private readonly maxWaitMs = 500) {}

  /** Runs an acknowledgement (defer or ephemeral reply) and counts it while it is in flight. */
  async ack<T>(send: () => Promise<T>): Promise<T> {
    this.pending += 1;
    try {
      return await send();
    } finally {
      this.pending -= 1;
      if (this.pending === 0) this.waiters.splice(0).forEach((release) => release());
    }
  }

  /** Resolves when no acknowledgement is in flight (or after maxWaitMs). */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
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
    });
  }

  /** Acknowledgements in flight (logs, tests). */
  inFlight(): number {
    return this.pending;
  }
}
