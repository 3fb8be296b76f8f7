/** `openStore`: picks the engine from DATABASE_URL (postgres:// → PostgreSQL, anything else → a SQLite file). */
import { storeTarget } from './path';
import type { PostgresStoreOptions } from './postgres';
import { SqliteStore, type OpenStoreOptions as SqliteOptions } from './sqlite';
import type { Store } from './types';

export interface OpenStoreOptions extends SqliteOptions {
  /** Used only when DATABASE_URL is a postgres:// URL. */
  postgres?: PostgresStoreOptions;
}

/**
 * Opens the store DATABASE_URL names. The caller supplies the default (`./data/quadrants.db`).
 * SQLite opens and migrates before returning; PostgreSQL connects and migrates in the background
 * and its first call (or `ping()`) reports a server it cannot use. Errors never echo the URL.
 */
export function openStore(databaseUrl: string, options: OpenStoreOptions = {}): Store {
  const target = storeTarget(databaseUrl);
  if (target.engine === 'postgres') {
    // Loaded only for PostgreSQL: pg is a few MB the bot on SQLite would hold for nothing.
    const { PostgresStore } = require('./postgres') as typeof import('./postgres');
    return new PostgresStore(target.url, options.postgres);
  }
  return SqliteStore.open(databaseUrl, options);
}

/**
 * `openStore`, then one `ping()`: resolves only once the store can serve (for PostgreSQL: connected
 * and migrated), so start-up fails at once with the store's sentence instead of at the first digest.
 */
export async function openReadyStore(databaseUrl: string, options: OpenStoreOptions = {}): Promise<Store> {
  const store = openStore(databaseUrl, options);
  try {
    await store.ping();
    return store;
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
}
