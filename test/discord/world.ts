/**
 * The world for end-to-end Discord tests: the adapter (real discord.js) against the fake Discord,
 * the real service and TikLiveAPI source against the fake TikLiveAPI, the fake QuickChart, and
 * switches for latency and upstream faults. The source is wrapped only to observe when upstream
 * calls finish, so tests can compare the order of events with Discord's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store';
import { createLogger } from '../../src/log';
import { CommandRateLimiter, type CommandLimits } from '../../src/ratelimit';
import { createQuadrantsService, type PostSource } from '../../src/service';
import { createTikLiveApiSource } from '../../src/tikliveapi/source';
import type { RecordedCall } from '../fakes/discord';
import { startFakeQuickChart, type FakeQuickChart } from '../fakes/quickchart';
import { faults, rawVideos, startFakeTikLiveApi, type FakeFault, type FakeTikLiveApi } from '../fakes/tikliveapi';
import { startHarness, type Harness } from './harness';

export type UpstreamFault = 'creator-not-found' | 'bad-api-key' | 'out-of-credits' | 'unavailable';

export interface DiscordWorld {
  harness: Harness;
  discord: Harness['discord'];
  tikliveapi: FakeTikLiveApi;
  quickchart: FakeQuickChart;
  /** Ordered events: `discord:defer`, `upstream:done`. */
  log: string[];
  /** Every log line the adapter, service and source wrote. */
  logs: string[];
  setLatency(ms: number): void;
  /** Makes the next command fail upstream in the given way. */
  fault(kind: UpstreamFault): void;
  /** Drops queued faults and restores the seeded creators and latency. */
  clearFaults(): void;
  addCreator(username: string, titles: string[]): void;
  /** The TikTok user id the fake gave a seeded creator (a command naming it reaches the creator by id). */
  useridOf(username: string): string;
  upstreamRequests(): number;
  startLimitedHarness(limits: CommandLimits): Promise<Harness>;
  close(): Promise<void>;
}

/** Attempts per upstream request in these tests (a 5xx is retried once). */
const ATTEMPTS = 2;

const FAULTS: Record<UpstreamFault, FakeFault[]> = {
  'creator-not-found': [],
  'bad-api-key': [faults.badKey()],
  'out-of-credits': [faults.outOfCredits()],
  unavailable: Array.from({ length: ATTEMPTS }, () => faults.serverError(503)),
};

function observed(source: PostSource, log: string[]): PostSource {
  const done = <T>(p: Promise<T>) => p.finally(() => log.push('upstream:done'));
  return {
    resolveCreator: (input) => done(source.resolveCreator(input)),
    getPosts: (creator, count) => done(source.getPosts(creator, count)),
    getPost: (url) => done(source.getPost(url)),
  };
}

/**
 * `quickchartPlugins` (QUICKCHART_PLUGINS, default true): the fake QuickChart stands for one that
 * draws the chart plugins; `null` leaves it unset, so the loopback server is taken to be the
 * open-source one and charts are drawn in process.
 */
export async function startWorld(options: { quickchartPlugins?: boolean | null } = {}): Promise<DiscordWorld> {
  const log: string[] = [];
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', write: (l) => logs.push(l) });
  const tikliveapi = await startFakeTikLiveApi();
  const quickchart = await startFakeQuickChart();
  const seeded = new Map<string, string[]>();
  // Stable ids: the source remembers handle → id, so a re-seeded creator must keep theirs.
  const userids = new Map<string, string>();
  const seed = (username: string, titles: string[]) => {
    const userid = userids.get(username) ?? (6_900_000_000_000_000_001n + BigInt(userids.size)).toString();
    userids.set(username, userid);
    tikliveapi.addCreator({ username, userid, videos: rawVideos(35, (i) => (titles.length > 0 ? { title: titles[i % titles.length] } : {})) });
  };
  const seedAll = () => {
    for (const [name, titles] of seeded) seed(name, titles);
  };
  seeded.set('mossy.kitchen', []);
  seedAll();
  // No cache: every command reaches the fake, so faults and latency apply to each test.
  const source = createTikLiveApiSource({ apiKey: tikliveapi.apiKey, baseUrl: tikliveapi.url, cacheTtlMs: 0, maxAttempts: ATTEMPTS, retryBaseMs: 1, logger });
  const service = createQuadrantsService({
    source: observed(source, log),
    quickchartBaseUrl: quickchart.url,
    ...(options.quickchartPlugins === null ? {} : { quickchartPlugins: options.quickchartPlugins ?? true }),
    logger,
  });
  // Reports keep creator snapshots here, for trend (a store of this world's own).
  const storeDir = mkdtempSync(join(tmpdir(), 'quadrants-discord-world-'));
  const store = openStore(join(storeDir, 'q.db'));
  const harness = await startHarness(service, { logger, snapshots: store });
  harness.discord.events.on('call', (c: RecordedCall) => {
    if (c.path.endsWith('/callback') && c.body?.type === 5) log.push('discord:defer');
  });
  const extra: Harness[] = [];
  return {
    harness,
    discord: harness.discord,
    tikliveapi,
    quickchart,
    log,
    logs,
    setLatency: (ms) => {
      tikliveapi.latencyMs = ms;
    },
    fault: (kind) => {
      if (kind === 'creator-not-found') {
        // The fake answers "User not found" for anyone it does not know.
        tikliveapi.reset();
        return;
      }
      for (const f of FAULTS[kind]) tikliveapi.fail('*', f);
    },
    clearFaults: () => {
      tikliveapi.reset();
      seedAll();
    },
    addCreator: (username, titles) => {
      seeded.set(username, titles);
      seed(username, titles);
    },
    useridOf: (username) => userids.get(username) ?? '',
    upstreamRequests: () => tikliveapi.requests.length,
    async startLimitedHarness(limits) {
      const h = await startHarness(service, { limiter: new CommandRateLimiter(limits), logger });
      extra.push(h);
      return h;
    },
    async close() {
      for (const h of extra) await h.close();
      await harness.close();
      await store.close();
      rmSync(storeDir, { recursive: true, force: true });
      await tikliveapi.close();
      await quickchart.close();
    },
  };
}
