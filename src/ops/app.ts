/**
 * Starts the configured pieces in a safe order and returns a handle to stop them.
 * Every real dependency comes in through `AppDeps` (app/wiring.ts), so tests start the
 * whole lifecycle with fakes and never need the chat adapters.
 */
import { closeSharedChartPool } from '../chart/pool';
import type { Config, DiscordConfig, SlackConfig } from '../config/env';
import type { DigestDelivery } from '../digest/types';
import type { Logger } from '../log';
import { CommandRateLimiter } from '../ratelimit';
import type { QuadrantsService } from '../service';
import { createHealthServer, healthRoutes, type HttpRoute } from './health';
import { InFlight, type SetTimer } from './inflight';
import { instrumentService } from './instrument';
import { Readiness } from './readiness';
import { createShutdown, type ShutdownStep } from './shutdown';
import { DISCORD, SLACK } from '../platforms';

/** What main needs from a chat adapter (Slack and Discord both return this). */
export interface ChatAdapter {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** True while the adapter can receive commands (socket connected / HTTP server listening). */
  connected(): boolean;
  /** How the digest runner posts to this platform; without it, that platform's digests stay pending. */
  digestDelivery?: DigestDelivery;
}

/** What main needs from the digest store. */
export interface StoreHandle {
  isOpen(): boolean;
  /** A cheap round trip to the database (readiness). Absent for stores without one. */
  ping?(): Promise<void>;
  close(): void | Promise<void>;
}

/** What main needs from the digest scheduler. */
export interface SchedulerHandle {
  start(): void | Promise<void>;
  stop(): void | Promise<void>;
}

/** Shared by both adapters and the scheduler. */
export interface WorkContext {
  /** The instrumented service: gated by shutdown, timed and logged. */
  service: QuadrantsService;
  limiter: CommandRateLimiter;
  logger: Logger;
  /** For work the adapters and scheduler want shutdown to wait for (posting a reply or digest). */
  inflight: InFlight;
}

export interface SlackContext extends WorkContext {
  port: number;
  /** Set in HTTP mode: Slack's server also serves /healthz and /readyz. */
  extraRoutes?: HttpRoute[];
}

export interface SchedulerContext extends WorkContext {
  config: Config;
  store: StoreHandle;
  adapters: { slack?: ChatAdapter; discord?: ChatAdapter };
}

/** Factories for every real component; tests pass fakes. */
export interface AppDeps {
  createService(config: Config, logger: Logger): QuadrantsService;
  openStore(config: Config, logger: Logger): StoreHandle | Promise<StoreHandle>;
  createSlack(slack: SlackConfig, ctx: SlackContext): ChatAdapter;
  createDiscord(discord: DiscordConfig, ctx: WorkContext): ChatAdapter;
  createScheduler?(ctx: SchedulerContext): SchedulerHandle;
}

export interface StartOptions {
  logger: Logger;
  /** Interface to bind the health server to (default: all). */
  host?: string;
  graceMs?: number;
  setTimer?: SetTimer;
}

export interface RunningApp {
  /** The port actually bound by our health server, or the configured port in Slack HTTP mode. */
  port: number;
  readiness: Readiness;
  inflight: InFlight;
  service: QuadrantsService;
  /** Graceful, idempotent stop. */
  shutdown(reason: string): Promise<void>;
}

/** Stops what already started, newest first, when a later step fails. */
async function unwind(steps: ShutdownStep[], logger: Logger): Promise<void> {
  for (const step of [...steps].reverse()) {
    try {
      await step.stop();
    } catch (err) {
      logger.error('startup.unwind_failed', { step: step.name, error: err });
    }
  }
}

/** Starts store, HTTP endpoints, adapters and scheduler; on any failure stops what started and throws. */
export async function startApp(config: Config, deps: AppDeps, options: StartOptions): Promise<RunningApp> {
  const { logger } = options;
  const inflight = new InFlight();
  const readiness = new Readiness();
  const service = instrumentService(deps.createService(config, logger), { inflight, logger, readiness });
  const limiter = new CommandRateLimiter(config.limits);
  const work: WorkContext = { service, limiter, logger, inflight };
  const routes = healthRoutes(readiness);
  const started: ShutdownStep[] = [];

  try {
    const store = await deps.openStore(config, logger);
    started.push({ name: 'store', stop: () => store.close() });
    readiness.add('store', () => store.isOpen());
    const ping = store.ping?.bind(store);
    if (ping) readiness.addProbe('database', ping);

    let port = config.port;
    // OAuth mode is HTTP too: Slack's server also serves the install pages and the health checks.
    const slackHttp = config.slack !== undefined && config.slack.mode !== 'socket';
    if (!slackHttp) {
      const server = createHealthServer(routes);
      port = await server.listen(config.port, options.host);
      started.push({ name: 'http', stop: () => server.close() });
    }

    const adapters: SchedulerContext['adapters'] = {};
    if (config.slack) {
      const slack = deps.createSlack(config.slack, { ...work, port: config.port, ...(slackHttp ? { extraRoutes: routes } : {}) });
      readiness.add(SLACK, () => slack.connected());
      adapters.slack = slack;
    }
    if (config.discord) {
      const discord = deps.createDiscord(config.discord, work);
      readiness.add(DISCORD, () => discord.connected());
      adapters.discord = discord;
    }
    for (const [name, adapter] of Object.entries(adapters)) {
      // Pushed before start: an adapter that failed half-way (socket open, login refused) is stopped too.
      started.push({ name, stop: () => adapter.stop() });
      await adapter.start();
      logger.info('adapter.started', { adapter: name });
    }

    const scheduler = deps.createScheduler?.({ ...work, config, store, adapters });
    if (scheduler) {
      await scheduler.start();
      started.push({ name: 'scheduler', stop: () => scheduler.stop() });
    }

    // The chart pool starts on the first locally drawn chart; stopping it (a no-op before that)
    // ends its threads once nothing can ask for a chart any more.
    started.push({ name: 'charts', stop: () => closeSharedChartPool() });

    const shutdown = createShutdown({
      inflight,
      logger,
      readiness,
      steps: shutdownOrder(started),
      ...(options.graceMs === undefined ? {} : { graceMs: options.graceMs }),
      ...(options.setTimer === undefined ? {} : { setTimer: options.setTimer }),
    });
    return { port, readiness, inflight, service, shutdown };
  } catch (err) {
    inflight.close();
    await unwind(started, logger);
    throw err;
  }
}

/** Adapters first (no new commands), then the scheduler and the chart pool, the HTTP server, and the store last. */
const STOP_RANK: Record<string, number> = { slack: 0, discord: 0, scheduler: 1, charts: 1, http: 2, store: 3 };

function shutdownOrder(started: ShutdownStep[]): ShutdownStep[] {
  const rank = (name: string) => STOP_RANK[name] ?? 1;
  return [...started].sort((a, b) => rank(a.name) - rank(b.name));
}
