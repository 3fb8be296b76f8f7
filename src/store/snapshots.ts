/**
 * Creator snapshots: what a report found about a creator (posts, both medians, the quadrant
 * counts), kept per workspace and per calendar month (UTC) so `trend` can show how a creator's
 * typical post moved without asking TikLiveAPI again. One row per month: a later snapshot of the
 * same month replaces an earlier one, so the month shows its latest report. Both engines here.
 */
import type Database from 'better-sqlite3';
import type { Pool } from 'pg';
import { z } from 'zod';
import { CLI, PLATFORM_NAMES, PLATFORM_SQL_LIST, type Platform } from '../platforms';

/** Where a snapshot was taken: a chat workspace, or the command line's machine. */
export type SnapshotPlatform = Platform | typeof CLI;

/** One creator's report, reduced to what a trend shows. Rates are fractions; a median is null when no post had it. */
export interface CreatorSnapshot {
  platform: SnapshotPlatform;
  workspaceId: string;
  /** The handle, lower-cased, without `@`: what `trend @name` is looked up by (no request upstream). */
  username: string;
  creatorId: string;
  /** 'YYYY-MM', the UTC month of `takenAt`. */
  period: string;
  /** On the run's clock (a digest run with `--at` files its snapshot under its own period). */
  takenAt: Date;
  posts: number;
  medianShareRate: number | null;
  medianSaveRate: number | null;
  /** Posts per quadrant id, as the report's JSON names them. */
  counts: Record<string, number>;
}

/** Migration 7 (both engines). Times are ISO-8601 UTC strings, which sort as text. */
export function creatorSnapshotsSql(real: 'REAL' | 'DOUBLE PRECISION'): string {
  return `
  CREATE TABLE creator_snapshots (
    platform TEXT NOT NULL CHECK (platform IN (${PLATFORM_SQL_LIST}, '${CLI}')),
    workspace_id TEXT NOT NULL,
    username TEXT NOT NULL,
    creator_id TEXT NOT NULL,
    period TEXT NOT NULL,
    taken_at TEXT NOT NULL,
    posts INTEGER NOT NULL CHECK (posts >= 0),
    median_share_rate ${real},
    median_save_rate ${real},
    counts TEXT NOT NULL,
    PRIMARY KEY (platform, workspace_id, username, period)
  );
  CREATE INDEX creator_snapshots_by_id ON creator_snapshots (platform, workspace_id, creator_id, period);
`;
}

/** The UTC month of a time, as 'YYYY-MM'. */
export function periodOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

const rowSchema = z.object({
  platform: z.enum([...PLATFORM_NAMES, CLI]),
  workspace_id: z.string(),
  username: z.string(),
  creator_id: z.string(),
  period: z.string().regex(/^\d{4}-\d{2}$/),
  taken_at: z.string(),
  posts: z.coerce.number().int().nonnegative(),
  median_share_rate: z.coerce.number().nullable(),
  median_save_rate: z.coerce.number().nullable(),
  counts: z.string(),
});
const countsSchema = z.record(z.string(), z.number().int().nonnegative());

function toSnapshot(row: unknown): CreatorSnapshot {
  const r = rowSchema.parse(row);
  return {
    platform: r.platform,
    workspaceId: r.workspace_id,
    username: r.username,
    creatorId: r.creator_id,
    period: r.period,
    takenAt: new Date(r.taken_at),
    posts: r.posts,
    medianShareRate: r.median_share_rate,
    medianSaveRate: r.median_save_rate,
    counts: countsSchema.parse(JSON.parse(r.counts)),
  };
}

function params(s: CreatorSnapshot): unknown[] {
  return [
    s.platform,
    s.workspaceId,
    s.username.toLowerCase(),
    s.creatorId,
    periodOf(s.takenAt),
    s.takenAt.toISOString(),
    s.posts,
    s.medianShareRate,
    s.medianSaveRate,
    JSON.stringify(s.counts),
  ];
}

/** The upsert: a snapshot replaces the month's row only when it is not older (the latest of the month wins, whatever order they arrive in). */
const UPSERT = (p: (n: number) => string) => `
  INSERT INTO creator_snapshots (platform, workspace_id, username, creator_id, period, taken_at, posts, median_share_rate, median_save_rate, counts)
  VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(p).join(', ')})
  ON CONFLICT (platform, workspace_id, username, period) DO UPDATE SET
    creator_id = excluded.creator_id, taken_at = excluded.taken_at, posts = excluded.posts,
    median_share_rate = excluded.median_share_rate, median_save_rate = excluded.median_save_rate, counts = excluded.counts
  WHERE excluded.taken_at >= creator_snapshots.taken_at`;

/** A creator as `trend` was asked for: a handle (lower-cased, no `@`) or a numeric id. */
export interface SnapshotQuery {
  platform: SnapshotPlatform;
  workspaceId: string;
  creator: { username: string } | { creatorId: string };
  /** The first period wanted ('YYYY-MM'), inclusive. */
  fromPeriod: string;
}

const SELECT = (p: (n: number) => string, byId: boolean) => `
  SELECT * FROM creator_snapshots
  WHERE platform = ${p(1)} AND workspace_id = ${p(2)} AND ${byId ? 'creator_id' : 'username'} = ${p(3)} AND period >= ${p(4)}
  ORDER BY period, taken_at`;

function queryParams(q: SnapshotQuery): { byId: boolean; values: unknown[] } {
  const byId = 'creatorId' in q.creator;
  const key = 'creatorId' in q.creator ? q.creator.creatorId : q.creator.username.toLowerCase();
  return { byId, values: [q.platform, q.workspaceId, key, q.fromPeriod] };
}

/** Keeps one row per period (by id, a renamed creator may have two handles in one month: the latest wins). */
function latestPerPeriod(rows: CreatorSnapshot[]): CreatorSnapshot[] {
  const byPeriod = new Map<string, CreatorSnapshot>();
  for (const s of rows) {
    const seen = byPeriod.get(s.period);
    if (!seen || seen.takenAt.getTime() <= s.takenAt.getTime()) byPeriod.set(s.period, s);
  }
  return [...byPeriod.values()].sort((a, b) => a.period.localeCompare(b.period));
}

export function saveSnapshotSqlite(db: Database.Database, s: CreatorSnapshot): void {
  db.prepare(UPSERT(() => '?')).run(...params(s));
}

export function snapshotsSqlite(db: Database.Database, q: SnapshotQuery): CreatorSnapshot[] {
  const { byId, values } = queryParams(q);
  return latestPerPeriod(db.prepare(SELECT(() => '?', byId)).all(...values).map(toSnapshot));
}

export async function saveSnapshotPostgres(pool: Pool, s: CreatorSnapshot): Promise<void> {
  await pool.query(UPSERT((n) => `$${n}`), params(s));
}

export async function snapshotsPostgres(pool: Pool, q: SnapshotQuery): Promise<CreatorSnapshot[]> {
  const { byId, values } = queryParams(q);
  const { rows } = await pool.query(SELECT((n) => `$${n}`, byId), values);
  return latestPerPeriod(rows.map(toSnapshot));
}
