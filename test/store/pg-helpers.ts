/**
 * PostgreSQL for tests: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), one
 * random schema per store so parallel jest workers never collide, dropped afterwards.
 * Without a server the suites are skipped with one visible line, unless REQUIRE_POSTGRES=1.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { postgresLocation } from '../../src/store/path';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';

// Plain JS in a child so the check is synchronous: jest must know before registering tests.
const PROBE = `
const { Client } = require('pg');
const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
c.connect().then(() => c.query('SELECT 1')).then(() => c.end()).then(() => process.exit(0), () => process.exit(1));
`;

/** True when a PostgreSQL server answers at TEST_DATABASE_URL. */
export function postgresAvailable(): boolean {
  try {
    execFileSync(process.execPath, ['-e', PROBE, TEST_DATABASE_URL], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * `describe` when PostgreSQL answers; otherwise `describe.skip` with one warning line, or a
 * failing test when REQUIRE_POSTGRES=1 (CI must never pass by skipping).
 */
export function describePostgres(name: string, body: () => void): void {
  if (postgresAvailable()) return describe(name, body);
  const where = postgresLocation(TEST_DATABASE_URL);
  if (process.env.REQUIRE_POSTGRES === '1') {
    describe(name, () => {
      test('a PostgreSQL server is required (REQUIRE_POSTGRES=1)', () => {
        throw new Error(`REQUIRE_POSTGRES=1 but no PostgreSQL answers at ${where}; start it or set TEST_DATABASE_URL.`);
      });
    });
    return;
  }
  // One line on stderr (console.warn would add jest's stack excerpt).
  process.stderr.write(`PostgreSQL store tests skipped: no server answers at ${where} (set TEST_DATABASE_URL, or REQUIRE_POSTGRES=1 to fail instead).\n`);
  // Skipped only on a machine without PostgreSQL, as the README says; CI sets REQUIRE_POSTGRES=1 and fails instead.
  describe.skip(name, body);
}

/** Creates an empty schema with a random name; `drop` removes it and everything in it. */
export async function createSchema(): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `q_test_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE SCHEMA ${schema}`);
  return { schema, drop: () => admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
}

/** Runs one statement on its own connection (schemas are created and dropped outside any store). */
export async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
