/**
 * Credits are money: a short TTL cache keeps a repeated command from paying again, and
 * single-flight makes concurrent identical requests share one upstream call.
 */
import { GateClosed } from '../budget/ledger';

export interface TtlCacheOptions {
  /** Entry lifetime; 0 disables caching (single-flight still applies). */
  ttlMs: number;
  /** Oldest entries are dropped beyond this many. Default 1000. */
  maxEntries?: number;
  now?: () => number;
}

/** A bounded map whose entries expire `ttlMs` after they were set (time is injected). */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();
  private readonly now: () => number;
  private readonly max: number;

  constructor(private readonly options: TtlCacheOptions) {
    this.now = options.now ?? Date.now;
    this.max = options.maxEntries ?? 1000;
  }

  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (this.now() >= e.expires) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: string, value: V): void {
    if (this.options.ttlMs <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + this.options.ttlMs });
    // Maps iterate in insertion order, so the first key is the oldest.
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Shares one in-flight promise per key; the first caller is the leader. A follower does not take
 * the leader's GateClosed (see src/budget/ledger.ts): it runs the work itself.
 */
export class SingleFlight<V> {
  private readonly inflight = new Map<string, Promise<V>>();

  async run(key: string, work: () => Promise<V>): Promise<{ value: V; leader: boolean }> {
    const existing = this.inflight.get(key);
    if (existing) {
      try {
        return { value: await existing, leader: false };
      } catch (err) {
        // The leader's own gate stopped it (its budget, its rate limit): that is not this caller's answer.
        if (!(err instanceof GateClosed)) throw err;
        return this.run(key, work);
      }
    }
    // Starting the work on a microtask means the entry is registered before it can settle.
    const p = Promise.resolve()
      .then(work)
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return { value: await p, leader: true };
  }

  get size(): number {
    return this.inflight.size;
  }
}
