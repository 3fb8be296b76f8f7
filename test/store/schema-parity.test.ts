/**
 * The two migration lists describe one schema: SQLite's (src/store/migrations.ts) and
 * PostgreSQL's (src/store/pg-migrations.ts), each applied to an empty database, give the same
 * tables with the same columns, each of the same kind of type (the engines spell types their own
 * way: INTEGER and BIGINT are both whole numbers, TEXT and VARCHAR both text).
 */
import Database from 'better-sqlite3';
import { Pool } from 'pg';
import { migrate } from '../../src/store/migrations';
import { migratePostgres } from '../../src/store/pg-migrations';
import { createSchema, describePostgres, TEST_DATABASE_URL } from './pg-helpers';

/**
 * Tables only PostgreSQL has, and why: replicas share the upstream pacing, the cache and the
 * single-flight through them (src/replicas/); one SQLite process keeps those in memory.
 */
const REPLICA_ONLY = ['api_requests', 'shared_cache', 'shared_flights'];

/** Table → column → type family. */
type Shape = Record<string, Record<string, string>>;

/** What kind of value a column holds, whatever the engine calls its type. */
function family(type: string): string {
  const t = type.toLowerCase();
  if (/int|serial/.test(t)) return 'whole number';
  if (/char|text|clob/.test(t)) return 'text';
  if (/real|double|float|numeric|decimal/.test(t)) return 'number';
  if (/bool/.test(t)) return 'boolean';
  if (/blob|bytea/.test(t)) return 'bytes';
  if (/time|date/.test(t)) return 'time';
  return t;
}

function sqliteShape(): Shape {
  const db = new Database(':memory:');
  try {
    migrate(db);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>;
    const out: Shape = {};
    for (const { name } of tables) {
      const columns = db.prepare(`PRAGMA table_info(${JSON.stringify(name)})`).all() as Array<{ name: string; type: string }>;
      out[name] = Object.fromEntries(columns.map((c) => [c.name, family(c.type)]));
    }
    return out;
  } finally {
    db.close();
  }
}

async function postgresShape(): Promise<Shape> {
  const { schema, drop } = await createSchema();
  const pool = new Pool({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client);
      const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string }>(
        `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
           JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
          WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, c.ordinal_position`,
        [schema],
      );
      const out: Shape = {};
      for (const r of rows) (out[r.table_name] ??= {})[r.column_name] = family(r.data_type);
      return out;
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
    await drop();
  }
}

describePostgres('the SQLite and PostgreSQL migrations', () => {
  test('give the same tables, with the same columns of the same kinds', async () => {
    const sqlite = sqliteShape();
    const postgres = await postgresShape();
    expect(Object.keys(postgres).filter((t) => !REPLICA_ONLY.includes(t)).sort()).toEqual(Object.keys(sqlite).sort());
    // Each of those is still there, so this list never outlives what it names.
    for (const table of REPLICA_ONLY) expect(Object.keys(postgres)).toContain(table);
    for (const table of Object.keys(sqlite)) expect({ table, columns: postgres[table] }).toEqual({ table, columns: sqlite[table] });
  });
});
