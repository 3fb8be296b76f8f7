/**
 * Replicas bench: three replicas in this process, each with its own PostgreSQL pools (store and
 * shared pacing/cache), its own TikLiveAPI client and its own digest runner, against one fresh
 * schema and the fake TikLiveAPI on 127.0.0.1. In-process replicas with separate pools share
 * nothing but the database, which is what separate processes would share.
 *
 * Rows: one report asked on all three at once (1 credit); 1,000 subscriptions over 200 creators
 * run by all three at once (200 credits, 1,000 posts, no duplicates, never more than the
 * configured requests per minute in any 60 s window, read from an audit trigger on the pacing log).
 * Skipped with one row when no PostgreSQL answers (TEST_DATABASE_URL).
 */
import { runDueDigests } from '../src/digest/runner';
import { createPgCoordination, type Coordination } from '../src/replicas/coordination';
import { createQuadrantsService, type QuadrantsService } from '../src/service';
import { openStore } from '../src/store';
import type { Store } from '../src/store/types';
import { createTikLiveApiSource, type TikLiveApiSource } from '../src/tikliveapi/source';
import { createRecordingDelivery, type RecordedPost } from '../test/fakes/digest-delivery';
import { rawVideos, startFakeTikLiveApi, type FakeTikLiveApi } from '../test/fakes/tikliveapi';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { BenchRow } from './table';

const KEY = 'bench-replicas-key-0001';
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
const REPLICAS = 3;
const CREATORS = 200;
const SUBSCRIPTIONS = 1000;
/** Configured for the bench so the run takes ~20 s instead of a minute; the check is the same at any rate. */
const REQUESTS_PER_MINUTE = 600;
const CREATOR_BASE = 7_200_000_000_000_000_000n;

interface Replica {
  store: Store;
  shared: Coordination;
  source: TikLiveApiSource;
  service: QuadrantsService;
}

function replica(schema: string, api: FakeTikLiveApi): Replica {
  const store = openStore(TEST_DATABASE_URL, { postgres: { schema } });
  const shared = createPgCoordination(TEST_DATABASE_URL, { schema, requestsPerMinute: REQUESTS_PER_MINUTE });
  const source = createTikLiveApiSource({ apiKey: KEY, baseUrl: api.url, requestsPerMinute: REQUESTS_PER_MINUTE, shared });
  const service = createQuadrantsService({ source, quickchartBaseUrl: 'http://127.0.0.1:9', quickchartPlugins: true });
  return { store, shared, source, service };
}

/** The most values in any window [v, v + width). */
function busiest(times: number[], width: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let j = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    while ((sorted[j] as number) <= (sorted[i] as number) - width) j += 1;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

async function query<T>(schema: string | null, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

export async function rows(): Promise<BenchRow[]> {
  try {
    await query(null, 'SELECT 1');
  } catch {
    return [{ row: 'replicas: skipped', measured: 'no PostgreSQL at TEST_DATABASE_URL', target: 'a PostgreSQL server', ok: false }];
  }
  const api = await startFakeTikLiveApi({ apiKey: KEY, latencyMs: 100 });
  for (let c = 0; c < CREATORS; c += 1) api.addCreator({ username: `creator${c}`, userid: (CREATOR_BASE + BigInt(c)).toString(), videos: rawVideos(30) });
  const schema = `q_bench_${randomBytes(6).toString('hex')}`;
  await query(null, `CREATE SCHEMA ${schema}`);
  const replicas: Replica[] = [];
  try {
    for (let i = 0; i < REPLICAS; i += 1) replicas.push(replica(schema, api));
    await Promise.all(replicas.map((r) => r.store.ping()));
    await query(null, `CREATE TABLE ${schema}.audit (at_ms BIGINT NOT NULL);
      CREATE FUNCTION ${schema}.audit_request() RETURNS trigger AS $$ BEGIN INSERT INTO ${schema}.audit VALUES (NEW.at_ms); RETURN NEW; END $$ LANGUAGE plpgsql;
      CREATE TRIGGER audit_request AFTER INSERT ON ${schema}.api_requests FOR EACH ROW EXECUTE FUNCTION ${schema}.audit_request();`);

    // 1. The same report on all three at once (by numeric id: one /user-posts/ page on one bot).
    const id = (CREATOR_BASE + 199n).toString();
    const reports = await Promise.all(replicas.map((r) => r.service.report({ creator: id, posts: 10 })));
    const reportCredits = reports.reduce((n, r) => n + r.credits, 0);
    const reportRequests = api.count();

    // 2. 1,000 subscriptions over 200 creators, every replica running its digest pass at once.
    api.reset();
    api.latencyMs = 100;
    for (let c = 0; c < CREATORS; c += 1) api.addCreator({ username: `creator${c}`, userid: (CREATOR_BASE + BigInt(c)).toString(), videos: rawVideos(30) });
    const first = replicas[0] as Replica;
    const created = new Date('2026-10-15T00:00:00Z');
    for (let i = 0; i < SUBSCRIPTIONS; i += 1) {
      const c = i % CREATORS;
      await first.store.saveSubscription(
        { platform: 'slack', workspaceId: `T${i % 10}`, channelId: `C${i}`, creatorUsername: `creator${c}`, creatorUserid: (CREATOR_BASE + BigInt(c)).toString(),
          posts: 30, cadence: 'monthly', day: 1, hour: 9, minute: 0, timezone: 'UTC', createdBy: 'bench' },
        created,
      );
    }
    const posted: RecordedPost[] = [];
    const base = Date.parse('2026-11-01T09:00:00Z');
    const started = Date.now();
    const summaries = await Promise.all(
      replicas.map((r) =>
        runDueDigests({ store: r.store, service: r.service, deliveries: [createRecordingDelivery('slack', { shared: posted })], now: () => new Date(base + (Date.now() - started)) }),
      ),
    );
    const wallMs = Date.now() - started;
    const credits = replicas.reduce((n, r) => n + r.source.creditsSpent(), 0) - reportCredits;
    const unique = new Set(posted.map((p) => p.key)).size;
    const times = (await query<{ at_ms: string }>(schema, 'SELECT at_ms FROM audit')).map((r) => Number(r.at_ms));
    const digestTimes = times.slice(reportRequests);
    const perMinute = busiest(digestTimes, 60_000);
    // The pacer also spreads requests: at most 10 (the burst) per 10/600 of a minute, i.e. 1 s here.
    const perBurst = busiest(digestTimes, 1_000);
    const spreadMs = digestTimes.length > 0 ? Math.max(...digestTimes) - Math.min(...digestTimes) : 0;
    const failed = summaries.reduce((n, s) => n + s.retryLater + s.abandoned, 0);
    return [
      { row: 'replicas: one report asked on 3 replicas at once, credits (upstream requests)', measured: `${reportCredits} (${reportRequests})`, target: '1 (1)', ok: reportCredits === 1 && reportRequests === 1 },
      { row: `replicas: ${SUBSCRIPTIONS} subscriptions / ${CREATORS} creators on 3 replicas, wall time`, measured: `${(wallMs / 1000).toFixed(1)} s`, target: 'informational', ok: failed === 0 },
      { row: 'replicas: digest credits spent (upstream requests)', measured: `${credits} (${api.count()})`, target: `${CREATORS} (${CREATORS})`, ok: credits === CREATORS && api.count() === CREATORS },
      { row: 'replicas: digest posts made (unique)', measured: `${posted.length} (${unique})`, target: `${SUBSCRIPTIONS}, no duplicates`, ok: posted.length === SUBSCRIPTIONS && unique === SUBSCRIPTIONS },
      {
        row: `replicas: most requests in any 60 s window, all replicas (${REQUESTS_PER_MINUTE}/min configured; ${digestTimes.length} over ${(spreadMs / 1000).toFixed(1)} s)`,
        measured: String(perMinute),
        target: `<= ${REQUESTS_PER_MINUTE}`,
        ok: perMinute <= REQUESTS_PER_MINUTE,
      },
      { row: 'replicas: most requests in any 1 s window, all replicas (burst 10)', measured: String(perBurst), target: '<= 10', ok: perBurst <= 10 },
    ];
  } finally {
    for (const r of replicas) {
      await r.source.close();
      await r.shared.close();
      await r.store.close();
    }
    await api.close();
    await query(null, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  }
}
