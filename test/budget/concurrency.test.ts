/**
 * The money promise under concurrency: CREDITS_PER_WORKSPACE_PER_MONTH=3, commands sent at once by
 * several members through two replicas (two store connections, two API clients) against the fake
 * TikLiveAPI, on SQLite and on PostgreSQL. The month may go over by at most one report's cost, and
 * the workspace is charged exactly what the API billed.
 */
import { silentConversation } from '../helpers/conversation';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceBudget } from '../../src/budget/budget';
import { runCommand, type Outcome } from '../../src/chat/pipeline';
import type { RawInput } from '../../src/chat/commands';
import type { Conversation } from '../../src/chat/types';
import { silentLogger } from '../../src/log';
import { CommandRateLimiter } from '../../src/ratelimit';
import { createQuadrantsService } from '../../src/service';
import { openStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { createTikLiveApiSource, type TikLiveApiSource } from '../../src/tikliveapi/source';
import { rawVideos, startFakeTikLiveApi, type FakeTikLiveApi } from '../fakes/tikliveapi';
import { createSchema, describePostgres, TEST_DATABASE_URL } from '../store/pg-helpers';

const KEY = 'tla-concurrency-key-0001';
const LIMIT = 3;
/** One uncached report of 10 posts: the id lookup and one page. */
const REPORT_COST = 2;
const TEAM = { platform: 'slack' as const, workspaceId: 'T0BUDGET' };

interface Replica {
  store: Store;
  source: TikLiveApiSource;
  deps: Parameters<typeof runCommand>[2];
}

/** Two replicas on the same database, each with its own API client, cache, limiter and budget reader. */
async function replicas(api: FakeTikLiveApi, connect: () => Store): Promise<Replica[]> {
  return [0, 1].map(() => {
    const store = connect();
    const source = createTikLiveApiSource({ apiKey: KEY, baseUrl: api.url, logger: silentLogger, requestsPerMinute: 60_000, burst: 1000, retryBaseMs: 1, sleep: async () => undefined });
    const service = createQuadrantsService({ source, logger: silentLogger });
    const deps = {
      service,
      subscriptions: null,
      // The defaults: 5 a minute per member, 20 per workspace.
      limiter: new CommandRateLimiter({ perUserPerMinute: 5, perTeamPerMinute: 20 }),
      logger: silentLogger,
      budget: new WorkspaceBudget({ store, limit: LIMIT }),
    };
    return { store, source, deps };
  });
}

function conversation(userId: string): Conversation {
  return silentConversation(TEAM.workspaceId, userId);
}

async function fakeWith(creators: number): Promise<FakeTikLiveApi> {
  const api = await startFakeTikLiveApi({ apiKey: KEY, latencyMs: 15 });
  for (let i = 0; i < creators; i += 1) api.addCreator({ username: `creator${i}`, userid: String(6_900_000_000_000_000_000n + BigInt(i)), videos: rawVideos(12) });
  return api;
}

/** Sends every input at once, spread over the replicas and members; returns the outcomes and what was charged. */
async function burst(connect: () => Store, creators: number, inputs: Array<{ raw: RawInput; user: string }>) {
  const api = await fakeWith(creators);
  const rs = await replicas(api, connect);
  try {
    const outcomes: Outcome[] = await Promise.all(inputs.map((x, i) => runCommand(() => x.raw, conversation(x.user), (rs[i % 2] as Replica).deps)));
    const spent = await (rs[0] as Replica).store.workspaceCredits(TEAM, new Date().toISOString().slice(0, 7));
    return { outcomes, spent, billed: api.billed() };
  } finally {
    for (const r of rs) {
      await r.source.close();
      await r.store.close();
    }
    await api.close();
  }
}

function budgetSuite(connect: () => Promise<() => Store>): void {
  test('8 reports of 8 uncached creators from 8 members at once spend at most one report over the budget', async () => {
    const inputs = Array.from({ length: 8 }, (_, i) => ({ raw: { command: 'report' as const, creator: `@creator${i}` }, user: `U${i}` }));
    const { outcomes, spent, billed } = await burst(await connect(), 8, inputs);
    expect(spent).toBe(billed);
    expect(spent).toBeGreaterThanOrEqual(LIMIT);
    expect(spent - LIMIT).toBeLessThanOrEqual(REPORT_COST);
    expect(outcomes.filter((o) => o === 'delivered').length).toBe(spent / REPORT_COST);
    expect(outcomes.filter((o) => o !== 'delivered').every((o) => o === 'over-budget')).toBe(true);
  });

  test('20 compares from 4 members at once spend at most one report over the budget', async () => {
    const inputs = Array.from({ length: 20 }, (_, i) => ({
      raw: { command: 'compare' as const, creators: [`@creator${i}`, `@creator${(i + 1) % 20}`] },
      user: `U${i % 4}`,
    }));
    const { outcomes, spent, billed } = await burst(await connect(), 20, inputs);
    expect(spent).toBe(billed);
    expect(spent - LIMIT).toBeLessThanOrEqual(REPORT_COST);
    expect(outcomes.filter((o) => o === 'delivered')).toHaveLength(1);
  });
}

describe('budgets under concurrency on SQLite (two connections to one file)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'quadrants-budget-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  budgetSuite(async () => {
    const file = join(dir, `q${(n += 1)}.db`);
    return () => openStore(file);
  });
});

describePostgres('budgets under concurrency on PostgreSQL (two pools on one schema)', () => {
  const drops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });
  budgetSuite(async () => {
    const { schema, drop } = await createSchema();
    drops.push(drop);
    return () => openStore(TEST_DATABASE_URL, { postgres: { schema } });
  });
});
