/**
 * A Slack world for tests: the real adapter (real Bolt) wired to the real service and the real
 * TikLiveAPI source, against the fake Slack, fake TikLiveAPI and fake QuickChart on 127.0.0.1.
 */
import type { SnapshotBook } from '../../src/trend/trend';
import type { WorkspaceBudget } from '../../src/budget/budget';
import type { SubscriptionService } from '../../src/digest/subscriptions';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/app';
import { createLogger, type Logger } from '../../src/log';
import type { InFlight } from '../../src/ops/inflight';
import { CommandRateLimiter, type CommandLimits } from '../../src/ratelimit';
import { createQuadrantsService, type QuadrantsService } from '../../src/service';
import { createTikLiveApiSource, type TikLiveApiSource } from '../../src/tikliveapi/source';
import { startFakeQuickChart, type FakeQuickChart } from '../fakes/quickchart';
import { startFakeSlack, type FakeSlack } from '../fakes/slack';
import { rawVideos, startFakeTikLiveApi, type FakeTikLiveApi, type RawVideo } from '../fakes/tikliveapi';

export const CREATOR = { username: 'mossy.kitchen', userid: '6912345678901234567' };
export const SIGNING_SECRET = 'test-signing-secret-123';

export interface WorldOptions {
  mode?: 'socket' | 'http';
  limits?: CommandLimits;
  /** Path prefix on the QuickChart base URL; a long one makes chart URLs too long for an image block. */
  chartPrefix?: string;
  videos?: RawVideo[];
  extraRoutes?: Parameters<typeof createSlackAdapter>[0]['extraRoutes'];
  /** QUICKCHART_PUBLIC for the loopback QuickChart (default: judged from the host, so not public). */
  quickchartPublic?: boolean;
  /**
   * QUICKCHART_PLUGINS. Default true: the fake QuickChart stands for one that draws the chart
   * plugins. `null` leaves it unset (as an operator who never set it): a loopback QuickChart is
   * then taken to be the open-source server, and charts are drawn in process.
   */
  quickchartPlugins?: boolean | null;
  /** CHART_RENDERER (default quickchart). */
  chartRenderer?: 'quickchart' | 'local';
  /** CHART_DELIVERY (default auto). */
  chartDelivery?: 'auto' | 'url' | 'upload';
  /** Tracks commands for shutdown (as the running bot does). */
  inflight?: InFlight;
  /** COMMAND_DEADLINE_MS (default 20 s). */
  deadlineMs?: number;
  /** Digest subscriptions, built on the world's service (default: digests off). */
  subscriptions?: (service: QuadrantsService) => SubscriptionService;
  /** SLACK_MANAGER_IDS (default: everyone may manage). */
  managers?: string[];
  /** The store reports keep creator snapshots in, for `trend` (default: none kept). */
  snapshots?: SnapshotBook;
  /** The report cache's lifetime (default 0: every command reaches the fake). */
  cacheTtlMs?: number;
  /** Monthly credit budgets per workspace (default: not counted). */
  budget?: WorkspaceBudget;
}

export interface World {
  slack: FakeSlack;
  api: FakeTikLiveApi;
  qc: FakeQuickChart;
  source: TikLiveApiSource;
  service: QuadrantsService;
  adapter: SlackAdapter;
  logger: Logger;
  /** Every log line written. */
  logs: string[];
  /** HTTP mode: the app's events URL. */
  eventsUrl: string;
  close(): Promise<void>;
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const slack = await startFakeSlack();
  const api = await startFakeTikLiveApi();
  const qc = await startFakeQuickChart();
  api.addCreator({ ...CREATOR, videos: options.videos ?? rawVideos(12) });
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', write: (l) => logs.push(l) });
  const source = createTikLiveApiSource({ apiKey: api.apiKey, baseUrl: api.url, cacheTtlMs: options.cacheTtlMs ?? 0, maxAttempts: 1, retryBaseMs: 1, burst: 10_000, requestsPerMinute: 1_000_000 });
  const service = createQuadrantsService({
    source,
    quickchartBaseUrl: qc.url + (options.chartPrefix ?? ''),
    chartDelivery: { mode: options.chartDelivery ?? 'auto', ...(options.quickchartPublic === undefined ? {} : { quickchartPublic: options.quickchartPublic }) },
    ...(options.quickchartPlugins === null ? {} : { quickchartPlugins: options.quickchartPlugins ?? true }),
    ...(options.chartRenderer ? { chartRenderer: options.chartRenderer } : {}),
    ...(options.deadlineMs === undefined ? {} : { deadlineMs: options.deadlineMs }),
  });
  const http = options.mode === 'http';
  const adapter = createSlackAdapter({
    botToken: slack.botToken,
    ...(http ? { signingSecret: SIGNING_SECRET } : { appToken: slack.appToken }),
    apiUrl: slack.apiUrl,
    port: 0,
    service,
    limiter: new CommandRateLimiter(options.limits ?? { perUserPerMinute: 1000, perTeamPerMinute: 1000 }),
    logger,
    retryConfig: { retries: 0 },
    // Loopback answers pings at once; a short step keeps reconnect tests quick.
    clientPingTimeoutMs: 500,
    // Tests never sleep while the fake "processes" an uploaded chart.
    chartRetry: { sleep: async () => undefined },
    ...(options.extraRoutes ? { extraRoutes: options.extraRoutes } : {}),
    ...(options.inflight ? { inflight: options.inflight } : {}),
    ...(options.subscriptions ? { subscriptions: options.subscriptions(service) } : {}),
    ...(options.managers ? { managers: options.managers } : {}),
    ...(options.snapshots ? { snapshots: options.snapshots } : {}),
    ...(options.budget ? { budget: options.budget } : {}),
  });
  await adapter.start();
  return {
    slack,
    api,
    qc,
    source,
    service,
    adapter,
    logger,
    logs,
    eventsUrl: http ? `http://127.0.0.1:${adapter.port()}/slack/events` : '',
    async close() {
      await adapter.stop();
      await source.close();
      await Promise.all([slack.close(), api.close(), qc.close()]);
    },
  };
}
