/** The durable store: types, the engine-picking `openStore`, both engines and DATABASE_URL handling. */
export * from './types';
export { openReadyStore, openStore, type OpenStoreOptions } from './open';
export { openSqliteStore, SqliteStore } from './sqlite';
// PostgresStore itself is not re-exported: openStore loads it (and pg) only for a postgres:// URL.
export type { PostgresStore, PostgresStoreOptions } from './postgres';
export { databasePath, DEFAULT_DATABASE_URL, isPostgresUrl, storeTarget } from './path';
export { backupStore, type BackupOptions, type BackupResult } from './backup';
