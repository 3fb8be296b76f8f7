/**
 * `backupStore`: a consistent copy of the SQLite store while the bot keeps running, through
 * SQLite's online backup API (better-sqlite3 `backup()`). Copying the file itself is not safe in
 * WAL mode: the newest commits may still sit in the -wal file. PostgreSQL is backed up with
 * pg_dump, and this says so. The CLI's `quadrants db backup <file>` calls this.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { QuadrantsError } from '../errors';
import { databasePath, isPostgresUrl } from './path';
import { SqliteStore } from './sqlite';
import { sqliteFailure } from './sqlite-errors';
import type { Store } from './types';

export interface BackupOptions {
  /**
   * Pages copied per step; between steps the event loop runs (the bot keeps answering) and other
   * connections may write. Default 100.
   */
  pagesPerStep?: number;
}

export interface BackupResult {
  /** The absolute path of the finished copy. */
  file: string;
  /** Pages copied (of the source's page size). */
  pages: number;
}

/**
 * Copies the store (an open Store, or a DATABASE_URL / path of a SQLite file) to
 * `destinationFile`. The copy is written beside the destination and renamed into place only once
 * complete and checked, so a failed backup never leaves a half-written file under that name.
 */
export async function backupStore(source: Store | string, destinationFile: string, options: BackupOptions = {}): Promise<BackupResult> {
  const { db, file, close } = sourceDatabase(source);
  const dest = path.resolve(destinationFile);
  const partial = `${dest}.partial-${process.pid}`;
  try {
    if (file !== ':memory:' && path.resolve(file) === dest) {
      throw new QuadrantsError('BAD_INPUT', 'backup onto the store itself', {
        userMessage: `The backup file ${dest} is the database itself; name a different file.`,
      });
    }
    const pagesPerStep = Math.max(1, Math.trunc(options.pagesPerStep ?? 100));
    let pages = 0;
    try {
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      const meta = await db.backup(partial, { progress: () => pagesPerStep });
      pages = meta.totalPages;
      verify(partial);
      fs.renameSync(partial, dest);
    } catch (err) {
      throw sqliteFailure(dest, err, 0);
    }
    return { file: dest, pages };
  } finally {
    for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(leftover, { force: true });
    close();
  }
}

function sourceDatabase(source: Store | string): { db: Database.Database; file: string; close: () => void } {
  if (source instanceof SqliteStore) return { db: source.database, file: source.file, close: () => undefined };
  if (typeof source !== 'string' || isPostgresUrl(source)) {
    throw new QuadrantsError('CONFIG', 'backup of a non-SQLite store', {
      userMessage:
        'This store is PostgreSQL, which quadrants does not copy itself; back it up with pg_dump, for example pg_dump --format=custom --file=quadrants.dump "$DATABASE_URL".',
    });
  }
  const file = databasePath(source);
  if (file === ':memory:' || !fs.existsSync(file)) {
    throw new QuadrantsError('CONFIG', 'no database file to back up', {
      userMessage: `There is no database file at ${file} to back up; check DATABASE_URL.`,
    });
  }
  try {
    // Read-only: a backup never migrates, checkpoints or otherwise changes the store it copies.
    const db = new Database(file, { readonly: true, fileMustExist: true });
    return { db, file, close: () => db.close() };
  } catch (err) {
    throw sqliteFailure(file, err, 0);
  }
}

/**
 * The copy must open and pass SQLite's quick check before it replaces anything. It is switched to
 * rollback-journal mode so the backup is one self-contained file (no -wal/-shm beside it); the
 * store switches it back to WAL when it is restored and opened.
 */
function verify(file: string): void {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') throw new Error(`the backup copy failed its check: ${String(check)}`);
  } finally {
    copy.close();
  }
}
