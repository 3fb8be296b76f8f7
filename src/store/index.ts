/** The durable store: types, the SQLite implementation and DATABASE_URL handling. */
export * from './types';
export { openStore, SqliteStore, type OpenStoreOptions } from './sqlite';
export { databasePath, DEFAULT_DATABASE_URL } from './path';
