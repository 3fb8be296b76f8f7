/**
 * The store contract on PostgreSQL, plus what only PostgreSQL has to show: migrations that
 * several replicas run at once, and exactly one winner among many claimers with separate pools.
 */
import { Client } from 'pg';
import { QuadrantsError } from '../../src/errors';
import { openReadyStore, openStore } from '../../src/store';
import type { Store, Subscription } from '../../src/store/types';
import { addSub } from '../digest/helpers';
import { claimReq, storeContract } from './contract';
import { createSchema, describePostgres, TEST_DATABASE_URL } from './pg-helpers';

const drops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

/** A store on a new, empty schema; connect() opens another pool on the same schema. */
async function freshSchema(poolSize?: number) {
  const { schema, drop } = await createSchema();
  drops.push(drop);
  const connect = (): Store => openStore(TEST_DATABASE_URL, { postgres: { schema, ...(poolSize ? { poolSize } : {}) } });
  return { schema, connect };
}

async function tables(schema: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describePostgres('PostgreSQL store', () => {
  describe('the store contract on PostgreSQL', () => {
    storeContract(async () => {
      const { connect } = await freshSchema();
      return { store: connect(), connect };
    });
  });

  describe('migrations', () => {
    test('five replicas starting at once apply each migration exactly once', async () => {
      const { schema, connect } = await freshSchema();
      const replicas = Array.from({ length: 5 }, connect);
      await Promise.all(replicas.map((r) => r.ping()));
      expect(await tables(schema, 'SELECT version FROM schema_migrations')).toEqual([{ version: 1 }, { version: 2 }]);
      for (const r of replicas) await r.close();
    });

    test('refuses a schema written by a newer build, with one sentence', async () => {
      const { schema, connect } = await freshSchema();
      const first = connect();
      await first.ping();
      await first.close();
      await tables(schema, `INSERT INTO schema_migrations VALUES (99, 'future', '2030-01-01T00:00:00Z')`);
      const again = connect();
      await expect(again.ping()).rejects.toMatchObject({ code: 'CONFIG', userMessage: expect.stringMatching(/newer version of quadrants/) });
      await again.close();
    });

    test('openReadyStore resolves once connected and migrated, and rejects a server it cannot use', async () => {
      const { schema } = await freshSchema();
      const store = await openReadyStore(TEST_DATABASE_URL, { postgres: { schema } });
      expect(await tables(schema, 'SELECT version FROM schema_migrations')).toEqual([{ version: 1 }, { version: 2 }]);
      await store.close();
      await expect(openReadyStore('postgres://q:pw@127.0.0.1:1/q')).rejects.toMatchObject({ code: 'CONFIG' });
    });

    test('an unreachable server is one sentence without the password', async () => {
      const store = openStore('postgres://quadrants:hunter2secret@127.0.0.1:1/q', { postgres: { connectTimeoutMs: 2000 } });
      const err = await store.ping().then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(QuadrantsError);
      const text = `${(err as QuadrantsError).message} ${(err as QuadrantsError).userMessage}`;
      expect(text).not.toContain('hunter2secret');
      expect((err as QuadrantsError).userMessage).toMatch(/^PostgreSQL at 127\.0\.0\.1:1\/q refused the connection; start the server/);
      await store.close();
    });
  });

  describe('replicas', () => {
    const CLAIMERS = 8;
    const RUNS = 25;

    test(`${CLAIMERS} claimers with separate pools claim each of ${RUNS} due runs exactly once`, async () => {
      const { connect } = await freshSchema(3);
      const setup = connect();
      const subs: Subscription[] = [];
      for (let i = 0; i < RUNS; i += 1) subs.push(await addSub(setup, '2026-11-01T00:00:00Z', { channelId: `C${i}` }));
      const claimers = Array.from({ length: CLAIMERS }, connect);
      const at = new Date('2026-12-01T09:00:00Z');
      // Every claimer walks every run at once, as replicas woken by the same scheduler tick would.
      const results = await Promise.all(
        claimers.flatMap((c, k) => subs.map((s) => c.claimRun(claimReq(s.id, at, `replica-${k}`)))),
      );
      const wins = results.filter((r) => r.claimed);
      const perRun = new Map<number, number>();
      for (const w of wins) perRun.set(w.run.subscriptionId, (perRun.get(w.run.subscriptionId) ?? 0) + 1);
      const duplicates = [...perRun.values()].filter((n) => n > 1).length;
      console.log(`PostgreSQL claim race: ${CLAIMERS} claimers, ${RUNS} runs, ${results.length} claims, ${wins.length} won, duplicates ${duplicates}`);
      expect(duplicates).toBe(0);
      expect(perRun.size).toBe(RUNS);
      expect(results.filter((r) => !r.claimed).every((r) => !r.claimed && r.reason === 'leased')).toBe(true);
      // Each run's row names exactly the winner, with one attempt.
      for (const w of wins) expect(await setup.getRun(w.run.subscriptionId, '2026-12')).toMatchObject({ attempts: 1, claimedBy: w.run.claimedBy });

      // The winners die without finishing: after the lease, the runs are taken over exactly once again.
      const later = new Date(at.getTime() + 61_000);
      const takeover = await Promise.all(
        claimers.flatMap((c, k) => subs.map((s) => c.claimRun(claimReq(s.id, later, `replica-b-${k}`)))),
      );
      const retaken = takeover.filter((r) => r.claimed);
      expect(retaken).toHaveLength(RUNS);
      expect(new Set(retaken.map((r) => r.run.subscriptionId)).size).toBe(RUNS);
      // A takeover continues the dead claimer's attempt rather than starting a new one.
      expect(retaken.every((r) => r.run.attempts === 1)).toBe(true);
      for (const c of [setup, ...claimers]) await c.close();
    });
  });
});
