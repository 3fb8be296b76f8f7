/**
 * Shared pacing: several replicas (own pools, one schema) never send more than the limit in any
 * 60 s window, together. Time is a virtual clock; every request taken is copied by a trigger into
 * an audit table, so the check reads what was really recorded under the lock.
 */
import { createPgCoordination, type Coordination } from '../../src/replicas/coordination';
import { describePostgres, TEST_DATABASE_URL } from '../store/pg-helpers';
import { busiestWindow, migratedSchema, sql, virtualClock } from './helpers';

describePostgres('shared pacing across replicas (PostgreSQL)', () => {
  test('4 replicas taking 120 requests at once stay within 30 a minute in every 60 s window, and are not throttled harder', async () => {
    const { schema, drop } = await migratedSchema();
    await sql(schema, `CREATE TABLE audit (at_ms BIGINT NOT NULL);
      CREATE FUNCTION audit_request() RETURNS trigger AS $$ BEGIN INSERT INTO audit VALUES (NEW.at_ms); RETURN NEW; END $$ LANGUAGE plpgsql;
      CREATE TRIGGER audit_request AFTER INSERT ON api_requests FOR EACH ROW EXECUTE FUNCTION audit_request();`);
    const clock = virtualClock();
    const start = clock.t;
    const replicas: Coordination[] = Array.from({ length: 4 }, () =>
      createPgCoordination(TEST_DATABASE_URL, { schema, requestsPerMinute: 30, burst: 5, pacerNow: clock.now, sleep: clock.sleep, poolSize: 3 }),
    );
    try {
      await Promise.all(replicas.flatMap((r) => Array.from({ length: 30 }, () => clock.run(() => r.pacer.take()))));
      const times = (await sql<{ at_ms: string }>(schema, 'SELECT at_ms FROM audit')).map((r) => Number(r.at_ms));
      expect(times).toHaveLength(120);
      expect(busiestWindow(times, 60_000)).toBeLessThanOrEqual(30);
      // Bursts are capped too: at most 5 in any 10 s (5 / 30 of a minute).
      expect(busiestWindow(times, 10_000)).toBeLessThanOrEqual(5);
      // 120 at 30 a minute, 5 per 10 s, needs 23 steps of 10 s; shared pacing adds no more than that.
      const span = Math.max(...times) - start;
      expect(span).toBeGreaterThanOrEqual(180_000);
      expect(span).toBeLessThan(240_000);
      // Only the last minute of requests is kept.
      const kept = await sql<{ n: string }>(schema, 'SELECT count(*) AS n FROM api_requests');
      expect(Number(kept[0]?.n)).toBeLessThanOrEqual(30);
    } finally {
      for (const r of replicas) await r.close();
      await drop();
    }
  });

  test('the database clock is used when none is injected', async () => {
    const { schema, drop } = await migratedSchema();
    const r = createPgCoordination(TEST_DATABASE_URL, { schema, requestsPerMinute: 600, burst: 3 });
    try {
      const before = Date.now();
      await Promise.all([r.pacer.take(), r.pacer.take(), r.pacer.take()]);
      const rows = await sql<{ at_ms: string }>(schema, 'SELECT at_ms FROM api_requests');
      expect(rows).toHaveLength(3);
      // Same host here, so the database's clock is close to ours.
      for (const row of rows) expect(Math.abs(Number(row.at_ms) - before)).toBeLessThan(60_000);
    } finally {
      await r.close();
      await drop();
    }
  });
});
