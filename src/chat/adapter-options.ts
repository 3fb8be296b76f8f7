/**
 * What every chat adapter is given besides its platform's own settings, the pipeline's
 * dependencies made from it, and the turns an adapter has in flight: the same on Slack and Discord.
 */
import type { WorkspaceBudget } from '../budget/budget';
import type { SubscriptionService } from '../digest/subscriptions';
import type { Logger } from '../log';
import type { ChartTools } from './chart-delivery';
import type { CommandRateLimiter } from '../ratelimit';
import type { QuadrantsService } from '../service';
import type { SnapshotBook } from '../trend/trend';
import { trackedBy, type Outcome, type PipelineDeps, type WorkTracker } from './pipeline';

export interface ChatAdapterOptions {
  service: QuadrantsService;
  limiter: CommandRateLimiter;
  logger: Logger;
  /** Lets shutdown wait for turns being answered, and tell those it must cut off. */
  inflight?: WorkTracker;
  /** Digest subscriptions; without it the digest commands say digests are off. */
  subscriptions?: SubscriptionService;
  /** Monthly credit budgets per workspace; absent: not counted. */
  budget?: WorkspaceBudget;
  /** Creator snapshots (the store) that reports keep and `trend` reads; absent: none kept. */
  snapshots?: SnapshotBook;
}

/** What every platform's DigestDelivery is built with besides its client. */
export interface DigestDeliveryOptions {
  logger: Logger;
  /** Draws the digest's chart (link or PNG, as the service decides); without it digests have no chart. */
  charts?: ChartTools;
  /** Deadline of each call to the platform (a 429's wait included). Default DIGEST_CALL_TIMEOUT_MS. */
  timeoutMs?: number;
}

/** The pipeline's dependencies from an adapter's options, logging to `logger`. */
export function adapterDeps(o: ChatAdapterOptions, logger: Logger): PipelineDeps {
  return { service: o.service, subscriptions: o.subscriptions ?? null, budget: o.budget ?? null, snapshots: o.snapshots ?? null, limiter: o.limiter, logger, ...trackedBy(o.inflight) };
}

/** Turns an adapter has started and not finished: each outcome told to the listeners, a crash logged. */
export class TurnsInFlight {
  private readonly running = new Set<Promise<void>>();
  private readonly listeners: Array<(outcome: Outcome, id: string) => void> = [];

  constructor(private readonly onCrash: (err: unknown) => void) {}

  add(id: string, work: Promise<Outcome>): void {
    const task: Promise<void> = work
      .then((outcome) => {
        for (const l of this.listeners) l(outcome, id);
      })
      .catch(this.onCrash)
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /** Resolves when every turn started so far (and any started meanwhile) has finished. */
  async whenIdle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  onHandled(listener: (outcome: Outcome, id: string) => void): void {
    this.listeners.push(listener);
  }
}
