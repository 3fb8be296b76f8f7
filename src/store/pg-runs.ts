/**
 * Digest runs and run summaries in PostgreSQL.
 *
 * Why row locks with SKIP LOCKED for claims: the claim rules (claims.ts) are the same code as in
 * SQLite, applied to a row this transaction has locked with `SELECT … FOR UPDATE SKIP LOCKED`.
 * Only the lock holder can decide and update the row, so of several replicas claiming the same
 * (subscription, period) at once exactly one wins; the others skip the locked row at once (no
 * queueing behind a claimer) and report the run as leased. A brand-new run is created with
 * `INSERT … ON CONFLICT DO NOTHING RETURNING`, where the unique key picks the one winner. A dead
 * claimant's lease is just a row whose `claimed_until` is in the past: the next claimer takes it.
 */
import type { Pool, PoolClient } from 'pg';
import { cleanError, exhaustedNote, isTakeover, refusalFor } from './claims';
import { summaryParams, toRun, toSummary } from './rows';
import type { ClaimRequest, ClaimResult, DigestRun, FailRequest, RunSummaryRecord } from './types';

type Queryable = Pick<Pool, 'query'> | PoolClient;

const KEY = 'subscription_id = $1 AND period = $2';

export class PgRuns {
  constructor(private readonly pool: Pool) {}

  async get(subscriptionId: number, period: string, db: Queryable = this.pool): Promise<DigestRun | null> {
    const { rows } = await db.query(`SELECT * FROM digest_runs WHERE ${KEY}`, [subscriptionId, period]);
    return rows[0] === undefined ? null : toRun(rows[0]);
  }

  async recent(subscriptionId: number, limit: number): Promise<DigestRun[]> {
    const { rows } = await this.pool.query(
      'SELECT * FROM digest_runs WHERE subscription_id = $1 ORDER BY created_at DESC, period DESC LIMIT $2',
      [subscriptionId, Math.max(1, Math.trunc(limit))],
    );
    return rows.map(toRun);
  }

  async notePending(subscriptionId: number, period: string, reason: string, at: Date): Promise<boolean> {
    const now = at.toISOString();
    // xmax is 0 only on a row this statement inserted (an updated row carries this transaction's id).
    const { rows } = await this.pool.query<{ inserted: boolean }>(
      `INSERT INTO digest_runs (subscription_id, period, state, attempts, last_error, created_at, updated_at)
       VALUES ($1, $2, 'pending', 0, $3, $4, $4)
       ON CONFLICT (subscription_id, period) DO UPDATE SET last_error = excluded.last_error, updated_at = excluded.updated_at
       WHERE digest_runs.state = 'pending'
       RETURNING (xmax = 0) AS inserted`,
      [subscriptionId, period, cleanError(reason), now],
    );
    return rows[0]?.inserted === true;
  }

  async claim(req: ClaimRequest): Promise<ClaimResult> {
    const now = req.at.toISOString();
    const leaseUntil = new Date(req.at.getTime() + req.leaseMs).toISOString();
    const inserted = await this.pool.query(
      `INSERT INTO digest_runs (subscription_id, period, state, attempts, claimed_by, claimed_until, created_at, updated_at)
       VALUES ($1, $2, 'claimed', 1, $3, $4, $5, $5) ON CONFLICT (subscription_id, period) DO NOTHING RETURNING *`,
      [req.subscriptionId, req.period, req.owner, leaseUntil, now],
    );
    if (inserted.rows[0] !== undefined) return { claimed: true, run: toRun(inserted.rows[0]) };
    return this.inTransaction(async (tx) => {
      const locked = await tx.query(`SELECT * FROM digest_runs WHERE ${KEY} FOR UPDATE SKIP LOCKED`, [req.subscriptionId, req.period]);
      if (locked.rows[0] === undefined) {
        // Another claimer holds the row right now: it is deciding, so this one stands back.
        const current = await this.get(req.subscriptionId, req.period, tx);
        if (current === null) throw new Error('the digest run vanished while being claimed (its subscription was deleted)');
        return { claimed: false, reason: 'leased', run: current };
      }
      const existing = toRun(locked.rows[0]);
      const refusal = refusalFor(existing, req.owner, now);
      if (refusal) return { claimed: false, reason: refusal, run: existing };
      const takeover = isTakeover(existing);
      if (!takeover && existing.attempts >= req.maxAttempts) {
        const { rows } = await tx.query(
          `UPDATE digest_runs SET state = 'abandoned', last_error = $3, claimed_by = NULL, claimed_until = NULL,
             next_attempt_at = NULL, updated_at = $4 WHERE ${KEY} RETURNING *`,
          [req.subscriptionId, req.period, exhaustedNote(existing), now],
        );
        return { claimed: false, reason: 'exhausted', run: toRun(rows[0]) };
      }
      const { rows } = await tx.query(
        `UPDATE digest_runs SET state = 'claimed', attempts = attempts + $6, claimed_by = $3, claimed_until = $4,
           next_attempt_at = NULL, updated_at = $5 WHERE ${KEY} RETURNING *`,
        [req.subscriptionId, req.period, req.owner, leaseUntil, now, takeover ? 0 : 1],
      );
      return { claimed: true, run: toRun(rows[0]) };
    });
  }

  async markPosting(subscriptionId: number, period: string, owner: string, leaseUntil: Date, at: Date): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE digest_runs SET state = 'posting', claimed_until = $4, updated_at = $5
       WHERE ${KEY} AND claimed_by = $3 AND state IN ('claimed', 'posting')`,
      [subscriptionId, period, owner, leaseUntil.toISOString(), at.toISOString()],
    );
    return rowCount === 1;
  }

  /** Whoever holds the lease, the message is out: recording that is always right. */
  async markPosted(subscriptionId: number, period: string, messageRef: string, at: Date): Promise<boolean> {
    const now = at.toISOString();
    const ref = messageRef.slice(0, 300);
    const { rowCount } = await this.pool.query(
      `UPDATE digest_runs SET state = 'posted', message_ref = $3, posted_at = $4, last_error = NULL, claimed_by = NULL,
         claimed_until = NULL, next_attempt_at = NULL, updated_at = $4
       WHERE ${KEY} AND state <> 'posted'`,
      [subscriptionId, period, ref, now],
    );
    if (rowCount === 1) return true;
    // The row is gone only if someone deleted it by hand; keep the record of what went out.
    const { rowCount: inserted } = await this.pool.query(
      `INSERT INTO digest_runs (subscription_id, period, state, attempts, message_ref, posted_at, created_at, updated_at)
       SELECT id, $2, 'posted', 1, $3, $4, $4, $4 FROM subscriptions WHERE id = $1
       ON CONFLICT (subscription_id, period) DO NOTHING`,
      [subscriptionId, period, ref, now],
    );
    return inserted === 1;
  }

  async markFailed(req: FailRequest): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE digest_runs SET state = $4, last_error = $5, next_attempt_at = $6, claimed_by = NULL, claimed_until = NULL,
         attempts = GREATEST(0, attempts - $8), updated_at = $7
       WHERE ${KEY} AND claimed_by = $3 AND state IN ('claimed', 'posting')`,
      [
        req.subscriptionId,
        req.period,
        req.owner,
        req.retryAt ? 'failed' : 'abandoned',
        cleanError(req.error),
        req.retryAt ? req.retryAt.toISOString() : null,
        req.at.toISOString(),
        // A pause (the app's token, not this run) gives back the attempt its claim took.
        req.countAttempt === false ? 1 : 0,
      ],
    );
    return rowCount === 1;
  }

  async saveSummary(summary: RunSummaryRecord): Promise<void> {
    const p = summaryParams(summary);
    const columns = Object.keys(p);
    const updates = columns.filter((c) => c !== 'subscription_id' && c !== 'period').map((c) => `${c} = excluded.${c}`);
    await this.pool.query(
      `INSERT INTO run_summaries (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (subscription_id, period) DO UPDATE SET ${updates.join(', ')}`,
      columns.map((c) => p[c]),
    );
  }

  async getSummary(subscriptionId: number, period: string): Promise<RunSummaryRecord | null> {
    const { rows } = await this.pool.query(`SELECT * FROM run_summaries WHERE ${KEY}`, [subscriptionId, period]);
    return rows[0] === undefined ? null : toSummary(rows[0]);
  }

  async previousSummary(subscriptionId: number, excludePeriod: string): Promise<RunSummaryRecord | null> {
    const { rows } = await this.pool.query(
      `SELECT s.* FROM run_summaries s
       JOIN digest_runs r ON r.subscription_id = s.subscription_id AND r.period = s.period
       WHERE s.subscription_id = $1 AND s.period <> $2 AND r.state = 'posted' AND s.no_new_posts = 0
       ORDER BY r.posted_at DESC LIMIT 1`,
      [subscriptionId, excludePeriod],
    );
    return rows[0] === undefined ? null : toSummary(rows[0]);
  }

  /** Runs `work` in one transaction on one pooled connection, rolling back on any error. */
  async inTransaction<T>(work: (tx: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
