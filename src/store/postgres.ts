/**
 * The PostgreSQL store (pg): selected by DATABASE_URL=postgres://… so several replicas can share
 * one store. Opening is synchronous like SQLite's (callers keep one code path); the connection
 * and the migrations happen once, in the background, and every method waits for them, so the
 * first call (or `ping()`) reports a server that cannot be used.
 */
import { Pool, type PoolClient } from 'pg';
import { postgresLocation } from './path';
import { pgFailure } from './pg-errors';
import { migratePostgres } from './pg-migrations';
import { PgRuns } from './pg-runs';
import { holdPostgres, settlePostgres } from './credit-holds';
import { saveSnapshotPostgres, snapshotsPostgres, type CreatorSnapshot, type SnapshotQuery } from './snapshots';
import { pgWatches as W } from './watch-sql';
import type { AlertClaim, AlertClaimRequest, AlertKey, Watch, WatchAlert, WatchFilter, WatchInput, WatchKey } from './watches';
import { installationParams, keyColumns, toInstallation } from './installations';
import { toSubscription } from './rows';
import { scheduleChanged } from './schedule-change';
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

export interface PostgresStoreOptions {
  /** Connections per process. Default 5: digests are few and short. */
  poolSize?: number;
  /** Schema to use (sets search_path); tests give each run its own. Default: the server's search_path. */
  schema?: string;
  /** How long to wait for a connection, in ms. Default 5000. */
  connectTimeoutMs?: number;
}

const KEY_WHERE = 'platform = $1 AND workspace_id = $2 AND channel_id = $3 AND creator_userid = $4';

export class PostgresStore implements Store {
  readonly kind = 'postgres';
  private readonly runs: PgRuns;
  private readonly ready: Promise<void>;
  /** Host, port and database only: safe for messages. */
  readonly location: string;

  constructor(
    url: string,
    options: PostgresStoreOptions = {},
    private readonly pool = new Pool({
      connectionString: url,
      max: options.poolSize ?? 5,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      application_name: 'quadrants',
      ...(options.schema === undefined ? {} : { options: `-c search_path=${quoteIdent(options.schema)}` }),
    }),
  ) {
    this.location = postgresLocation(url);
    this.runs = new PgRuns(pool);
    // An idle client that loses its server emits 'error' on the pool; without a listener the
    // process would crash. The next query reports the problem instead.
    pool.on('error', () => undefined);
    this.ready = this.withClient(migratePostgres).then(() => undefined);
    // Callers see the failure on their first call; never an unhandled rejection in between.
    this.ready.catch(() => undefined);
  }

  async ping(): Promise<void> {
    await this.run(() => this.pool.query('SELECT 1'));
  }

  async saveSubscription(input: SubscriptionInput, at: Date): Promise<{ subscription: Subscription; created: boolean }> {
    const now = at.toISOString();
    return this.run(() =>
      this.runs.inTransaction(async (tx) => {
        const inserted = await tx.query(
          `INSERT INTO subscriptions (platform, workspace_id, channel_id, creator_username, creator_userid, posts, cadence,
             day, hour, minute, timezone, created_by, created_at, updated_at, active_since, status)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $13, 'active')
           ON CONFLICT (platform, workspace_id, channel_id, creator_userid) DO NOTHING RETURNING *`,
          [input.platform, input.workspaceId, input.channelId, input.creatorUsername, input.creatorUserid, input.posts,
            input.cadence, input.day, input.hour, input.minute, input.timezone, input.createdBy, now],
        );
        if (inserted.rows[0] !== undefined) return { subscription: toSubscription(inserted.rows[0]), created: true };
        const locked = await tx.query(`SELECT * FROM subscriptions WHERE ${KEY_WHERE} FOR UPDATE`, keyParams(input));
        const existing = toSubscription(locked.rows[0]);
        const { rows } = await tx.query(
          `UPDATE subscriptions SET creator_username = $2, posts = $3, cadence = $4, day = $5, hour = $6, minute = $7,
             timezone = $8, created_by = $9, updated_at = $10, active_since = $11, status = 'active', disabled_reason = NULL
           WHERE id = $1 RETURNING *`,
          [existing.id, input.creatorUsername, input.posts, input.cadence, input.day, input.hour, input.minute,
            input.timezone, input.createdBy, now, scheduleChanged(existing, input) ? now : existing.activeSince],
        );
        return { subscription: toSubscription(rows[0]), created: false };
      }),
    );
  }

  async getSubscription(id: number): Promise<Subscription | null> {
    const { rows } = await this.run(() => this.pool.query('SELECT * FROM subscriptions WHERE id = $1', [id]));
    return rows[0] === undefined ? null : toSubscription(rows[0]);
  }

  async findSubscription(key: SubscriptionKey): Promise<Subscription | null> {
    const { rows } = await this.run(() => this.pool.query(`SELECT * FROM subscriptions WHERE ${KEY_WHERE}`, keyParams(key)));
    return rows[0] === undefined ? null : toSubscription(rows[0]);
  }

  async deleteSubscription(key: SubscriptionKey): Promise<boolean> {
    const { rowCount } = await this.run(() => this.pool.query(`DELETE FROM subscriptions WHERE ${KEY_WHERE}`, keyParams(key)));
    return rowCount === 1;
  }

  async listSubscriptions(filter: SubscriptionFilter = {}): Promise<Subscription[]> {
    const where: string[] = [];
    const params: string[] = [];
    for (const [column, value] of [['platform', filter.platform], ['workspace_id', filter.workspaceId], ['status', filter.status]] as const) {
      if (value === undefined) continue;
      params.push(value);
      where.push(`${column} = $${params.length}`);
    }
    const sql = `SELECT * FROM subscriptions ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id`;
    const { rows } = await this.run(() => this.pool.query(sql, params));
    return rows.map(toSubscription);
  }

  async channelWorkspace(platform: Platform, channelId: string): Promise<string | null> {
    const { rows } = await this.run(() =>
      this.pool.query<{ workspace_id: string }>(
        'SELECT workspace_id FROM subscriptions WHERE platform = $1 AND channel_id = $2 ORDER BY id LIMIT 1',
        [platform, channelId],
      ),
    );
    return rows[0]?.workspace_id ?? null;
  }

  async disableSubscription(id: number, reason: string, at: Date): Promise<void> {
    await this.run(() =>
      this.pool.query(`UPDATE subscriptions SET status = 'disabled', disabled_reason = $2, updated_at = $3 WHERE id = $1`, [
        id,
        reason.slice(0, 300),
        at.toISOString(),
      ]),
    );
  }

  async setPaused(id: number, change: PauseChange, at: Date): Promise<Subscription | null> {
    const now = at.toISOString();
    await this.run(() =>
      change
        ? this.pool.query('UPDATE subscriptions SET paused_at = $2, paused_by = $3, updated_at = $2 WHERE id = $1 AND paused_at IS NULL', [id, now, change.by.slice(0, 64)])
        : this.pool.query('UPDATE subscriptions SET paused_at = NULL, paused_by = NULL, active_since = $2, updated_at = $2 WHERE id = $1 AND paused_at IS NOT NULL', [id, now]),
    );
    return this.getSubscription(id);
  }

  getRun(subscriptionId: number, period: string): Promise<DigestRun | null> {
    return this.run(() => this.runs.get(subscriptionId, period));
  }

  recentRuns(subscriptionId: number, limit: number): Promise<DigestRun[]> {
    return this.run(() => this.runs.recent(subscriptionId, limit));
  }

  notePending(subscriptionId: number, period: string, reason: string, at: Date): Promise<boolean> {
    return this.run(() => this.runs.notePending(subscriptionId, period, reason, at));
  }

  claimRun(request: ClaimRequest): Promise<ClaimResult> {
    return this.run(() => this.runs.claim(request));
  }

  markPosting(subscriptionId: number, period: string, owner: string, leaseUntil: Date, at: Date): Promise<boolean> {
    return this.run(() => this.runs.markPosting(subscriptionId, period, owner, leaseUntil, at));
  }

  markPosted(subscriptionId: number, period: string, messageRef: string, at: Date): Promise<boolean> {
    return this.run(() => this.runs.markPosted(subscriptionId, period, messageRef, at));
  }

  markFailed(request: FailRequest): Promise<boolean> {
    return this.run(() => this.runs.markFailed(request));
  }

  saveSummary(summary: RunSummaryRecord): Promise<void> {
    return this.run(() => this.runs.saveSummary(summary));
  }

  getSummary(subscriptionId: number, period: string): Promise<RunSummaryRecord | null> {
    return this.run(() => this.runs.getSummary(subscriptionId, period));
  }

  previousSummary(subscriptionId: number, excludePeriod: string): Promise<RunSummaryRecord | null> {
    return this.run(() => this.runs.previousSummary(subscriptionId, excludePeriod));
  }

  async saveSlackInstallation(input: SlackInstallationInput, at: Date): Promise<SlackInstallation> {
    const p = installationParams(input);
    const { rows } = await this.run(() =>
      this.pool.query(
        `INSERT INTO slack_installations (enterprise_id, team_id, is_enterprise_install, bot_token, bot_user_id, bot_id,
           installation_json, installed_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
         ON CONFLICT (enterprise_id, team_id) DO UPDATE SET is_enterprise_install = excluded.is_enterprise_install,
           bot_token = excluded.bot_token, bot_user_id = excluded.bot_user_id, bot_id = excluded.bot_id,
           installation_json = excluded.installation_json, updated_at = excluded.updated_at
         RETURNING *`,
        [p.enterpriseId, p.teamId, p.isEnterpriseInstall, p.botToken, p.botUserId, p.botId, p.data, at.toISOString()],
      ),
    );
    return toInstallation(rows[0]);
  }

  async getSlackInstallation(key: SlackInstallationKey): Promise<SlackInstallation | null> {
    const k = keyColumns(key);
    const { rows } = await this.run(() =>
      this.pool.query('SELECT * FROM slack_installations WHERE enterprise_id = $1 AND team_id = $2', [k.enterpriseId, k.teamId]),
    );
    return rows[0] === undefined ? null : toInstallation(rows[0]);
  }

  async deleteSlackInstallation(key: SlackInstallationKey): Promise<boolean> {
    const k = keyColumns(key);
    const { rowCount } = await this.run(() =>
      this.pool.query('DELETE FROM slack_installations WHERE enterprise_id = $1 AND team_id = $2', [k.enterpriseId, k.teamId]),
    );
    return rowCount === 1;
  }

  async useSlackOAuthState(stateHash: string, at: Date, expiresAt: Date): Promise<boolean> {
    await this.run(() => this.pool.query('DELETE FROM slack_oauth_states WHERE expires_at < $1', [at.toISOString()]));
    const { rowCount } = await this.run(() =>
      this.pool.query('INSERT INTO slack_oauth_states (state_hash, used_at, expires_at) VALUES ($1, $2, $3) ON CONFLICT (state_hash) DO NOTHING', [
        stateHash,
        at.toISOString(),
        expiresAt.toISOString(),
      ]),
    );
    return rowCount === 1;
  }

  async addWorkspaceCredits(workspace: WorkspaceRef, month: string, credits: number, at: Date): Promise<number> {
    const { rows } = await this.run(() =>
      this.pool.query<{ credits: number }>(
        `INSERT INTO workspace_credits (platform, workspace_id, month, credits, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (platform, workspace_id, month)
         DO UPDATE SET credits = workspace_credits.credits + EXCLUDED.credits, updated_at = EXCLUDED.updated_at
         RETURNING credits`,
        [workspace.platform, workspace.workspaceId, month, credits, at.toISOString()],
      ),
    );
    return Number(rows[0]?.credits ?? 0);
  }

  async workspaceCredits(workspace: WorkspaceRef, month: string): Promise<number> {
    const { rows } = await this.run(() =>
      this.pool.query<{ credits: number }>('SELECT credits FROM workspace_credits WHERE platform = $1 AND workspace_id = $2 AND month = $3', [
        workspace.platform,
        workspace.workspaceId,
        month,
      ]),
    );
    return Number(rows[0]?.credits ?? 0);
  }

  async holdWorkspaceCredits(request: CreditHoldRequest): Promise<CreditHoldResult> {
    return this.run(() => this.runs.inTransaction((tx) => holdPostgres(tx, request)));
  }

  async settleWorkspaceCredits(id: string, workspace: WorkspaceRef, month: string, credits: number, at: Date): Promise<number> {
    return this.run(() => this.runs.inTransaction((tx) => settlePostgres(tx, id, workspace, month, credits, at)));
  }

  async saveCreatorSnapshot(snapshot: CreatorSnapshot): Promise<void> {
    await this.run(() => saveSnapshotPostgres(this.pool, snapshot));
  }

  async creatorSnapshots(query: SnapshotQuery): Promise<CreatorSnapshot[]> {
    return this.run(() => snapshotsPostgres(this.pool, query));
  }

  private closing: Promise<void> | undefined;

  async saveWatch(input: WatchInput, at: Date): Promise<{ watch: Watch; created: boolean }> {
    return this.run(() => W.save(this.pool, input, at));
  }

  async deleteWatch(key: WatchKey): Promise<boolean> {
    return this.run(() => W.remove(this.pool, key));
  }

  async listWatches(filter: WatchFilter = {}): Promise<Watch[]> {
    return this.run(() => W.list(this.pool, filter));
  }

  async claimWatchCheck(id: number, day: string, owner: string, at: Date, leaseMs: number): Promise<boolean> {
    return this.run(() => W.claim(this.pool, id, day, owner, at, leaseMs));
  }

  async finishWatchCheck(id: number, day: string, owner: string, at: Date, error: string | null = null): Promise<boolean> {
    return this.run(() => W.finish(this.pool, id, day, owner, at, error));
  }

  async failWatchCheck(id: number, owner: string, error: string): Promise<void> {
    await this.run(() => W.fail(this.pool, id, owner, error));
  }

  async claimAlert(request: AlertClaimRequest): Promise<AlertClaim> {
    return this.run(() => W.claimAlert(this.pool, request));
  }

  async markAlertPosted(key: AlertKey, messageRef: string, at: Date): Promise<boolean> {
    return this.run(() => W.posted(this.pool, key, messageRef, at));
  }

  async listAlerts(filter: WatchFilter = {}): Promise<WatchAlert[]> {
    return this.run(() => W.alerts(this.pool, filter));
  }

  async close(): Promise<void> {
    // Let the migrations settle first, so the pool is never ended under them.
    this.closing ??= this.ready.catch(() => undefined).then(() => this.pool.end());
    await this.closing;
  }

  /** Waits for the migrations, then runs `work`, turning driver errors into one sentence. */
  private async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      await this.ready;
      return await work();
    } catch (err) {
      throw pgFailure(this.location, err);
    }
  }

  private async withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      return await work(client);
    } finally {
      client.release();
    }
  }
}

function keyParams(key: SubscriptionKey): string[] {
  return [key.platform, key.workspaceId, key.channelId, key.creatorUserid];
}

/** Quotes an identifier for search_path (schema names come from configuration, not users). */
function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
