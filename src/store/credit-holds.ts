/**
 * Credit holds: what makes a monthly budget hold under concurrency. A command holds its worst-case
 * cost before it calls the API and settles to what the API charged afterwards; the check and the
 * hold are one transaction, so eight commands arriving at once see each other's holds instead of
 * all reading the same "1 credit left". Both engines implement the same rule here.
 */
import type Database from 'better-sqlite3';
import type { PoolClient } from 'pg';
import { PLATFORM_SQL_LIST } from '../platforms';
import type { CreditHoldRequest, CreditHoldResult, WorkspaceRef } from './types';

/** Migration 5 (both engines). Times are ISO-8601 UTC strings, which sort as text. */
export const CREDIT_HOLDS_SQL = `
  CREATE TABLE credit_holds (
    id TEXT PRIMARY KEY,
    platform TEXT NOT NULL CHECK (platform IN (${PLATFORM_SQL_LIST})),
    workspace_id TEXT NOT NULL,
    month TEXT NOT NULL,
    credits INTEGER NOT NULL CHECK (credits >= 0),
    expires_at TEXT NOT NULL
  );
  CREATE INDEX credit_holds_workspace ON credit_holds (platform, workspace_id, month);
`;

/** The rule: a hold is taken while spending plus live holds is below the limit (so at most one command's cost goes over). */
function admits(limit: number | null, spent: number, heldByOthers: number): boolean {
  return limit === null || spent + heldByOthers < limit;
}

/** SQLite: one IMMEDIATE transaction, so other processes on the file wait for it. */
export function holdSqlite(db: Database.Database, r: CreditHoldRequest): CreditHoldResult {
  const ws = [r.workspace.platform, r.workspace.workspaceId, r.month] as const;
  const tx = db.transaction((): CreditHoldResult => {
    db.prepare('DELETE FROM credit_holds WHERE platform = ? AND workspace_id = ? AND month = ? AND expires_at <= ?').run(...ws, r.at.toISOString());
    const spent = (db.prepare('SELECT credits FROM workspace_credits WHERE platform = ? AND workspace_id = ? AND month = ?').get(...ws) as { credits: number } | undefined)?.credits ?? 0;
    const held = (db.prepare('SELECT COALESCE(SUM(credits), 0) AS held FROM credit_holds WHERE platform = ? AND workspace_id = ? AND month = ?').get(...ws) as { held: number }).held;
    if (!admits(r.limit, spent, held)) return { held: false, spent, heldByOthers: held };
    db.prepare('INSERT INTO credit_holds (id, platform, workspace_id, month, credits, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(r.id, ...ws, r.credits, r.expiresAt.toISOString());
    return { held: true, spent, heldByOthers: held };
  });
  return tx.immediate();
}

/** SQLite: drop the hold and add the charged credits, in one transaction. */
export function settleSqlite(db: Database.Database, id: string, w: WorkspaceRef, month: string, credits: number, at: Date): number {
  const tx = db.transaction((): number => {
    db.prepare('DELETE FROM credit_holds WHERE id = ?').run(id);
    const row = db
      .prepare(
        `INSERT INTO workspace_credits (platform, workspace_id, month, credits, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (platform, workspace_id, month) DO UPDATE SET credits = credits + excluded.credits, updated_at = excluded.updated_at
         RETURNING credits`,
      )
      .get(w.platform, w.workspaceId, month, Math.max(0, credits), at.toISOString()) as { credits: number };
    return row.credits;
  });
  return tx.immediate();
}

/**
 * PostgreSQL, inside a transaction: the month's workspace_credits row (created at 0 when missing)
 * is locked FOR UPDATE, which queues every other replica's hold for the same workspace and month
 * behind this one until it commits.
 */
export async function holdPostgres(tx: PoolClient, r: CreditHoldRequest): Promise<CreditHoldResult> {
  const ws = [r.workspace.platform, r.workspace.workspaceId, r.month];
  await tx.query(
    `INSERT INTO workspace_credits (platform, workspace_id, month, credits, updated_at) VALUES ($1, $2, $3, 0, $4)
     ON CONFLICT (platform, workspace_id, month) DO NOTHING`,
    [...ws, r.at.toISOString()],
  );
  const locked = await tx.query<{ credits: number }>('SELECT credits FROM workspace_credits WHERE platform = $1 AND workspace_id = $2 AND month = $3 FOR UPDATE', ws);
  const spent = Number(locked.rows[0]?.credits ?? 0);
  await tx.query('DELETE FROM credit_holds WHERE platform = $1 AND workspace_id = $2 AND month = $3 AND expires_at <= $4', [...ws, r.at.toISOString()]);
  const sum = await tx.query<{ held: string }>('SELECT COALESCE(SUM(credits), 0) AS held FROM credit_holds WHERE platform = $1 AND workspace_id = $2 AND month = $3', ws);
  const held = Number(sum.rows[0]?.held ?? 0);
  if (!admits(r.limit, spent, held)) return { held: false, spent, heldByOthers: held };
  await tx.query('INSERT INTO credit_holds (id, platform, workspace_id, month, credits, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    r.id,
    ...ws,
    r.credits,
    r.expiresAt.toISOString(),
  ]);
  return { held: true, spent, heldByOthers: held };
}

/** PostgreSQL, inside a transaction: drop the hold and add the charged credits. */
export async function settlePostgres(tx: PoolClient, id: string, w: WorkspaceRef, month: string, credits: number, at: Date): Promise<number> {
  await tx.query('DELETE FROM credit_holds WHERE id = $1', [id]);
  const { rows } = await tx.query<{ credits: number }>(
    `INSERT INTO workspace_credits (platform, workspace_id, month, credits, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (platform, workspace_id, month)
     DO UPDATE SET credits = workspace_credits.credits + EXCLUDED.credits, updated_at = EXCLUDED.updated_at
     RETURNING credits`,
    [w.platform, w.workspaceId, month, Math.max(0, credits), at.toISOString()],
  );
  return Number(rows[0]?.credits ?? 0);
}
