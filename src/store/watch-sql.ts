/**
 * The watch statements, written once for both engines, and each engine's side of the WatchBook
 * (./watches.ts): an upsert with a guard decides a claim in one statement, so replicas never both win.
 */
import type Database from 'better-sqlite3';
import type { Pool } from 'pg';
import { cleanError } from './claims';
import { toAlert, toWatch, type AlertClaim, type AlertClaimRequest, type AlertKey, type Watch, type WatchAlert, type WatchFilter, type WatchInput, type WatchKey } from './watches';

type P = (n: number) => string;
const KEY = (p: P) => `platform = ${p(1)} AND workspace_id = ${p(2)} AND channel_id = ${p(3)} AND creator_userid = ${p(4)}`;
const keyOf = (k: WatchKey): unknown[] => [k.platform, k.workspaceId, k.channelId, k.creatorUserid];

/** Every statement, written once for both engines (`p` writes the n-th placeholder; SQLite's `?` is positional, so each is used once, in order). */
const SQL = {
  /** A watch made again keeps its history (checks, alerts) and takes the newer handle and author. */
  save: (p: P) => `
    INSERT INTO watches (platform, workspace_id, channel_id, creator_userid, creator_username, created_by, created_at)
    VALUES (${[1, 2, 3, 4, 5, 6, 7].map(p).join(', ')})
    ON CONFLICT (platform, workspace_id, channel_id, creator_userid) DO UPDATE SET
      creator_username = excluded.creator_username, created_by = excluded.created_by`,
  find: (p: P) => `SELECT * FROM watches WHERE ${KEY(p)}`,
  remove: (p: P) => `DELETE FROM watches WHERE ${KEY(p)}`,
  /** Takes the day's check unless that day is done or another runner's lease is still running. */
  claim: (p: P) => `
    UPDATE watches SET claimed_by = ${p(1)}, claimed_until = ${p(2)}
    WHERE id = ${p(3)} AND (checked_day IS NULL OR checked_day <> ${p(4)})
      AND (claimed_until IS NULL OR claimed_until <= ${p(5)} OR claimed_by = ${p(6)})`,
  finish: (p: P) => `
    UPDATE watches SET checked_day = ${p(1)}, checked_at = ${p(2)}, last_error = ${p(3)}, claimed_by = NULL, claimed_until = NULL
    WHERE id = ${p(4)} AND claimed_by = ${p(5)}`,
  /** A failed check keeps its lease, which is its backoff: it is tried again once the lease ends. */
  fail: (p: P) => `UPDATE watches SET last_error = ${p(1)} WHERE id = ${p(2)} AND claimed_by = ${p(3)}`,
  /** Takes an alert unless it is posted or another runner's lease is still running; keeps the first claim's time. */
  claimAlert: (p: P) => `
    INSERT INTO watch_alerts (platform, workspace_id, channel_id, post_id, creator_userid, state, claimed_by, claimed_until, created_at)
    VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, 'posting', ${p(6)}, ${p(7)}, ${p(8)})
    ON CONFLICT (platform, workspace_id, channel_id, post_id) DO UPDATE SET
      claimed_by = excluded.claimed_by, claimed_until = excluded.claimed_until
    WHERE watch_alerts.state <> 'posted'
      AND (watch_alerts.claimed_until IS NULL OR watch_alerts.claimed_until <= excluded.created_at OR watch_alerts.claimed_by = excluded.claimed_by)
    RETURNING *`,
  alert: (p: P) => `SELECT * FROM watch_alerts WHERE platform = ${p(1)} AND workspace_id = ${p(2)} AND channel_id = ${p(3)} AND post_id = ${p(4)}`,
  posted: (p: P) => `
    UPDATE watch_alerts SET state = 'posted', posted_at = ${p(1)}, message_ref = ${p(2)}, claimed_by = NULL, claimed_until = NULL
    WHERE platform = ${p(3)} AND workspace_id = ${p(4)} AND channel_id = ${p(5)} AND post_id = ${p(6)} AND state <> 'posted'`,
};

function filterSql(table: string, f: WatchFilter, p: P): { where: string; values: unknown[] } {
  const parts: string[] = [];
  const values: unknown[] = [];
  for (const [column, value] of [['platform', f.platform], ['workspace_id', f.workspaceId], ['channel_id', f.channelId]] as const) {
    if (value === undefined) continue;
    values.push(value);
    parts.push(`${table}.${column} = ${p(values.length)}`);
  }
  return { where: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', values };
}

function saveParams(w: WatchInput, at: Date): unknown[] {
  return [...keyOf(w), w.creatorUsername, w.createdBy, at.toISOString()];
}

function claimAlertParams(r: AlertClaimRequest): unknown[] {
  return [r.platform, r.workspaceId, r.channelId, r.postId, r.creatorUserid, r.owner, new Date(r.at.getTime() + r.leaseMs).toISOString(), r.at.toISOString()];
}

/** The claim's answer from the upsert's row (none: refused) and, when refused, the row as it stands. */
function alertClaim(row: unknown, current: unknown): AlertClaim {
  if (row !== undefined) return { claimed: true, alert: toAlert(row) };
  return { claimed: false, reason: current !== undefined && toAlert(current).state === 'posted' ? 'posted' : 'leased' };
}

const q: P = () => '?';
const d: P = (n) => `$${n}`;

/** The SQLite side; every call runs inside the store's guard. */
export const sqliteWatches = {
  save(db: Database.Database, w: WatchInput, at: Date): { watch: Watch; created: boolean } {
    return db.transaction(() => {
      const before = db.prepare(SQL.find(q)).get(...keyOf(w));
      db.prepare(SQL.save(q)).run(...saveParams(w, at));
      return { watch: toWatch(db.prepare(SQL.find(q)).get(...keyOf(w))), created: before === undefined };
    }).immediate();
  },
  remove: (db: Database.Database, k: WatchKey): boolean => db.prepare(SQL.remove(q)).run(...keyOf(k)).changes > 0,
  list(db: Database.Database, f: WatchFilter): Watch[] {
    const { where, values } = filterSql('watches', f, q);
    return db.prepare(`SELECT * FROM watches ${where} ORDER BY id`).all(...values).map(toWatch);
  },
  claim: (db: Database.Database, id: number, day: string, owner: string, at: Date, leaseMs: number): boolean =>
    db.prepare(SQL.claim(q)).run(owner, new Date(at.getTime() + leaseMs).toISOString(), id, day, at.toISOString(), owner).changes > 0,
  finish: (db: Database.Database, id: number, day: string, owner: string, at: Date, error: string | null): boolean =>
    db.prepare(SQL.finish(q)).run(day, at.toISOString(), error === null ? null : cleanError(error), id, owner).changes > 0,
  fail: (db: Database.Database, id: number, owner: string, error: string): void => {
    db.prepare(SQL.fail(q)).run(cleanError(error), id, owner);
  },
  claimAlert(db: Database.Database, r: AlertClaimRequest): AlertClaim {
    return db.transaction(() => alertClaim(db.prepare(SQL.claimAlert(q)).get(...claimAlertParams(r)), db.prepare(SQL.alert(q)).get(r.platform, r.workspaceId, r.channelId, r.postId))).immediate();
  },
  posted: (db: Database.Database, k: AlertKey, ref: string, at: Date): boolean =>
    db.prepare(SQL.posted(q)).run(at.toISOString(), ref, k.platform, k.workspaceId, k.channelId, k.postId).changes > 0,
  alerts(db: Database.Database, f: WatchFilter): WatchAlert[] {
    const { where, values } = filterSql('watch_alerts', f, q);
    return db.prepare(`SELECT * FROM watch_alerts ${where} ORDER BY created_at, post_id`).all(...values).map(toAlert);
  },
};

/** The PostgreSQL side. */
export const pgWatches = {
  async save(pool: Pool, w: WatchInput, at: Date): Promise<{ watch: Watch; created: boolean }> {
    const { rows } = await pool.query(`${SQL.save(d)} RETURNING *, (xmax = 0) AS created`, saveParams(w, at));
    return { watch: toWatch(rows[0]), created: Boolean((rows[0] as { created?: unknown }).created) };
  },
  remove: async (pool: Pool, k: WatchKey): Promise<boolean> => ((await pool.query(SQL.remove(d), keyOf(k))).rowCount ?? 0) > 0,
  async list(pool: Pool, f: WatchFilter): Promise<Watch[]> {
    const { where, values } = filterSql('watches', f, d);
    return (await pool.query(`SELECT * FROM watches ${where} ORDER BY id`, values)).rows.map(toWatch);
  },
  claim: async (pool: Pool, id: number, day: string, owner: string, at: Date, leaseMs: number): Promise<boolean> =>
    ((await pool.query(SQL.claim(d), [owner, new Date(at.getTime() + leaseMs).toISOString(), id, day, at.toISOString(), owner])).rowCount ?? 0) > 0,
  finish: async (pool: Pool, id: number, day: string, owner: string, at: Date, error: string | null): Promise<boolean> =>
    ((await pool.query(SQL.finish(d), [day, at.toISOString(), error === null ? null : cleanError(error), id, owner])).rowCount ?? 0) > 0,
  fail: async (pool: Pool, id: number, owner: string, error: string): Promise<void> => {
    await pool.query(SQL.fail(d), [cleanError(error), id, owner]);
  },
  async claimAlert(pool: Pool, r: AlertClaimRequest): Promise<AlertClaim> {
    const { rows } = await pool.query(SQL.claimAlert(d), claimAlertParams(r));
    if (rows[0] !== undefined) return alertClaim(rows[0], undefined);
    return alertClaim(undefined, (await pool.query(SQL.alert(d), [r.platform, r.workspaceId, r.channelId, r.postId])).rows[0]);
  },
  posted: async (pool: Pool, k: AlertKey, ref: string, at: Date): Promise<boolean> =>
    ((await pool.query(SQL.posted(d), [at.toISOString(), ref, k.platform, k.workspaceId, k.channelId, k.postId])).rowCount ?? 0) > 0,
  async alerts(pool: Pool, f: WatchFilter): Promise<WatchAlert[]> {
    const { where, values } = filterSql('watch_alerts', f, d);
    return (await pool.query(`SELECT * FROM watch_alerts ${where} ORDER BY created_at, post_id`, values)).rows.map(toAlert);
  },
};
