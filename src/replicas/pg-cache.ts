/**
 * The report cache and single-flight shared by every replica on one PostgreSQL database.
 *
 * A value lives in `shared_cache` until `expires_ms`. When it is missing, the replica that inserts
 * the `shared_flights` row for the key (INSERT … ON CONFLICT DO UPDATE only over an expired claim)
 * is the leader: it loads, stores the value and deletes its claim. The others poll the cache every
 * `pollMs` until the value appears, or until the claim is gone or expired (the leader failed or
 * died; then one of them claims). So one report for the same creator and window costs one credit
 * across replicas. Polling rather than LISTEN/NOTIFY keeps it to plain queries on pooled
 * connections; a report takes seconds, so a poll every quarter second costs nothing noticeable.
 *
 * With the cache off (TTL 0) the flight is still shared: the leader's value is kept just long
 * enough for the followers' next polls (`handoffMs`), so replicas asking at once still pay once.
 *
 * Values are stored as JSON. Time and waiting are injected for tests.
 */
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { SharedCache } from '../tikliveapi/shared-cache';

export interface PgSharedCacheOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** How often a follower looks for the leader's value. Default 250 ms. */
  pollMs?: number;
  /** How long a claim holds if its leader dies without releasing it. Default 2 minutes (longer than any command deadline). */
  claimMs?: number;
}

export class PgSharedCache implements SharedCache {
  private readonly owner = `${process.pid}-${randomBytes(4).toString('hex')}`;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly pool: Pool,
    private readonly options: PgSharedCacheOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async getOrLoad<V>(key: string, ttlMs: number, load: () => Promise<{ value: V; keep: boolean }>, signal?: AbortSignal): Promise<{ value: V; leader: boolean }> {
    for (;;) {
      const hit = await this.get<V>(key);
      if (hit !== undefined) return { value: hit, leader: false };
      if (await this.claim(key)) {
        try {
          // The previous leader may have stored the value just before we claimed.
          const late = await this.get<V>(key);
          if (late !== undefined) return { value: late, leader: false };
          const { value, keep } = await load();
          // With no TTL (cache off) the value is still handed to the replicas polling for it.
          if (keep) await this.set(key, value, ttlMs > 0 ? ttlMs : this.handoffMs());
          return { value, leader: true };
        } finally {
          await this.pool.query('DELETE FROM shared_flights WHERE key = $1 AND owner = $2', [key, this.owner]).catch(() => undefined);
        }
      }
      // A command past its deadline stops waiting; the signal's reason is what its caller reports.
      if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
      await this.sleep(this.options.pollMs ?? 250);
    }
  }

  /** How long a value of an uncached flight stays for its followers: a few of their polls. */
  private handoffMs(): number {
    return 4 * (this.options.pollMs ?? 250) + 1000;
  }

  private async get<V>(key: string): Promise<V | undefined> {
    const { rows } = await this.pool.query<{ value_json: string }>('SELECT value_json FROM shared_cache WHERE key = $1 AND expires_ms > $2', [key, this.now()]);
    return rows[0] === undefined ? undefined : (JSON.parse(rows[0].value_json) as V);
  }

  private async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    const t = this.now();
    await this.pool.query(
      `INSERT INTO shared_cache (key, value_json, expires_ms) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value_json = EXCLUDED.value_json, expires_ms = EXCLUDED.expires_ms`,
      [key, JSON.stringify(value), t + ttlMs],
    );
    // Expired entries are swept now and then, so the table holds about one TTL of reports.
    if (Math.random() < 0.05) await this.pool.query('DELETE FROM shared_cache WHERE expires_ms <= $1', [t]);
  }

  /** True when this replica now leads the load for `key`. */
  private async claim(key: string): Promise<boolean> {
    const t = this.now();
    const { rows } = await this.pool.query<{ owner: string }>(
      `INSERT INTO shared_flights (key, owner, until_ms) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET owner = EXCLUDED.owner, until_ms = EXCLUDED.until_ms WHERE shared_flights.until_ms <= $4
       RETURNING owner`,
      [key, this.owner, t + (this.options.claimMs ?? 120_000), t],
    );
    return rows[0]?.owner === this.owner;
  }
}
