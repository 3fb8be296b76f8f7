/**
 * The SQLite store (better-sqlite3): one file, WAL, a busy timeout so several processes
 * (the bot and a `quadrants digest run` from system cron) can share it safely.
 */
import type Database from 'better-sqlite3';
import { databasePath } from './path';
import { sqliteFailure } from './sqlite-errors';
import { openSqliteFile } from './sqlite-open';
import { installationParams, keyColumns, toInstallation } from './installations';
import { toSubscription } from './rows';
import { scheduleChanged } from './schedule-change';
import { SqliteRuns } from './sqlite-runs';
import { holdSqlite, settleSqlite } from './credit-holds';
import { saveSnapshotSqlite, snapshotsSqlite, type CreatorSnapshot, type SnapshotQuery } from './snapshots';
import { sqliteWatches as W } from './watch-sql';
import type { AlertClaim, AlertClaimRequest, AlertKey, Watch, WatchAlert, WatchFilter, WatchInput, WatchKey } from './watches';
import type {
  CreditHoldRequest,
  CreditHoldResult,
  PauseChange,
  ClaimRequest,
  ClaimResult,
  DigestRun,
  FailRequest,
  Platform,
  RunSummaryRecord,
  SlackInstallation,
  SlackInstallationInput,
  SlackInstallationKey,
  Store,
  Subscription,
  SubscriptionFilter,
  SubscriptionInput,
  SubscriptionKey,
  WorkspaceRef,
} from './types';

export interface OpenStoreOptions {
  /** How long a writer waits for another process's lock, in ms. Default 5000. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating the file and its folder when needed) and migrates the SQLite store at a plain
 * path or `file:` URL. Use `openStore` (src/store/open.ts) to pick the engine from DATABASE_URL.
 */
export function openSqliteStore(databaseUrl: string, options: OpenStoreOptions = {}): SqliteStore {
  return SqliteStore.open(databaseUrl, options);
}

const KEY_WHERE = 'platform = @platform AND workspace_id = @workspaceId AND channel_id = @channelId AND creator_userid = @creatorUserid';

export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  private readonly runs: SqliteRuns;

  private constructor(
    private readonly db: Database.Database,
    /** The resolved file path (':memory:' for an in-memory store). */
    readonly file: string,
    private readonly busyTimeoutMs: number,
  ) {
    this.runs = new SqliteRuns(db);
  }

  /** The open connection, for the online backup (backup.ts); not for queries elsewhere. */
  get database(): Database.Database {
    return this.db;
  }

  static open(databaseUrl: string, options: OpenStoreOptions = {}): SqliteStore {
    const file = databasePath(databaseUrl);
    const busy = options.busyTimeoutMs ?? 5000;
    return new SqliteStore(openSqliteFile(file, busy), file, busy);
  }

  async ping(): Promise<void> {
    return this.guard(() => {
      this.db.prepare('SELECT 1').get();
    });
  }

  async saveSubscription(input: SubscriptionInput, at: Date): Promise<{ subscription: Subscription; created: boolean }> {
    return this.guard(() => {
      const now = at.toISOString();
      const tx = this.db.transaction(() => {
        const existing = this.findSync(input);
        if (!existing) {
          const info = this.db
            .prepare(
              `INSERT INTO subscriptions (platform, workspace_id, channel_id, creator_username, creator_userid, posts, cadence,
                 day, hour, minute, timezone, created_by, created_at, updated_at, active_since, status)
               VALUES (@platform, @workspaceId, @channelId, @creatorUsername, @creatorUserid, @posts, @cadence,
                 @day, @hour, @minute, @timezone, @createdBy, @now, @now, @now, 'active')`,
            )
            .run({ ...input, now });
          return { id: Number(info.lastInsertRowid), created: true };
        }
        this.db
          .prepare(
            `UPDATE subscriptions SET creator_username = @creatorUsername, posts = @posts, cadence = @cadence, day = @day,
               hour = @hour, minute = @minute, timezone = @timezone, created_by = @createdBy, updated_at = @now,
               active_since = @activeSince, status = 'active', disabled_reason = NULL
             WHERE id = @id`,
          )
          .run({ ...input, now, id: existing.id, activeSince: scheduleChanged(existing, input) ? now : existing.activeSince });
        return { id: existing.id, created: false };
      });
      const { id, created } = tx.immediate();
      return { subscription: this.getSync(id) as Subscription, created };
    });
  }

  async getSubscription(id: number): Promise<Subscription | null> {
    return this.guard(() => this.getSync(id));
  }

  async findSubscription(key: SubscriptionKey): Promise<Subscription | null> {
    return this.guard(() => this.findSync(key));
  }

  async deleteSubscription(key: SubscriptionKey): Promise<boolean> {
    return this.guard(() => {
      const info = this.db.prepare(`DELETE FROM subscriptions WHERE ${KEY_WHERE}`).run(keyParams(key));
      return info.changes > 0;
    });
  }

  async listSubscriptions(filter: SubscriptionFilter = {}): Promise<Subscription[]> {
    return this.guard(() => {
      const where: string[] = [];
      if (filter.platform !== undefined) where.push('platform = @platform');
      if (filter.workspaceId !== undefined) where.push('workspace_id = @workspaceId');
      if (filter.status !== undefined) where.push('status = @status');
      const sql = `SELECT * FROM subscriptions ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id`;
      return this.db.prepare(sql).all(filter).map(toSubscription);
    });
  }

  async channelWorkspace(platform: Platform, channelId: string): Promise<string | null> {
    return this.guard(() => {
      const row = this.db
        .prepare('SELECT workspace_id FROM subscriptions WHERE platform = ? AND channel_id = ? LIMIT 1')
        .get(platform, channelId) as { workspace_id: string } | undefined;
      return row?.workspace_id ?? null;
    });
  }

  async disableSubscription(id: number, reason: string, at: Date): Promise<void> {
    return this.guard(() => {
      this.db
        .prepare(`UPDATE subscriptions SET status = 'disabled', disabled_reason = ?, updated_at = ? WHERE id = ?`)
        .run(reason.slice(0, 300), at.toISOString(), id);
    });
  }

  async setPaused(id: number, change: PauseChange, at: Date): Promise<Subscription | null> {
    return this.guard(() => {
      const now = at.toISOString();
      if (change) {
        this.db
          .prepare('UPDATE subscriptions SET paused_at = ?, paused_by = ?, updated_at = ? WHERE id = ? AND paused_at IS NULL')
          .run(now, change.by.slice(0, 64), now, id);
      } else {
        this.db
          .prepare('UPDATE subscriptions SET paused_at = NULL, paused_by = NULL, active_since = ?, updated_at = ? WHERE id = ? AND paused_at IS NOT NULL')
          .run(now, now, id);
      }
      return this.getSync(id);
    });
  }

  async getRun(subscriptionId: number, period: string): Promise<DigestRun | null> {
    return this.guard(() => this.runs.get(subscriptionId, period));
  }

  async recentRuns(subscriptionId: number, limit: number): Promise<DigestRun[]> {
    return this.guard(() => this.runs.recent(subscriptionId, limit));
  }

  async notePending(subscriptionId: number, period: string, reason: string, at: Date): Promise<boolean> {
    return this.guard(() => this.runs.notePending(subscriptionId, period, reason, at));
  }

  async claimRun(request: ClaimRequest): Promise<ClaimResult> {
    return this.guard(() => this.runs.claim(request));
  }

  async markPosting(subscriptionId: number, period: string, owner: string, leaseUntil: Date, at: Date): Promise<boolean> {
    return this.guard(() => this.runs.markPosting(subscriptionId, period, owner, leaseUntil, at));
  }

  async markPosted(subscriptionId: number, period: string, messageRef: string, at: Date): Promise<boolean> {
    return this.guard(() => this.runs.markPosted(subscriptionId, period, messageRef, at));
  }

  async markFailed(request: FailRequest): Promise<boolean> {
    return this.guard(() => this.runs.markFailed(request));
  }

  async saveSummary(summary: RunSummaryRecord): Promise<void> {
    return this.guard(() => this.runs.saveSummary(summary));
  }

  async getSummary(subscriptionId: number, period: string): Promise<RunSummaryRecord | null> {
    return this.guard(() => this.runs.getSummary(subscriptionId, period));
  }

  async previousSummary(subscriptionId: number, excludePeriod: string): Promise<RunSummaryRecord | null> {
    return this.guard(() => this.runs.previousSummary(subscriptionId, excludePeriod));
  }

  async saveSlackInstallation(input: SlackInstallationInput, at: Date): Promise<SlackInstallation> {
    return this.guard(() => {
      const now = at.toISOString();
      this.db
        .prepare(
          `INSERT INTO slack_installations (enterprise_id, team_id, is_enterprise_install, bot_token, bot_user_id, bot_id,
             installation_json, installed_at, updated_at)
           VALUES (@enterpriseId, @teamId, @isEnterpriseInstall, @botToken, @botUserId, @botId, @data, @now, @now)
           ON CONFLICT (enterprise_id, team_id) DO UPDATE SET is_enterprise_install = excluded.is_enterprise_install,
             bot_token = excluded.bot_token, bot_user_id = excluded.bot_user_id, bot_id = excluded.bot_id,
             installation_json = excluded.installation_json, updated_at = excluded.updated_at`,
        )
        .run({ ...installationParams(input), now });
      return this.installationSync(input) as SlackInstallation;
    });
  }

  async getSlackInstallation(key: SlackInstallationKey): Promise<SlackInstallation | null> {
    return this.guard(() => this.installationSync(key));
  }

  async deleteSlackInstallation(key: SlackInstallationKey): Promise<boolean> {
    return this.guard(
      () => this.db.prepare('DELETE FROM slack_installations WHERE enterprise_id = @enterpriseId AND team_id = @teamId').run(keyColumns(key)).changes > 0,
    );
  }

  async useSlackOAuthState(stateHash: string, at: Date, expiresAt: Date): Promise<boolean> {
    return this.guard(() => {
      this.db.prepare('DELETE FROM slack_oauth_states WHERE expires_at < ?').run(at.toISOString());
      const sql = 'INSERT INTO slack_oauth_states (state_hash, used_at, expires_at) VALUES (?, ?, ?) ON CONFLICT (state_hash) DO NOTHING';
      return this.db.prepare(sql).run(stateHash, at.toISOString(), expiresAt.toISOString()).changes === 1;
    });
  }

  async addWorkspaceCredits(workspace: WorkspaceRef, month: string, credits: number, at: Date): Promise<number> {
    return this.guard(() => {
      const row = this.db
        .prepare(
          `INSERT INTO workspace_credits (platform, workspace_id, month, credits, updated_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (platform, workspace_id, month) DO UPDATE SET credits = credits + excluded.credits, updated_at = excluded.updated_at
           RETURNING credits`,
        )
        .get(workspace.platform, workspace.workspaceId, month, credits, at.toISOString()) as { credits: number };
      return row.credits;
    });
  }

  async workspaceCredits(workspace: WorkspaceRef, month: string): Promise<number> {
    return this.guard(() => {
      const row = this.db
        .prepare('SELECT credits FROM workspace_credits WHERE platform = ? AND workspace_id = ? AND month = ?')
        .get(workspace.platform, workspace.workspaceId, month) as { credits: number } | undefined;
      return row?.credits ?? 0;
    });
  }

  async holdWorkspaceCredits(request: CreditHoldRequest): Promise<CreditHoldResult> {
    return this.guard(() => holdSqlite(this.db, request));
  }

  async settleWorkspaceCredits(id: string, workspace: WorkspaceRef, month: string, credits: number, at: Date): Promise<number> {
    return this.guard(() => settleSqlite(this.db, id, workspace, month, credits, at));
  }

  async saveCreatorSnapshot(snapshot: CreatorSnapshot): Promise<void> {
    this.guard(() => saveSnapshotSqlite(this.db, snapshot));
  }

  async creatorSnapshots(query: SnapshotQuery): Promise<CreatorSnapshot[]> {
    return this.guard(() => snapshotsSqlite(this.db, query));
  }

  async saveWatch(input: WatchInput, at: Date): Promise<{ watch: Watch; created: boolean }> {
    return this.guard(() => W.save(this.db, input, at));
  }

  async deleteWatch(key: WatchKey): Promise<boolean> {
    return this.guard(() => W.remove(this.db, key));
  }

  async listWatches(filter: WatchFilter = {}): Promise<Watch[]> {
    return this.guard(() => W.list(this.db, filter));
  }

  async claimWatchCheck(id: number, day: string, owner: string, at: Date, leaseMs: number): Promise<boolean> {
    return this.guard(() => W.claim(this.db, id, day, owner, at, leaseMs));
  }

  async finishWatchCheck(id: number, day: string, owner: string, at: Date, error: string | null = null): Promise<boolean> {
    return this.guard(() => W.finish(this.db, id, day, owner, at, error));
  }

  async failWatchCheck(id: number, owner: string, error: string): Promise<void> {
    this.guard(() => W.fail(this.db, id, owner, error));
  }

  async claimAlert(request: AlertClaimRequest): Promise<AlertClaim> {
    return this.guard(() => W.claimAlert(this.db, request));
  }

  async markAlertPosted(key: AlertKey, messageRef: string, at: Date): Promise<boolean> {
    return this.guard(() => W.posted(this.db, key, messageRef, at));
  }

  async listAlerts(filter: WatchFilter = {}): Promise<WatchAlert[]> {
    return this.guard(() => W.alerts(this.db, filter));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private installationSync(key: SlackInstallationKey): SlackInstallation | null {
    const row = this.db.prepare('SELECT * FROM slack_installations WHERE enterprise_id = @enterpriseId AND team_id = @teamId').get(keyColumns(key));
    return row === undefined ? null : toInstallation(row);
  }

  /** Runs synchronous SQLite work, turning any failure into one sentence naming the file. */
  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (err) {
      throw sqliteFailure(this.file, err, this.busyTimeoutMs);
    }
  }

  private getSync(id: number): Subscription | null {
    const row = this.db.prepare('SELECT * FROM subscriptions WHERE id = ?').get(id);
    return row === undefined ? null : toSubscription(row);
  }

  private findSync(key: SubscriptionKey): Subscription | null {
    const row = this.db.prepare(`SELECT * FROM subscriptions WHERE ${KEY_WHERE}`).get(keyParams(key));
    return row === undefined ? null : toSubscription(row);
  }
}

function keyParams(key: SubscriptionKey): Record<string, string> {
  return { platform: key.platform, workspaceId: key.workspaceId, channelId: key.channelId, creatorUserid: key.creatorUserid };
}
