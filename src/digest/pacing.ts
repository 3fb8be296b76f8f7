/**
 * Bounded concurrency and post pacing. Chat platforms allow about one message per second per
 * channel (Slack's "special" tier; Discord per-route buckets), plus workspace- and bot-wide limits,
 * so the runner spaces posts itself instead of leaning on 429s.
 */
import { PLATFORMS, type PacingRule, type Platform } from '../platforms';

export type { PacingRule } from '../platforms';

/** Runs at most `limit` tasks at once, in arrival order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError('Semaphore limit must be at least 1');
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await task();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

/** Each platform's default pacing, from the platforms table (why those numbers: see there). */
export const DEFAULT_PACING: Readonly<Record<Platform, PacingRule>> = {
  slack: PLATFORMS.slack.pacing,
  discord: PLATFORMS.discord.pacing,
};

/**
 * Digests delivered at once across all channels (`DIGEST_DELIVERY_CONCURRENCY`). Why 16: posts
 * must keep up with fetching (200 upstream requests/min at five subscriptions per creator is about
 * 17 digests/s), and a delivery is a handful of calls (history look-up, chart upload, post,
 * thread) of ~250 ms each, about a second in all, so 16 at once just keeps up. The limits are kept
 * by other means, not by the pool: each channel has one delivery at a time (its lane) and its posts
 * are spaced by the pacer above (Slack ~1/s per channel, Discord 5 per 5 s); the pacer also spaces
 * a Slack workspace's and the Discord bot's posts; discord.js holds every call to Discord's 50
 * requests/s and waits out a bucket's reset itself; a Slack 429 comes back to the runner, which
 * waits its Retry-After before trying that digest again.
 */
export const DEFAULT_DELIVERY_CONCURRENCY = 16;

/**
 * One lane per key (a channel): tasks of a key run one after another in the order they were
 * queued, tasks of different keys run side by side. Keys are dropped once their lane is empty.
 */
export class Lanes {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const result = before.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

/** Hands out time slots so keyed events stay at least their interval apart. */
export class PostPacer {
  private readonly next = new Map<string, number>();

  /** Reserves the earliest slot honouring every (key, interval); returns how long to wait from `nowMs`. */
  reserve(nowMs: number, keys: ReadonlyArray<readonly [string, number]>): number {
    let slot = nowMs;
    for (const [key] of keys) slot = Math.max(slot, this.next.get(key) ?? 0);
    for (const [key, interval] of keys) if (interval > 0) this.next.set(key, slot + interval);
    return slot - nowMs;
  }
}
