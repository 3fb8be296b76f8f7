/**
 * subscribe, unsubscribe, subscriptions and digest (a preview): the digest feature from chat.
 * Changes are announced in the target channel; the requester gets a private answer. A subscribe
 * whose announcement the platform refuses for lack of access is not kept as if it worked.
 */
import { keepSnapshots } from './trend';
import type { ScheduleChoice } from '../../digest/schedule-args';
import type { SubscriptionService } from '../../digest/subscriptions';
import { QuadrantsError } from '../../errors';
import { isPlatform } from '../../platforms';
import type { Reply } from '../card';
import { privateReply } from '../card';
import { breakdownCard, breakdownThreadName } from '../cards/breakdown';
import { digestCard, previewFooter } from '../cards/digest';
import { announcementCard, changeAnswerCard, unreachableCard } from '../cards/subscriptions';
import { subscriptionListCard } from '../cards/subscription-list';
import { SURFACES } from '../surfaces';
import type { RunContext } from '../types';
import { reportCharts } from './results';

/** The subscription service, or one sentence when digests are not set up here. */
export function subscriptionsOf(ctx: RunContext): SubscriptionService {
  if (ctx.subscriptions) return ctx.subscriptions;
  throw new QuadrantsError('CONFIG', 'digests are not wired in', {
    userMessage: 'Digests are not enabled on this bot; ask whoever runs it to turn them on.',
  });
}

/** The actor's workspace on a chat platform; one sentence on the command line. */
export function scopeOf(ctx: RunContext) {
  const platform = ctx.actor.surface;
  if (!isPlatform(platform)) throw new QuadrantsError('BAD_INPUT', 'subscriptions from the CLI', { userMessage: 'Digests belong to a chat channel; run this command in Slack or Discord.' });
  return { platform, workspaceId: ctx.actor.workspaceId };
}

export interface ChangeInput {
  creator: string;
  channel: string | null;
  posts: number | null;
  /** subscribe only: the parts of the schedule the user gave. */
  schedule?: ScheduleChoice;
}

export async function changeSubscription(kind: 'subscribe' | 'unsubscribe' | 'pause' | 'resume', input: ChangeInput, ctx: RunContext): Promise<Reply> {
  const subs = subscriptionsOf(ctx);
  const channelId = await ctx.channels.resolve(input.channel);
  const base = { ...scopeOf(ctx), channelId, creatorInput: input.creator, by: ctx.actor.userId };
  const change =
    kind === 'subscribe'
      ? await subs.subscribe({ ...base, posts: input.posts, ...input.schedule })
      : kind === 'unsubscribe'
        ? await subs.unsubscribe(base)
        : await subs.setPaused(base, kind === 'pause');
  const announced = await ctx.channels.post(channelId, announcementCard(change));
  const surface = SURFACES[ctx.actor.surface];
  // A subscription nobody can receive is not kept as if it worked: the bot cannot post there.
  if (kind === 'subscribe' && !announced.posted && announced.noAccess !== null) {
    return privateReply(unreachableCard(change, await subs.unreachable(change, announced.noAccess), surface.grantAccess));
  }
  return privateReply(changeAnswerCard(change, announced.posted, surface.inviteHint));
}

/** The list of the workspace's digests, and whether each channel watches its creator, as the store has them now. */
export async function listSubscriptions(page: number, ctx: RunContext): Promise<Reply> {
  const subs = subscriptionsOf(ctx);
  const scope = scopeOf(ctx);
  const [listings, watches] = await Promise.all([subs.list(scope), subs.watches ? subs.watches.list(scope) : null]);
  const surface = SURFACES[ctx.actor.surface];
  const listPage = {
    page,
    size: surface.listPageSize,
    workspaceId: ctx.actor.workspaceId,
    place: surface.place === 'server' ? ('server' as const) : ('workspace' as const),
    offerNew: surface.formChannelPicker,
  };
  return privateReply(subscriptionListCard(listings, listPage, watches));
}

export async function previewDigest(input: { creator: string }, ctx: RunContext): Promise<Reply> {
  const p = await subscriptionsOf(ctx).preview({ ...scopeOf(ctx), channelId: ctx.actor.channelId, creatorInput: input.creator });
  // A preview is a report like any other: it leaves its snapshot for trend.
  await keepSnapshots(ctx, [p.report]);
  const threads = p.report.posts.length > 0;
  const report = p.report;
  const charts = reportCharts(report, ctx.service, ctx.actor.surface, p.drift, p.subscription?.cadence);
  return {
    visibility: 'public',
    card: digestCard({ report, drift: p.drift, footer: previewFooter(p.timezone, p.nextRunAt), breakdown: threads ? ctx.actor.surface : null, charts }),
    thread: threads ? [breakdownCard(report)] : [],
    threadName: breakdownThreadName(report),
  };
}
