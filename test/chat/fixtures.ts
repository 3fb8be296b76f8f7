/**
 * Replies built by the real engine and the real card builders from synthetic posts (no I/O), for
 * render tests and the surface contract suite.
 */
import { compareReply, placementReply, reportReply } from '../../src/chat/actions/results';
import { digestReply } from '../../src/chat/actions/digest';
import type { Reply } from '../../src/chat/card';
import { errorCard } from '../../src/chat/pipeline';
import { COMMAND_NAMES, helpFor } from '../../src/chat/commands';
import { trendCard } from '../../src/chat/cards/trend';
import { alertCard } from '../../src/chat/cards/alert';
import { watchAnnouncementCard, watchAnswerCard } from '../../src/chat/cards/watches';
import { buildTrend } from '../../src/trend/trend';
import { snapshot } from '../store/contract-snapshots';
import { privateReply } from '../../src/chat/card';
import { SURFACES, type Surface } from '../../src/chat/surfaces';
import { budgetSpentCard, usageCard } from '../../src/chat/cards/budget';
import type { BudgetStatus } from '../../src/budget/budget';
import { computeDrift } from '../../src/digest/drift';
import { QuadrantsError } from '../../src/errors';
import { buildCompare } from '../../src/quadrants/compare';
import { placePost } from '../../src/quadrants/placement';
import type { ChartTools } from '../../src/chat/chart-delivery';
import type { DigestRun, Subscription } from '../../src/store/types';
import { subscriptionListCard } from '../../src/chat/cards/subscription-list';
import { describeSchedule } from '../../src/digest/format';
import type { SubscriptionListing } from '../../src/digest/subscriptions';
import { creatorPosts, post, sampleReport } from '../discord/fixtures';

/** Titles that try every trick: mentions, links, markup, bidi overrides, line breaks. */
export const HOSTILE = '<!channel> <@U123> <@123> @everyone <https://evil.example|click> **bold** *b* _i_ ~s~ `c` \u202Eevil\u202C\nnext <#C9>';

/** Charts that go by link, as with a public QuickChart. */
const service: ChartTools = {
  charts: { url: () => 'https://quickchart.example/chart?c=sample', png: async () => Buffer.from('png') },
  chartDelivery: (url) => (url ? 'url' : 'upload'),
};

/** December 2026 of a workspace with a 500-credit budget. */
export function budgetStatus(spent: number): BudgetStatus {
  return { limit: 500, spent, remaining: Math.max(0, 500 - spent), month: '2026-12', resetsAt: new Date('2027-01-01T00:00:00Z') };
}

export function subscription(platform: 'slack' | 'discord' = 'slack'): Subscription {
  return {
    id: 7,
    platform,
    workspaceId: platform === 'slack' ? 'T0001' : '100000000000000001',
    channelId: platform === 'slack' ? 'C0001' : '100000000000000002',
    creatorUsername: 'mossy.kitchen',
    creatorUserid: '6812345678901234567',
    posts: 12,
    cadence: 'monthly',
    day: 1,
    hour: 9,
    minute: 0,
    timezone: 'Europe/Berlin',
    createdBy: 'U1',
    createdAt: '2026-10-01T00:00:00.000Z',
    updatedAt: '2026-10-01T00:00:00.000Z',
    activeSince: '2026-10-01T00:00:00.000Z',
    status: 'active',
    disabledReason: null,
    pausedAt: null,
    pausedBy: null,
  };
}

/** One reply of every kind a user can receive, for the given surface. */
export function sampleReplies(surface: Surface, options: { hostile?: boolean; posts?: number } = {}): Record<string, Reply> {
  const title = (p: ReturnType<typeof post>, i: number) => (options.hostile ? { ...p, title: `${HOSTILE} ${i}` } : p);
  const report = sampleReport(options.posts ?? 12, title);
  const other = sampleReport(options.posts ?? 12, (p, i) => title({ ...p, shares: (p.shares ?? 0) + i * 3 }, i));
  other.creator = { username: 'rowan.lifts', userid: '6812345678901234568' };
  const compare = buildCompare(
    [
      { ...creatorPosts(options.posts ?? 12, title), creator: report.creator },
      { ...creatorPosts(options.posts ?? 12, title), creator: other.creator },
    ],
    options.posts ?? 12,
  );
  compare.chartUrl = 'https://quickchart.example/chart?c=compare';
  const placement = placePost(title(post(40, { views: 50_000, shares: 900, saves: 2_000, downloads: 800 }), 40), report, { credits: 1, fetchedAt: report.fetchedAt, demo: false });
  placement.chartUrl = 'https://quickchart.example/chart?c=post';
  const drift = computeDrift(
    { period: '2026-10', shareMedian: 0.01, saveMedian: 0.02, downloadMedian: null, counts: { 'viral-evergreen': 1, 'niche-reference': 2, 'viral-disposable': 3, dead: 4 }, templateIds: [], deadShare: true, deadFraction: 0.4 } as never,
    report,
  );
  const sub = subscription(surface === 'discord' ? 'discord' : 'slack');
  return {
    report: reportReply(report, service, surface),
    compare: compareReply(compare, service, surface),
    placement: placementReply(placement, service, surface),
    digest: digestReply({ subscription: sub, period: '2026-11', report, drift, noNewPosts: false, idempotencyKey: 'qd-7-2026-11', nextRunAt: '2026-12-01T08:00:00.000Z', timezone: 'Europe/Berlin' }, { tools: service }),
    quiet: digestReply({ subscription: sub, period: '2026-11', report: null, drift: null, noNewPosts: true, idempotencyKey: 'qd-7-2026-11', nextRunAt: '2026-12-01T08:00:00.000Z', timezone: 'Europe/Berlin' }),
    help: privateReply(helpFor(surface)),
    trend: { visibility: 'public', card: trendCard(buildTrend(options.hostile ? 'x_*y*_' : 'mossy.kitchen', [snapshot('2026-10-20T09:00:00Z'), snapshot('2026-12-02T09:00:00Z', { medianShareRate: null })], new Date('2026-12-20T00:00:00Z')), surface), thread: [] },
    'trend, none kept': { visibility: 'public', card: trendCard(buildTrend('new.face', [], new Date('2026-12-20T00:00:00Z')), surface), thread: [] },
    // One command's help: every command of the table, so each surface shows all of their words.
    ...Object.fromEntries(COMMAND_NAMES.map((n) => [`help ${n}`, privateReply(helpFor(surface, n))])),
    budgetSpent: privateReply(budgetSpentCard(budgetStatus(500), SURFACES[surface].place)),
    usage: privateReply(usageCard(budgetStatus(137), SURFACES[surface].place)),
    error: { ...privateReply(errorCard(new QuadrantsError('CREATOR_NOT_FOUND', 'x'))), thread: [helpFor(surface)] },
    alert: { visibility: 'public', card: alertCard({ creator: report.creator, post: { ...(report.posts[0] as (typeof report.posts)[number]), id: '7431702316448781625', downloadRate: 0.0074, downloads: 2_008 }, medianDownloadRate: 0.0011, window: report.posts.length }), thread: [] },
    watched: privateReply(watchAnswerCard({ action: 'watched', watch: sampleWatch(sub), by: surface === 'discord' ? '100000000000000009' : 'U1' }, false, SURFACES[surface].inviteHint)),
    'watch announced': privateReply(watchAnnouncementCard({ action: 'watched', watch: sampleWatch(sub), by: surface === 'discord' ? '100000000000000009' : 'U1' })),
    subscriptions: privateReply(subscriptionListCard(sampleListings(sub, options.hostile === true), { page: 0, size: SURFACES[surface].listPageSize, workspaceId: sub.workspaceId, place: SURFACES[surface].place === 'server' ? 'server' : 'workspace', offerNew: SURFACES[surface].formChannelPicker }, sampleWatches(sub))),
  };
}

/** A watch in the subscription's channel on its creator. */
function sampleWatch(sub: Subscription) {
  return { ...sub, id: 3, checkedDay: null, checkedAt: null, lastError: null };
}

/** The running subscription's channel watches its creator; another channel watches a creator it has no digest for. */
export function sampleWatches(sub: Subscription) {
  const other = sub.platform === 'discord' ? '100000000000000003' : 'C0002';
  return [sampleWatch(sub), { ...sampleWatch(sub), id: 4, channelId: other, creatorUsername: 'new.face', creatorUserid: '6812345678901234570' }];
}

/** A running, a paused and a disabled subscription, the last with a platform error as its reason. */
export function sampleListings(sub: Subscription, hostile = false): SubscriptionListing[] {
  const reason = hostile ? HOSTILE : 'channel_not_found: the channel was deleted';
  const run = (state: DigestRun['state'], lastError: string | null): DigestRun => ({
    subscriptionId: sub.id, period: '2026-11', state, attempts: 1, lastError, claimedBy: null, claimedUntil: null, nextAttemptAt: null,
    messageRef: null, postedAt: state === 'posted' ? '2026-11-01T08:00:05.000Z' : null, createdAt: '2026-11-01T08:00:00.000Z', updatedAt: '2026-11-01T08:00:05.000Z',
  });
  const paused = { ...sub, id: 8, creatorUsername: 'rowan.lifts', creatorUserid: '6812345678901234568', pausedAt: '2026-11-20T10:00:00.000Z', pausedBy: sub.platform === 'discord' ? '100000000000000009' : 'U2' };
  const disabled = { ...sub, id: 9, creatorUsername: 'sofa.standup', creatorUserid: '6812345678901234569', status: 'disabled' as const, disabledReason: reason };
  return [
    { subscription: sub, schedule: describeSchedule(sub), state: 'active', nextRunAt: '2026-12-01T08:00:00.000Z', lastRuns: [run('posted', null)] },
    { subscription: paused, schedule: describeSchedule(paused), state: 'paused', nextRunAt: null, lastRuns: [] },
    { subscription: disabled, schedule: describeSchedule(disabled), state: 'disabled', nextRunAt: null, lastRuns: [run('abandoned', reason)] },
  ];
}
