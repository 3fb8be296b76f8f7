/**
 * TikLiveAPI pacing shared by every replica on one PostgreSQL database.
 *
 * Each request that goes out is a row in `api_requests` (its time in ms). Taking a token runs one
 * short transaction under an advisory lock: count the rows of the last 60 s and of the last burst
 * window; below both limits, insert a row and go; otherwise wait until the oldest row leaves the
 * full window and try again. Because the check and the insert happen under one lock, all replicas
 * together never send more than `requestsPerMinute` in any 60 s window (a sliding log is exact
 * where a token bucket allows rate + burst), and never more than `burst` in `burst / rate` of a
 * minute, so requests are spread out instead of bunched. Rows older than a minute are deleted as
 * we go, so the table stays at most one minute of requests long.
 *
 * Time is the database's clock by default, so replicas on hosts with drifting clocks still agree;
 * tests inject one. Waiting is injected too (tests advance a virtual clock instead of sleeping).
 */
import type { Pool } from 'pg';
import type { RequestPacer } from '../tikliveapi/pacer';

export interface PgPacerOptions {
  requestsPerMinute: number;
  /** Requests that may go out back to back. Default min(10, requestsPerMinute). */
  burst?: number;
  /** Injected clock in ms; default: the database's clock_timestamp(). */
  now?: () => number;
  /** Injected wait; default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

const WINDOW_MS = 60_000;
/** First key of the advisory lock: constant for "quadrants pacing" (the second is the schema). */
const LOCK_CLASS = 0x71_70_61_63; // "qpac"

export class PgPacer implements RequestPacer {
  private readonly limit: number;
  private readonly burst: number;
  private readonly burstWindowMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly pool: Pool,
    private readonly options: PgPacerOptions,
  ) {
    if (!(options.requestsPerMinute >= 1)) throw new RangeError('requestsPerMinute must be at least 1');
    this.limit = Math.floor(options.requestsPerMinute);
    this.burst = Math.max(1, Math.min(this.limit, Math.floor(options.burst ?? Math.min(10, this.limit))));
    this.burstWindowMs = Math.ceil((this.burst * WINDOW_MS) / this.limit);
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async take(): Promise<void> {
    for (;;) {
      const wait = await this.tryTake();
      if (wait === 0) return;
      await this.sleep(wait);
    }
  }

  /** One attempt: 0 when a request was recorded, otherwise how long to wait before asking again. */
  async tryTake(): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [LOCK_CLASS]);
      const t = this.options.now
        ? this.options.now()
        : Number((await client.query<{ t: string }>('SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint AS t')).rows[0]?.t);
      await client.query('DELETE FROM api_requests WHERE at_ms <= $1', [t - WINDOW_MS]);
      const { rows } = await client.query<{ n: string; oldest: string | null; nb: string; oldest_b: string | null }>(
        `SELECT count(*) AS n, min(at_ms) AS oldest,
                count(*) FILTER (WHERE at_ms > $2) AS nb, min(at_ms) FILTER (WHERE at_ms > $2) AS oldest_b
         FROM api_requests WHERE at_ms > $1`,
        [t - WINDOW_MS, t - this.burstWindowMs],
      );
      const r = rows[0] ?? { n: '0', oldest: null, nb: '0', oldest_b: null };
      let wait = 0;
      if (Number(r.n) >= this.limit && r.oldest !== null) wait = Math.max(wait, Number(r.oldest) + WINDOW_MS - t);
      if (Number(r.nb) >= this.burst && r.oldest_b !== null) wait = Math.max(wait, Number(r.oldest_b) + this.burstWindowMs - t);
      if (wait === 0) await client.query('INSERT INTO api_requests (at_ms) VALUES ($1)', [t]);
      await client.query('COMMIT');
      // Never 0 while refused: the oldest row leaves the window strictly after `wait` ms.
      return wait === 0 ? 0 : Math.max(1, wait + 1);
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
