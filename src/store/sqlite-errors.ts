/**
 * One sentence per SQLite failure, naming the file and what to do, instead of a raw SqliteError
 * (or the generic "something went wrong"): a read-only folder or file, a damaged file, a file
 * where a folder should be, a lock held longer than the busy timeout, a full disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { QuadrantsError } from '../errors';

/** The error code better-sqlite3 or Node put on `err` ('SQLITE_BUSY', 'ENOTDIR'…), or ''. */
export function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function storeError(code: 'CONFIG' | 'INTERNAL', detail: string, userMessage: string, cause?: unknown): QuadrantsError {
  return new QuadrantsError(code, detail, { userMessage, ...(cause === undefined ? {} : { cause }) });
}

export function corruptFile(file: string, why: string, cause?: unknown): QuadrantsError {
  return storeError(
    'CONFIG',
    `database file is damaged: ${why}`,
    `The database file ${file} is damaged or is not a quadrants database; restore it from a backup or move it aside (a new one is created), then start again.`,
    cause,
  );
}

export function newerSchema(file: string, version: number, latest: number): QuadrantsError {
  return storeError(
    'CONFIG',
    `database schema ${version} is newer than this build (${latest})`,
    `The database file ${file} was written by a newer version of quadrants; upgrade the bot or point DATABASE_URL at another file.`,
  );
}

export function folderIsFile(file: string, blocker: string, cause?: unknown): QuadrantsError {
  return storeError(
    'CONFIG',
    `a file is in the way of the database folder`,
    `${blocker} is a file, but it must be a folder to hold the database ${file}; move that file away or point DATABASE_URL elsewhere.`,
    cause,
  );
}

export function fileIsFolder(file: string): QuadrantsError {
  return storeError(
    'CONFIG',
    'the database path is a folder',
    `${file} is a folder, not a database file; point DATABASE_URL at a file inside it, such as ${path.join(file, 'quadrants.db')}.`,
  );
}

export function readOnlyFolder(file: string, folder: string, cause?: unknown): QuadrantsError {
  return storeError(
    'CONFIG',
    'the database folder is not writable',
    `The folder ${folder} is read-only for the bot, so it cannot write the database ${file}; make the folder writable for the bot's user or point DATABASE_URL at a writable folder.`,
    cause,
  );
}

export function busy(file: string, busyTimeoutMs: number, cause?: unknown): QuadrantsError {
  return storeError(
    'INTERNAL',
    'the database stayed locked past the busy timeout',
    `The database file ${file} stayed locked by another process for more than ${busyTimeoutMs} ms; try again, and if it keeps happening stop whatever else holds it open (another quadrants, a backup or a sqlite3 shell).`,
    cause,
  );
}

/** The nearest existing ancestor of `p` (p itself when it exists). */
function existingAncestor(p: string): string {
  let current = p;
  while (!fs.existsSync(current) && path.dirname(current) !== current) current = path.dirname(current);
  return current;
}

/** The first ancestor of `file` that exists but is not a folder, or null. */
export function blockingFile(file: string): string | null {
  for (let dir = path.dirname(file); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    try {
      if (!fs.statSync(dir).isDirectory()) return dir;
    } catch {
      // Missing: keep walking up.
    }
  }
  return null;
}

/**
 * True when this process can write `p`. Tried for real (only on a failure path): access(2) answers
 * for the real user id and ignores read-only mounts, which is not what SQLite meets.
 */
function writable(p: string): boolean {
  try {
    if (fs.statSync(p).isDirectory()) {
      const probe = path.join(p, `.quadrants-write-check-${process.pid}-${Date.now()}`);
      fs.closeSync(fs.openSync(probe, 'wx'));
      fs.unlinkSync(probe);
    } else {
      fs.closeSync(fs.openSync(p, 'r+'));
    }
    return true;
  } catch {
    return false;
  }
}

/** Maps any error from opening or using the SQLite file to one sentence (QuadrantsErrors pass through). */
export function sqliteFailure(file: string, err: unknown, busyTimeoutMs: number): QuadrantsError {
  if (err instanceof QuadrantsError) return err;
  const code = errorCode(err);
  const folder = path.dirname(file);
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    const blocker = blockingFile(file);
    if (blocker) return folderIsFile(file, blocker, err);
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return readOnlyFolder(file, existingAncestor(folder), err);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return busy(file, busyTimeoutMs, err);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return corruptFile(file, (err as Error).message, err);
  if (code === 'SQLITE_FULL') {
    return storeError('INTERNAL', 'disk full', `The disk holding the database ${file} is full; free some space, then try again.`, err);
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR')) {
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) return fileIsFolder(file);
    const blocker = blockingFile(file);
    if (blocker) return folderIsFile(file, blocker, err);
    if (!writable(existingAncestor(folder))) return readOnlyFolder(file, existingAncestor(folder), err);
    if (fs.existsSync(file) && !writable(file)) {
      return storeError(
        'CONFIG',
        'the database file is read-only',
        `The database file ${file} is read-only for the bot; make it writable for the bot's user, then start again.`,
        err,
      );
    }
  }
  const detail = err instanceof Error ? err.message : String(err);
  return storeError(
    'INTERNAL',
    `sqlite ${code || 'error'}: ${detail}`,
    `The database file ${file} could not be used (${code || 'unknown error'}); check the file, its folder and the free disk space, then try again.`,
    err,
  );
}
