/**
 * The platform-neutral digest core's ports. Adapters implement `DigestDelivery`; the runner
 * hands them a `Digest` and never imports a chat SDK.
 */
import type { QuadrantCounts, QuadrantReport } from '../quadrants/types';
import type { Platform, Subscription } from '../store/types';
import type { Card } from '../chat/card';

export type { Platform, Subscription };

/** Where a message goes: a channel of a workspace on a platform (a subscription's, or a watch's). */
export type ChannelPlace = Pick<Subscription, 'platform' | 'workspaceId' | 'channelId'>;

/** A median rate then and now. Rates are fractions (0.0123 = 1.23%). */
export interface RateMove {
  before: number | null;
  after: number | null;
  /** after - before in percentage points (0.25 = +0.25 pp); null when either side is unknown. */
  points: number | null;
  /** (after - before) / before as a fraction (0.2 = +20%); null when unknown or before is 0. */
  relative: number | null;
}

/** What changed since the subscription's previous full digest. */
export interface Drift {
  /** The period of the digest compared against. */
  previousPeriod: string;
  shareRate: RateMove;
  saveRate: RateMove;
  counts: { before: QuadrantCounts; after: QuadrantCounts };
  /** Posts flagged as templates now that were not flagged last time; `index` is the chart label. */
  newTemplates: Array<{ id: string; index: number }>;
  deadShare: {
    /** Dead posts / split posts, then and now. */
    before: number;
    after: number;
    wasOver: boolean;
    isOver: boolean;
    /** 'up' when it reached a third, 'down' when it fell below; null when it stayed on the same side. */
    crossed: 'up' | 'down' | null;
  };
}

/** Everything an adapter needs to render and post one digest. */
export interface Digest {
  subscription: Subscription;
  /** '2026-12' or '2026-W49'. */
  period: string;
  /** The report to render as usual; null for a "no new posts" digest. */
  report: QuadrantReport | null;
  /** Null for the first digest of a subscription and for "no new posts". */
  drift: Drift | null;
  /** True: post one line saying the creator has nothing new (see `noNewPostsLine`), no chart. */
  noNewPosts: boolean;
  /**
   * Unique per (subscription, period), at most 25 characters so it fits a Discord nonce.
   * Attach it to the message (Slack metadata / Discord nonce) so `findPosted` can find it.
   */
  idempotencyKey: string;
  /** ISO time of the next digest, for the footer. */
  nextRunAt: string;
  /** IANA zone the schedule and footer times use. */
  timezone: string;
}

/**
 * What an adapter implements to deliver digests. `findPosted` closes the gap between posting and
 * recording: the runner always asks it before posting, so a message that went out just before a
 * crash is recorded instead of posted twice.
 */
export interface DigestDelivery {
  platform: Platform;
  /**
   * The message ref of a message the bot itself already posted with this key in the
   * subscription's channel, or null. `since` bounds the look-up: nothing with this key can be
   * older than the run's first claim, so everything posted since then is read, however busy the
   * channel (implementations page through history instead of reading a fixed number of messages).
   */
  findPosted(place: ChannelPlace, idempotencyKey: string, options?: FindOptions): Promise<string | null>;
  /** Posts the digest; returns a message reference (Slack ts / Discord message id). Throws DeliveryError. */
  post(digest: Digest): Promise<string>;
  /**
   * Finishes a digest found already posted (`findPosted` answered): posts the thread parts (the
   * per-post breakdown) that a crash left missing, and nothing that is there already. The run is
   * recorded only after it resolves: throw a DeliveryError when a part could not be posted, and a
   * later attempt finds the message again and completes it.
   */
  complete?(digest: Digest, messageRef: string): Promise<void>;
  /**
   * Posts one short card in the subscription's channel (a digest held back for the budget). No
   * mentions, no unfurls. Throws DeliveryError; the caller logs it (a notice is never retried).
   */
  notice?(subscription: Subscription, card: Card): Promise<void>;
  /**
   * Posts one short card (a template alert) in a channel with `key` attached the way `findPosted`
   * finds it, and returns its message reference. No mentions, no unfurls. Throws DeliveryError.
   */
  alert?(place: ChannelPlace, card: Card, key: string): Promise<string>;
}

/** Bounds for `findPosted`. */
export interface FindOptions {
  /** Read every message posted at or after this time (the run's first claim minus a margin). */
  since?: Date;
}

/**
 * Who a failure is about. 'channel': this subscription's channel (gone, archived, bot removed or
 * missing permissions): the subscription is disabled. 'workspace' / 'platform': the app itself
 * (token invalid, revoked, missing a scope): every delivery of that Slack workspace / that
 * platform is paused, nothing is disabled, and later ticks retry until the token works again.
 */
export type FailureScope = 'channel' | 'workspace' | 'platform';

/**
 * A failed delivery. `permanent: true` means retrying cannot help in this channel (the bot was
 * removed from it, it was deleted or archived): the subscription is disabled with `reason`.
 * `pause` marks a problem of the app rather than the channel (bad or revoked token, missing
 * scope): deliveries of that scope are paused and retried on later ticks, nothing is disabled.
 * Anything else is retried with backoff.
 */
export class DeliveryError extends Error {
  readonly permanent: boolean;
  /** Short reason shown in `subscriptions` (e.g. 'the bot is not in this channel'). No secrets. */
  readonly reason: string;
  /** When the platform said how long to wait (429 Retry-After). */
  readonly retryAfterMs?: number;
  /** Set when the app (not the channel) is the problem: what to pause. */
  readonly pause?: Exclude<FailureScope, 'channel'>;

  constructor(
    reason: string,
    options: { permanent?: boolean; retryAfterMs?: number; pause?: Exclude<FailureScope, 'channel'>; cause?: unknown } = {},
  ) {
    super(reason, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DeliveryError';
    this.reason = reason;
    this.permanent = options.permanent ?? false;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.pause !== undefined) this.pause = options.pause;
  }
}

/** Time, injectable so tests never wait on the real clock. */
export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
