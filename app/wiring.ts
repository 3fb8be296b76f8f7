/**
 * The composition root: the one place that knows every concrete component and builds the real
 * `AppDeps` from a validated Config. Everything else depends on interfaces, so tests swap these
 * for fakes. It lives in app/, outside the core (src/), because it is the one place that builds adapters.
 */
import { createDiscordAdapter } from '../adapters/discord/client';
import { createSlackAdapter } from '../adapters/slack/app';
import type { Config, SlackConfig } from '../src/config/env';
import {
  runDueDigests, startDigestScheduler, type DigestScheduler,
  type RunSummary,
  type SubscriptionService,
} from '../src/digest';
import { runDueWatches } from '../src/watch/runner';
import { chooseChartRenderer } from '../src/chart/renderer';
import type { QuadrantsService } from '../src/service';
import { createCoreBudget, createCoreService, createCoreSource, createCoreSubscriptions } from '../src/ops/core';
import type { WorkspaceBudget } from '../src/budget/budget';
import { openReadyStore, type Store } from '../src/store';
import type { AppDeps, SchedulerHandle, StoreHandle } from '../src/ops/app';
import { DISCORD, SLACK } from '../src/platforms';

/** The Slack credentials of each mode; OAuth keeps its installations in the store. */
function slackCredentials(slack: SlackConfig, store: Store | undefined) {
  if (slack.mode === 'socket') return { botToken: slack.botToken, appToken: slack.appToken };
  if (slack.mode === 'http') return { botToken: slack.botToken, signingSecret: slack.signingSecret };
  // openStore runs before the adapters are created (src/ops/app.ts), so this holds in practice.
  if (!store) throw new Error('the store must be open before Slack starts in OAuth mode');
  return { signingSecret: slack.signingSecret, oauth: { ...slack.oauth, store } };
}

/** What a digest tick reports when shutdown has begun and it ran nothing. */
function skippedPass(): RunSummary {
  const at = new Date().toISOString();
  const zero = { due: 0, posted: 0, noNewPosts: 0, recovered: 0, retryLater: 0, abandoned: 0, busy: 0, noDelivery: 0 };
  return { startedAt: at, finishedAt: at, ...zero, disabled: [], creatorsFetched: 0, credits: 0, outcomes: [] };
}

/** The real components, built lazily by startApp in a safe order. */
export function createRealDeps(): AppDeps {
  // Opened by openStore; the digest scheduler and both adapters' subscription commands share it.
  let store: Store | undefined;
  // The configuration the store was opened with (the digest time zone, the monthly credits).
  let storeConfig: Config | undefined;
  let deliveryConcurrency: number | undefined;
  // Monthly credits per workspace, kept in the store (so shared by replicas); built once it is open.
  let budget: WorkspaceBudget | undefined;
  let subscriptions: SubscriptionService | undefined;
  /** One subscription service for every platform, created once the store is open. */
  const subscriptionsFor = (service: QuadrantsService): SubscriptionService | undefined => {
    if (!store || !storeConfig) return undefined;
    subscriptions ??= createCoreSubscriptions(storeConfig, store, service);
    return subscriptions;
  };
  return {
    createService: (config, logger) => {
      const choice = chooseChartRenderer(config.charts.renderer, config.quickchartBaseUrl, config.charts.quickchartPlugins);
      // Said once, at start-up: the operator set a QuickChart, and it is not what draws.
      if (choice.reason) logger.info('chart.renderer_local', { reason: choice.reason, hint: 'QuickChart servers other than quickchart.io are taken to lack the chart plugins; set QUICKCHART_PLUGINS=true if yours has them' });
      // The bot keeps its source for the life of the process; replicas on PostgreSQL share pacing and cache.
      const { source } = createCoreSource(config, { shareWithReplicas: true }, logger.child({ component: 'tikliveapi' }));
      return createCoreService(config, source, logger.child({ component: 'service' }));
    },

    openStore: async (config): Promise<StoreHandle> => {
      // Waits for one answer, so a database it cannot use stops start-up with its one sentence.
      const opened = await openReadyStore(config.database.url);
      store = opened;
      storeConfig = config;
      deliveryConcurrency = config.digest.deliveryConcurrency;
      budget = createCoreBudget(config, opened);
      let open = true;
      return {
        isOpen: () => open,
        ping: () => opened.ping(),
        close: async () => {
          open = false;
          await opened.close();
        },
      };
    },

    createSlack: (slack, ctx) => {
      const subs = subscriptionsFor(ctx.service);
      return createSlackAdapter({
        ...slackCredentials(slack, store),
        ...(slack.apiUrl === undefined ? {} : { apiUrl: slack.apiUrl }),
        port: ctx.port,
        service: ctx.service,
        limiter: ctx.limiter,
        logger: ctx.logger.child({ component: SLACK }),
        ...(ctx.extraRoutes === undefined ? {} : { extraRoutes: ctx.extraRoutes }),
        inflight: ctx.inflight,
        managers: slack.managers,
        ...(subs ? { subscriptions: subs } : {}),
        ...(budget ? { budget } : {}),
        ...(store ? { snapshots: store } : {}),
      });
    },

    createDiscord: (discord, ctx) => {
      const subs = subscriptionsFor(ctx.service);
      return createDiscordAdapter({
        token: discord.token,
        applicationId: discord.applicationId,
        ...(discord.apiUrl === undefined ? {} : { apiUrl: discord.apiUrl }),
        ...(discord.shardCount === undefined ? {} : { shardCount: discord.shardCount }),
        ...(discord.shardIds === undefined ? {} : { shardIds: discord.shardIds }),
        service: ctx.service,
        limiter: ctx.limiter,
        logger: ctx.logger.child({ component: DISCORD }),
        inflight: ctx.inflight,
        // The store-backed subscriptions; the adapter's `digestDelivery` then reaches createScheduler.
        ...(subs ? { subscriptions: subs } : {}),
        ...(budget ? { budget } : {}),
        ...(store ? { snapshots: store } : {}),
      });
    },

    createScheduler: (ctx): SchedulerHandle => {
      let scheduler: DigestScheduler | undefined;
      const deliveries = Object.values(ctx.adapters).flatMap((a) => (a.digestDelivery ? [a.digestDelivery] : []));
      const logger = ctx.logger.child({ component: 'digest' });
      return {
        start: () => {
          if (!store) throw new Error('the store must be open before the digest scheduler starts');
          const opened = store;
          scheduler = startDigestScheduler({
            // Each pass is tracked so shutdown lets the digest being posted finish; once shutdown
            // has begun a tick does nothing and the runs stay due for the next start.
            run: () =>
              ctx.inflight.accepting
                ? ctx.inflight.run(async () => {
                    const summary = await runDueDigests({ store: opened, service: ctx.service, deliveries, logger, deliveryConcurrency, ...(budget ? { budget } : {}) });
                    // The day's watch checks ride the same tick: each watch is checked once per UTC day.
                    await runDueWatches({ store: opened, service: ctx.service, deliveries, logger, ...(budget ? { budget } : {}) }).catch((err: unknown) => logger.error('alerts.run_failed', { error: err }));
                    return summary;
                  })
                : Promise.resolve(skippedPass()),
            logger,
          });
        },
        stop: () => scheduler?.stop(),
      };
    },
  };
}
