/**
 * App Home bench: a person opens the Home tab of a workspace with 200 digest subscriptions in the
 * SQLite store. The real adapter (Bolt over Socket Mode) against the fake Slack on 127.0.0.1:
 * app_home_opened envelope sent → views.publish request received, one open after another, p50
 * and p99 over 30 opens (after 5 warm-up opens). Target p99 < 300 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSlackAdapter } from '../adapters/slack/app';
import { createSubscriptionService } from '../src/digest/subscriptions';
import { silentLogger } from '../src/log';
import { CommandRateLimiter } from '../src/ratelimit';
import { createQuadrantsService } from '../src/service';
import { openStore } from '../src/store';
import { createTikLiveApiSource } from '../src/tikliveapi/source';
import { startFakeSlack } from '../test/fakes/slack';
import { startFakeTikLiveApi } from '../test/fakes/tikliveapi';
import { ms, type BenchRow } from './table';

const SUBSCRIPTIONS = 200;
const OPENS = 30;
const WARM_UP = 5;

function percentile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
}

export async function rows(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'quadrants-bench-home-'));
  const store = openStore(join(dir, 'quadrants.db'));
  const slack = await startFakeSlack();
  const api = await startFakeTikLiveApi();
  const source = createTikLiveApiSource({ apiKey: api.apiKey, baseUrl: api.url, cacheTtlMs: 0 });
  const service = createQuadrantsService({ source, quickchartBaseUrl: 'http://127.0.0.1:9', quickchartPlugins: true, logger: silentLogger });
  const at = new Date('2026-12-10T12:00:00Z');
  for (let i = 0; i < SUBSCRIPTIONS; i += 1) {
    await store.saveSubscription(
      {
        platform: 'slack',
        workspaceId: slack.teamId,
        channelId: `C0B${String(i).padStart(4, '0')}`,
        creatorUsername: `creator${i}`,
        creatorUserid: String(7_000_000 + i),
        posts: 30,
        cadence: i % 2 ? 'weekly' : 'monthly',
        day: i % 2 ? i % 7 : 1 + (i % 28),
        hour: 9,
        minute: 0,
        timezone: i % 3 ? 'Europe/Berlin' : 'America/New_York',
        createdBy: 'U0HUMAN',
      },
      at,
    );
  }
  const adapter = createSlackAdapter({
    botToken: slack.botToken,
    appToken: slack.appToken,
    apiUrl: slack.apiUrl,
    service,
    subscriptions: createSubscriptionService({ store, service }),
    limiter: new CommandRateLimiter({ perUserPerMinute: 1_000_000, perTeamPerMinute: 1_000_000 }),
    logger: silentLogger,
    retryConfig: { retries: 0 },
  });
  try {
    await adapter.start();
    await slack.socket.waitForConnection();
    const times: number[] = [];
    for (let i = 0; i < WARM_UP + OPENS; i += 1) {
      const n = slack.callsTo('views.publish').length;
      const sent = performance.now();
      void slack.sendAppHomeOpened();
      const call = await slack.waitFor(() => slack.callsTo('views.publish')[n], 'views.publish', 10_000);
      if (!JSON.stringify(call.body.view).includes(`${SUBSCRIPTIONS} digest subscriptions`)) throw new Error('the home did not list the subscriptions');
      if (i >= WARM_UP) times.push(call.at - sent);
    }
    const p50 = percentile(times, 0.5);
    const p99 = percentile(times, 0.99);
    return [{ row: `slack: App Home publish, ${SUBSCRIPTIONS} subscriptions`, measured: `p50 ${ms(p50)}, p99 ${ms(p99)} (${OPENS} opens)`, target: '< 300 ms', ok: p99 < 300 }];
  } finally {
    await adapter.stop();
    await slack.close();
    await source.close();
    await api.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
