import { announcementCard } from '../../src/chat/cards/subscriptions';
import { plain } from '../../src/chat/inline';
import { createSubscriptionService } from '../../src/digest/subscriptions';
import { QuadrantsError } from '../../src/errors';
import type { Store } from '../../src/store/types';
import { createDigestService } from '../fakes/digest-service';
import { NOVEMBER } from './fixtures';
import { removeDir, storeIn, tempDir } from './helpers';

let dir: string;
let store: Store;
const now = () => new Date('2026-11-20T12:00:00Z');
const service = () => createDigestService({ creators: [{ username: 'alice', userid: '1001', posts: NOVEMBER }, { username: 'bob', userid: '1002', posts: NOVEMBER }] });

beforeEach(() => {
  dir = tempDir();
  store = storeIn(dir);
});
afterEach(async () => {
  await store.close();
  removeDir(dir);
});

const slackT1 = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C1' };

/** The announcement posted in the channel, as plain text. */
const announced = (change: Parameters<typeof announcementCard>[0]) => plain(announcementCard(change).summary);

async function rejection(p: Promise<unknown>): Promise<QuadrantsError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof QuadrantsError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

test('subscribe resolves the creator once, stores its id and says when the first digest comes', async () => {
  const svc = service();
  const subs = createSubscriptionService({ store, service: svc, defaults: { timezone: 'Europe/Berlin' }, now });
  const change = await subs.subscribe({ ...slackT1, creatorInput: '@alice', by: 'U9' });
  expect(change.action).toBe('subscribed');
  expect(change.subscription).toMatchObject({ creatorUserid: '1001', creatorUsername: 'alice', posts: 30, cadence: 'monthly', day: 1, hour: 9, timezone: 'Europe/Berlin' });
  expect(change.nextRunAt).toBe('2026-12-01T08:00:00.000Z');
  expect(svc.resolveCalls).toBe(1);
  expect(announced(change)).toBe(
    '@U9 subscribed this channel to a digest for @alice (last 30 posts, monthly on day 1 at 09:00); the next one arrives Tue 1 Dec 2026, 09:00 Europe/Berlin.',
  );
});

test('subscribing again updates the subscription instead of doubling it, without another lookup', async () => {
  const svc = service();
  const subs = createSubscriptionService({ store, service: svc, now });
  await subs.subscribe({ ...slackT1, creatorInput: 'alice', by: 'U9' });
  const again = await subs.subscribe({ ...slackT1, creatorInput: 'https://www.tiktok.com/@Alice', posts: 20, cadence: 'weekly', timezone: 'America/New_York', by: 'U8' });
  expect(again.action).toBe('updated');
  expect(again.subscription).toMatchObject({ posts: 20, cadence: 'weekly', day: 1, timezone: 'America/New_York', createdBy: 'U8' });
  expect(svc.resolveCalls).toBe(1);
  expect(await store.listSubscriptions()).toHaveLength(1);
  expect(announced(again)).toMatch(/^@U\w+ updated this channel's subscription to a digest for @alice \(last 20 posts, weekly on Mondays at 09:00/);
});

test('a creator that does not exist is refused at subscribe time with its reason', async () => {
  const subs = createSubscriptionService({ store, service: service(), now });
  const err = await rejection(subs.subscribe({ ...slackT1, creatorInput: '@nobody', by: 'U9' }));
  expect(err.code).toBe('CREATOR_NOT_FOUND');
  expect(err.userMessage).toMatch(/not found/);
  expect(await store.listSubscriptions()).toHaveLength(0);
});

test('bad time zones, post counts and ids are refused with one sentence', async () => {
  const subs = createSubscriptionService({ store, service: service(), now });
  expect((await rejection(subs.subscribe({ ...slackT1, creatorInput: 'alice', timezone: 'Mars/Base', by: 'U9' }))).userMessage).toMatch(/IANA/);
  expect((await rejection(subs.subscribe({ ...slackT1, creatorInput: 'alice', posts: 500, by: 'U9' }))).userMessage).toMatch(/between 5 and 35 posts/);
  expect((await rejection(subs.subscribe({ ...slackT1, channelId: 'C1> <!here', creatorInput: 'alice', by: 'U9' }))).code).toBe('BAD_INPUT');
});

test('a channel known to belong to another workspace cannot be subscribed or unsubscribed from here', async () => {
  const subs = createSubscriptionService({ store, service: service(), now });
  await subs.subscribe({ ...slackT1, creatorInput: 'alice', by: 'U9' });
  const cross = { platform: 'slack' as const, workspaceId: 'T2', channelId: 'C1' };
  expect((await rejection(subs.subscribe({ ...cross, creatorInput: 'bob', by: 'X1' }))).userMessage).toMatch(/another workspace/);
  expect((await rejection(subs.unsubscribe({ ...cross, creatorInput: 'alice', by: 'X1' }))).userMessage).toMatch(/another workspace/);
  // Another guild on Discord with the same channel id is a different platform: unaffected.
  await subs.subscribe({ platform: 'discord', workspaceId: 'G1', channelId: 'C1', creatorInput: 'alice', by: 'D1' });
  expect(await store.listSubscriptions({ platform: 'slack', workspaceId: 'T1' })).toHaveLength(1);
  expect(await subs.list({ platform: 'slack', workspaceId: 'T2' })).toEqual([]);
});

test('unsubscribe matches what was typed without spending a lookup, and only in this channel', async () => {
  const svc = service();
  const subs = createSubscriptionService({ store, service: svc, now });
  await subs.subscribe({ ...slackT1, creatorInput: 'alice', by: 'U9' });
  await subs.subscribe({ ...slackT1, channelId: 'C2', creatorInput: 'alice', by: 'U9' });
  expect((await rejection(subs.unsubscribe({ ...slackT1, channelId: 'C3', creatorInput: 'alice', by: 'U9' }))).userMessage).toMatch(/no digest for that creator/);
  const gone = await subs.unsubscribe({ ...slackT1, creatorInput: '@ALICE', by: 'U7' });
  expect(gone.action).toBe('unsubscribed');
  expect(announced(gone)).toBe("@U7 stopped this channel's digest for @alice; no more digests for that creator will arrive here.");
  expect((await store.listSubscriptions()).map((s) => s.channelId)).toEqual(['C2']);
  expect(svc.resolveCalls).toBe(2);
});

test('list shows disabled subscriptions with their reason and last runs', async () => {
  const subs = createSubscriptionService({ store, service: service(), now });
  const { subscription } = await subs.subscribe({ ...slackT1, creatorInput: 'alice', by: 'U9' });
  await store.claimRun({ subscriptionId: subscription.id, period: '2026-12', owner: 'o', at: now(), leaseMs: 1000, maxAttempts: 3 });
  await store.disableSubscription(subscription.id, 'the bot is no longer in this channel', now());
  const [listing] = await subs.list({ platform: 'slack', workspaceId: 'T1' });
  expect(listing).toMatchObject({
    subscription: { status: 'disabled', disabledReason: 'the bot is no longer in this channel' },
    schedule: 'monthly on day 1 at 09:00 (UTC)',
    nextRunAt: null,
  });
  expect(listing?.lastRuns.map((r) => r.period)).toEqual(['2026-12']);
  // Subscribing again re-enables it.
  const back = await subs.subscribe({ ...slackT1, creatorInput: 'alice', by: 'U9' });
  expect(back.subscription).toMatchObject({ status: 'active', disabledReason: null });
});

test('preview computes the digest now without storing anything', async () => {
  const svc = service();
  const subs = createSubscriptionService({ store, service: svc, now });
  const preview = await subs.preview({ ...slackT1, creatorInput: 'bob' });
  expect(preview.report.creator.userid).toBe('1002');
  expect(preview).toMatchObject({ drift: null, subscription: null, timezone: 'UTC', nextRunAt: null });
  expect(await store.listSubscriptions()).toHaveLength(0);
});

test('pause and resume keep the subscription; the list and the answers say which state it is in', async () => {
  const subs = createSubscriptionService({ store, service: service(), now });
  await subs.subscribe({ ...slackT1, creatorInput: 'alice', cadence: 'weekly', day: 5, hour: 8, minute: 30, timezone: 'America/New_York', by: 'U9' });
  const paused = await subs.setPaused({ ...slackT1, creatorInput: '1001', by: 'U7' }, true);
  expect(paused).toMatchObject({ action: 'paused', nextRunAt: null, subscription: { pausedBy: 'U7', cadence: 'weekly', day: 5 } });
  expect(announced(paused)).toBe("@U7 paused this channel's digest for @alice; none will arrive until someone resumes it.");
  const [listing] = await subs.list({ platform: 'slack', workspaceId: 'T1' });
  expect(listing).toMatchObject({ state: 'paused', nextRunAt: null });
  // Editing a paused subscription keeps it paused, and says so.
  const edited = await subs.subscribe({ ...slackT1, creatorInput: '@alice', posts: 20, by: 'U7' });
  expect(edited).toMatchObject({ action: 'updated', nextRunAt: null, subscription: { posts: 20 } });
  expect(edited.subscription.pausedAt).not.toBeNull();
  const resumed = await subs.setPaused({ ...slackT1, creatorInput: 'alice', by: 'U8' }, false);
  // Resumed on Friday 20 November at 07:00 in New York: the next run is that morning at 08:30.
  expect(resumed).toMatchObject({ action: 'resumed', nextRunAt: '2026-11-20T13:30:00.000Z', subscription: { pausedAt: null, activeSince: '2026-11-20T12:00:00.000Z' } });
  expect(announced(resumed)).toBe("@U8 resumed this channel's digest for @alice; the next one arrives Fri 20 Nov 2026, 08:30 America/New_York.");
  expect((await rejection(subs.setPaused({ ...slackT1, channelId: 'C3', creatorInput: 'alice', by: 'U9' }, true))).userMessage).toMatch(/no digest for that creator/);
});
