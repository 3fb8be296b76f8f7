/**
 * Shared state of one `runDueDigests` call: options with defaults filled in, and the tally
 * that becomes its RunSummary.
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { WorkspaceBudget } from '../budget/budget';
import type { Logger } from '../log';
import { silentLogger } from '../log';
import { PLATFORM_NAMES } from '../platforms';
import type { QuadrantsService } from '../service';
import type { Platform, Store } from '../store/types';
import { DEFAULT_DELIVERY_CONCURRENCY, DEFAULT_PACING, Lanes, PostPacer, Semaphore, type PacingRule } from './pacing';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';
import { systemClock, type Clock, type DigestDelivery } from './types';

export interface RunDueOptions {
  store: Store;
  /** Only `reportFor` is used: creators were resolved at subscribe time. */
  service: Pick<QuadrantsService, 'reportFor'>;
  /** One port per platform; subscriptions of a platform without one are left pending. */
  deliveries: Partial<Record<Platform, DigestDelivery>> | readonly DigestDelivery[];
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
  /** Creators fetched at once (upstream concurrency). Default 4. */
  concurrency?: number;
  /**
   * Digests delivered at once across channels (each channel still gets one at a time, in order).
   * Default DEFAULT_DELIVERY_CONCURRENCY (16); DIGEST_DELIVERY_CONCURRENCY in the bot.
   */
  deliveryConcurrency?: number;
  retry?: Partial<RetryPolicy>;
  pacing?: Partial<Record<Platform, Partial<PacingRule>>>;
  /** How long a claim is valid before another runner may take over. Default 10 minutes. */
  leaseMs?: number;
  /** This runner's id in leases. Default host:pid:random. */
  owner?: string;
  /**
   * Monthly credits per workspace: a workspace whose budget is spent gets no digest fetched until
   * it resets (outcome 'over-budget'), and what a digest spends is charged to its workspace.
   */
  budget?: WorkspaceBudget;
}

export type DigestOutcome =
  | 'posted'
  | 'no-new-posts'
  | 'recovered'
  | 'retry-later'
  | 'abandoned'
  | 'disabled'
  | 'busy'
  | 'no-delivery'
  | 'paused'
  /** The workspace's monthly credit budget is spent: not fetched; due again once the budget resets. */
  | 'over-budget';

export interface RunOutcome {
  subscriptionId: number;
  period: string;
  platform: Platform;
  outcome: DigestOutcome;
  messageRef?: string;
  error?: string;
}

/** What one run did. `posted` counts messages sent now (including "no new posts" ones). */
export interface RunSummary {
  startedAt: string;
  finishedAt: string;
  /** Subscriptions with a due period not yet posted when the run started. */
  due: number;
  posted: number;
  noNewPosts: number;
  /** Found already posted on the platform (crash between posting and recording) and recorded. */
  recovered: number;
  retryLater: number;
  abandoned: number;
  busy: number;
  noDelivery: number;
  // Optional so summaries built elsewhere (an empty pass at shutdown) stay valid; absent means none.
  /** Runs held back because the app's token failed for their workspace or platform (retried later). */
  paused?: number;
  /** Each paused scope once: 'slack:T123' (a workspace) or 'discord' (the whole platform). */
  pausedScopes?: Array<{ scope: string; reason: string }>;
  disabled: Array<{ subscriptionId: number; reason: string }>;
  /** Subscriptions that were already disabled before this run (they get no digest until fixed). */
  disabledBefore?: number;
  /** Runs not fetched because their workspace's monthly credit budget is spent. */
  overBudget?: number;
  creatorsFetched: number;
  credits: number;
  outcomes: RunOutcome[];
}

export const DEFAULT_LEASE_MS = 10 * 60_000;

export class DigestRunContext {
  readonly store: Store;
  readonly service: Pick<QuadrantsService, 'reportFor'>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly retry: RetryPolicy;
  readonly leaseMs: number;
  readonly owner: string;
  readonly upstream: Semaphore;
  readonly pacer = new PostPacer();
  /** Bounds the deliveries in flight across every channel and platform. */
  readonly deliveryPool: Semaphore;
  /** One lane per channel: its digests go out one after another, in the order they were ready. */
  readonly channels = new Lanes();
  private readonly deliveries = new Map<Platform, DigestDelivery>();
  private readonly pacing = new Map<Platform, PacingRule>();
  private readonly postSlots = new Map<Platform, Semaphore>();
  readonly outcomes: RunOutcome[] = [];
  readonly budget: WorkspaceBudget | undefined;
  /** Scopes whose token failed during this run ('slack:T123', 'discord') and why: later posts there are held back. */
  readonly pauses = new Map<string, string>();
  disabledBefore = 0;
  creatorsFetched = 0;
  credits = 0;

  constructor(options: RunDueOptions) {
    this.store = options.store;
    this.budget = options.budget;
    this.service = options.service;
    this.clock = {
      now: options.now ?? systemClock.now,
      sleep: options.sleep ?? systemClock.sleep,
    };
    this.logger = options.logger ?? silentLogger;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.owner = options.owner ?? `${os.hostname().slice(0, 40)}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.upstream = new Semaphore(Math.max(1, Math.trunc(options.concurrency ?? 4)));
    const list = Array.isArray(options.deliveries)
      ? (options.deliveries as readonly DigestDelivery[])
      : Object.values(options.deliveries as Partial<Record<Platform, DigestDelivery>>);
    for (const d of list) if (d) this.deliveries.set(d.platform, d);
    const pool = Math.max(1, Math.trunc(options.deliveryConcurrency ?? DEFAULT_DELIVERY_CONCURRENCY));
    this.deliveryPool = new Semaphore(pool);
    for (const platform of PLATFORM_NAMES) {
      const rule = { ...DEFAULT_PACING[platform], ...options.pacing?.[platform] };
      this.pacing.set(platform, rule);
      this.postSlots.set(platform, new Semaphore(Math.max(1, Math.min(pool, Math.trunc(rule.concurrency)))));
    }
  }

  delivery(platform: Platform): DigestDelivery | undefined {
    return this.deliveries.get(platform);
  }

  pacingFor(platform: Platform): PacingRule {
    return this.pacing.get(platform) as PacingRule;
  }

  postSlot(platform: Platform): Semaphore {
    return this.postSlots.get(platform) as Semaphore;
  }

  /** The pause key of a subscription's scope: the Slack workspace, or all of Discord (one bot token). */
  pauseKey(platform: Platform, workspaceId: string, scope: 'workspace' | 'platform'): string {
    return scope === 'platform' ? platform : `${platform}:${workspaceId}`;
  }

  /** Why deliveries to this subscription's workspace or platform are paused in this run, or null. */
  pausedFor(platform: Platform, workspaceId: string): string | null {
    return this.pauses.get(`${platform}:${workspaceId}`) ?? this.pauses.get(platform) ?? null;
  }

  leaseUntil(): Date {
    return new Date(this.clock.now().getTime() + this.leaseMs);
  }

  record(outcome: RunOutcome): void {
    this.outcomes.push(outcome);
    const fields = { subscriptionId: outcome.subscriptionId, period: outcome.period, platform: outcome.platform };
    if (['retry-later', 'abandoned', 'disabled', 'paused', 'over-budget'].includes(outcome.outcome)) {
      this.logger.warn(`digest.${outcome.outcome}`, { ...fields, error: outcome.error });
    } else {
      this.logger.info(`digest.${outcome.outcome}`, fields);
    }
  }

  summary(startedAt: Date, due: number): RunSummary {
    const count = (o: DigestOutcome) => this.outcomes.filter((x) => x.outcome === o).length;
    return {
      startedAt: startedAt.toISOString(),
      finishedAt: this.clock.now().toISOString(),
      due,
      posted: count('posted') + count('no-new-posts'),
      noNewPosts: count('no-new-posts'),
      recovered: count('recovered'),
      retryLater: count('retry-later'),
      abandoned: count('abandoned'),
      busy: count('busy'),
      noDelivery: count('no-delivery'),
      paused: count('paused'),
      overBudget: count('over-budget'),
      pausedScopes: [...this.pauses].map(([scope, reason]) => ({ scope, reason })),
      disabledBefore: this.disabledBefore,
      disabled: this.outcomes
        .filter((o) => o.outcome === 'disabled')
        .map((o) => ({ subscriptionId: o.subscriptionId, reason: o.error ?? '' })),
      creatorsFetched: this.creatorsFetched,
      credits: this.credits,
      outcomes: this.outcomes,
    };
  }
}
