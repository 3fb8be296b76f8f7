/**
 * Subscriptions from chat: subscribe, unsubscribe, list and preview, always scoped to one
 * (platform, workspace) so a command can never touch another workspace's or guild's channels.
 */
import { z } from 'zod';
import { DEFAULT_DIGEST_POSTS, MAX_POSTS, MIN_POSTS } from '../commands/args';
import { QuadrantsError } from '../errors';
import { PLATFORM_NAMES } from '../platforms';
import type { QuadrantReport } from '../quadrants/types';
import type { QuadrantsService } from '../service';
import type { Cadence, DigestRun, Platform, Store, Subscription } from '../store/types';
import { creatorRef, matchesCreator } from './creator-input';
import { computeDrift } from './drift';
import { describeSchedule } from './format';
import { nextRunAt, nextRunAtOrNull, validateSchedule } from './schedule';
import type { Drift } from './types';
import { createWatchService, type WatchService } from '../watch/service';

export interface SubscriptionDefaults {
  /** DIGEST_TIMEZONE, default 'UTC'. */
  timezone: string;
  posts: number;
  /** Day of month for monthly digests (weekly ones default to Monday). */
  day: number;
  hour: number;
  minute: number;
}

export const DEFAULT_SUBSCRIPTION_DEFAULTS: SubscriptionDefaults = {
  timezone: 'UTC',
  posts: DEFAULT_DIGEST_POSTS,
  day: 1,
  hour: 9,
  minute: 0,
};

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const scope = z.object({ platform: z.enum(PLATFORM_NAMES), workspaceId: id });
const channelScope = scope.extend({ channelId: id, creatorInput: z.string().min(1).max(300) });
const subscribeSchema = channelScope.extend({
  posts: z.number().int().min(MIN_POSTS).max(MAX_POSTS).nullish(),
  cadence: z.enum(['monthly', 'weekly']).nullish(),
  timezone: z.string().max(64).nullish(),
  day: z.number().int().nullish(),
  hour: z.number().int().nullish(),
  minute: z.number().int().nullish(),
  by: z.string().min(1).max(64),
});

export type SubscribeInput = z.input<typeof subscribeSchema>;
export type UnsubscribeInput = z.input<typeof channelScope> & { by: string };
export type PreviewInput = z.input<typeof channelScope> & { posts?: number | null };

/** What a person sees of a subscription: running, paused by someone, or disabled by the bot. */
export type SubscriptionState = 'active' | 'paused' | 'disabled';

export function stateOf(s: Pick<Subscription, 'status' | 'pausedAt'>): SubscriptionState {
  if (s.status !== 'active') return 'disabled';
  return s.pausedAt === null ? 'active' : 'paused';
}

/** A change to announce in the target channel. */
export interface SubscriptionChange {
  action: 'subscribed' | 'updated' | 'unsubscribed' | 'paused' | 'resumed';
  subscription: Subscription;
  /** Chat user id of whoever made the change. */
  by: string;
  /** ISO time of the next digest; null after unsubscribing or pausing, and while disabled. */
  nextRunAt: string | null;
}

export interface SubscriptionListing {
  subscription: Subscription;
  /** 'monthly on day 1 at 09:00 (UTC)'. */
  schedule: string;
  state: SubscriptionState;
  /** Null for a paused or disabled subscription. */
  nextRunAt: string | null;
  /** Newest first, at most 3. */
  lastRuns: DigestRun[];
}

/** `/quadrants digest @creator`: the digest as it would look now; nothing is stored. */
export interface DigestPreview {
  report: QuadrantReport;
  /** Against the channel's last posted digest for this creator, when there is one. */
  drift: Drift | null;
  subscription: Subscription | null;
  timezone: string;
  nextRunAt: string | null;
}

export interface SubscriptionService {
  subscribe(input: SubscribeInput): Promise<SubscriptionChange>;
  unsubscribe(input: UnsubscribeInput): Promise<SubscriptionChange>;
  /** Pauses (skips its periods) or resumes (from the next period on) a channel's subscription. */
  setPaused(input: UnsubscribeInput, paused: boolean): Promise<SubscriptionChange>;
  /**
   * A subscribe whose channel the bot cannot post in (`reason`, as a digest failure there would
   * record it): nobody could receive it. A new subscription is removed again; one that existed is
   * kept but disabled with `reason`, so the list says why and subscribing again turns it back on.
   */
  unreachable(change: SubscriptionChange, reason: string): Promise<'removed' | 'disabled'>;
  /** A channel's subscription to a creator, or one sentence saying there is none. */
  find(input: z.input<typeof channelScope>): Promise<Subscription>;
  list(input: { platform: Platform; workspaceId: string }): Promise<SubscriptionListing[]>;
  preview(input: PreviewInput): Promise<DigestPreview>;
  /** Watches (template alerts between digests) on the same store; absent where none are kept. */
  watches?: WatchService;
}

export interface SubscriptionServiceOptions {
  store: Store;
  service: Pick<QuadrantsService, 'resolveCreator' | 'reportFor'>;
  defaults?: Partial<SubscriptionDefaults>;
  now?: () => Date;
}

export function createSubscriptionService(options: SubscriptionServiceOptions): SubscriptionService {
  const { store, service } = options;
  const defaults = { ...DEFAULT_SUBSCRIPTION_DEFAULTS, ...options.defaults };
  const now = options.now ?? (() => new Date());

  async function inChannel(input: z.output<typeof channelScope>): Promise<Subscription | null> {
    const ref = creatorRef(input.creatorInput);
    if (ref === null) return null;
    const subs = await store.listSubscriptions({ platform: input.platform, workspaceId: input.workspaceId });
    return subs.find((s) => s.channelId === input.channelId && matchesCreator(s, ref)) ?? null;
  }

  function upcoming(s: Subscription, at: Date): string | null {
    // One unreadable schedule must not hide every other subscription.
    return stateOf(s) === 'active' ? (nextRunAtOrNull(s, at)?.toISOString() ?? null) : null;
  }

  /** The channel's subscription the input names, or one sentence. */
  async function existingIn(input: z.output<typeof channelScope>): Promise<Subscription> {
    await assertOwnChannel(input.platform, input.workspaceId, input.channelId);
    const existing = await inChannel(input);
    if (existing) return existing;
    throw refuse('no such subscription', 'This channel has no digest for that creator; run `/quadrants subscriptions` to see what it gets.');
  }

  async function assertOwnChannel(platform: Platform, workspaceId: string, channelId: string): Promise<void> {
    const owner = await store.channelWorkspace(platform, channelId);
    if (owner !== null && owner !== workspaceId) {
      throw refuse('channel belongs to another workspace', 'That channel belongs to another workspace or server; pick a channel from this one.');
    }
  }

  return {
    watches: createWatchService({ store, service, now }),

    async subscribe(raw) {
      const input = parse(subscribeSchema, raw);
      await assertOwnChannel(input.platform, input.workspaceId, input.channelId);
      const existing = await inChannel(input);
      const cadence: Cadence = input.cadence ?? existing?.cadence ?? 'monthly';
      const schedule = {
        cadence,
        day: input.day ?? (existing?.cadence === cadence ? existing.day : cadence === 'monthly' ? defaults.day : 1),
        hour: input.hour ?? existing?.hour ?? defaults.hour,
        minute: input.minute ?? existing?.minute ?? defaults.minute,
        timezone: input.timezone ?? existing?.timezone ?? defaults.timezone,
      };
      schedule.timezone = validateSchedule(schedule);
      // Resolved once, here: the digest fetches by the numeric id from then on.
      const creator = existing
        ? { username: existing.creatorUsername, userid: existing.creatorUserid }
        : await service.resolveCreator(input.creatorInput);
      if (!/^\d{1,25}$/.test(creator.userid)) {
        throw new QuadrantsError('CREATOR_NOT_FOUND', 'resolved creator has no numeric id');
      }
      const at = now();
      const { subscription, created } = await store.saveSubscription(
        {
          platform: input.platform,
          workspaceId: input.workspaceId,
          channelId: input.channelId,
          creatorUsername: creator.username.replace(/^@+/, '').slice(0, 64),
          creatorUserid: creator.userid,
          posts: input.posts ?? existing?.posts ?? defaults.posts,
          ...schedule,
          createdBy: input.by,
        },
        at,
      );
      return {
        action: created ? 'subscribed' : 'updated',
        subscription,
        by: input.by,
        nextRunAt: stateOf(subscription) === 'paused' ? null : nextRunAt(subscription, at).toISOString(),
      };
    },

    async unsubscribe(raw) {
      const existing = await existingIn(parse(channelScope, raw));
      await store.deleteSubscription(existing);
      return { action: 'unsubscribed', subscription: existing, by: raw.by, nextRunAt: null };
    },

    async setPaused(raw, paused) {
      const by = parse(z.string().min(1).max(64), raw.by);
      const existing = await existingIn(parse(channelScope, raw));
      const at = now();
      const subscription = (await store.setPaused(existing.id, paused ? { by } : null, at)) ?? existing;
      return { action: paused ? 'paused' : 'resumed', subscription, by, nextRunAt: upcoming(subscription, at) };
    },

    async unreachable(change, reason) {
      const s = change.subscription;
      if (change.action === 'subscribed') {
        await store.deleteSubscription(s);
        return 'removed';
      }
      await store.disableSubscription(s.id, reason.slice(0, 200), now());
      return 'disabled';
    },

    async find(raw) {
      return existingIn(parse(channelScope, raw));
    },

    async list(raw) {
      const input = parse(scope, raw);
      const at = now();
      const subs = await store.listSubscriptions({ platform: input.platform, workspaceId: input.workspaceId });
      return Promise.all(
        subs.map(async (subscription) => ({
          subscription,
          schedule: describeSchedule(subscription),
          state: stateOf(subscription),
          nextRunAt: upcoming(subscription, at),
          lastRuns: await store.recentRuns(subscription.id, 3),
        })),
      );
    },

    async preview(raw) {
      const input = parse(channelScope, raw);
      await assertOwnChannel(input.platform, input.workspaceId, input.channelId);
      const existing = await inChannel(input);
      const creator = existing
        ? { username: existing.creatorUsername, userid: existing.creatorUserid }
        : await service.resolveCreator(input.creatorInput);
      const posts = parse(z.number().int().min(MIN_POSTS).max(MAX_POSTS), raw.posts ?? existing?.posts ?? defaults.posts);
      const report = await service.reportFor(creator, posts);
      const previous = existing ? await store.previousSummary(existing.id, '') : null;
      return {
        report,
        drift: previous ? computeDrift(previous, report) : null,
        subscription: existing,
        timezone: existing?.timezone ?? defaults.timezone,
        nextRunAt: existing ? upcoming(existing, now()) : null,
      };
    },
  };
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const field = String(result.error.issues[0]?.path[0] ?? '');
    throw new QuadrantsError('BAD_INPUT', `invalid digest request field: ${field}`, {
      userMessage:
        field === 'posts' || field === ''
          ? `A digest covers between ${MIN_POSTS} and ${MAX_POSTS} posts; pick a number in that range.`
          : 'That digest command did not look right; try `/quadrants help` for the usage.',
    });
  }
  return result.data;
}

function refuse(detail: string, userMessage: string): QuadrantsError {
  return new QuadrantsError('BAD_INPUT', detail, { userMessage });
}
