/**
 * A command's budget hold through the real pipeline: held before its first request, settled to what
 * the API billed when it ends, failed commands included, so the next command sees the true total.
 */
import { silentConversation } from '../helpers/conversation';
import { WorkspaceBudget } from '../../src/budget/budget';
import { runCommand } from '../../src/chat/pipeline';
import type { Conversation } from '../../src/chat/types';
import { silentLogger } from '../../src/log';
import { createQuadrantsService } from '../../src/service';
import { openStore } from '../../src/store';
import { createTikLiveApiSource } from '../../src/tikliveapi/source';
import { faults, rawVideos, startFakeTikLiveApi } from '../fakes/tikliveapi';

const KEY = 'tla-holds-key-000001';
const TEAM = { platform: 'slack' as const, workspaceId: 'T0HOLD' };

const conversation = (): Conversation => silentConversation(TEAM.workspaceId);

test('a failed command settles its hold to what was billed, so the next one is judged on the true total', async () => {
  const api = await startFakeTikLiveApi({ apiKey: KEY });
  for (let i = 0; i < 2; i += 1) api.addCreator({ username: `creator${i}`, userid: String(6_930_000_000_000_000_000n + BigInt(i)), videos: rawVideos(12) });
  const source = createTikLiveApiSource({ apiKey: KEY, baseUrl: api.url, logger: silentLogger, retryBaseMs: 1, burst: 1000, requestsPerMinute: 60_000, sleep: async () => undefined });
  const store = openStore(':memory:');
  const month = new Date().toISOString().slice(0, 7);
  const deps = { service: createQuadrantsService({ source, logger: silentLogger }), subscriptions: null, limiter: null, logger: silentLogger, budget: new WorkspaceBudget({ store, limit: 3 }) };
  try {
    // The lookup is billed; the page then fails three times with 500s, which are not.
    for (let i = 0; i < 3; i += 1) api.fail('user-posts', faults.serverError());
    expect(await runCommand(() => ({ command: 'report', creator: '@creator0' }), conversation(), deps)).toBe('failed');
    expect(await store.workspaceCredits(TEAM, month)).toBe(1);
    // The failed command's hold (2 credits) is gone: 1 spent of 3 admits the next report.
    expect(await runCommand(() => ({ command: 'report', creator: '@creator1' }), conversation(), deps)).toBe('delivered');
    expect(await store.workspaceCredits(TEAM, month)).toBe(3);
    expect(api.billed()).toBe(3);
    // 3 of 3: the next one that would spend is refused.
    expect(await runCommand(() => ({ command: 'report', creator: '@creator0' }), conversation(), deps)).toBe('over-budget');
  } finally {
    await source.close();
    await store.close();
    await api.close();
  }
});
