/**
 * The HTTP digest bench on three replicas: the same 1,000 subscriptions over 200 creators as
 * digest-http.ts, the same fakes in their own process (TikLiveAPI answering in 750 ms, each chat
 * post in 250 ms), but three replicas sharing one PostgreSQL schema, each with its own store pool,
 * shared pacing and cache (200 requests/min between them), TikLiveAPI client, Slack and Discord
 * deliveries and digest runner, all running their pass at once. The replicas share this process,
 * so the peak RSS row is all three together. Prints seconds, credits, duplicates (a digest posted
 * twice by any replica), peak RSS and the load average. Skipped with one row when no PostgreSQL
 * answers (TEST_DATABASE_URL).
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDiscordHttp } from '../adapters/discord/http';
import { createPgCoordination, type Coordination } from '../src/replicas/coordination';
import { runDueDigests } from '../src/digest/runner';
import { silentLogger } from '../src/log';
import { boundHeapGrowth } from '../src/ops/heap';
import { createQuadrantsService } from '../src/service';
import { openStore } from '../src/store';
import type { Store } from '../src/store/types';
import { createTikLiveApiSource } from '../src/tikliveapi/source';
import { chatDeliveries, KEY, REQUESTS_PER_MINUTE, seedSubscriptions, size, startFakes, stats } from './digest-http';
import type { BenchRow } from './table';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
const REPLICAS = 3;

async function sql(statement: string): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function rows(): Promise<BenchRow[]> {
  try {
    await sql('SELECT 1');
  } catch {
    return [{ row: 'digest over HTTP chat fakes, 3 replicas: skipped', measured: 'no PostgreSQL at TEST_DATABASE_URL', target: 'a PostgreSQL server', ok: false }];
  }
  // As each bot's process does at start (app/main.ts).
  boundHeapGrowth();
  const subscriptions = size('BENCH_DIGEST_SUBSCRIPTIONS', 1000);
  const creators = size('BENCH_DIGEST_CREATORS', 200);
  const { child, fakes } = await startFakes(creators, Math.ceil(subscriptions / 2));
  const schema = `q_bench_${randomBytes(6).toString('hex')}`;
  await sql(`CREATE SCHEMA ${schema}`);
  const stores: Store[] = [];
  const shared: Coordination[] = [];
  const https = Array.from({ length: REPLICAS }, () => createDiscordHttp());
  try {
    for (let i = 0; i < REPLICAS; i += 1) {
      stores.push(openStore(TEST_DATABASE_URL, { postgres: { schema } }));
      shared.push(createPgCoordination(TEST_DATABASE_URL, { schema, requestsPerMinute: REQUESTS_PER_MINUTE }));
    }
    await Promise.all(stores.map((s) => s.ping()));
    await seedSubscriptions(stores[0] as Store, fakes, subscriptions, creators);
    const posted = new Map<string, number>();
    const base = Date.parse('2026-11-01T09:00:00Z');
    const started = Date.now();
    const summaries = await Promise.all(
      stores.map((store, i) => {
        const source = createTikLiveApiSource({ apiKey: KEY, baseUrl: fakes.tikliveapiUrl, requestsPerMinute: REQUESTS_PER_MINUTE, shared: shared[i] as Coordination });
        const service = createQuadrantsService({ source, quickchartBaseUrl: 'http://127.0.0.1:9', quickchartPlugins: true });
        const deliveries = chatDeliveries(fakes, https[i] as ReturnType<typeof createDiscordHttp>, posted);
        return runDueDigests({ store, service, deliveries, logger: silentLogger, now: () => new Date(base + (Date.now() - started)) });
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
    const postedCount = summaries.reduce((n, s) => n + s.posted, 0);
    const duplicates = [...posted.values()].reduce((n, c) => n + c - 1, 0);
    const fake = await stats(child);
    const peakMb = process.resourceUsage().maxRSS / 1024;
    const label = `digest over HTTP chat fakes: ${subscriptions} subscriptions / ${creators} creators, ${REPLICAS} replicas on PostgreSQL`;
    const floor = (creators / REQUESTS_PER_MINUTE) * 60;
    return [
      { row: `${label}, seconds`, measured: `${seconds.toFixed(1)} s (${postedCount} posted; posts in flight at most ${fake.slackPostPeak} Slack, ${fake.discordPostPeak} Discord)`, target: `<= ${(floor * 1.1).toFixed(0)} s`, ok: seconds <= floor * 1.1 && postedCount === subscriptions },
      { row: `${label}, credits`, measured: String(fake.billed), target: String(creators), ok: fake.billed === creators },
      { row: `${label}, duplicates`, measured: String(duplicates), target: '0', ok: duplicates === 0 },
      { row: `${label}, peak RSS of the three together`, measured: `${peakMb.toFixed(0)} MB`, target: 'informational', ok: true },
      { row: `${label}, load average (1/5/15 min, ${os.cpus().length} cores)`, measured: load, target: 'informational', ok: true },
    ];
  } finally {
    await Promise.all(stores.map((s) => s.close()));
    await Promise.all(shared.map((c) => c.close()));
    await Promise.all(https.map((h) => h.close()));
    child.removeAllListeners('exit');
    child.send('close');
    await sql(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
  }
}
