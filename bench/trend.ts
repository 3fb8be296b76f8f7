/**
 * `trend` over a full store: 200 creators × 12 monthly snapshots each, on SQLite and on
 * PostgreSQL; every creator's trend is asked once through the same pipeline as the CLI (store
 * read, card, both chart configs and their links). Target: under 50 ms each (p95).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { cliConversation } from '../adapters/cli/conversation';
import { runCommand } from '../src/chat/pipeline';
import { createDemoSource } from '../src/demo/source';
import { createLogger } from '../src/log';
import { createQuadrantsService } from '../src/service';
import { openStore, type Store } from '../src/store';
import { trendPeriods } from '../src/trend/trend';
import type { BenchRow } from './table';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
const CREATORS = 200;
const NOW = new Date('2027-01-20T12:00:00Z');

async function fill(store: Store): Promise<void> {
  const periods = trendPeriods(NOW);
  for (let c = 0; c < CREATORS; c += 1) {
    await Promise.all(
      periods.map((period, i) =>
        store.saveCreatorSnapshot({
          platform: 'slack',
          workspaceId: 'T-bench',
          username: `creator.${c}`,
          creatorId: String(7_300_000_000_000_000_000n + BigInt(c)),
          period,
          takenAt: new Date(`${period}-10T09:00:00Z`),
          posts: 10 + (c % 20),
          medianShareRate: 0.002 + ((c + i) % 7) / 1000,
          medianSaveRate: 0.01 + ((c * 3 + i) % 11) / 1000,
          counts: { 'viral-evergreen': (c + i) % 4, 'niche-reference': 3, 'viral-disposable': 2, dead: (c * i) % 5 },
        }),
      ),
    );
  }
}

/** Asks every creator's trend once; the per-trend times in ms. */
async function measure(store: Store): Promise<number[]> {
  const logger = createLogger({ level: 'error', write: () => undefined });
  const service = createQuadrantsService({ source: createDemoSource(), quickchartBaseUrl: 'http://127.0.0.1:9', quickchartPlugins: true });
  let out = '';
  const io = { stdout: (s: string) => void (out = s), stderr: () => undefined };
  const conversation = { ...cliConversation(io, { json: false }), actor: { surface: 'slack' as const, workspaceId: 'T-bench', channelId: 'C', userId: 'U', canManage: false } };
  const times: number[] = [];
  for (let c = 0; c < CREATORS; c += 1) {
    const t0 = performance.now();
    const outcome = await runCommand(() => ({ command: 'trend', creator: `@creator.${c}` }), conversation, { service, subscriptions: null, limiter: null, logger, snapshots: store, now: () => NOW });
    times.push(performance.now() - t0);
    if (outcome !== 'delivered' || !out.includes('2027-01: median share rate')) throw new Error(`trend of creator.${c} did not show its months (${outcome})`);
  }
  return times.sort((a, b) => a - b);
}

function row(engine: string, times: number[]): BenchRow {
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
  return { row: `trend: one creator's 12 months of 200 × 12 stored (${engine}), p50 / p95`, measured: `${p(0.5).toFixed(2)} / ${p(0.95).toFixed(2)} ms`, target: '< 50 ms', ok: p(0.95) < 50 };
}

export async function rows(): Promise<BenchRow[]> {
  const out: BenchRow[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'quadrants-bench-trend-'));
  const sqlite = openStore(join(dir, 'q.db'));
  try {
    await fill(sqlite);
    await measure(sqlite);
    out.push(row('SQLite', await measure(sqlite)));
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const schema = `bench_trend_${process.pid}`;
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
    const pg = openStore(TEST_DATABASE_URL, { postgres: { schema } });
    try {
      await fill(pg);
      await measure(pg);
      out.push(row('PostgreSQL', await measure(pg)));
    } finally {
      await pg.close();
    }
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.end();
  }
  return out;
}
