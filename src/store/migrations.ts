/**
 * Versioned schema migrations, applied in order when the store opens.
 *
 * Applied versions are recorded in `schema_migrations` (and mirrored in PRAGMA user_version).
 * Migrations run inside one IMMEDIATE transaction, so two processes opening the same file at once
 * cannot both apply a step. Never edit a shipped migration: add a new one.
 */
import type Database from 'better-sqlite3';
import { SLACK_INSTALLATIONS_SQL, SLACK_OAUTH_STATES_SQL } from './installations';
import { PAUSED_SUBSCRIPTIONS_SQL } from './pause';
import { CREDIT_HOLDS_SQL } from './credit-holds';
import { PLATFORM_SQL_LIST } from '../platforms';
import { creatorSnapshotsSql } from './snapshots';
import { watchesSql } from './watches';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'subscriptions, digest runs and run summaries',
    sql: `
      CREATE TABLE subscriptions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        platform TEXT NOT NULL CHECK (platform IN (${PLATFORM_SQL_LIST})),
        workspace_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        creator_username TEXT NOT NULL,
        creator_userid TEXT NOT NULL,
        posts INTEGER NOT NULL DEFAULT 30 CHECK (posts BETWEEN 1 AND 100),
        cadence TEXT NOT NULL DEFAULT 'monthly' CHECK (cadence IN ('monthly', 'weekly')),
        day INTEGER NOT NULL CHECK (day BETWEEN 0 AND 28),
        hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
        minute INTEGER NOT NULL CHECK (minute BETWEEN 0 AND 59),
        timezone TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        active_since TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        disabled_reason TEXT,
        UNIQUE (platform, workspace_id, channel_id, creator_userid)
      );
      CREATE INDEX subscriptions_scope ON subscriptions (platform, workspace_id);
      CREATE INDEX subscriptions_channel ON subscriptions (platform, channel_id);

      CREATE TABLE digest_runs (
        subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
        period TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'claimed', 'posting', 'posted', 'failed', 'abandoned')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        claimed_by TEXT,
        claimed_until TEXT,
        next_attempt_at TEXT,
        message_ref TEXT,
        posted_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (subscription_id, period)
      );
      CREATE INDEX digest_runs_posted ON digest_runs (subscription_id, posted_at);

      CREATE TABLE run_summaries (
        subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
        period TEXT NOT NULL,
        share_median REAL,
        save_median REAL,
        counts_json TEXT NOT NULL,
        dead_fraction REAL NOT NULL,
        dead_share INTEGER NOT NULL,
        template_ids_json TEXT NOT NULL,
        posts_count INTEGER NOT NULL,
        newest_post_id TEXT,
        newest_post_created_at INTEGER,
        no_new_posts INTEGER NOT NULL,
        report_json TEXT,
        drift_json TEXT,
        computed_at TEXT NOT NULL,
        PRIMARY KEY (subscription_id, period)
      );
    `,
  },
  { version: 2, name: 'slack installations (the app distributed to many workspaces)', sql: SLACK_INSTALLATIONS_SQL },
  {
    version: 3,
    name: 'credits spent per workspace per month',
    sql: `
      CREATE TABLE workspace_credits (
        platform TEXT NOT NULL CHECK (platform IN (${PLATFORM_SQL_LIST})),
        workspace_id TEXT NOT NULL,
        month TEXT NOT NULL,
        credits INTEGER NOT NULL DEFAULT 0 CHECK (credits >= 0),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (platform, workspace_id, month)
      );
    `,
  },
  { version: 4, name: 'subscriptions a person paused', sql: PAUSED_SUBSCRIPTIONS_SQL },
  { version: 5, name: 'slack install states already used', sql: SLACK_OAUTH_STATES_SQL },
  { version: 6, name: 'credits held by commands while they run', sql: CREDIT_HOLDS_SQL },
  { version: 7, name: 'creator snapshots for trends', sql: creatorSnapshotsSql('REAL') },
  { version: 8, name: 'watches and the template alerts they posted', sql: watchesSql('INTEGER PRIMARY KEY AUTOINCREMENT') },
];

/** Applies every migration newer than the file's version; returns the versions applied. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const apply = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
    const current = row.v ?? 0;
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
      applied.push(m.version);
    }
    const latest = applied.length ? (applied[applied.length - 1] as number) : current;
    db.pragma(`user_version = ${Math.trunc(latest)}`);
    return applied;
  });
  return apply.immediate();
}

/** The newest schema version this build knows. */
export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.reduce((v, m) => Math.max(v, m.version), 0);
}
