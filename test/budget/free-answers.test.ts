/**
 * The per-minute limits and the monthly budget protect credits, so they bind only commands that call
 * TikLiveAPI: a report answered from the cache (what a CSV or Refresh click runs) neither uses up a
 * slot nor is refused.
 * The real pipeline, command table, service and TikLiveAPI client (with its cache) on the fake.
 */
import { WorkspaceBudget } from '../../src/budget/budget';
import { runCommand } from '../../src/chat/pipeline';
import { openStore } from '../../src/store';
import type { Conversation } from '../../src/chat/types';
import { plain } from '../../src/chat/inline';
import { silentLogger } from '../../src/log';
import { CommandRateLimiter } from '../../src/ratelimit';
import { createQuadrantsService } from '../../src/service';
import { createTikLiveApiSource } from '../../src/tikliveapi/source';
import { rawVideos, startFakeTikLiveApi } from '../fakes/tikliveapi';

const KEY = 'tla-free-answers-key-01';

function conversation(said: string[]): Conversation {
  return {
    actor: { surface: 'slack', workspaceId: 'T0FREE', channelId: 'C1', userId: 'U1', canManage: false },
    answer: async (r) => void said.push(plain(r.card.summary)),
    acknowledge: async () => undefined,
    deliver: async () => undefined,
    fail: async (card) => void said.push(plain(card.summary)),
    resolve: async () => 'C1',
    post: async () => ({ posted: true as const }),
  };
}

test('a cached report gives its rate-limit slot back and is answered over the limit; one that would spend is refused before any request', async () => {
  const api = await startFakeTikLiveApi({ apiKey: KEY });
  for (let i = 0; i < 3; i += 1) api.addCreator({ username: `creator${i}`, userid: String(6_910_000_000_000_000_000n + BigInt(i)), videos: rawVideos(12) });
  const source = createTikLiveApiSource({ apiKey: KEY, baseUrl: api.url, logger: silentLogger, retryBaseMs: 1, burst: 1000, requestsPerMinute: 60_000 });
  const limiter = new CommandRateLimiter({ perUserPerMinute: 2, perTeamPerMinute: 100 }, () => 1_000);
  const deps = { service: createQuadrantsService({ source, logger: silentLogger }), subscriptions: null, limiter, logger: silentLogger };
  const said: string[] = [];
  const report = (creator: string) => runCommand(() => ({ command: 'report', creator }), conversation(said), deps);
  try {
    expect(await report('@creator0')).toBe('delivered');
    const afterFirst = api.count();
    // The same report twice more: from the cache, no request, no slot used.
    expect(await report('@creator0')).toBe('delivered');
    expect(await report('@creator0')).toBe('delivered');
    expect(api.count()).toBe(afterFirst);
    // So the second slot of the minute is still there for a report that spends.
    expect(await report('@creator1')).toBe('delivered');
    const spent = api.count();
    // Both slots used: a report that would call the API is refused, privately, without a request...
    expect(await report('@creator2')).toBe('rate-limited');
    expect(said.at(-1)).toMatch(/^You have run a lot of reports in the last minute; try again in \d+ s/);
    expect(api.count()).toBe(spent);
    // ...while one the cache answers is still given.
    expect(await report('@creator1')).toBe('delivered');
    expect(api.count()).toBe(spent);
  } finally {
    await source.close();
    await api.close();
  }
});

test('with the monthly budget spent, a report the cache can answer is still given; one that would spend is refused', async () => {
  const api = await startFakeTikLiveApi({ apiKey: KEY });
  for (let i = 0; i < 2; i += 1) api.addCreator({ username: `creator${i}`, userid: String(6_910_000_000_000_000_000n + BigInt(i)), videos: rawVideos(12) });
  const source = createTikLiveApiSource({ apiKey: KEY, baseUrl: api.url, logger: silentLogger, retryBaseMs: 1, burst: 1000, requestsPerMinute: 60_000 });
  const store = openStore(':memory:');
  const budget = new WorkspaceBudget({ store, limit: 2 });
  const deps = { service: createQuadrantsService({ source, logger: silentLogger }), subscriptions: null, limiter: null, logger: silentLogger, budget };
  const said: string[] = [];
  const report = (creator: string) => runCommand(() => ({ command: 'report', creator }), conversation(said), deps);
  try {
    expect(await report('@creator0')).toBe('delivered');
    expect((await budget.status({ platform: 'slack', workspaceId: 'T0FREE' })).remaining).toBe(0);
    const spent = api.count();
    expect(await report('@creator0')).toBe('delivered');
    expect(await report('@creator1')).toBe('over-budget');
    expect(said.at(-1)).toMatch(/^This workspace has used its monthly budget of 2 API credits/);
    expect(api.count()).toBe(spent);
  } finally {
    await source.close();
    await store.close();
    await api.close();
  }
});
