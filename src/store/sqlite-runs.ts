/**
 * Digest runs and run summaries in SQLite. The claim is one IMMEDIATE transaction: it takes the
 * file's write lock before reading, so two processes can never both see a run as free.
 */
import type Database from 'better-sqlite3';
import { cleanError, exhaustedNote, isTakeover, refusalFor } from './claims';
import { summaryParams, toRun, toSummary } from './rows';
import type { ClaimRequest, ClaimResult, DigestRun, FailRequest, RunSummaryRecord } from './types';

export class SqliteRuns {
  constructor(private readonly db: Database.Database) {}

  get(subscriptionId: number, period: string): DigestRun | null {
    const row = this.db
      .prepare('SELECT * FROM digest_runs WHERE subscription_id = ? AND period = ?')
      .get(subscriptionId, period);
    return row === undefined ? null : toRun(row);
  }

  recent(subscriptionId: number, limit: number): DigestRun[] {
    return this.db
      .prepare('SELECT * FROM digest_runs WHERE subscription_id = ? ORDER BY created_at DESC, period DESC LIMIT ?')
      .all(subscriptionId, Math.max(1, Math.trunc(limit)))
      .map(toRun);
  }

  notePending(subscriptionId: number, period: string, reason: string, at: Date): boolean {
    const now = at.toISOString();
    // IMMEDIATE: the look and the write are one step for every process on the file, so exactly one creates the row.
    const note = this.db.transaction((): boolean => {
      const existed = this.db.prepare('SELECT 1 FROM digest_runs WHERE subscription_id = ? AND period = ?').get(subscriptionId, period) !== undefined;
      this.db
        .prepare(
          `INSERT INTO digest_runs (subscription_id, period, state, attempts, last_error, created_at, updated_at)
           VALUES (?, ?, 'pending', 0, ?, ?, ?)
           ON CONFLICT (subscription_id, period) DO UPDATE SET last_error = excluded.last_error, updated_at = excluded.updated_at
           WHERE digest_runs.state = 'pending'`,
        )
        .run(subscriptionId, period, cleanError(reason), now, now);
      return !existed;
    });
    return note.immediate();
  }

  claim(req: ClaimRequest): ClaimResult {
    const tx = this.db.transaction((): ClaimResult => {
      const now = req.at.toISOString();
      const leaseUntil = new Date(req.at.getTime() + req.leaseMs).toISOString();
      const existing = this.get(req.subscriptionId, req.period);
      if (!existing) {
        this.db
          .prepare(
            `INSERT INTO digest_runs (subscription_id, period, state, attempts, claimed_by, claimed_until, created_at, updated_at)
             VALUES (?, ?, 'claimed', 1, ?, ?, ?, ?)`,
          )
          .run(req.subscriptionId, req.period, req.owner, leaseUntil, now, now);
        return { claimed: true, run: this.get(req.subscriptionId, req.period) as DigestRun };
      }
      const refusal = refusalFor(existing, req.owner, now);
      if (refusal) return { claimed: false, reason: refusal, run: existing };
      const takeover = isTakeover(existing);
      if (!takeover && existing.attempts >= req.maxAttempts) {
        this.db
          .prepare(
            `UPDATE digest_runs SET state = 'abandoned', last_error = ?, claimed_by = NULL, claimed_until = NULL,
               next_attempt_at = NULL, updated_at = ? WHERE subscription_id = ? AND period = ?`,
          )
          .run(exhaustedNote(existing), now, req.subscriptionId, req.period);
        return { claimed: false, reason: 'exhausted', run: this.get(req.subscriptionId, req.period) as DigestRun };
      }
      this.db
        .prepare(
          `UPDATE digest_runs SET state = 'claimed', attempts = attempts + ?, claimed_by = ?, claimed_until = ?,
             next_attempt_at = NULL, updated_at = ? WHERE subscription_id = ? AND period = ?`,
        )
        .run(takeover ? 0 : 1, req.owner, leaseUntil, now, req.subscriptionId, req.period);
      return { claimed: true, run: this.get(req.subscriptionId, req.period) as DigestRun };
    });
    return tx.immediate();
  }

  markPosting(subscriptionId: number, period: string, owner: string, leaseUntil: Date, at: Date): boolean {
    const info = this.db
      .prepare(
        `UPDATE digest_runs SET state = 'posting', claimed_until = ?, updated_at = ?
         WHERE subscription_id = ? AND period = ? AND claimed_by = ? AND state IN ('claimed', 'posting')`,
      )
      .run(leaseUntil.toISOString(), at.toISOString(), subscriptionId, period, owner);
    return info.changes === 1;
  }

  /** Whoever holds the lease, the message is out: recording that is always right. */
  markPosted(subscriptionId: number, period: string, messageRef: string, at: Date): boolean {
    const now = at.toISOString();
    const tx = this.db.transaction(() => {
      const info = this.db
        .prepare(
          `UPDATE digest_runs SET state = 'posted', message_ref = ?, posted_at = ?, last_error = NULL, claimed_by = NULL,
             claimed_until = NULL, next_attempt_at = NULL, updated_at = ?
           WHERE subscription_id = ? AND period = ? AND state <> 'posted'`,
        )
        .run(messageRef.slice(0, 300), now, now, subscriptionId, period);
      if (info.changes === 1) return true;
      if (this.get(subscriptionId, period)) return false;
      // The row is gone only if someone deleted it by hand; keep the record of what went out.
      this.db
        .prepare(
          `INSERT INTO digest_runs (subscription_id, period, state, attempts, message_ref, posted_at, created_at, updated_at)
           SELECT id, ?, 'posted', 1, ?, ?, ?, ? FROM subscriptions WHERE id = ?`,
        )
        .run(period, messageRef.slice(0, 300), now, now, now, subscriptionId);
      return true;
    });
    return tx.immediate();
  }

  markFailed(req: FailRequest): boolean {
    const info = this.db
      .prepare(
        `UPDATE digest_runs SET state = ?, last_error = ?, next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL,
           attempts = MAX(0, attempts - ?), updated_at = ?
         WHERE subscription_id = ? AND period = ? AND claimed_by = ? AND state IN ('claimed', 'posting')`,
      )
      .run(
        req.retryAt ? 'failed' : 'abandoned',
        cleanError(req.error),
        req.retryAt ? req.retryAt.toISOString() : null,
        req.countAttempt === false ? 1 : 0,
        req.at.toISOString(),
        req.subscriptionId,
        req.period,
        req.owner,
      );
    return info.changes === 1;
  }

  saveSummary(summary: RunSummaryRecord): void {
    this.db
      .prepare(
        `INSERT INTO run_summaries (subscription_id, period, share_median, save_median, counts_json, dead_fraction,
           dead_share, template_ids_json, posts_count, newest_post_id, newest_post_created_at, no_new_posts, report_json,
           drift_json, computed_at)
         VALUES (@subscription_id, @period, @share_median, @save_median, @counts_json, @dead_fraction, @dead_share,
           @template_ids_json, @posts_count, @newest_post_id, @newest_post_created_at, @no_new_posts, @report_json,
           @drift_json, @computed_at)
         ON CONFLICT (subscription_id, period) DO UPDATE SET share_median = excluded.share_median,
           save_median = excluded.save_median, counts_json = excluded.counts_json, dead_fraction = excluded.dead_fraction,
           dead_share = excluded.dead_share, template_ids_json = excluded.template_ids_json,
           posts_count = excluded.posts_count, newest_post_id = excluded.newest_post_id,
           newest_post_created_at = excluded.newest_post_created_at, no_new_posts = excluded.no_new_posts,
           report_json = excluded.report_json, drift_json = excluded.drift_json, computed_at = excluded.computed_at`,
      )
      .run(summaryParams(summary));
  }

  getSummary(subscriptionId: number, period: string): RunSummaryRecord | null {
    const row = this.db
      .prepare('SELECT * FROM run_summaries WHERE subscription_id = ? AND period = ?')
      .get(subscriptionId, period);
    return row === undefined ? null : toSummary(row);
  }

  previousSummary(subscriptionId: number, excludePeriod: string): RunSummaryRecord | null {
    const row = this.db
      .prepare(
        `SELECT s.* FROM run_summaries s
         JOIN digest_runs r ON r.subscription_id = s.subscription_id AND r.period = s.period
         WHERE s.subscription_id = ? AND s.period <> ? AND r.state = 'posted' AND s.no_new_posts = 0
         ORDER BY r.posted_at DESC LIMIT 1`,
      )
      .get(subscriptionId, excludePeriod);
    return row === undefined ? null : toSummary(row);
  }
}
