/**
 * The composition root of the core: how the post source, the service, the monthly budget and the
 * subscription service are built from a validated Config. The bot (app/wiring.ts) and both CLI
 * entry points (src/ops/cli.ts, src/ops/operator.ts) build the core here and differ only
 * in what they say: how long answers may be cached and whether pacing is shared with replicas.
 *
 * TikLiveAPI and the PostgreSQL coordination are loaded only when used, so a demo or SQLite
 * process never holds them.
 */
import type { WorkspaceBudget as Budget } from '../budget/budget';
import { WorkspaceBudget } from '../budget/budget';
import type { Config } from '../config/env';
import { createDemoSource } from '../demo/source';
import { createSubscriptionService, DEFAULT_SUBSCRIPTION_DEFAULTS, type SubscriptionService } from '../digest/subscriptions';
import type { Logger } from '../log';
import { chartOptions, createQuadrantsService, type QuadrantsService } from '../service';
import type { PostSource } from '../source';
import { isPostgresUrl } from '../store/path';
import type { Store } from '../store/types';

/** How one process wants its source. */
export interface CoreSourceOptions {
  /** The bundled demo data even when a key is configured (`--demo`). */
  demo?: boolean;
  /** TikLiveAPI answers kept this long; default the configured TTL (0 for a one-command process). */
  cacheTtlMs?: number;
  /** On PostgreSQL, pace requests and share the cache with the replicas on the same database. */
  shareWithReplicas: boolean;
}

/** A post source and how to let go of it. */
export interface CoreSource {
  source: PostSource;
  /** Closes the TikLiveAPI client and the replica coordination, if any; never throws. */
  close(): Promise<void>;
}

/** Live TikLiveAPI data when a key is configured (and no demo is asked for), otherwise the bundled demo creators. */
export function createCoreSource(config: Config, options: CoreSourceOptions, logger: Logger): CoreSource {
  const { key, baseUrl, requestsPerMinute, cacheTtlMs } = config.tikliveapi;
  if (options.demo || !key) return { source: createDemoSource(), close: async () => undefined };
  const shared =
    options.shareWithReplicas && isPostgresUrl(config.database.url)
      ? (require('../replicas/coordination') as typeof import('../replicas/coordination')).createPgCoordination(config.database.url, { requestsPerMinute })
      : undefined;
  const { createTikLiveApiSource } = require('../tikliveapi/source') as typeof import('../tikliveapi/source');
  const live = createTikLiveApiSource({
    apiKey: key,
    baseUrl,
    requestsPerMinute,
    cacheTtlMs: options.cacheTtlMs ?? cacheTtlMs,
    ...(shared ? { shared } : {}),
    logger,
  });
  return {
    source: live,
    close: async () => {
      await live.close().catch(() => undefined);
      await shared?.close().catch(() => undefined);
    },
  };
}

/** The quadrants service over a source, with the configured charts, deadline and view floor. */
export function createCoreService(config: Config, source: PostSource, logger: Logger): QuadrantsService {
  return createQuadrantsService({
    source,
    quickchartBaseUrl: config.quickchartBaseUrl,
    ...chartOptions(config.charts),
    deadlineMs: config.commandDeadlineMs,
    minViews: config.minViews,
    logger,
  });
}

/** Monthly TikLiveAPI credits per workspace, kept in the store (so shared by replicas). */
export function createCoreBudget(config: Config, store: Store): Budget {
  return new WorkspaceBudget({ store, limit: config.creditsPerWorkspacePerMonth });
}

/** One subscription service for every platform, with the configured digest time zone. */
export function createCoreSubscriptions(config: Config, store: Store, service: QuadrantsService): SubscriptionService {
  return createSubscriptionService({ store, service, defaults: { ...DEFAULT_SUBSCRIPTION_DEFAULTS, timezone: config.digest.timezone } });
}
