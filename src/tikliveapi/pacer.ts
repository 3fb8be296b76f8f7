/**
 * A process-wide token bucket for TikLiveAPI calls. The vendor allows 200 requests a minute
 * and answers bursts with 429, so callers wait their turn here (first come, first served)
 * instead of being throttled upstream. Clock and timers are injected for tests.
 */

export interface PacerOptions {
  /** Sustained rate. Default 200 (the vendor's standard limit). */
  requestsPerMinute?: number;
  /** Requests that may go out back to back before pacing starts. Default 10. */
  burst?: number;
  now?: () => number;
  /** Schedules `fn` after `ms`; returns a cancel function. */
  setTimer?: (fn: () => void, ms: number) => () => void;
}

function realTimer(fn: () => void, ms: number): () => void {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
}

/** What the HTTP client needs from pacing: one token per request. Replicas share a PostgreSQL one. */
export interface RequestPacer {
  /** Resolves when the caller may send one request. */
  take(): Promise<void>;
}

export class Pacer implements RequestPacer {
  private readonly ratePerMs: number;
  private readonly capacity: number;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => () => void;
  private tokens: number;
  private last: number;
  private readonly waiters: Array<() => void> = [];
  private cancelTimer: (() => void) | null = null;

  constructor(options: PacerOptions = {}) {
    const perMinute = options.requestsPerMinute ?? 200;
    if (!(perMinute > 0)) throw new RangeError('requestsPerMinute must be positive');
    this.ratePerMs = perMinute / 60_000;
    this.capacity = Math.max(1, Math.floor(options.burst ?? Math.min(10, perMinute)));
    this.now = options.now ?? Date.now;
    this.setTimer = options.setTimer ?? realTimer;
    this.tokens = this.capacity;
    this.last = this.now();
  }

  /** Resolves when the caller may send one request. */
  take(): Promise<void> {
    this.refill();
    if (this.waiters.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      this.waiters.push(resolve);
      this.schedule();
    });
  }

  /** Requests waiting for a token. */
  get queued(): number {
    return this.waiters.length;
  }

  private refill(): void {
    const t = this.now();
    if (t > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + (t - this.last) * this.ratePerMs);
      this.last = t;
    }
  }

  private drain(): void {
    this.cancelTimer = null;
    this.refill();
    while (this.waiters.length > 0 && this.tokens >= 1) {
      this.tokens -= 1;
      (this.waiters.shift() as () => void)();
    }
    if (this.waiters.length > 0) this.schedule();
  }

  private schedule(): void {
    if (this.cancelTimer) return;
    const wait = Math.max(1, Math.ceil((1 - this.tokens) / this.ratePerMs));
    this.cancelTimer = this.setTimer(() => this.drain(), wait);
  }
}
