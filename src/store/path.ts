/**
 * Reads DATABASE_URL: `postgres://` or `postgresql://` selects PostgreSQL; anything else is a SQLite
 * file, as a plain path or a `file:` URL (`file:./data/q.db`, `file:data/q.db`, `file:///var/lib/q.db`).
 * Other schemes are refused with a sentence that never echoes the URL (it could hold a password).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QuadrantsError } from '../errors';

/** The default when DATABASE_URL is unset (the caller decides to use it). */
export const DEFAULT_DATABASE_URL = './data/quadrants.db';

/** Which engine DATABASE_URL selects, and where it points. */
export type StoreTarget = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };

/** True for `postgres://…` and `postgresql://…` (any case). */
export function isPostgresUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//i.test(databaseUrl.trim());
}

/** Picks the engine from the URL; throws a CONFIG QuadrantsError (never echoing the URL) when unusable. */
export function storeTarget(databaseUrl: string): StoreTarget {
  if (!isPostgresUrl(databaseUrl)) return { engine: 'sqlite', file: databasePath(databaseUrl) };
  const url = databaseUrl.trim();
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch (err) {
    throw configError('DATABASE_URL is not a valid postgres:// URL', err);
  }
  // A socket directory can be given as ?host=/run/postgresql, so an empty host is allowed.
  if (host === '' && !/[?&]host=/.test(url)) throw configError('DATABASE_URL names no PostgreSQL host');
  return { engine: 'postgres', url };
}

/** The password in a postgres:// URL (decoded), or undefined: registered as a secret so no log shows it. */
export function databasePassword(databaseUrl: string | undefined): string | undefined {
  if (databaseUrl === undefined || !isPostgresUrl(databaseUrl)) return undefined;
  try {
    const password = new URL(databaseUrl.trim()).password;
    return password === '' ? undefined : decodeURIComponent(password);
  } catch {
    return undefined;
  }
}

/** Host and port of a postgres:// URL for messages: never the user name or the password. */
export function postgresLocation(databaseUrl: string): string {
  try {
    const u = new URL(databaseUrl.trim());
    return `${u.hostname || 'the local socket'}${u.port ? `:${u.port}` : ''}${u.pathname.length > 1 ? u.pathname : ''}`;
  } catch {
    return 'the PostgreSQL server';
  }
}

/** The SQLite file DATABASE_URL names (`:memory:` passes through). */
export function databasePath(databaseUrl: string): string {
  const raw = databaseUrl.trim();
  if (raw === '') throw configError('DATABASE_URL is empty');
  if (raw === ':memory:') return raw;
  if (/^file:/i.test(raw)) {
    const noQuery = raw.replace(/[?#].*$/, '');
    if (/^file:\/\//i.test(noQuery)) {
      try {
        return fileURLToPath(noQuery);
      } catch (err) {
        throw configError('DATABASE_URL is not a valid file: URL', err);
      }
    }
    const rest = decodeURIComponent(noQuery.slice('file:'.length));
    if (rest === '') throw configError('DATABASE_URL names no file');
    return path.resolve(rest);
  }
  // Windows drive letters look like a scheme ("C:\..."); anything else with "://" is a server URL.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) throw configError('DATABASE_URL uses an unsupported scheme');
  return path.resolve(raw);
}

function configError(detail: string, cause?: unknown): QuadrantsError {
  return new QuadrantsError('CONFIG', detail, {
    userMessage:
      'DATABASE_URL must be a file path, a file: URL (for example ./data/quadrants.db) or a postgres:// URL; fix it and restart.',
    cause,
  });
}
