/** The durable store: types, the engine-picking `openStore`, both engines and DATABASE_URL handling. */
export * from './types';
export { openReadyStore, openStore, type OpenStoreOptions } from './open';
export { openSqliteStore, SqliteStore } from './sqlite';
export { PostgresStore, type PostgresStoreOptions } from './postgres';
export { databasePath, DEFAULT_DATABASE_URL, isPostgresUrl, storeTarget } from './path';
export { backupStore, type BackupOptions, type BackupResult } from './backup';
