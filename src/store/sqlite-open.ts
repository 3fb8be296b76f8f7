/**
 * Opening the SQLite file safely. An existing file is first checked without writing anything
 * (its header bytes, then a read-only connection for its schema version and a quick integrity
 * check), so a damaged file or one written by a newer build is refused untouched: no journal-mode
 * switch, no migration. Only then is it opened read-write; when the schema is already current no
 * write lock is taken, so a reader (`digest list`) opens fine while another process is writing.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { latestVersion, migrate } from './migrations';
import { corruptFile, fileIsFolder, newerSchema, sqliteFailure } from './sqlite-errors';

const HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Opens (creating the file and its folder when needed) and migrates; throws one-sentence QuadrantsErrors. */
export function openSqliteFile(file: string, busyTimeoutMs: number): Database.Database {
  try {
    const version = file === ':memory:' ? 0 : prepareFile(file, busyTimeoutMs);
    return openReadWrite(file, busyTimeoutMs, version);
  } catch (err) {
    throw sqliteFailure(file, err, busyTimeoutMs);
  }
}

/** Creates the folder; for an existing file, checks it read-only and returns its schema version (0 when new). */
function prepareFile(file: string, busyTimeoutMs: number): number {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  if (stat.isDirectory()) throw fileIsFolder(file);
  if (stat.size === 0) return 0;
  checkHeader(file);
  const probe = new Database(file, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
  try {
    const version = probe.pragma('user_version', { simple: true }) as number;
    if (version > latestVersion()) throw newerSchema(file, version, latestVersion());
    const check = probe.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') throw corruptFile(file, String(check));
    return version;
  } finally {
    probe.close();
  }
}

/** The first 16 bytes of every SQLite database; anything else is not one (read with plain fs: no lock, no write). */
function checkHeader(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(HEADER.length);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    if (read < HEADER.length || !head.equals(HEADER)) throw corruptFile(file, 'no SQLite header');
  } finally {
    fs.closeSync(fd);
  }
}

function openReadWrite(file: string, busyTimeoutMs: number, version: number): Database.Database {
  const db = new Database(file, { timeout: busyTimeoutMs });
  try {
    db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    // Switching needs the write lock, so only when the file is not in WAL mode yet.
    if (db.pragma('journal_mode', { simple: true }) !== 'wal' && file !== ':memory:') db.pragma('journal_mode = WAL');
    // WAL + NORMAL survives a killed process; a power cut may lose the last commit, which the
    // "already posted?" check on the chat platform closes (see "Delivery guarantee" in the README).
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // migrate() re-reads the version under the write lock, so two openers never both apply a step.
    if (version < latestVersion()) migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
