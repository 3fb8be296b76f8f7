/**
 * Turns DATABASE_URL into a SQLite file path: a plain path, or a `file:` URL
 * (`file:./data/q.db`, `file:data/q.db`, `file:///var/lib/q.db`). Other schemes are refused
 * with a sentence that never echoes the URL (it could hold a password).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QuadrantsError } from '../errors';

/** The default when DATABASE_URL is unset (the caller decides to use it). */
export const DEFAULT_DATABASE_URL = './data/quadrants.db';

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
    userMessage: 'DATABASE_URL must be a file path or a file: URL (for example ./data/quadrants.db); fix it and restart.',
    cause,
  });
}
